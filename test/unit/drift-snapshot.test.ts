/**
 * Proves the stored drift snapshot: its chart keeps exactly the moments the score moved, each
 * explained by findings of the report; its summary counts findings per dimension; warnings'
 * subjects are named in words.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, scoreHistory } from '../../functions/domain/drift/index.js';
import { chartOf, driftSnapshot } from '../../functions/domain/drift-snapshot.js';
import { DAY, HOUR, Log, after, input } from './drift/builders.js';

function driftingLog() {
  const log = new Log();
  log.email(after(2 * DAY));
  log.question(after(3 * DAY));
  log.answered(after(6 * DAY)); // slow: 24 h expected
  log.delivered(after(30 * DAY), 'm1'); // late: due 20 March
  return log;
}

describe('chartOf', () => {
  const args = { now: after(40 * DAY), events: driftingLog().events, milestones: [{ title: 'Launch', due: '2026-03-20' }] };

  it('keeps the first point, every move of the score, and the last point', () => {
    const history = scoreHistory(input(args));
    const chart = chartOf(history);
    expect(chart[0]?.at).toBe(history[0]?.at);
    expect(chart.at(-1)?.at).toBe(history.at(-1)?.at);
    for (let i = 1; i < chart.length - 1; i += 1) {
      const before = chart[i - 1];
      const point = chart[i];
      expect(point?.score !== before?.score || JSON.stringify(point?.dimensions) !== JSON.stringify(before?.dimensions)).toBe(true);
    }
    expect(chart.length).toBeLessThan(history.length);
  });

  it('explains every move by a finding of the report, and the moves add up to the points lost', () => {
    const report = evaluate(input(args));
    const chart = chartOf(scoreHistory(input(args)));
    const ids = new Set(report.findings.map((f) => f.id));
    const lost = new Map<string, number>();
    for (const point of chart) {
      for (const move of point.moves) {
        expect(ids.has(move.findingId)).toBe(true);
        lost.set(move.dimension, (lost.get(move.dimension) ?? 0) + move.points);
      }
    }
    for (const [dimension, points] of lost) expect(points).toBe(100 - report.dimensions[dimension as keyof typeof report.dimensions]);
  });

  it('has a single perfect point before any expectations', () => {
    const chart = chartOf(scoreHistory({ ...input({ now: after(DAY) }), answers: [] }));
    expect(chart).toEqual([{ at: after(DAY), score: 100, dimensions: { process: 100, pace: 100, channels: 100, outcome: 100, scope: 100 }, moves: [] }]);
  });
});

describe('driftSnapshot', () => {
  it('summarises the report and names each warning\'s subject', () => {
    const log = new Log();
    log.question(after(DAY), 'q1');
    const { engagement, answers, events } = input({ now: after(DAY + HOUR), events: log.events, milestones: [{ title: 'Launch', due: '2026-03-20' }] });
    const late = driftSnapshot(engagement, answers, events, new Date(after(40 * DAY)));
    expect(late.summary).toMatchObject({
      engagementId: engagement.id, title: engagement.title, managerId: engagement.manager.id, status: 'expectations-agreed',
      score: late.report.score, dimensions: late.report.dimensions,
    });
    const open = late.report.findings.filter((f) => f.open && f.dimension === 'pace').length;
    expect(late.summary.openFindings.pace).toBe(open);
    expect(late.summary.findings.pace).toBeGreaterThanOrEqual(open);

    const early = driftSnapshot(engagement, answers, events, new Date(after(DAY + HOUR)));
    expect(early.summary.nextDeadline).toBe(early.warnings[0]?.deadline);
    expect(early.subjects).toMatchObject({ m1: 'Launch', [engagement.id]: engagement.title });
    expect(Object.keys(early.subjects).sort()).toEqual([...new Set(early.warnings.map((w) => w.subject))].sort());
  });
});
