/**
 * Proves that every email, in both languages, has a one-line subject, HTML that escapes
 * whatever a person typed, a plain-text body with the link the reader needs, and correct
 * wording: all five dimensions in "what we heard", Russian plural forms, times with a zone.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../functions/domain/engagement.js';
import { expectationsSchema, type Expectations } from '../../functions/domain/expectations.js';
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

/** One message of each type, with a hostile string in every field a person typed. */
function messagesWith(input: string): Array<{ message: EmailMessage; link: string }> {
  const clientName = hostile('Anna', input);
  const managerName = hostile('Boris', input);
  const engagementTitle = hostile('Website relaunch', input);
  return [
    {
      message: { type: 'kickoff-invite', clientName, managerName, engagementTitle, link: LINK, expiresAt: '2030-03-12T15:00:00Z' },
      link: LINK,
    },
    {
      message: {
        type: 'kickoff-reminder', clientName, managerName, engagementTitle, link: LINK, expiresAt: '2030-03-12T15:00:00Z', reminderNumber: 2,
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
        correctionDeadline: '2030-03-12T15:00:00Z',
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
        type: 'kickoff-stalled', managerName, engagementTitle, error: input,
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
  ];
}

const cases = HOSTILE_INPUTS.flatMap((input) =>
  LOCALES.flatMap((locale) => messagesWith(input).map(({ message, link }) => ({ type: message.type, locale, input, message, link }))));

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
    correctionLink: LINK, correctionDeadline: '2030-03-12T15:00:00Z',
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
});
