/**
 * The drift report of one engagement at one moment: every finding against the client's own
 * terms, and the score they leave (see score.ts for the formula).
 *
 * Contract: deterministic and pure: the same input gives the same report whatever the order
 * of the log; nothing after `now` counts. Before the client states any expectations there is
 * nothing to drift from: the report is perfect, empty, and says why in `note`.
 */
import { analyse } from './analyse.js';
import { contextOf } from './context.js';
import type { Drift } from './drift.js';
import { iso } from './instants.js';
import { PERFECT, byDimension, overallOf, tallyDimension } from './score.js';
import { DIMENSIONS, type Deduction, type DimensionScores, type DriftInput, type DriftReport } from './types.js';

/** What a finding costs at the end of its life so far (the rules stop at "now"). */
const currentCost = (drift: Drift): number => drift.costs[drift.costs.length - 1]?.points ?? 0;

export function evaluate(input: DriftInput): DriftReport {
  const header = { engagementId: input.engagement.id, at: iso(input.now.getTime()) };
  const ctx = contextOf(input);
  if (!ctx) {
    return { ...header, score: 100, dimensions: { ...PERFECT }, deductions: [], findings: [], note: { key: 'no-expectations', params: {} } };
  }
  const drifts = analyse(ctx);
  const lists = byDimension(drifts);
  const deductions: Deduction[] = [];
  const dimensions = { ...PERFECT } as DimensionScores;
  for (const dimension of DIMENSIONS) {
    const list = lists[dimension];
    dimensions[dimension] = tallyDimension(list, list.length, (i) => currentCost(list[i] as Drift), deductions);
  }
  const inForce = ctx.timeline.at(ctx.now);
  return {
    ...header,
    ...(inForce ? { expectationsVersion: inForce.version } : {}),
    score: overallOf(dimensions),
    dimensions,
    deductions,
    findings: drifts.map((d) => d.finding),
  };
}
