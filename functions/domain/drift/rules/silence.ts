/**
 * Silence (pace): a stretch without an informational touchpoint longer than the client's
 * update cadence (low) or longest accepted silence (high).
 *
 * Contract: touchpoints are informational emails to the client that did not bounce, get a
 * complaint or get refused, and recorded informational contacts on any channel. Stretches run
 * from the first statement of expectations to the first touchpoint, between touchpoints, and
 * from the last one to now (that one is open). A stretch that stays within the cadence is no
 * finding; one that exceeds it is one finding, with the stretch's start as its subject.
 *
 * Its cost is by how far over it went: 1 point per full day beyond the cadence plus 2 more per
 * full day beyond the longest silence (judged each moment by the terms then in force). Because
 * that is measured per instant of overrun, an added touchpoint can only shorten overruns, never
 * add one or cost a point; splitting a long silence into two shorter ones costs less.
 */
import type { RuleContext } from '../context.js';
import { silenceLimit, updateDeadline } from '../deadlines.js';
import { costStep, drift, eventEvidence, momentEvidence, type CostStep, type Drift } from '../drift.js';
import { iso } from '../instants.js';
import type { Timed } from '../log.js';
import { cite } from '../terms.js';
import type { Evidence, Severity } from '../types.js';
import { DAY_MS, HOUR_MS } from '../../zoned-time.js';

export const SILENCE_POINTS_PER_DAY = { overCadence: 1, overLongest: 2 } as const;

export function silences(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  // No version of the terms allows less: a stretch no longer than this is no silence.
  const shortestCadence = Math.min(...ctx.timeline.versions.map((terms) => updateDeadline(terms, 0)));
  // Stretches start at the first statement of expectations, then at each touchpoint.
  let start: Timed | undefined;
  let startMs = ctx.timeline.agreedAt;
  const { informational } = ctx.facts;
  for (let i = 0; i < informational.length; i += 1) {
    const touchpoint = informational[i] as Timed;
    if (touchpoint.ms < ctx.timeline.agreedAt) continue;
    const stretch = touchpoint.ms - startMs > shortestCadence ? silence(ctx, startMs, start, touchpoint) : undefined;
    if (stretch) found.push(stretch);
    start = touchpoint;
    startMs = touchpoint.ms;
  }
  const last = silence(ctx, startMs, start, undefined);
  if (last) found.push(last);
  return found;
}

/** The silence from `startMs` (a touchpoint, or the first statement of expectations) to `end` or now, if too long. */
function silence(ctx: RuleContext, startMs: number, start: Timed | undefined, end: Timed | undefined): Drift | undefined {
  const { timeline } = ctx;
  const until = end?.ms ?? ctx.now;
  const overCadence = timeline.crossing(startMs, until, updateDeadline, startMs);
  if (!overCadence) return undefined;
  const overLongest = timeline.crossing(startMs, until, silenceLimit, startMs);

  const steps: Array<{ at: number; severity: Severity }> = [{ at: overCadence.at, severity: 'low' }];
  const cites = [cite(overCadence.terms, 'pace.updateCadenceDays')];
  if (overLongest) {
    steps.push({ at: overLongest.at, severity: 'high' });
    cites.push(cite(overLongest.terms, 'pace.maxSilenceDays'));
  }
  const evidence: Evidence[] = [start ? eventEvidence(start) : momentEvidence(startMs, 'expectations-agreed')];
  if (end) evidence.push(eventEvidence(end));
  const costs = costOverTime(overCadence.at, [
    ...dayTicks(timeline.pastThreshold(startMs, until, updateDeadline, startMs), SILENCE_POINTS_PER_DAY.overCadence),
    ...dayTicks(timeline.pastThreshold(startMs, until, silenceLimit, startMs), SILENCE_POINTS_PER_DAY.overLongest),
  ]);
  return drift({
    kind: 'silence',
    subject: iso(startMs),
    steps,
    closedAt: end,
    cites,
    evidence,
    explanation: {
      key: overLongest ? 'silence.max' : 'silence.cadence',
      params: {
        silenceHours: Math.ceil((until - startMs) / HOUR_MS),
        limitDays: overLongest ? overLongest.terms.expectations.pace.maxSilenceDays : overCadence.terms.expectations.pace.updateCadenceDays,
      },
    },
    costs,
  });
}

/** The instants at which the time spent in `parts` completes each full day, each worth `points`. */
function dayTicks(parts: ReadonlyArray<[number, number]>, points: number): CostStep[] {
  const ticks: CostStep[] = [];
  let spent = 0;
  for (const [from, to] of parts) {
    let next = (Math.floor(spent / DAY_MS) + 1) * DAY_MS;
    while (from + (next - spent) <= to) {
      ticks.push({ at: from + (next - spent), points });
      next += DAY_MS;
    }
    spent += to - from;
  }
  return ticks;
}

/** Running total of the ticks, as steps: nothing at the start, then each tick's sum. */
function costOverTime(start: number, ticks: CostStep[]): CostStep[] {
  ticks.sort((a, b) => a.at - b.at);
  const costs: CostStep[] = [costStep(start, 0)];
  let total = 0;
  for (const tick of ticks) {
    total += tick.points;
    const last = costs.length - 1;
    if ((costs[last] as CostStep).at === tick.at) costs[last] = costStep(tick.at, total);
    else costs.push(costStep(tick.at, total));
  }
  return costs;
}
