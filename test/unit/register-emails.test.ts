/**
 * Proves the emails of the scope register and of moved due dates, in both languages: a one-line
 * subject, HTML that escapes whatever a person typed (the request, the reason of a move, an
 * override's reason), the link the reader needs in the text; and the words that matter: a bonus
 * says it is a bonus and not the new normal, a decline quotes the client's own rule (or the
 * manager's reason when the rule did not call for it), a choice names the price and both dates,
 * a late notice says sorry, and the manager hears what the client chose or did not answer.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../functions/domain/engagement.js';
import type { ScopeDecision } from '../../functions/domain/events.js';
import { renderEmail, type EmailMessage } from '../../functions/emails/render-email.js';
import type { ScopeDecisionFacts } from '../../functions/i18n.js';

const LOCALES: Locale[] = ['en', 'ru'];
const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const LINK = 'https://app.example.com/c/scope123.sig';
const STATUS_LINK = 'https://app.example.com/c/status123.sig';
const ENGAGEMENT_URL = 'https://app.example.com/manager/engagements/acme-0001';

const facts = (decision: ScopeDecision, change: Partial<ScopeDecisionFacts> = {}): ScopeDecisionFacts => ({
  decision, byRule: true, reason: decision === 'bonus' ? 'within-bonus' : 'larger', effortHours: decision === 'bonus' ? 2 : 12,
  rule: { bonusUpToHours: 4, largerRequests: decision === 'bonus' ? 'client-chooses' : decision === 'decline' ? 'decline' : decision, alwaysDeclined: 'Print design' },
  ...(decision === 'extra-pay' || decision === 'client-chooses' ? { price: '€400' } : {}),
  ...(decision === 'deadline-shift' || decision === 'client-chooses' ? { shift: { milestoneTitle: 'Design', from: '2030-04-30', to: '2030-05-14' } } : {}),
  ...change,
});

const announcement = (f: ScopeDecisionFacts, extra: Partial<Extract<EmailMessage, { type: 'scope-decision' }>> = {}): EmailMessage => ({
  type: 'scope-decision', reminder: false, clientName: 'Maria', managerName: 'Alice', engagementTitle: 'Relaunch',
  summary: `A second banner ${SCRIPT}`, askedAt: '2030-04-10T08:00:00Z', facts: f, link: LINK, answerBy: '2030-04-15T08:00:00Z',
  timeZone: 'Europe/Berlin', statusLink: STATUS_LINK, ...extra,
});

describe('the announcement of a decision', () => {
  describe.each(LOCALES)('in %s', (locale) => {
    it.each(['bonus', 'decline', 'extra-pay', 'deadline-shift', 'client-chooses'] as const)('of %s: one-line subject, escaped request, the link and the status link', (decision) => {
      const email = renderEmail(announcement(facts(decision)), locale);
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.html).toContain(ESCAPED);
      expect(email.html).not.toContain(SCRIPT);
      expect(email.html).toContain(`<html lang="${locale}"`);
      expect(email.text).toContain(`A second banner ${SCRIPT}`);
      expect(email.text).toContain(LINK);
      expect(email.text).toContain(STATUS_LINK);
    });
  });

  it.each([
    ['en', /included as a bonus/, 'not the new normal', 'up to 4\u00a0hours'],
    ['ru', /бонуса/, 'не новая норма', 'максимум 4\u00a0часа'],
  ] as const)('says plainly that a bonus is a bonus, not the new normal (%s)', (locale, subject, notNormal, rule) => {
    const email = renderEmail(announcement(facts('bonus')), locale);
    expect(email.subject).toMatch(subject);
    expect(email.text).toContain(notNormal);
    expect(email.text).toContain(rule);
  });

  it('says a bonus granted against the rule is a one-off, without claiming the rule allowed it', () => {
    const { text } = renderEmail(announcement(facts('bonus', { byRule: false, reason: 'larger', effortHours: 10, overrideReason: 'Goodwill' })), 'en');
    expect(text).toContain('not the new normal');
    expect(text).not.toContain('You told us at kickoff');
    expect(text).not.toContain('Goodwill');
  });

  it.each([
    ['a kind the client always declines', facts('decline', { reason: 'declined-kind' }), 'always decline: “Print design”'],
    ['a larger request the rule declines', facts('decline'), '“Decline. Stick to the contract and say no.”'],
    ['the manager\'s reason, when the rule did not call for it', facts('decline', { byRule: false, reason: 'within-bonus', overrideReason: `Not our craft ${SCRIPT}` }), `Why: Not our craft ${SCRIPT}`],
  ])('says why a decline: %s', (_, f, why) => {
    const email = renderEmail(announcement(f), 'en');
    expect(email.text).toContain('We will not take this on.');
    expect(email.text).toContain(why);
    expect(email.html).not.toContain(SCRIPT);
  });

  it.each(LOCALES)('names the price and both dates when the client chooses (%s)', (locale) => {
    const { text } = renderEmail(announcement(facts('client-chooses')), locale);
    expect(text).toContain('€400');
    expect(text).toContain(locale === 'en' ? 'April 30, 2030' : '30 апреля 2030');
    expect(text).toContain(locale === 'en' ? 'May 14, 2030' : '14 мая 2030');
  });

  it.each([['en', /^Reminder: /], ['ru', /^Напоминание: /]] as const)('is a reminder the second time (%s)', (locale, subject) => {
    expect(renderEmail(announcement(facts('extra-pay'), { reminder: true }), locale).subject).toMatch(subject);
  });
});

describe('the notice of a moved due date', () => {
  const notice = (late?: number): EmailMessage => ({
    type: 'deadline-shift-notice', reminder: false, clientName: 'Maria', managerName: 'Alice', engagementTitle: 'Relaunch', milestoneTitle: 'Design',
    previousDue: '2030-04-30', newDue: '2030-05-14', reason: `The photos arrive late ${SCRIPT}`, link: LINK, answerBy: '2030-04-30T08:00:00Z',
    timeZone: 'Europe/Berlin', statusLink: STATUS_LINK, ...(late === undefined ? {} : { lateAgainstNoticeDays: late }),
  });

  it.each(LOCALES)('gives the old and the new date and the reason, escaped, with the link to acknowledge it (%s)', (locale) => {
    const email = renderEmail(notice(), locale);
    expect(email.subject).toContain(locale === 'en' ? 'May 14, 2030' : '14 мая 2030');
    expect(email.text).toContain(locale === 'en' ? 'from April 30, 2030 to May 14, 2030' : 'новый срок — 14 мая 2030 г. (прежний — 30 апреля 2030 г.)');
    expect(email.text).toContain(`The photos arrive late ${SCRIPT}`);
    expect(email.html).toContain(ESCAPED);
    expect(email.html).not.toContain(SCRIPT);
    expect(email.text).toContain(LINK);
  });

  it('says sorry only when it comes later than the notice the client asked for', () => {
    expect(renderEmail(notice(5), 'en').text).toMatch(/sorry to tell you later than the 5\s+days of notice/);
    expect(renderEmail(notice(), 'en').text).not.toContain('sorry');
    expect(renderEmail(notice(5), 'ru').text).toMatch(/Простите.*5\s+дней/);
  });
});

describe('what the manager hears', () => {
  const answer = (choice: Extract<EmailMessage, { type: 'scope-answer' }>['choice']): EmailMessage => ({
    type: 'scope-answer', managerName: 'Alice', clientName: 'Maria', engagementTitle: 'Relaunch', summary: `Blog ${SCRIPT}`, choice, engagementUrl: ENGAGEMENT_URL,
  });

  it.each([
    ['extra pay', { answer: 'extra-pay', price: '€400' } as const, /accepted the extra cost/, 'They accept the extra cost: €400. You can go ahead.'],
    ['the later date', { answer: 'later-date', milestoneTitle: 'Design', from: '2030-04-30', to: '2030-05-14', moved: true } as const, /chose the later date/, 'moved from April 30, 2030 to May 14, 2030'],
    ['a later date that no longer applies', { answer: 'later-date', milestoneTitle: 'Design', from: '2030-04-30', to: '2030-05-14', moved: false } as const, /chose the later date/, 'its date stays as it is'],
    ['a withdrawal', { answer: 'withdrawn' } as const, /withdrew the request/, 'nothing changes in the plan'],
  ])('the client chose %s', (_, choice, subject, says) => {
    const email = renderEmail(answer(choice), 'en');
    expect(email.subject).toMatch(subject);
    expect(email.text).toContain(says);
    expect(email.html).not.toContain(SCRIPT);
    expect(email.text).toContain(ENGAGEMENT_URL);
    expect(renderEmail(answer(choice), 'ru').text).toContain('Открыть проект');
  });

  it.each([
    ['scope-unanswered', undefined, /No answer yet from Maria on a request beyond the contract/, 'The request:'],
    ['shift-unacknowledged', 'Design', /Not acknowledged: the new due date of “Design”/, 'The reason you gave:'],
  ] as const)('an alert: %s', (alert, milestoneTitle, subject, quoteIntro) => {
    const message: EmailMessage = {
      type: 'manager-alert', managerName: 'Alice', clientName: 'Maria', engagementTitle: 'Relaunch', alert,
      ...(milestoneTitle ? { milestoneTitle } : {}), text: `Banner ${SCRIPT}`, engagementUrl: ENGAGEMENT_URL,
    };
    const email = renderEmail(message, 'en');
    expect(email.subject).toMatch(subject);
    expect(email.text).toContain(quoteIntro);
    expect(email.html).not.toContain(SCRIPT);
    expect(renderEmail(message, 'ru').subject).toMatch(/Нет ответа клиента|Не подтверждён новый срок/);
  });
});
