/**
 * Proves that the status update reads like a pilot's announcement in both languages: what
 * happened since the last update (or that nothing new did), what we are working on now, what
 * we are waiting for from the client, and when and on which channel they will hear from us
 * again, with every instant in the client's own time zone and the status link at hand.
 */
import { describe, expect, it } from 'vitest';
import type { Locale } from '../../functions/domain/engagement.js';
import { renderEmail, type EmailMessage } from '../../functions/emails/render-email.js';

type StatusUpdate = Extract<EmailMessage, { type: 'status-update' }>;

const STATUS_LINK = 'https://app.example.com/c/status-1.sig?lang=en';

function update(change: Partial<StatusUpdate> = {}): StatusUpdate {
  return {
    type: 'status-update',
    clientName: 'Anna',
    managerName: 'Boris',
    engagementTitle: 'Relaunch',
    done: [],
    now: { title: 'Design', due: '2030-03-20' },
    waitingForYou: [],
    nextUpdateBy: '2030-03-12T15:00:00Z',
    nextUpdateChannel: 'email',
    statusLink: STATUS_LINK,
    timeZone: 'UTC',
    ...change,
  };
}

/** ICU builds differ in which space they put inside dates and times; these tests read plain spaces. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const render = (message: StatusUpdate, locale: Locale) => {
  const { subject, text, html } = renderEmail(message, locale);
  return { subject, html, text: spaces(text) };
};
/** The body as paragraphs, so a test can check order and neighbours. */
const paragraphs = (text: string) => text.trim().split('\n\n');

describe('status update', () => {
  it.each([
    ['en', '“Relaunch”: where things stand', 'Here is a short update on “Relaunch”.'],
    ['ru', 'Проект «Relaunch»: как идут дела', 'Коротко о том, как идут дела по проекту «Relaunch».'],
  ] as const)('%s: has a calm subject, a greeting, the status link said to be personal, and a signature', (locale, subject, intro) => {
    const { subject: actual, text, html } = render(update(), locale);

    expect(actual).toBe(subject);
    expect(text).toContain(intro);
    expect(text).toContain(STATUS_LINK);
    expect(html).toContain(`href="${STATUS_LINK}"`);
    expect(text).toContain(locale === 'en' ? 'The link is personal to you' : 'Ссылка персональная');
    expect(text.trim().endsWith('Boris')).toBe(true);
  });

  describe('nothing done yet', () => {
    it.each([
      ['en', 'Nothing new has been delivered since our last update; the work goes on.', 'Now we are working on “Design”, due March 20, 2030.'],
      ['ru', 'С прошлой сводки новых сдач не было — работа идёт.', 'Сейчас мы работаем над этапом «Design», срок — 20 марта 2030 г.'],
    ] as const)('%s: says so plainly, then what is being worked on', (locale, nothingDone, now) => {
      const { text } = render(update(), locale);

      const parts = paragraphs(text);
      expect(parts).toContain(nothingDone);
      expect(parts).toContain(now);
      expect(parts.indexOf(nothingDone)).toBeLessThan(parts.indexOf(now));
      expect(text).not.toMatch(/^- /m);
    });

    it.each([
      ['en', 'No other milestone is in progress right now.'],
      ['ru', 'Сейчас других этапов в работе нет.'],
    ] as const)('%s: says when no milestone is in progress', (locale, nothingNow) => {
      expect(paragraphs(render(update({ now: undefined }), locale).text)).toContain(nothingNow);
    });
  });

  describe('several things done', () => {
    const done: StatusUpdate['done'] = [
      { title: 'Design', at: '2030-03-03T10:00:00Z', what: 'delivered' },
      { title: 'Copy', at: '2030-03-04T10:00:00Z', what: 'confirmed' },
      { title: 'Photos', at: '2030-03-05T10:00:00Z', what: 'delivered' },
    ];

    it.each([
      ['en', 'Since our last update:', [
        '- We delivered “Design” on March 3, 2030.',
        '- You confirmed “Copy” on March 4, 2030.',
        '- We delivered “Photos” on March 5, 2030.',
      ]],
      ['ru', 'С прошлой сводки:', [
        '- Этап «Design» сдан 3 марта 2030 г.',
        '- Вы подтвердили этап «Copy» 4 марта 2030 г.',
        '- Этап «Photos» сдан 5 марта 2030 г.',
      ]],
    ] as const)('%s: lists each one in order, delivered and confirmed told apart', (locale, intro, lines) => {
      const { text, html } = render(update({ done }), locale);

      expect(text).toContain(`${intro}\n\n${lines.join('\n')}`);
      expect(html.match(/<li /g)).toHaveLength(3);
      expect(text).not.toMatch(/г\.\./);
    });
  });

  describe('waiting for the client’s confirmation', () => {
    const waitingForYou = [
      { title: 'Design', deliveredAt: '2030-03-03T10:00:00Z' },
      { title: 'Copy', deliveredAt: '2030-03-04T10:00:00Z' },
    ];

    it.each([
      ['en', 'Waiting for you: please tell us whether these reached you and do what you need.', '- “Design”, delivered on March 3, 2030\n- “Copy”, delivered on March 4, 2030'],
      ['ru', 'Ждём вашего ответа: пожалуйста, сообщите, дошли ли до вас эти результаты', '- Этап «Design», сдан 3 марта 2030 г.\n- Этап «Copy», сдан 4 марта 2030 г.'],
    ] as const)('%s: asks for the confirmation and lists what waits, after what we work on now', (locale, ask, list) => {
      const { text } = render(update({ waitingForYou }), locale);

      expect(text).toContain(ask);
      expect(text).toContain(list);
      expect(text.indexOf(ask)).toBeGreaterThan(text.indexOf(locale === 'en' ? 'Now we are working on' : 'Сейчас мы работаем'));
    });

    it('says nothing about waiting when nothing waits', () => {
      expect(render(update(), 'en').text).not.toContain('Waiting for you');
      expect(render(update(), 'ru').text).not.toContain('Ждём вашего ответа');
    });
  });

  describe('next update', () => {
    it.each([
      ['en', 'email', 'You will hear from us again by March 12, 2030 at 3:00 PM UTC, by email.'],
      ['en', 'phone', 'You will hear from us again by March 12, 2030 at 3:00 PM UTC, by phone.'],
      ['en', 'meeting', 'You will hear from us again by March 12, 2030 at 3:00 PM UTC, at a meeting (video or in person).'],
      ['ru', 'chat', 'Следующие новости от нас — не позже 12 марта 2030 г. в 15:00 UTC, в чате или мессенджере.'],
      ['ru', 'phone', 'Следующие новости от нас — не позже 12 марта 2030 г. в 15:00 UTC, по телефону.'],
    ] as const)('%s on %s says when and on which channel', (locale, nextUpdateChannel, sentence) => {
      const { text } = render(update({ nextUpdateChannel }), locale);

      expect(paragraphs(text)).toContain(sentence);
    });

    it.each<Locale>(['en', 'ru'])('%s: comes last before the link, like the end of an announcement', (locale) => {
      const parts = paragraphs(render(update({ done: [{ title: 'Design', at: '2030-03-03T10:00:00Z', what: 'delivered' }] }), locale).text);

      const next = parts.findIndex((p) => p.startsWith(locale === 'en' ? 'You will hear from us again' : 'Следующие новости'));
      expect(next).toBeGreaterThan(0);
      expect(parts[next + 1]).toContain(STATUS_LINK);
    });
  });

  describe('dates in the client’s time zone', () => {
    // 23:30 UTC on March 3 is already March 4 in Moscow (UTC+3).
    const late = update({
      done: [{ title: 'Design', at: '2030-03-03T23:30:00Z', what: 'delivered' }],
      waitingForYou: [{ title: 'Design', deliveredAt: '2030-03-03T23:30:00Z' }],
      nextUpdateBy: '2030-03-10T22:00:00Z',
      timeZone: 'Europe/Moscow',
    });

    it.each([
      ['en', '- We delivered “Design” on March 4, 2030.', '- “Design”, delivered on March 4, 2030', 'by March 11, 2030 at 1:00 AM GMT+3'],
      ['ru', '- Этап «Design» сдан 4 марта 2030 г.', '- Этап «Design», сдан 4 марта 2030 г.', 'не позже 11 марта 2030 г. в 01:00 GMT+3'],
    ] as const)('%s: shows deliveries and the next update as the client’s clock reads them', (locale, done, waiting, next) => {
      const { text } = render(late, locale);

      expect(text).toContain(done);
      expect(text).toContain(waiting);
      expect(text).toContain(next);
    });

    it('keeps a due date as the calendar date it is, whatever the zone', () => {
      const { text } = render(update({ now: { title: 'Launch', due: '2030-04-01' }, timeZone: 'America/Los_Angeles' }), 'en');

      expect(text).toContain('Now we are working on “Launch”, due April 1, 2030.');
    });
  });
});
