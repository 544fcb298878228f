/**
 * The alignment score: 0–100 per dimension and overall, with every point lost traced to the
 * finding that took it.
 *
 * Contract:
 * - each dimension starts at 100; each of its findings, oldest first (by start, then id),
 *   takes its cost (low 5, medium 10, high 20; silence by days over, see silence.ts) until the
 *   dimension reaches 0; later findings are still listed but take nothing, so the deductions
 *   of a dimension always add up to exactly 100 minus its score;
 * - open and closed findings cost the same: a drift that was fixed still happened;
 * - overall = the mean of the five dimensions, rounded to the nearest whole point.
 */
import type { Drift } from './drift.js';
import { DIMENSIONS, type Deduction, type Dimension, type DimensionScores } from './types.js';

export const PERFECT: DimensionScores = { process: 100, pace: 100, channels: 100, outcome: 100, scope: 100 };

/**
 * Deducts the first `count` findings of one dimension (oldest first), each by `pointsOf(i)`,
 * appending the deductions to `into`. Returns the dimension's score.
 */
export function tallyDimension(ordered: readonly Drift[], count: number, pointsOf: (index: number) => number, into: Deduction[]): number {
  let left = 100;
  for (let i = 0; i < count && left > 0; i += 1) {
    const points = Math.min(left, pointsOf(i));
    if (points <= 0) continue;
    left -= points;
    const { id, dimension } = (ordered[i] as Drift).finding;
    into.push({ findingId: id, dimension, points });
  }
  return left;
}

export const overallOf = (dimensions: DimensionScores): number =>
  Math.round(DIMENSIONS.reduce((sum, d) => sum + dimensions[d], 0) / DIMENSIONS.length);

/** Findings per dimension, each list oldest first as the drifts come in. */
export function byDimension(drifts: readonly Drift[]): Record<Dimension, Drift[]> {
  const lists: Record<Dimension, Drift[]> = { process: [], pace: [], channels: [], outcome: [], scope: [] };
  for (const d of drifts) lists[d.finding.dimension].push(d);
  return lists;
}
