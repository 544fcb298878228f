/**
 * Proves that every explanation key reads as one English sentence built from its parameters
 * alone, and how durations are worded.
 */
import { describe, expect, it } from 'vitest';
import { EXPLANATION_KEYS, explainEn, type Explanation } from '../../../functions/domain/drift/index.js';
import { durationEn } from '../../../functions/domain/drift/explain-en.js';

const SAMPLES: Record<Explanation['key'], [Explanation['params'], string]> = {
  'late-delivery.delivered': [{ title: 'Design', due: '2026-04-10', toleranceDays: 1, lateHours: 26 }, '“Design” was delivered 1 day 2 hours past its due date of 2026-04-10 plus your 1 day of tolerance'],
  'late-delivery.undelivered': [{ title: 'Design', due: '2026-04-10', toleranceDays: 2, lateHours: 5 }, '“Design” is still not delivered, 5 hours past its due date of 2026-04-10 plus your 2 days of tolerance'],
  'unannounced-slip.late-notice': [{ title: 'Design', due: '2026-04-10', newDue: '2026-04-20', noticeDays: 5, noticeHours: -30 }, 'The move of “Design” from 2026-04-10 to 2026-04-20 was announced 1 day 6 hours after the due date had passed; you asked for 5 days of notice'],
  'unannounced-slip.no-notice': [{ title: 'Design', due: '2026-04-10', toleranceDays: 0, noticeDays: 3 }, '“Design” slipped past its due date of 2026-04-10 plus your 0 days of tolerance without notice; you asked for 3 days of notice'],
  'silence.cadence': [{ silenceHours: 192, limitDays: 7 }, 'Silence of 8 days against your 7-day update cadence'],
  'silence.max': [{ silenceHours: 264, limitDays: 7 }, 'Silence of 11 days against your 7-day limit'],
  'wrong-channel': [{ kind: 'regular', used: 'phone', expected: 'meeting' }, 'A regular contact went by phone; you chose meeting'],
  'outside-hours.hours': [{ weekday: 'tue', localTime: '07:15', start: '09:00', end: '17:00', timeZone: 'Asia/Tokyo' }, 'A contact on Tuesday at 07:15 (Asia/Tokyo) fell outside your working hours of 09:00–17:00'],
  'outside-hours.day-off': [{ weekday: 'sat', localTime: '10:00', timeZone: 'UTC' }, 'A contact on Saturday at 10:00 (UTC) fell on a day you do not work'],
  'outcome-unconfirmed': [{ title: 'Shop', windowDays: 3, waitedHours: 96 }, '“Shop” waited 4 days for your confirmation against your 3-day window'],
  'outcome-rejected.not-received': [{ title: 'Shop' }, 'You said “Shop” did not reach you'],
  'outcome-rejected.not-what-i-needed': [{ title: 'Shop' }, 'You said “Shop” is not what you needed'],
  'not-received': [{ outcome: 'complained', kind: 'regular', purpose: 'checkpoint-note', sentAt: '2026-03-03T09:00:00Z' }, 'A regular email (checkpoint-note) sent 2026-03-03T09:00:00Z was marked as spam: it did not reach you as sent'],
  'scope-drift.undecided': [{ request: 'r1', summary: 'A banner', graceDays: 2, waitedHours: 80 }, 'The request “A banner” waited 3 days 8 hours for a decision; the rule allows 2 working days'],
  'scope-drift.override': [{ request: 'r1', decision: 'bonus', proposed: 'extra-pay', reason: '' }, 'Request r1 was decided as bonus where the rule proposed extra-pay, with no reason given'],
  'scope-drift.bonus-unannounced': [{ request: 'r1' }, 'The bonus for request r1 was not announced to you as a bonus'],
  'scope-drift.bonus-not-announced-as-bonus': [{ request: 'r1' }, 'The bonus for request r1 was announced, but not as a bonus'],
  'slow-response': [{ question: 'q1', limitHours: 1, waitedHours: 3 }, 'Your question q1 waited 3 hours for an answer against your 1 hour'],
  'no-expectations': [{}, 'No expectations stated yet, so nothing can drift'],
};

describe('explainEn', () => {
  it.each(EXPLANATION_KEYS)('reads %s', (key) => {
    const [params, sentence] = SAMPLES[key];
    expect(explainEn({ explanation: { key, params } })).toBe(sentence);
  });

  it.each([[1, '1 hour'], [23, '23 hours'], [24, '1 day'], [49, '2 days 1 hour']])('words %i hours as "%s"', (hours, words) => {
    expect(durationEn(hours)).toBe(words);
  });
});
