/**
 * Proves that every email, in both languages, has a one-line subject, HTML that escapes
 * whatever a person typed, a plain-text body with the link the reader needs, and correct
 * wording: all five dimensions in "what we heard", Russian plural forms, times with a zone,
 * one answer link per confirmation request, and manager emails that say what to do: answer a
 * client's question by when they expect it, and contact a client now about an incident; and
 * that the close-out report mentions a survey only when there is one to answer.
 * (The status update's composition has its own file, `status-update.test.ts`.)
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../functions/domain/engagement.js';
import { CHANNELS, expectationsSchema, type Expectations } from '../../functions/domain/expectations.js';
import { renderEmail, type EmailMessage } from '../../functions/emails/render-email.js';
import { describeExpectations } from '../../functions/i18n.js';

const LOCALES: Locale[] = ['en', 'ru'];
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const HOSTILE_INPUTS = [SCRIPT, IMG];
// A header line break in a name must never reach the subject.
const hostile = (what: string, input: string) => `${what}\r\nBcc: evil@example.com ${input}`;

type Draft = {
  process: Record<string, unknown> & { workingHours: Record<string, unknown> };
  pace: Record<string, unknown>;
  channels: Record<string, unknown>;
  outcome: Record<string, unknown>;
  scope: Record<string, unknown>;
};

function expectations(change: (draft: Draft) => void = () => {}): Expectations {
  const draft: Draft = {
    process: {
      involvement: 'informed',
      milestoneApprovalRequired: true,
      workingHours: { start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'Europe/Berlin' },
      decisionMaker: 'Anna Petrova, head of marketing',
    },
    pace: { updateCadenceDays: 7, maxSilenceDays: 10, responseTimeHours: 24, slipNoticeDays: 3, dueDateToleranceDays: 2 },
    channels: { regular: 'meeting', informational: 'email', emergency: 'phone' },
    outcome: { businessResult: 'More qualified leads', successSignal: '30 demo requests a month', confirmationWindowDays: 5 },
    scope: { bonusUpToHours: 4, largerRequests: 'client-chooses', alwaysDeclined: 'Weekend work' },
  };
  change(draft);
  return expectationsSchema.parse(draft);
}

const LINK = 'https://app.example.com/c/abc123.sig?lang=en&from=email';
const STATUS_LINK = 'https://app.example.com/c/status123.sig';
const ENGAGEMENT_URL = 'https://app.example.com/manager/engagements/acme-0001';

/** One message of each type, with a hostile string in every field a person typed. */
function messagesWith(input: string): Array<{ message: EmailMessage; link: string }> {
  const clientName = hostile('Anna', input);
  const managerName = hostile('Boris', input);
  const engagementTitle = hostile('Website relaunch', input);
  return [
    {
      message: { type: 'kickoff-invite', clientName, managerName, engagementTitle, link: LINK, expiresAt: '2030-03-12T15:00:00Z', statusLink: STATUS_LINK },
      link: LINK,
    },
    {
      message: {
        type: 'kickoff-reminder', clientName, managerName, engagementTitle, link: LINK, expiresAt: '2030-03-12T15:00:00Z', reminderNumber: 2, statusLink: STATUS_LINK,
      },
      link: LINK,
    },
    {
      message: {
        type: 'kickoff-escalation', managerName, clientName, clientEmail: `anna@example.com${input}`, engagementTitle,
        remindersSent: 2, invitedAt: '2030-03-01T09:00:00Z', engagementUrl: 'https://app.example.com/manager/engagements/acme-0001',
      },
      link: 'https://app.example.com/manager/engagements/acme-0001',
    },
    {
      message: {
        type: 'what-we-heard', clientName, managerName, engagementTitle, version: 1, correctionLink: LINK,
        correctionDeadline: '2030-03-12T15:00:00Z', statusLink: STATUS_LINK,
        expectations: expectations((d) => {
          d.process.decisionMaker = input;
          d.outcome.businessResult = `${input}\nand a second line`;
          d.outcome.successSignal = input;
          d.scope.alwaysDeclined = input;
        }),
      },
      link: LINK,
    },
    {
      message: {
        type: 'workflow-stalled', workflow: 'engagement', managerName, engagementTitle, error: input,
        engagementUrl: 'https://app.example.com/manager/engagements/acme-0001',
      },
      link: 'https://app.example.com/manager/engagements/acme-0001',
    },
    {
      message: {
        type: 'client-note', managerName, clientName, engagementTitle, text: `${input}\nsecond line`, page: input,
        engagementUrl: 'https://app.example.com/manager/engagements/acme-0001',
      },
      link: 'https://app.example.com/manager/engagements/acme-0001',
    },
    {
      message: {
        type: 'status-update', clientName, managerName, engagementTitle,
        done: [{ title: hostile('Design', input), at: '2030-03-03T10:00:00Z', what: 'delivered' }, { title: input, at: '2030-03-04T10:00:00Z', what: 'confirmed' }],
        now: { title: hostile('Launch', input), due: '2030-04-01' },
        waitingForYou: [{ title: hostile('Design', input), deliveredAt: '2030-03-03T10:00:00Z' }],
        nextUpdateBy: '2030-03-12T15:00:00Z', nextUpdateChannel: 'phone', statusLink: LINK, timeZone: 'Europe/Berlin',
      },
      link: LINK,
    },
    {
      message: {
        type: 'confirmation-request', clientName, managerName, engagementTitle, milestoneTitle: hostile('Design', input),
        deliverySummary: `${input}\nsecond line`, link: LINK, windowEndsAt: '2030-03-08T09:00:00Z', timeZone: 'Europe/Berlin',
        statusLink: STATUS_LINK,
      },
      link: LINK,
    },
    {
      message: {
        type: 'confirmation-follow-up', clientName, managerName, engagementTitle, milestoneTitle: hostile('Design', input),
        deliverySummary: input, link: LINK, windowEndsAt: '2030-03-08T09:00:00Z', timeZone: 'Europe/Berlin', followUpNumber: 1,
        statusLink: STATUS_LINK,
      },
      link: LINK,
    },
    {
      message: {
        type: 'manager-task', managerName, clientName, engagementTitle, channel: 'phone', dueAt: '2030-03-12T15:00:00Z',
        engagementUrl: ENGAGEMENT_URL,
      },
      link: ENGAGEMENT_URL,
    },
    ...(['unconfirmed', 'not-received', 'not-what-i-needed', 'bounced'] as const).map((alert) => ({
      message: {
        type: 'manager-alert', managerName, clientName, engagementTitle, alert, milestoneTitle: hostile('Design', input),
        text: `${input}\nsecond line`, engagementUrl: ENGAGEMENT_URL,
      } satisfies EmailMessage,
      link: ENGAGEMENT_URL,
    })),
    {
      message: {
        type: 'checkpoint-note', managerName, engagementTitle, milestoneTitle: hostile('Design', input), due: '2030-04-01',
        result: { delivered: true, onTime: false, slipAnnounced: false, cadenceKept: false, confirmed: false }, engagementUrl: ENGAGEMENT_URL,
      },
      link: ENGAGEMENT_URL,
    },
    {
      message: {
        type: 'client-question', managerName, clientName, engagementTitle, text: `${input}\nsecond line`,
        askedAt: '2030-03-12T15:00:00Z', respondBy: '2030-03-13T15:00:00Z', engagementUrl: ENGAGEMENT_URL,
      },
      link: ENGAGEMENT_URL,
    },
    {
      message: {
        type: 'question-answer', clientName, managerName, engagementTitle, question: `${input}\nsecond line`,
        answer: `${input}\nthird line`, statusLink: LINK,
      },
      link: LINK,
    },
    {
      message: { type: 'incident', clientName, managerName, engagementTitle, summary: `${input}\nsecond line`, statusLink: LINK },
      link: LINK,
    },
    ...CHANNELS.map((channel) => ({
      message: {
        type: 'incident-task', managerName, clientName, engagementTitle, channel, summary: `${input}\nsecond line`,
        engagementUrl: ENGAGEMENT_URL,
      } satisfies EmailMessage,
      link: ENGAGEMENT_URL,
    })),
    // The final report with the survey link, and without it (the client was surveyed recently).
    ...[LINK, undefined].map((surveyLink) => ({
      message: {
        type: 'close-out-report', clientName, managerName, engagementTitle, timeZone: 'Europe/Berlin', statusLink: STATUS_LINK,
        ...(surveyLink ? { surveyLink } : {}),
        expectations: expectations((d) => {
          d.outcome.businessResult = `${input}\nand a second line`;
          d.outcome.successSignal = input;
        }),
        milestones: [
          { title: hostile('Design', input), due: '2030-04-01', deliveredAt: '2030-03-30T10:00:00Z', confirmedAt: '2030-03-31T10:00:00Z' },
          { title: input, due: '2030-05-01' },
        ],
      } satisfies EmailMessage,
      link: surveyLink ?? STATUS_LINK,
    })),
    ...[true, false].map((surveySent) => ({
      message: {
        type: 'close-out-summary', managerName, clientName, engagementTitle, surveySent, engagementUrl: ENGAGEMENT_URL,
        milestones: [{ title: hostile('Design', input), due: '2030-04-01', deliveredAt: '2030-03-30T10:00:00Z' }],
        checkpoints: [{ milestoneTitle: input, result: { delivered: true, onTime: false, slipAnnounced: null, cadenceKept: true, confirmed: false } }],
      } satisfies EmailMessage,
      link: ENGAGEMENT_URL,
    })),
    {
      message: {
        type: 'pre-drift-digest', managerName, timeZone: 'Europe/Berlin',
        engagements: [{
          title: engagementTitle, clientName, reportUrl: `${ENGAGEMENT_URL}/drift`,
          due: [{ kind: 'delivery-due', subject: input, deadline: '2030-04-03T21:59:00Z' }, { kind: 'response-due', subject: hostile('When?', input), deadline: '2030-04-04T08:00:00Z' }],
        }],
      } satisfies EmailMessage,
      link: `${ENGAGEMENT_URL}/drift`,
    },
  ];
}

const label = (message: EmailMessage): string => {
  if (message.type === 'manager-alert') return `manager-alert/${message.alert}`;
  if (message.type === 'incident-task') return `incident-task/${message.channel}`;
  if (message.type === 'close-out-report') return `close-out-report/${message.surveyLink ? 'survey' : 'no-survey'}`;
  if (message.type === 'close-out-summary') return `close-out-summary/${message.surveySent ? 'survey-sent' : 'no-survey'}`;
  return message.type;
};

const cases = HOSTILE_INPUTS.flatMap((input) =>
  LOCALES.flatMap((locale) => messagesWith(input).map(({ message, link }) => ({ type: label(message), locale, input, message, link }))));

describe('renderEmail', () => {
  it.each(cases)('$type ($locale) has a single-line, non-empty subject', ({ message, locale }) => {
    const { subject } = renderEmail(message, locale);

    expect(subject.trim()).not.toBe('');
    expect(subject).not.toMatch(/[\r\n\u2028\u2029]/);
    expect(subject).toBe(subject.trim());
  });

  it.each(cases)('$type ($locale) escapes hostile input in its HTML', ({ message, locale, input }) => {
    const { html } = renderEmail(message, locale);

    expect(html).not.toContain('<script');
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain(input);
    expect(html).toContain(input === SCRIPT ? '&lt;script&gt;alert(1)&lt;/script&gt;' : '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
  });

  it.each(cases)('$type ($locale) is a whole HTML document in the right language, with the link escaped', ({ message, locale, link }) => {
    const { html } = renderEmail(message, locale);

    expect(html.startsWith('<!DOCTYPE html><html lang="' + locale + '">')).toBe(true);
    expect(html).toContain(`href="${link.replace(/&/g, '&amp;')}"`);
  });

  it.each(cases)('$type ($locale) has a plain-text body with the link', ({ message, locale, link }) => {
    const { text } = renderEmail(message, locale);

    expect(text).toContain(link);
    expect(text).not.toMatch(/<\/?(p|a|div|strong|ul|li)\b/);
  });
});

describe('kickoff invite and reminder', () => {
  it.each([
    ['en', /about 5 minutes/, /personal to you/, /valid until March 12, 2030 at 3:00\sPM UTC/],
    ['ru', /около 5 минут/, /персональная/, /действует до 12 марта 2030\sг\. в 15:00 UTC/],
  ] as const)('%s: says why, how long, that the link is personal and until when', (locale, duration, personal, until) => {
    const { message } = messagesWith('x')[0]!;

    const { text } = renderEmail(message, locale);

    expect(text).toMatch(duration);
    expect(text).toMatch(personal);
    expect(text).toMatch(until);
  });

  it('a second reminder reads differently from the first', () => {
    const reminder = messagesWith('x')[1]!.message as Extract<EmailMessage, { type: 'kickoff-reminder' }>;

    const first = renderEmail({ ...reminder, reminderNumber: 1 }, 'en').text;
    const second = renderEmail({ ...reminder, reminderNumber: 2 }, 'en').text;

    expect(first).toContain('A gentle reminder');
    expect(second).toContain('Another gentle reminder');
  });
});

describe('what we heard', () => {
  const base = {
    type: 'what-we-heard', clientName: 'Anna', managerName: 'Boris', engagementTitle: 'Relaunch', version: 1,
    correctionLink: LINK, correctionDeadline: '2030-03-12T15:00:00Z', statusLink: STATUS_LINK,
  } as const;

  it.each(LOCALES)('%s: lists all five dimensions with every item, and how to correct them', (locale) => {
    const e = expectations();

    const { html, text } = renderEmail({ ...base, expectations: e }, locale);

    for (const section of describeExpectations(e, locale)) {
      expect(html).toContain(section.title);
      expect(text).toContain(section.title.toUpperCase());
      for (const item of section.items) expect(text).toContain(`${item.label}: ${item.value}`);
    }
    expect(text).toContain(LINK);
  });

  it('shows the correction deadline in the client’s own time zone', () => {
    const e = expectations((d) => { d.process.workingHours.timeZone = 'Europe/Moscow'; });

    const { text } = renderEmail({ ...base, expectations: e }, 'ru');

    expect(text).toMatch(/действует до 12 марта 2030\sг\. в 18:00 GMT\+3/);
  });

  it('says "every 7 days, never more than 10 days of silence" in English', () => {
    const { text } = renderEmail({ ...base, expectations: expectations() }, 'en');

    expect(text).toMatch(/Status news: every 7\sdays, never more than 10\sdays of silence/);
  });

  it('uses Russian plural forms for each count', () => {
    const e = expectations((d) => {
      d.pace = { updateCadenceDays: 2, maxSilenceDays: 5, responseTimeHours: 21, slipNoticeDays: 1, dueDateToleranceDays: 3 };
      d.outcome.confirmationWindowDays = 11;
      d.scope.bonusUpToHours = 1.5;
    });

    const { text } = renderEmail({ ...base, expectations: e }, 'ru');

    expect(text).toMatch(/раз в 2\sдня; без новостей — максимум 5\sдней/);
    expect(text).toMatch(/не позже чем через 21\sчас$/m);
    expect(text).toMatch(/минимум за 1\sдень/);
    expect(text).toMatch(/максимум 3\sдня/);
    expect(text).toMatch(/Срок на подтверждение сдачи: 11\sдней/);
    expect(text).toMatch(/максимум 1,5\sчаса/);
  });

  it('marks an updated summary in its subject', () => {
    const first = renderEmail({ ...base, expectations: expectations() }, 'en');
    const updated = renderEmail({ ...base, version: 2, expectations: expectations() }, 'en');

    expect(first.subject).toBe('What we heard: “Relaunch”');
    expect(updated.subject).toBe('What we heard (updated): “Relaunch”');
  });
});

describe('escalation', () => {
  it.each([
    ['en', 0, /We invited them on .+\.$/m],
    ['en', 1, /and sent 1\sreminder since/],
    ['en', 3, /and sent 3\sreminders since/],
    ['ru', 1, /после него — 1\sнапоминание/],
    ['ru', 2, /после него — 2\sнапоминания/],
    ['ru', 5, /после него — 5\sнапоминаний/],
  ] as const)('%s with %i reminders says so in plain words', (locale, remindersSent, expected) => {
    const message = messagesWith('x')[2]!.message as Extract<EmailMessage, { type: 'kickoff-escalation' }>;

    const { text } = renderEmail({ ...message, remindersSent }, locale);

    expect(text).toMatch(expected);
  });
});

describe('client note', () => {
  it('quotes the note line by line in the text body and names the page in words', () => {
    const { text } = renderEmail({
      type: 'client-note', managerName: 'Boris', clientName: 'Anna', engagementTitle: 'Relaunch',
      text: 'first line\nsecond line', page: 'kickoff', engagementUrl: 'https://app.example.com/manager/engagements/acme-0001',
    }, 'en');

    expect(text).toContain('Anna left this note on the kickoff form:');
    expect(text).toContain('> first line\n> second line');
  });

  it.each([
    ['confirmation', 'en', 'Anna left this note while answering about a delivery:'],
    ['status', 'en', 'Anna left this note on their status page:'],
    ['confirmation', 'ru', 'Сообщение от Anna, оставленное при ответе о сданном результате:'],
    ['status', 'ru', 'Сообщение от Anna, оставленное на странице «Как идут дела»:'],
  ] as const)('names the %s page in words (%s)', (page, locale, intro) => {
    const { text } = renderEmail({ ...plain('client-note'), clientName: 'Anna', page }, locale);

    expect(text).toContain(intro);
  });
});

/** A message of the given type from the fixtures, with plain (non-hostile) words. */
function plain<T extends EmailMessage['type']>(type: T): Extract<EmailMessage, { type: T }> {
  const found = messagesWith('x').find(({ message }) => message.type === type);
  if (!found) throw new Error(`no fixture for ${type}`);
  return found.message as Extract<EmailMessage, { type: T }>;
}

const hrefs = (html: string) => new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]));

describe('confirmation request and follow-up', () => {
  const request = {
    type: 'confirmation-request', clientName: 'Anna', managerName: 'Boris', engagementTitle: 'Relaunch', milestoneTitle: 'Design',
    deliverySummary: 'The Figma file, shared with you\nand the PDF export', link: LINK, windowEndsAt: '2030-03-08T09:00:00Z', timeZone: 'Europe/Moscow',
    statusLink: STATUS_LINK,
  } as const;

  it.each(LOCALES)('%s: offers one link to the page with the three answers, and one to where things stand', (locale) => {
    const { html, text } = renderEmail(request, locale);

    expect([...hrefs(html)]).toEqual([LINK.replace(/&/g, '&amp;'), STATUS_LINK]);
    expect(text.split(LINK).length - 1).toBe(1);
  });

  it.each([
    ['en', 'Did “Design” reach you?', /received and it works, not received, or not what you needed/, /Please answer by March 8, 2030 at 12:00\sPM GMT\+3\./],
    ['ru', 'дошёл ли до вас этап «Design»?', /получен и всё работает, не получен или получен, но это не то, что нужно/, /ответьте до 8 марта 2030\sг\. в 12:00 GMT\+3\./],
  ] as const)('%s: quotes the delivery, names the three answers and the deadline in the client’s zone', (locale, subject, answers, deadline) => {
    const { subject: actual, text } = renderEmail(request, locale);

    expect(actual.toLowerCase()).toContain(subject.toLowerCase());
    expect(text).toContain('> The Figma file, shared with you\n> and the PDF export');
    expect(text).toMatch(answers);
    expect(text).toMatch(deadline);
  });

  it('says why it asks: a milestone is done only when the client confirms it', () => {
    expect(renderEmail(request, 'en').text).toContain('sent is not the same as received');
    expect(renderEmail(request, 'ru').text).toContain('отправить — ещё не значит доставить');
  });

  it('leaves the quote out when nothing was recorded with the delivery', () => {
    const { text, html } = renderEmail({ ...request, deliverySummary: '  ' }, 'en');

    expect(text).not.toMatch(/^>/m);
    expect(html).not.toContain('<blockquote');
  });

  it.each([
    ['en', 1, 'A gentle reminder: we have not heard from you yet about “Design”.', /^Reminder: /],
    ['en', 2, 'Another gentle reminder: we have not heard from you yet about “Design”.', /^Reminder: /],
    ['ru', 1, 'Небольшое напоминание: мы пока не получили вашего ответа по этапу «Design».', /^Напоминание: /],
    ['ru', 2, 'Напоминаем ещё раз: мы пока не получили вашего ответа по этапу «Design».', /^Напоминание: /],
  ] as const)('%s follow-up %i reads as a reminder and keeps the same two links', (locale, followUpNumber, opening, subject) => {
    const { subject: actual, text, html } = renderEmail({ ...request, type: 'confirmation-follow-up', followUpNumber }, locale);

    expect(actual).toMatch(subject);
    expect(text).toContain(opening);
    expect([...hrefs(html)]).toEqual([LINK.replace(/&/g, '&amp;'), STATUS_LINK]);
  });
});

describe('manager task', () => {
  it.each([
    ['en', 'by phone', /Time for an informational update to Anna on “Relaunch” by phone, due March 12, 2030 at 3:00\sPM UTC\./],
    ['ru', 'по телефону', /Пора рассказать клиенту о ходе проекта «Relaunch» по телефону \(клиент: Anna\), срок — 12 марта 2030\sг\. в 15:00 UTC\./],
  ] as const)('%s: names the client, the channel and the due time, and says only a recorded contact counts', (locale, channel, body) => {
    const task = { ...plain('manager-task'), clientName: 'Anna', engagementTitle: 'Relaunch', managerName: 'Boris' };

    const { subject, text } = renderEmail(task, locale);

    expect(subject).toContain(channel);
    expect(text).toMatch(body);
    expect(text).toContain(locale === 'en'
      ? 'Record it on the engagement page when done: only a recorded contact counts.'
      : 'считается только записанный контакт');
  });

  it.each([['chat', 'in a chat or messenger'], ['meeting', 'at a meeting (video or in person)']] as const)('words the %s channel', (channel, words) => {
    expect(renderEmail({ ...plain('manager-task'), channel }, 'en').text).toContain(words);
  });
});

describe('manager alert', () => {
  const alert = (kind: Extract<EmailMessage, { type: 'manager-alert' }>['alert'], change: Partial<Extract<EmailMessage, { type: 'manager-alert' }>> = {}) =>
    ({ ...plain('manager-alert'), clientName: 'Anna', engagementTitle: 'Relaunch', milestoneTitle: 'Design', alert: kind, text: undefined, ...change });

  it.each([
    ['unconfirmed', 'en', 'Not confirmed yet: “Design” (Anna, “Relaunch”)', 'Ask Anna in person'],
    ['not-received', 'en', 'Anna did not receive “Design” (“Relaunch”)', 'deliver it again and record the new delivery'],
    ['not-what-i-needed', 'en', 'Not what Anna needed: “Design” (“Relaunch”)', 'stays open until they confirm a new delivery'],
    ['bounced', 'en', 'An email to Anna did not arrive (“Relaunch”)', 'reach Anna on another channel'],
    ['unconfirmed', 'ru', 'Нет подтверждения: этап «Design» (Anna, проект «Relaunch»)', 'Спросите клиента лично'],
    ['not-received', 'ru', 'Клиент не получил этап «Design»: Anna, проект «Relaunch»', 'сдайте его ещё раз'],
    ['not-what-i-needed', 'ru', 'Не то, что нужно клиенту: этап «Design» (Anna, проект «Relaunch»)', 'пока клиент не подтвердит новую сдачу'],
    ['bounced', 'ru', 'Письмо не дошло до клиента: Anna, проект «Relaunch»', 'свяжитесь с клиентом другим способом'],
  ] as const)('%s (%s) says what happened and what to do', (kind, locale, subject, advice) => {
    const { subject: actual, text } = renderEmail(alert(kind), locale);

    expect(actual).toBe(subject);
    expect(text).toContain(advice);
    expect(text).toContain(ENGAGEMENT_URL);
  });

  it('quotes the client’s own words, line by line, when there are any', () => {
    const { text } = renderEmail(alert('not-what-i-needed', { text: 'The colours are off\nand the logo is missing' }), 'en');

    expect(text).toContain('In their words:\n\n> The colours are off\n> and the logo is missing');
  });

  it('works without a milestone (a bounce of an email about nothing in particular)', () => {
    const { text } = renderEmail(alert('bounced', { milestoneTitle: undefined }), 'en');

    expect(text).toContain('An email to Anna bounced or was marked as spam. Until this is fixed');
  });
});

describe('checkpoint note', () => {
  const note = (result: Extract<EmailMessage, { type: 'checkpoint-note' }>['result']) =>
    ({ ...plain('checkpoint-note'), milestoneTitle: 'Design', engagementTitle: 'Relaunch', result });

  it.each(LOCALES)('%s: an aligned checkpoint says so, and that nothing needs doing', (locale) => {
    const { subject, text } = renderEmail(note({ delivered: true, onTime: true, slipAnnounced: null, cadenceKept: true, confirmed: true }), locale);

    expect(subject).toBe(locale === 'en' ? 'Checkpoint: “Design” is on track (“Relaunch”)' : 'Контрольная точка: этап «Design» идёт по плану (проект «Relaunch»)');
    expect(text).toContain(locale === 'en' ? 'Nothing needs your attention.' : 'Ничего делать не нужно.');
    expect(text).not.toMatch(/Drift|Расхождение/);
  });

  it('lists each point with its verdict, and says where the evidence is', () => {
    const { subject, text } = renderEmail(note({ delivered: true, onTime: false, slipAnnounced: false, cadenceKept: false, confirmed: false }), 'en');

    expect(subject).toBe('Checkpoint: drift on “Design” (“Relaunch”)');
    expect(text).toContain('“Design” was due on April 1, 2030.');
    expect(text).toContain('- Drift: Delivered late, beyond the client’s tolerance.');
    expect(text).toContain('- Drift: The deadline moved without the notice the client asked for.');
    expect(text).toContain('- Drift: The client went without news for longer than they accept.');
    expect(text).toContain('- To watch: The client has not confirmed it yet.');
    expect(text).toContain('The engagement’s timeline shows the events behind each point.');
  });

  it('leaves out the deadline point when the due date never moved, and the confirmation point before a delivery', () => {
    const { text } = renderEmail(note({ delivered: false, onTime: true, slipAnnounced: null, cadenceKept: true, confirmed: false }), 'ru');

    expect(text).toContain('- Под наблюдением: Ещё не сдан, но допустимая для клиента задержка пока не превышена.');
    expect(text).not.toContain('переносе срока');
    expect(text).not.toContain('подтвердил');
  });
});

describe('client question (to the manager)', () => {
  const question = () => ({ ...plain('client-question'), clientName: 'Anna', engagementTitle: 'Relaunch', text: 'When is the launch?\nAnd who tests it?' });

  it.each([
    ['en', /^Question from Anna, answer by March 13, 2030 at 3:00\sPM UTC \(“Relaunch”\)$/, 'Anna asked a question about “Relaunch” on March 12, 2030 at 3:00', /They expect an answer by March 13, 2030 at 3:00\sPM UTC: that is the response time they asked for\./],
    ['ru', /^Вопрос клиента: Anna, проект «Relaunch» — ответить до 13 марта 2030\sг\. в 15:00 UTC$/, 'Клиент (Anna) задал вопрос по проекту «Relaunch» 12 марта 2030', /Клиент ждёт ответа до 13 марта 2030\sг\. в 15:00 UTC: в такой срок он просил отвечать на его вопросы\./],
  ] as const)('%s: quotes the question and says by when the client expects the answer, with the zone named', (locale, subject, intro, expects) => {
    const { subject: actual, text } = renderEmail(question(), locale);

    expect(actual).toMatch(subject);
    expect(text).toContain(intro);
    expect(text).toContain('> When is the launch?\n> And who tests it?');
    expect(text).toMatch(expects);
  });

  it.each(LOCALES)('%s: sends the manager to the engagement page, where the answer is recorded', (locale) => {
    const { html, text } = renderEmail(question(), locale);

    expect([...hrefs(html)]).toEqual([ENGAGEMENT_URL]);
    expect(text).toContain(locale === 'en' ? 'the time of your answer is recorded' : 'время ответа будет записано');
  });
});

describe('question answer (to the client)', () => {
  const answer = () => ({
    ...plain('question-answer'), clientName: 'Anna', managerName: 'Boris', engagementTitle: 'Relaunch',
    question: 'When is the launch?\nAnd who tests it?', answer: 'On May 29.\nOur QA team tests it first.',
  });

  it.each([
    ['en', '“Relaunch”: the answer to your question', 'You asked:', 'Our answer:', 'Best regards,\nBoris'],
    ['ru', 'Проект «Relaunch»: ответ на ваш вопрос', 'Вы спросили:', 'Наш ответ:', 'С уважением,\nBoris'],
  ] as const)('%s: quotes the question and the answer line by line, signed by the manager', (locale, subject, asked, answered, signature) => {
    const { subject: actual, text } = renderEmail(answer(), locale);

    expect(actual).toBe(subject);
    expect(text).toContain(`${asked}\n\n> When is the launch?\n> And who tests it?`);
    expect(text).toContain(`${answered}\n\n> On May 29.\n> Our QA team tests it first.`);
    expect(text).toContain(signature);
  });

  it.each(LOCALES)('%s: offers one personal link, to the status page where another question can be asked', (locale) => {
    const { html, text } = renderEmail(answer(), locale);

    expect([...hrefs(html)]).toEqual([LINK.replace(/&/g, '&amp;')]);
    expect(text).toContain(locale === 'en' ? 'ask another question' : 'задайте ещё один вопрос');
    expect(text).toContain(locale === 'en' ? 'personal to you' : 'Ссылка персональная');
  });
});

describe('incident (to the client)', () => {
  const incident = () => ({ ...plain('incident'), clientName: 'Anna', engagementTitle: 'Relaunch', summary: 'The checkout is down.\nOrders are queued, none are lost.' });

  it.each([
    ['en', 'Urgent: “Relaunch” — what happened, and what we are doing', 'What happened:', 'We are already working on it. You will hear from us again within hours'],
    ['ru', 'Срочно: проект «Relaunch» — что случилось и что мы делаем', 'Что случилось:', 'Мы уже занимаемся этим. В течение нескольких часов мы снова свяжемся с вами'],
  ] as const)('%s: says what happened, that we are on it, and that they hear again within hours', (locale, subject, what, onIt) => {
    const { subject: actual, text } = renderEmail(incident(), locale);

    expect(actual).toBe(subject);
    expect(text).toContain(`${what}\n\n> The checkout is down.\n> Orders are queued, none are lost.`);
    expect(text).toContain(onIt);
    expect(text.indexOf(what)).toBeLessThan(text.indexOf(onIt));
  });

  it.each(LOCALES)('%s: is calm: no capitals shouting, no exclamation marks beyond the greeting', (locale) => {
    const { subject, text } = renderEmail(incident(), locale);
    const body = text.split('\n').slice(1).join('\n');

    expect(`${subject}\n${body}`).not.toMatch(/!|(?<!\p{L})\p{Lu}{4,}(?!\p{L})/u);
  });
});

describe('incident task (to the manager)', () => {
  const task = (channel: (typeof CHANNELS)[number]) =>
    ({ ...plain('incident-task'), clientName: 'Anna', engagementTitle: 'Relaunch', channel, summary: 'The checkout is down.' });

  it.each([
    ['phone', 'en', 'Urgent: call Anna now — incident on “Relaunch”', 'Call Anna now, whatever the hour.', 'Anna chose a phone call for emergencies'],
    ['chat', 'en', 'Urgent: message Anna now in a chat or messenger — incident on “Relaunch”', 'Message Anna now in a chat or messenger, whatever the hour.', 'Anna chose a chat or messenger for emergencies'],
    ['meeting', 'en', 'Urgent: meet Anna now (video or in person) — incident on “Relaunch”', 'Meet Anna now (video or in person), whatever the hour.', 'Anna chose a meeting for emergencies'],
    ['phone', 'ru', 'Срочно позвоните клиенту: Anna, проект «Relaunch» — инцидент', 'Не откладывая, даже в нерабочее время, позвоните клиенту (Anna).', 'клиент выбрал телефонный звонок'],
    ['chat', 'ru', 'Срочно напишите клиенту в чат или мессенджер: Anna, проект «Relaunch» — инцидент', 'напишите клиенту в чат или мессенджер (Anna).', 'клиент выбрал чат или мессенджер'],
    ['meeting', 'ru', 'Срочно встретьтесь с клиентом (по видео или лично): Anna, проект «Relaunch» — инцидент', 'встретьтесь с клиентом (по видео или лично) (Anna).', 'клиент выбрал встречу'],
  ] as const)('%s (%s): contact the client now on their emergency channel, and say why no email goes', (channel, locale, subject, now, why) => {
    const { subject: actual, text } = renderEmail(task(channel), locale);

    expect(actual).toBe(subject);
    expect(text).toContain(now);
    expect(text).toContain(why);
  });

  it.each([
    ['en', 'What you recorded:', 'Then record it on the engagement page as an emergency contact: only a recorded contact counts.'],
    ['ru', 'Что вы записали:', 'Затем запишите контакт на странице проекта как срочную ситуацию: считается только записанный контакт.'],
  ] as const)('%s: quotes the summary and says to record it as an emergency contact', (locale, what, record) => {
    const { html, text } = renderEmail(task('phone'), locale);

    expect(text).toContain(`${what}\n\n> The checkout is down.`);
    expect(text).toContain(record);
    expect([...hrefs(html)]).toEqual([ENGAGEMENT_URL]);
  });

  it('says nothing about "no email" when the channel is email', () => {
    const { text } = renderEmail(task('email'), 'en');

    expect(text).toContain('Email Anna now, whatever the hour.');
    expect(text).not.toContain('no email in its place');
  });
});

describe('close-out report (to the client)', () => {
  const SURVEY_LINK = 'https://app.example.com/c/survey123.sig?lang=en&from=email';
  const report = (surveyLink?: string): EmailMessage => ({
    type: 'close-out-report', clientName: 'Anna', managerName: 'Boris', engagementTitle: 'Relaunch', expectations: expectations(),
    // 22:30 UTC on March 31 is already April 1 in Moscow.
    milestones: [
      { title: 'Design', due: '2030-04-01', deliveredAt: '2030-03-31T22:30:00Z', confirmedAt: '2030-04-02T10:00:00Z' },
      { title: 'Launch', due: '2030-05-29', deliveredAt: '2030-05-28T10:00:00Z' },
      { title: 'Training', due: '2030-06-10' },
    ],
    statusLink: STATUS_LINK, timeZone: 'Europe/Moscow', ...(surveyLink ? { surveyLink } : {}),
  });

  it.each([
    ['en', '“Relaunch”: our final report', '“Relaunch” is complete. Thank you for working with us', [
      '- “Design”, due April 1, 2030: delivered on April 1, 2030, confirmed by you on April 2, 2030.',
      '- “Launch”, due May 29, 2030: delivered on May 28, 2030; we have no confirmation from you.',
      '- “Training”, due June 10, 2030: not delivered.',
    ]],
    ['ru', 'Проект «Relaunch»: итоговый отчёт', 'Проект «Relaunch» завершён. Спасибо, что работали с нами.', [
      '- Этап «Design», срок — 1 апреля 2030 г.: сдан 1 апреля 2030 г., вы подтвердили его 2 апреля 2030 г.',
      '- Этап «Launch», срок — 29 мая 2030 г.: сдан 28 мая 2030 г., подтверждения от вас мы не получили',
      '- Этап «Training», срок — 10 июня 2030 г.: не сдан',
    ]],
  ] as const)('%s: thanks the client and lists each milestone with its delivery and confirmation, on the client’s calendar', (locale, subject, thanks, lines) => {
    const { subject: actual, text } = renderEmail(report(SURVEY_LINK), locale);

    expect(actual).toBe(subject);
    expect(text).toContain(thanks);
    for (const line of lines) expect(text).toContain(line);
    expect(text).toContain(locale === 'en' ? 'Best regards,\nBoris' : 'С уважением,\nBoris');
  });

  it.each(LOCALES)('%s: recalls, in the summary’s own words, the result the client needed and the pace they asked for, and nothing more', (locale) => {
    const { text } = renderEmail(report(), locale);
    const sections = describeExpectations(expectations(), locale);

    for (const section of sections) {
      const shown = section.dimension === 'outcome' || section.dimension === 'pace';
      expect(text.includes(section.title.toUpperCase()), section.dimension).toBe(shown);
      if (shown) for (const item of section.items) expect(text).toContain(`${item.label}: ${item.value}`);
    }
    expect(text.indexOf(locale === 'en' ? 'What you told us at kickoff:' : 'Что вы рассказали нам в анкете'))
      .toBeLessThan(text.indexOf(locale === 'en' ? 'What happened:' : 'Как шла работа:'));
  });

  it.each([
    ['en', 'It takes two minutes and never asks what you have already told us.', 'Answer the survey'],
    ['ru', 'Он займёт две минуты, и в нём нет вопросов, на которые вы уже отвечали.', 'Пройти опрос'],
  ] as const)('%s: with a survey link, asks for two minutes and promises no question already answered', (locale, promise, button) => {
    const { html, text } = renderEmail(report(SURVEY_LINK), locale);

    expect(text).toContain(promise);
    expect(text).toContain(`${button}:\n${SURVEY_LINK}`);
    expect(text).toContain(locale === 'en' ? 'personal to you' : 'Ссылка персональная');
    expect([...hrefs(html)]).toEqual([SURVEY_LINK.replace(/&/g, '&amp;'), STATUS_LINK]);
  });

  it.each([
    ['en', /survey|two minutes/i],
    ['ru', /(?<!\p{L})опрос|две минуты/iu], // not the "опрос" inside "вопросы"
  ] as const)('%s: without a survey link (the client was surveyed recently), says nothing about a survey', (locale, survey) => {
    const { html, text } = renderEmail(report(), locale);

    expect(text).not.toMatch(survey);
    expect(html).not.toMatch(survey);
    expect([...hrefs(html)]).toEqual([STATUS_LINK]);
    expect(text).toContain(`${locale === 'en' ? 'Where things stand, at any time:' : 'Как идут дела — в любой момент:'}\n${STATUS_LINK}`);
  });
});

describe('close-out summary (to the manager)', () => {
  const summary = (change: Partial<Extract<EmailMessage, { type: 'close-out-summary' }>> = {}): EmailMessage => ({
    type: 'close-out-summary', managerName: 'Boris', clientName: 'Anna', engagementTitle: 'Relaunch', engagementUrl: ENGAGEMENT_URL,
    milestones: [
      { title: 'Design', due: '2030-04-01', deliveredAt: '2030-03-31T22:30:00Z', confirmedAt: '2030-04-02T10:00:00Z' },
      { title: 'Launch', due: '2030-05-29', deliveredAt: '2030-05-28T10:00:00Z' },
      { title: 'Training', due: '2030-06-10' },
    ],
    checkpoints: [
      { milestoneTitle: 'Design', result: { delivered: true, onTime: true, slipAnnounced: null, cadenceKept: true, confirmed: true } },
      { milestoneTitle: 'Launch', result: { delivered: true, onTime: false, slipAnnounced: false, cadenceKept: true, confirmed: false } },
    ],
    surveySent: true,
    ...change,
  });

  it.each([
    ['en', 'Closed: “Relaunch” (Anna)', [
      '“Relaunch” for Anna is closed.',
      '- “Design”, due April 1, 2030: delivered on March 31, 2030, confirmed by the client on April 2, 2030.',
      '- “Launch”, due May 29, 2030: delivered on May 28, 2030; not confirmed by the client.',
      '- “Training”, due June 10, 2030: not delivered.',
      '- “Design”: on track.',
      '- “Launch”: late; deadline move not announced in time; not confirmed yet.',
    ]],
    ['ru', 'Проект «Relaunch» закрыт (клиент: Anna)', [
      'Проект «Relaunch» закрыт (клиент: Anna).',
      '- Этап «Design», срок — 1 апреля 2030 г.: сдан 31 марта 2030 г., клиент подтвердил его 2 апреля 2030 г.',
      '- Этап «Launch», срок — 29 мая 2030 г.: сдан 28 мая 2030 г., клиент его не подтвердил',
      '- Этап «Training», срок — 10 июня 2030 г.: не сдан',
      '- Этап «Design»: всё по плану',
      '- Этап «Launch»: опоздание; о переносе срока не предупредили вовремя; ещё не подтверждён',
    ]],
  ] as const)('%s: says the engagement is closed, with each milestone’s dates and each checkpoint in short', (locale, subject, lines) => {
    const { subject: actual, html, text } = renderEmail(summary(), locale);

    expect(actual).toBe(subject);
    for (const line of lines) expect(text).toContain(line);
    expect([...hrefs(html)]).toEqual([ENGAGEMENT_URL]);
  });

  it.each([
    [true, 'en', 'The client was sent the retrospective survey'],
    [false, 'en', 'No retrospective survey was sent: the client was surveyed recently'],
    [true, 'ru', 'Клиенту отправлен итоговый опрос'],
    [false, 'ru', 'Итоговый опрос не отправлялся: клиента недавно уже опрашивали'],
  ] as const)('surveySent=%s (%s): says whether the survey went out, or why not', (surveySent, locale, words) => {
    expect(renderEmail(summary({ surveySent }), locale).text).toContain(words);
  });

  it.each([
    ['en', 'No checkpoint was recorded.'],
    ['ru', 'Контрольные точки не записывались.'],
  ] as const)('%s: says so when no checkpoint was recorded', (locale, words) => {
    const { text } = renderEmail(summary({ checkpoints: [] }), locale);

    expect(text).toContain(words);
    expect(text).not.toContain(locale === 'en' ? 'Checkpoints:' : 'Контрольные точки:');
  });
});
