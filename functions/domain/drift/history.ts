/**
 * The score over time: one point at every moment something changed, each with the deductions
 * in force then, so a chart can explain each of its points.
 *
 * Contract: the moments are the first statement of expectations, every event time after it,
 * every threshold crossed (a finding starting, a silence or lateness getting worse, a day of
 * overrun completing), every finding closing, and "now". The history is retrospective: each
 * point is judged with everything the log knows now (an email that bounced later never counted
 * as contact), so its last point is exactly `evaluate(input)`. Before any expectations there is
 * a single, perfect point at "now".
 *
 * Cost: one evaluation, then a sweep over the moments; at each moment only findings already
 * started are tallied, oldest first, and a dimension stops at 0, so a point costs at most a
 * few dozen steps however long the log is. A moment that changed nothing shares its
 * predecessor's deductions.
 */
import { analyse } from './analyse.js';
import { contextOf } from './context.js';
import type { Drift } from './drift.js';
import { iso } from './instants.js';
import type { Timed } from './log.js';
import { PERFECT, byDimension, overallOf, tallyDimension } from './score.js';
import { DIMENSIONS, type Deduction, type Dimension, type DimensionScores, type DriftInput, type ScorePoint } from './types.js';

export function scoreHistory(input: DriftInput): ScorePoint[] {
  const now = input.now.getTime();
  const ctx = contextOf(input);
  if (!ctx) return [{ at: iso(now), score: 100, dimensions: { ...PERFECT }, deductions: [] }];

  const lists = byDimension(analyse(ctx));
  const changes: Array<{ at: number; dimension: Dimension; index: number; points: number }> = [];
  const moments: number[] = [ctx.timeline.agreedAt, now];
  for (const dimension of DIMENSIONS) {
    lists[dimension].forEach((drift, index) => {
      for (const step of drift.costs) changes.push({ at: step.at, dimension, index, points: step.points });
      if (drift.closedMs !== undefined) moments.push(drift.closedMs);
    });
  }
  for (const change of changes) moments.push(change.at);
  const { all } = ctx.facts;
  for (let i = 0; i < all.length; i += 1) {
    const { ms } = all[i] as Timed;
    if (ms >= ctx.timeline.agreedAt) moments.push(ms);
  }
  changes.sort((a, b) => a.at - b.at);
  moments.sort((a, b) => a - b);

  const points = { process: [], pace: [], channels: [], outcome: [], scope: [] } as Record<Dimension, number[]>;
  const started = { process: 0, pace: 0, channels: 0, outcome: 0, scope: 0 } as Record<Dimension, number>;
  const history: ScorePoint[] = [];
  let next = 0;
  let previous: ScorePoint | undefined;
  for (let m = 0; m < moments.length; m += 1) {
    const at = moments[m] as number;
    if (at === moments[m - 1]) continue;
    let changed = false;
    for (; next < changes.length && (changes[next] as (typeof changes)[number]).at <= at; next += 1) {
      const change = changes[next] as (typeof changes)[number];
      points[change.dimension][change.index] = change.points;
      changed = true;
    }
    if (!previous || changed) {
      const deductions: Deduction[] = [];
      const dimensions = { ...PERFECT } as DimensionScores;
      for (const dimension of DIMENSIONS) {
        const list = lists[dimension];
        // Lists are oldest first and a finding's first cost step is its start, so those
        // started by now are a prefix.
        while (started[dimension] < list.length && (list[started[dimension]] as Drift).startedMs <= at) started[dimension] += 1;
        dimensions[dimension] = tallyDimension(list, started[dimension], (i) => points[dimension][i] ?? 0, deductions);
      }
      previous = { at: iso(at), score: overallOf(dimensions), dimensions, deductions };
    } else {
      previous = { ...previous, at: iso(at) };
    }
    history.push(previous);
  }
  return history;
}
