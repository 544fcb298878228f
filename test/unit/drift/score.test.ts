/**
 * Proves the score formula: each dimension starts at 100 and loses each finding's points
 * (low 5, medium 10, high 20), oldest first, down to 0 and no further, so its deductions add
 * up to exactly 100 minus its score; overall is the rounded mean of the five.
 */
import { describe, expect, it } from 'vitest';
import { SEVERITY_POINTS, evaluate } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, after, answer, input } from './builders.js';

// Tuesday 3 March, 12:00 in Berlin.
const NOON = (day: number) => after(day * DAY + HOUR);

describe('the alignment score', () => {
  it('is a perfect 100 with no findings', () => {
    const log = new Log();
    log.email(after(DAY));
    const report = evaluate(input({ now: after(5 * DAY), events: log.events }));
    expect(report).toMatchObject({ score: 100, dimensions: { process: 100, pace: 100, channels: 100, outcome: 100, scope: 100 }, deductions: [], expectationsVersion: 1 });
  });

  it('takes each finding\'s severity points off its dimension and averages the five', () => {
    const log = new Log();
    log.email(NOON(1), { kind: 'emergency' }); // wrong channel, high: channels −20
    log.email(NOON(1), { kind: 'regular' }); // wrong channel, medium: channels −10
    log.touchpoint(after(5 * DAY), 'informational', 'email'); // Saturday: outside hours, medium: process −10
    const report = evaluate(input({ now: after(6 * DAY), events: log.events }));
    expect(report.dimensions).toEqual({ process: 90, pace: 100, channels: 70, outcome: 100, scope: 100 });
    expect(report.score).toBe(92);
    expect(report.deductions).toEqual([
      { findingId: 'outside-hours:e3', dimension: 'process', points: SEVERITY_POINTS.medium },
      { findingId: 'wrong-channel:e1', dimension: 'channels', points: SEVERITY_POINTS.high },
      { findingId: 'wrong-channel:e2', dimension: 'channels', points: SEVERITY_POINTS.medium },
    ]);
  });

  it('stops a dimension at 0: the oldest findings take the points, the rest are listed without any', () => {
    const log = new Log();
    for (let i = 0; i < 7; i += 1) log.email(NOON(1 + i / 100), { kind: 'emergency' });
    const report = evaluate(input({ now: after(5 * DAY), events: log.events }));
    expect(report.findings.filter((f) => f.kind === 'wrong-channel')).toHaveLength(7);
    expect(report.dimensions.channels).toBe(0);
    expect(report.deductions.map((d) => d.points)).toEqual([20, 20, 20, 20, 20]);
    expect(report.score).toBe(80);
  });

  it('rounds the overall mean to the nearest point', () => {
    // A silence one full day over the cadence: pace 99, overall 499 / 5 = 99.8.
    const report = evaluate(input({ now: after(8 * DAY + HOUR), answers: [answer(1, AGREED)] }));
    expect(report.dimensions.pace).toBe(99);
    expect(report.score).toBe(100);
  });
});
