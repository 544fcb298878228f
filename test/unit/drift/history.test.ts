/**
 * Proves the score history: a point at the first statement of expectations, at each event and
 * at each threshold crossed (a silence passing the cadence, each further day over), ending
 * with exactly the report for "now"; each point carries the deductions in force then.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, scoreHistory } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, after, answer, input } from './builders.js';

describe('score history', () => {
  it('plots a silence: perfect until the cadence passes, then a point lost per full day over', () => {
    const log = new Log();
    log.email(after(10 * DAY + 12 * HOUR));
    const history = scoreHistory(input({ now: after(11 * DAY), events: log.events }));
    expect(history.map((p) => [p.at, p.dimensions.pace])).toEqual([
      [AGREED, 100],
      [after(7 * DAY), 100], // the cadence passes: a finding, nothing lost yet
      [after(8 * DAY), 99],
      [after(9 * DAY), 98],
      [after(10 * DAY), 97], // the 10-day limit: from here 3 points a day
      [after(10 * DAY + 12 * HOUR), 97], // the email ends the silence
      [after(11 * DAY), 97],
    ]);
    expect(history[3]?.deductions).toEqual([{ findingId: `silence:${AGREED}`, dimension: 'pace', points: 2 }]);
  });

  it('ends with exactly the current report', () => {
    const log = new Log();
    log.email(after(DAY), { kind: 'regular' });
    log.question(after(2 * DAY));
    log.delivered('2026-05-05T10:00:00Z');
    const now = '2026-05-20T00:00:00.000Z';
    const history = scoreHistory(input({ now, events: log.events, milestones: [{ due: '2026-04-30' }] }));
    const report = evaluate(input({ now, events: log.events, milestones: [{ due: '2026-04-30' }] }));
    const last = history.at(-1);
    expect(last).toEqual({ at: now, score: report.score, dimensions: report.dimensions, deductions: report.deductions });
    expect(history.map((p) => p.at)).toEqual([...history.map((p) => p.at)].sort());
    expect(new Set(history.map((p) => p.at)).size).toBe(history.length);
  });

  it('is a single perfect point before any expectations', () => {
    expect(scoreHistory(input({ now: after(DAY), answers: [answer(1, after(2 * DAY))] })))
      .toEqual([{ at: after(DAY), score: 100, dimensions: { process: 100, pace: 100, channels: 100, outcome: 100, scope: 100 }, deductions: [] }]);
  });
});
