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
import { drift, eventEvidence, iso, momentEvidence, type CostStep, type Drift } from '../drift.js';
import type { Timed } from '../log.js';
import { cite } from '../terms.js';
import type { Evidence, Severity } from '../types.js';
import { DAY_MS, HOUR_MS } from '../../zoned-time.js';

export const SILENCE_POINTS_PER_DAY = { overCadence: 1, overLongest: 2 } as const;

export function silences(ctx: RuleContext): Drift[] {
  const { timeline } = ctx;
  const starts: Array<{ ms: number; t?: Timed }> = [{ ms: timeline.agreedAt }];
  for (const t of ctx.facts.informational) if (t.ms >= timeline.agreedAt) starts.push({ ms: t.ms, t });

  const found: Drift[] = [];
  for (let i = 0; i < starts.length; i += 1) {
    const start = starts[i] as { ms: number; t?: Timed };
    const end = starts[i + 1]?.t;
    const until = end?.ms ?? ctx.now;
    const overCadence = timeline.crossing(start.ms, until, updateDeadline, start.ms);
    if (!overCadence) continue;
    const overLongest = timeline.crossing(start.ms, until, silenceLimit, start.ms);

    const steps: Array<{ at: number; severity: Severity }> = [{ at: overCadence.at, severity: 'low' }];
    const cites = [cite(overCadence.terms, 'pace.updateCadenceDays')];
    if (overLongest) {
      steps.push({ at: overLongest.at, severity: 'high' });
      cites.push(cite(overLongest.terms, 'pace.maxSilenceDays'));
    }
    const evidence: Evidence[] = [start.t ? eventEvidence(start.t) : momentEvidence(start.ms, 'expectations-agreed')];
    if (end) evidence.push(eventEvidence(end));
    const costs = costOverTime(overCadence.at, [
      ...dayTicks(timeline.pastThreshold(start.ms, until, updateDeadline, start.ms), SILENCE_POINTS_PER_DAY.overCadence),
      ...dayTicks(timeline.pastThreshold(start.ms, until, silenceLimit, start.ms), SILENCE_POINTS_PER_DAY.overLongest),
    ]);
    found.push(drift({
      kind: 'silence',
      subject: iso(start.ms),
      steps,
      ...(end ? { closedAt: end.ms } : {}),
      cites,
      evidence,
      explanation: {
        key: overLongest ? 'silence.max' : 'silence.cadence',
        params: {
          silenceHours: Math.ceil((until - start.ms) / HOUR_MS),
          limitDays: overLongest ? overLongest.terms.expectations.pace.maxSilenceDays : overCadence.terms.expectations.pace.updateCadenceDays,
        },
      },
      costs,
    }));
  }
  return found;
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
  const costs: CostStep[] = [{ at: start, points: 0 }];
  let total = 0;
  for (const tick of ticks) {
    total += tick.points;
    const last = costs[costs.length - 1] as CostStep;
    if (last.at === tick.at) last.points = total;
    else costs.push({ at: tick.at, points: total });
  }
  return costs;
}
