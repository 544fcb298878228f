/**
 * Proves the dictionaries agree (Russian has exactly the English keys), plural forms follow
 * each language's rules, the expectations summary covers all five dimensions in plain words,
 * and validation messages reach a person as sentences in their language.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../functions/domain/engagement.js';
import { expectationsSchema } from '../../functions/domain/expectations.js';
import { describeCheckpoint, describeExpectations, formatDate, formatDateTime, issueText, messages } from '../../functions/i18n.js';

const keysOf = (value: unknown, prefix = ''): string[] =>
  (value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value).flatMap(([k, v]) => [`${prefix}${k}`, ...keysOf(v, `${prefix}${k}.`)])
    : []);

const e = expectationsSchema.parse({
  process: {
    involvement: 'co-creating',
    milestoneApprovalRequired: true,
    workingHours: { start: '08:30', end: '17:00', days: ['sat', 'mon', 'tue', 'wed', 'thu'], timeZone: 'Europe/Moscow' },
    decisionMaker: 'Anna',
  },
  pace: { updateCadenceDays: 1, maxSilenceDays: 3, responseTimeHours: 4, slipNoticeDays: 0, dueDateToleranceDays: 0 },
  channels: { regular: 'chat', informational: 'email', emergency: 'phone' },
  outcome: { businessResult: 'Fewer support calls', successSignal: 'Calls drop by a third', confirmationWindowDays: 2 },
  scope: { bonusUpToHours: 0, largerRequests: 'decline', alwaysDeclined: '' },
});

describe('dictionaries', () => {
  it('Russian has exactly the keys of English', () => {
    expect(keysOf(messages('ru')).sort()).toEqual(keysOf(messages('en')).sort());
  });

  it.each([
    [1, '1 день'], [2, '2 дня'], [4, '4 дня'], [5, '5 дней'], [11, '11 дней'], [21, '21 день'], [22, '22 дня'], [1.5, '1,5 дня'],
  ])('ru: %s → %s', (n, expected) => {
    expect(messages('ru').units.days(n).replace('\u00a0', ' ')).toBe(expected);
  });

  it.each([[1, '1 hour'], [2, '2 hours'], [0.5, '0.5 hours']])('en: %s → %s', (n, expected) => {
    expect(messages('en').units.hours(n).replace('\u00a0', ' ')).toBe(expected);
  });
});

describe('describeExpectations', () => {
  it.each<Locale>(['en', 'ru'])('%s: five dimensions in order, every item filled in', (locale) => {
    const sections = describeExpectations(e, locale);

    expect(sections.map((s) => s.dimension)).toEqual(['process', 'pace', 'channels', 'outcome', 'scope']);
    for (const section of sections) {
      expect(section.title).not.toBe('');
      expect(section.items.length).toBeGreaterThan(0);
      for (const item of section.items) expect(item.value.trim()).not.toBe('');
    }
  });

  it('en: plain words for the edge values', () => {
    const values = describeExpectations(e, 'en').flatMap((s) => s.items.map((i) => `${i.label}: ${i.value}`));

    expect(values).toEqual(expect.arrayContaining([
      'Working hours: Mon–Thu, Sat, 08:30–17:00 (Europe/Moscow)',
      'Status news: every day, never more than 3\u00a0days of silence',
      'Answers to questions: within 4\u00a0hours',
      'Notice before a deadline moves: on the day at the latest',
      'Acceptable delay: none: on the due date',
      'Regular (plans, syncs): Chat or messenger',
      'Time to confirm a delivery: 2\u00a0days',
      'Small extra requests: no bonus work: each one gets its own decision',
      'Always declined: Nothing named',
    ]));
  });

  it('ru: natural phrasing with the right forms', () => {
    const values = describeExpectations(e, 'ru').flatMap((s) => s.items.map((i) => `${i.label}: ${i.value}`));

    expect(values).toEqual(expect.arrayContaining([
      'Рабочее время: Пн–Чт, Сб, 08:30–17:00 (Europe/Moscow)',
      'Новости о ходе работ: каждый день; без новостей — максимум 3\u00a0дня',
      'Ответы на вопросы: не позже чем через 4\u00a0часа',
      'Срок на подтверждение сдачи: 2\u00a0дня',
      'Всегда отказываемся: Ничего не указано',
    ]));
  });
});

describe('issueText', () => {
  it.each([
    ['required', 'en', 'This is required.'],
    ['at least 1 day', 'en', 'Enter at least 1\u00a0day.'],
    ['at most 168 hours', 'ru', 'Максимум — 168\u00a0часов.'],
    ['at most 2000 characters', 'ru', 'Слишком длинный текст: максимум 2000\u00a0символов.'],
    ['must be an IANA time zone such as Europe/Berlin', 'ru', 'Выберите часовой пояс из списка, например Europe/Moscow.'],
    ['Invalid option: expected one of "email"|"phone"', 'en', 'Choose one of the options.'],
    ['must be a date and time', 'en', 'Enter a date and a time.'],
    ['must not be in the future', 'ru', 'Это не может быть в будущем.'],
    ['must be a milestone of this engagement', 'en', 'Choose a milestone of this engagement.'],
    ['choose from 1 to 5', 'en', 'Choose a number from 1 to 5.'],
    ['choose from 1 to 5', 'ru', 'Выберите оценку от 1 до 5.'],
    ['must be a whole number', 'ru', 'Введите целое число.'],
    ['something new', 'en', 'Something new.'],
    ['something new', 'ru', 'Проверьте, пожалуйста, это значение.'],
  ] as const)('%s (%s) → %s', (message, locale, expected) => {
    expect(issueText(message, locale)).toBe(expected);
  });
});

describe('dates', () => {
  it('name their zone and follow the locale', () => {
    expect(formatDateTime('2030-03-12T15:00:00Z', 'en')).toMatch(/^March 12, 2030 at 3:00\sPM UTC$/);
    expect(formatDateTime('2030-03-12T15:00:00Z', 'ru', 'Europe/Moscow')).toMatch(/^12 марта 2030\sг\. в 18:00 GMT\+3$/);
    expect(formatDate('2030-03-12', 'ru')).toMatch(/^12 марта 2030\sг\.$/);
  });

  it('give an instant’s day in the zone asked for, and keep a plain date as it is', () => {
    expect(formatDate('2030-03-03T23:30:00Z', 'en')).toBe('March 3, 2030');
    expect(formatDate('2030-03-03T23:30:00Z', 'en', 'Europe/Moscow')).toBe('March 4, 2030');
    expect(formatDate('2030-03-03', 'en', 'America/Los_Angeles')).toBe('March 3, 2030');
  });
});

describe('milestone wording', () => {
  it.each([
    [1, '1 раз'], [2, '2 раза'], [5, '5 раз'], [21, '21 раз'], [22, '22 раза'],
  ])('ru: delivered %i times → %s', (n, expected) => {
    expect(messages('ru').manager.deliveries(n, 'X').replace('\u00a0', ' ')).toBe(`Сдан ${expected}, последний — X.`);
  });

  it.each([[1, '1 time'], [3, '3 times']])('en: delivered %i times → %s', (n, expected) => {
    expect(messages('en').manager.deliveries(n, 'X').replace('\u00a0', ' ')).toBe(`Delivered ${expected}, last on X.`);
  });
});

describe('describeCheckpoint', () => {
  const all = { delivered: true, onTime: true, slipAnnounced: null, cadenceKept: true, confirmed: true } as const;

  it.each<Locale>(['en', 'ru'])('%s: an aligned checkpoint has only ok points, with no deadline point if nothing moved', (locale) => {
    const points = describeCheckpoint(all, locale);

    expect(points.map((p) => p.level)).toEqual(['ok', 'ok', 'ok']);
    expect(points.every((p) => p.short === undefined && p.text !== '')).toBe(true);
  });

  it.each([
    [{ onTime: false }, 'drift', 'late'],
    [{ delivered: false, confirmed: false }, 'watch', 'not delivered yet'],
    [{ delivered: false, onTime: false, confirmed: false }, 'drift', 'not delivered yet'],
    [{ slipAnnounced: false }, 'drift', 'deadline move not announced in time'],
    [{ cadenceKept: false }, 'drift', 'silence beyond the cadence'],
    [{ confirmed: false }, 'watch', 'not confirmed yet'],
  ] as const)('en: %j is %s: "%s"', (change, level, short) => {
    const points = describeCheckpoint({ ...all, ...change }, 'en');

    expect(points).toContainEqual(expect.objectContaining({ level, short }));
  });

  it('asks for no confirmation before a delivery', () => {
    const points = describeCheckpoint({ ...all, delivered: false, confirmed: false }, 'en');

    expect(points.map((p) => p.text)).not.toContain('The client has not confirmed it yet');
  });
});
