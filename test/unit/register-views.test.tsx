/**
 * Proves the pages of the scope register and of moved due dates render as whole, script-free
 * documents with every control labelled and unique ids, everything people typed escaped: the
 * manager's sections (each request's state, the rule's proposal, the decision or override with
 * its reason, the cost, the client's answer or "awaiting the client"; the forms, and a failed
 * post's errors beside its fields), the client's decision page (one button per answer it
 * allows, none once answered), the page of a moved due date, and the client's own register on
 * their status page, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { engagementSchema, type Locale } from '../../functions/domain/engagement.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { kickoffAnswerSchema } from '../../functions/domain/kickoff.js';
import { milestoneStatuses } from '../../functions/domain/milestones.js';
import { registerProps } from '../../functions/http/register-routes.js';
import { EngagementPage } from '../../functions/http/views/manager-pages.js';
import { DeadlineShiftPage, ScopeDecisionPage } from '../../functions/http/views/notice-pages.js';
import { StatusPage } from '../../functions/http/views/status-page.js';
import { validExpectations } from '../support/fixtures.js';

const LOCALES: Locale[] = ['en', 'ru'];
const SCRIPT = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const render = (node: unknown): string => String(node);

const engagement = engagementSchema.parse({
  id: 'acme-relaunch-01', title: 'Relaunch', client: { name: 'Anna', email: 'anna@example.com' },
  manager: { id: 'boris', email: 'boris@agency.example', name: 'Boris' }, locale: 'ru',
  milestones: [{ id: 'm1', title: 'Design', due: '2030-04-30' }, { id: 'm2', title: 'Launch', due: '2030-06-30' }],
  kickoff: { reminderEverySeconds: 3600, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
  status: 'expectations-agreed', expectationsVersion: 1, createdAt: '2030-03-01T09:00:00Z',
});
const expectations = validExpectations();
const answer = kickoffAnswerSchema.parse({ engagementId: engagement.id, version: 1, round: 0, contactEmail: 'anna@example.com', submittedAt: '2030-03-02T10:00:00Z', expectations });

let n = 0;
const event = (at: string, fields: Record<string, unknown>): EngagementEvent => {
  n += 1;
  return engagementEventSchema.parse({ id: `e${n}`, engagementId: engagement.id, at, ...fields });
};
const events: EngagementEvent[] = [
  event('2030-03-10T09:00:00Z', { type: 'scope-request-recorded', scopeRequestId: 'r1', summary: `Banner ${SCRIPT}`, effortHours: 2, askedBy: 'Anna' }),
  event('2030-03-10T10:00:00Z', { type: 'scope-decision-recorded', scopeRequestId: 'r1', decision: 'extra-pay', proposed: 'bonus', overrideReason: `Big banner ${SCRIPT}`, price: '€400' }),
  event('2030-03-10T10:00:01Z', { type: 'scope-decision-announced', scopeRequestId: 'r1', asBonus: false }),
  event('2030-03-11T09:00:00Z', { type: 'scope-request-recorded', scopeRequestId: 'r2', summary: 'Blog section', effortHours: 16, askedBy: 'Anna' }),
  event('2030-03-12T09:00:00Z', { type: 'deadline-shifted', milestoneId: 'm1', previousDue: '2030-04-30', newDue: '2030-05-14', reason: `Photos late ${SCRIPT}`, shiftId: 's1' }),
  event('2030-03-12T09:00:01Z', { type: 'email-sent', purpose: 'deadline-shift-notice', recipient: 'client', to: 'anna@example.com', messageId: 'm1', kind: 'regular', channel: 'email', ref: 's1' }),
];
const NOW = new Date('2030-03-20T10:00:00Z');

function expectSafeLabelledDocument(html: string, locale: Locale): void {
  expect(html.startsWith(`<!DOCTYPE html><html lang="${locale}">`)).toBe(true);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toContain(SCRIPT);
  expect(html).not.toMatch(/\sstyle="/);
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  for (const control of [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0]).filter((c) => !c.includes('type="hidden"'))) {
    const id = /\sid="([^"]+)"/.exec(control)?.[1];
    expect(html, `label for ${id}`).toContain(`<label for="${id}"`);
  }
}

const managerPage = (form?: Parameters<typeof EngagementPage>[0]['form']) => render(
  <EngagementPage
    engagement={engagement}
    latestAnswer={answer}
    versions={1}
    events={events}
    clientNotes={[]}
    milestoneStatuses={milestoneStatuses(engagement, events)}
    deliveryAction="/d"
    touchpointAction="/t"
    register={registerProps(engagement, events, expectations, NOW)}
    form={form}
  />,
);

describe('the manager\'s register and moves', () => {
  it('shows each request with its state, the rule\'s proposal, the override and its reason, the cost, and awaits the client', () => {
    const html = managerPage();
    expectSafeLabelledDocument(html, 'en');
    expect(html).toContain(`<h3>Banner ${ESCAPED}</h3>`);
    expect(html).toContain('<span class="badge overdue">Awaiting the client</span>');
    expect(html).toContain('The rule proposes: a bonus');
    expect(html).toContain('Overrides the rule, which proposed a bonus. The reason:');
    expect(html).toContain(`Big banner ${ESCAPED}`);
    expect(html).toContain('Cost to the client: extra pay of €400.');
    expect(html).toContain('No answer within the client’s window');
    expect(html).toContain('Print design');
  });

  it('offers a decision form, with the rule\'s proposal preselected, only for the undecided request', () => {
    const html = managerPage();
    expect(html).toContain('action="/manager/engagements/acme-relaunch-01/scope-requests/r2/decision"');
    expect(html).not.toContain('/scope-requests/r1/decision');
    expect(html).toMatch(/<option value="client-chooses" selected="">The client chooses<\/option>/);
    expect(html).toContain('action="/manager/engagements/acme-relaunch-01/scope-requests"');
    expect(html).toContain('action="/manager/engagements/acme-relaunch-01/deadline-shifts"');
  });

  it('shows a move with its notice and whether the client acknowledged it, escaped', () => {
    const html = managerPage();
    expect(html).toContain(`Photos late ${ESCAPED}`);
    expect(html).toContain('<span class="badge overdue">Not acknowledged: awaiting the client</span>');
    expect(html).toContain('49\u00a0days before the old due date');
  });

  it('puts a failed decision\'s errors beside its fields, in that request\'s form', () => {
    const html = managerPage({ values: { scopeRequestId: 'r2', decision: 'bonus' }, errors: [{ field: 'overrideReason', message: 'required to override the rule' }], which: 'scope-decision' });
    expect(html).toContain('id="f-decide-r2--overrideReason" name="overrideReason" rows="3" aria-invalid="true"');
    expect(html).toContain('Write why you decide other than the rule proposes.');
    expect(html).toMatch(/<details open="">\s*<summary>Decide on “Blog section”/);
  });

  it('puts a failed move\'s errors beside its fields', () => {
    const html = managerPage({ values: { milestoneId: 'm1', newDue: '2030-01-01', reason: 'x' }, errors: [{ field: 'newDue', message: 'must be after today' }], which: 'deadline-shift' });
    expect(html).toMatch(/id="f-deadline-shift--newDue" name="newDue" value="2030-01-01"[^>]*aria-invalid="true"/);
    expect(html).toContain('The new date must be after today, in the client’s time zone.');
  });
});

describe('the client\'s decision page', () => {
  const props = {
    engagementTitle: 'Relaunch', summary: `Blog ${SCRIPT}`, askedAt: '2030-03-11T09:00:00Z', decisionLabel: 'You choose',
    paragraphs: ['We estimate it at 16 hours of work.'], cost: 'either extra pay of €400, or “Design” moves',
    answers: ['extra-pay', 'later-date', 'withdrawn'] as const, timeZone: 'Europe/Berlin',
    action: '/c/x.sig?lang=en', noteAction: '/c/x.sig/note?lang=en', langSwitch: { en: '/c/x.sig?lang=en', ru: '/c/x.sig?lang=ru' },
  };

  it.each(LOCALES)('%s: one button per answer the decision allows, each a one-click post, the request escaped', (locale) => {
    const html = render(<ScopeDecisionPage {...props} answers={[...props.answers]} locale={locale} />);
    expectSafeLabelledDocument(html, locale);
    expect(html).toContain(`Blog ${ESCAPED}`);
    expect(html).toContain('<form method="post" action="/c/x.sig?lang=en" novalidate="">');
    expect([...html.matchAll(/<button type="submit" name="answer" value="([a-z-]+)">/g)].map((m) => m[1])).toEqual(['extra-pay', 'later-date', 'withdrawn']);
    expect(html).toContain(locale === 'en' ? 'I accept the extra cost' : 'Принимаю доплату');
  });

  it('offers no buttons once answered, and says when and how', () => {
    const html = render(<ScopeDecisionPage {...props} answers={[...props.answers]} locale="en" answered={{ answer: 'withdrawn', at: '2030-03-12T09:00:00Z' }} />);
    expect(html).not.toContain('name="answer"');
    expect(html).toContain('you withdrew the request. Nothing more is needed.');
    expect(html).toContain('action="/c/x.sig/note?lang=en"');
  });
});

describe('the page of a moved due date', () => {
  const props = {
    engagementTitle: 'Relaunch', milestoneTitle: 'Design', previousDue: '2030-04-30', newDue: '2030-05-14', reason: `Photos late ${SCRIPT}`,
    toldAt: '2030-04-28T09:00:00Z', timeZone: 'Europe/Berlin', action: '/c/s.sig?lang=en', noteAction: '/c/s.sig/note?lang=en',
    langSwitch: { en: '/c/s.sig?lang=en', ru: '/c/s.sig?lang=ru' },
  };

  it.each(LOCALES)('%s: the old and new date, the reason escaped, a sorry when late, and one button', (locale) => {
    const html = render(<DeadlineShiftPage {...props} locale={locale} lateAgainstNoticeDays={5} />);
    expectSafeLabelledDocument(html, locale);
    expect(html).toContain(`Photos late ${ESCAPED}`);
    expect(html).toContain(locale === 'en' ? 'May 14, 2030' : '14 мая 2030');
    expect(html).toContain(locale === 'en' ? 'We are sorry' : 'Простите');
    expect([...html.matchAll(/<button type="submit"/g)]).toHaveLength(1);
  });

  it('offers no button once acknowledged', () => {
    const html = render(<DeadlineShiftPage {...props} locale="en" acknowledgedAt="2030-04-29T09:00:00Z" />);
    expect(html).not.toContain('I acknowledge the new date</button>');
    expect(html).toContain('You acknowledged it on');
  });
});

describe('the client\'s own register on their status page', () => {
  const page = (locale: Locale) => render(
    <StatusPage
      locale={locale}
      engagementTitle="Relaunch"
      managerName="Boris"
      milestones={[]}
      nextUpdate={undefined}
      expectations={expectations}
      timeZone="Europe/Berlin"
      langSwitch={{ en: '/c/s?lang=en', ru: '/c/s?lang=ru' }}
      noteAction="/c/s/note"
      questionAction="/c/s/questions"
      questions={[]}
      register={{
        requests: [
          { summary: `Banner ${SCRIPT}`, askedAt: '2030-03-10T09:00:00Z', decided: { decision: 'Extra pay', cost: 'extra pay of €400', answerLink: '/c/answer.sig' } },
          { summary: 'Blog section', askedAt: '2030-03-11T09:00:00Z' },
        ],
        shifts: [{ milestoneTitle: 'Design', previousDue: '2030-04-30', newDue: '2030-05-14', reason: `Photos late ${SCRIPT}`, toldAt: '2030-03-12T09:00:00Z', chosenByClient: false, acknowledgeLink: '/c/shift.sig' }],
      }}
    />,
  );

  it.each(LOCALES)('%s: what they asked, what was decided and costs them, a link to answer; moved dates with a link to acknowledge', (locale) => {
    const html = page(locale);
    expectSafeLabelledDocument(html, locale);
    expect(html).toContain(`Banner ${ESCAPED}`);
    expect(html).toContain(`Photos late ${ESCAPED}`);
    expect(html).toContain('extra pay of €400');
    expect(html).toContain('href="/c/answer.sig"');
    expect(html).toContain('href="/c/shift.sig"');
    expect(html).toContain(locale === 'en' ? 'Our decision follows shortly' : 'Решение скоро будет');
  });
});
