/**
 * Proves the slow-response rule: a client question is due an answer within the client's
 * response time (24 clock hours here); exactly at it is in time, a minute later is not; an
 * unanswered question past it is open; the response time in force is the one cited.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, MINUTE, after, answer, input } from './builders.js';

const ASKED = after(DAY);
const slow = (log: Log, now = after(10 * DAY), answers = [answer(1, AGREED)]) =>
  evaluate(input({ now, events: log.events, answers })).findings.filter((f) => f.kind === 'slow-response');

describe('slow response', () => {
  it.each([
    ['within the hour', 0, HOUR],
    ['exactly at 24 hours', 0, 24 * HOUR],
    ['24 hours and a minute', 1, 24 * HOUR + MINUTE],
  ])('answered %s: %i finding(s)', (_, count, delay) => {
    const log = new Log();
    log.question(ASKED);
    log.answered(after(delay, ASKED));
    const found = slow(log);
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatchObject({ id: 'slow-response:q1', severity: 'medium', open: false, startedAt: after(24 * HOUR, ASKED) });
  });

  it('is open while unanswered past the response time', () => {
    const log = new Log();
    log.question(ASKED);
    expect(slow(log, after(24 * HOUR, ASKED))).toEqual([]);
    expect(slow(log, after(25 * HOUR, ASKED))[0]).toMatchObject({ open: true });
  });

  it('ignores an answer to another question', () => {
    const log = new Log();
    log.question(ASKED);
    log.answered(after(HOUR, ASKED), 'q2');
    expect(slow(log)).toHaveLength(1);
  });

  it('cites the response time in force when it ran out', () => {
    const log = new Log();
    log.question(ASKED);
    log.answered(after(10 * HOUR, ASKED));
    const answers = [answer(1, AGREED), answer(2, after(2 * HOUR, ASKED), { pace: { responseTimeHours: 4 } })];
    const [found] = slow(log, after(2 * DAY), answers);
    expect(found?.startedAt).toBe(after(4 * HOUR, ASKED));
    expect(found?.cites).toEqual([{ field: 'pace.responseTimeHours', value: 4, version: 2, statedAt: after(2 * HOUR, ASKED) }]);
    expect(explainEn(found as never)).toBe('Your question q1 waited 10 hours for an answer against your 4 hours');
  });
});
