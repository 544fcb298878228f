/**
 * Late delivery (pace): a milestone delivered after its due date plus the client's tolerance,
 * or still not delivered when that passed.
 *
 * Contract: the due date is the latest one announced before delivery (a date moved after the
 * milestone was delivered cannot make it on time); the deadline is the end of that date plus
 * `pace.dueDateToleranceDays` in the client's zone (see deadlines.ts). Medium when it passes,
 * high once a week beyond it. Open until delivered.
 */
import type { RuleContext } from '../context.js';
import { deliveryDeadline } from '../deadlines.js';
import { drift, eventEvidence, momentEvidence, type Drift } from '../drift.js';
import { cite } from '../terms.js';
import type { Evidence, Severity } from '../types.js';
import { DAY_MS, HOUR_MS } from '../../zoned-time.js';

/** How long past the deadline a late milestone counts as badly late. */
export const BADLY_LATE_MS = 7 * DAY_MS;

export function lateDeliveries(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  for (const milestone of ctx.engagement.milestones) {
    const delivery = ctx.facts.deliveries.get(milestone.id)?.[0];
    const until = delivery?.ms ?? ctx.now;
    const shift = ctx.facts.shifts.get(milestone.id)?.filter((s) => s.ms <= until).at(-1);
    const due = shift?.e.newDue ?? milestone.due;
    const late = ctx.timeline.crossing(ctx.timeline.agreedAt, until, deliveryDeadline, due);
    if (!late) continue;

    const steps: Array<{ at: number; severity: Severity }> = [{ at: late.at, severity: 'medium' }];
    if (late.at + BADLY_LATE_MS < until) steps.push({ at: late.at + BADLY_LATE_MS, severity: 'high' });
    const evidence: Evidence[] = [momentEvidence(late.threshold, 'due-date-passed')];
    if (shift) evidence.unshift(eventEvidence(shift));
    if (delivery) evidence.push(eventEvidence(delivery));
    found.push(drift({
      kind: 'late-delivery',
      subject: milestone.id,
      steps,
      closedAt: delivery,
      cites: [cite(late.terms, 'pace.dueDateToleranceDays'), cite(late.terms, 'process.workingHours.timeZone')],
      evidence,
      explanation: {
        key: delivery ? 'late-delivery.delivered' : 'late-delivery.undelivered',
        params: {
          milestone: milestone.id,
          title: milestone.title,
          due,
          toleranceDays: late.terms.expectations.pace.dueDateToleranceDays,
          lateHours: Math.ceil((until - late.threshold) / HOUR_MS),
        },
      },
    }));
  }
  return found;
}
