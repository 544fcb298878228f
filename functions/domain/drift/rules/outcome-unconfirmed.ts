/**
 * Outcome unconfirmed (outcome): a delivery the client did not confirm within their
 * confirmation window (`outcome.confirmationWindowDays`, counted in 24 h days from delivery).
 *
 * Contract: each delivery of a milestone (a redelivery after a rejection is a new one) waits
 * for the client's verdict. Any verdict ends the wait: a confirmation, or a rejection (which is
 * its own finding). A later delivery of the same milestone supersedes an unanswered one. If
 * the window ends first, the finding (medium, subject: the delivery event) runs from then
 * until the verdict or redelivery, and is open while neither came.
 */
import type { RuleContext } from '../context.js';
import { confirmationDeadline } from '../deadlines.js';
import { drift, eventEvidence, momentEvidence, type Drift } from '../drift.js';
import { firstFrom } from '../log.js';
import { cite } from '../terms.js';
import type { Evidence } from '../types.js';
import { HOUR_MS } from '../../zoned-time.js';

export function unconfirmedOutcomes(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  for (const milestone of ctx.engagement.milestones) {
    const deliveries = ctx.facts.deliveries.get(milestone.id) ?? [];
    deliveries.forEach((delivery, i) => {
      const verdict = firstFrom(ctx.facts.verdicts.get(milestone.id), delivery.ms);
      const redelivery = deliveries[i + 1];
      const closer = verdict && (!redelivery || verdict.ms <= redelivery.ms) ? verdict : redelivery;
      const until = closer?.ms ?? ctx.now;
      const overdue = ctx.timeline.crossing(Math.max(ctx.timeline.agreedAt, delivery.ms), until,
        confirmationDeadline, delivery.ms);
      if (!overdue) return;
      const evidence: Evidence[] = [eventEvidence(delivery), momentEvidence(overdue.threshold, 'confirmation-window-ended')];
      if (closer) evidence.push(eventEvidence(closer));
      found.push(drift({
        kind: 'outcome-unconfirmed',
        subject: delivery.e.id,
        steps: [{ at: overdue.at, severity: 'medium' }],
        closedAt: closer,
        cites: [cite(overdue.terms, 'outcome.confirmationWindowDays')],
        evidence,
        explanation: {
          key: 'outcome-unconfirmed',
          params: {
            milestone: milestone.id, title: milestone.title,
            windowDays: overdue.terms.expectations.outcome.confirmationWindowDays,
            waitedHours: Math.ceil((until - delivery.ms) / HOUR_MS),
          },
        },
      }));
    });
  }
  return found;
}
