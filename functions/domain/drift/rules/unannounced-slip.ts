/**
 * Unannounced slip (pace): a due date that moved, or passed, without the notice the client
 * asked for.
 *
 * Contract: a milestone's plan is a chain of due dates, each set by the plan or by a
 * `deadline-shifted` announced before delivery. For each due date D in the chain:
 * - the shift that moved D came after the end of D − `pace.slipNoticeDays` (client's zone):
 *   medium, or high if it came after D itself had ended;
 * - D plus the client's tolerance passed with the milestone neither delivered nor moved: high
 *   from then, open until it is moved or delivered. Tolerance applies because a delivery
 *   within it is on time in the client's own terms and needs no notice.
 * Both are one finding per due date (subject: milestone and the event that set the date). The
 * date a shift moves is the one in force in this chain (a shift's `previousDue` repeats it).
 * A move the client chose for one of their scope requests (`scopeRequestId`) needs no notice:
 * it sets the next due date and ends a silent slip, but is never a late notice.
 */
import type { RuleContext } from '../context.js';
import { deliveryDeadline, dueDayEnd, slipNoticeDeadline } from '../deadlines.js';
import { drift, eventEvidence, momentEvidence, type Drift } from '../drift.js';
import type { Milestone } from '../../engagement.js';
import type { EventOf, Timed } from '../log.js';
import { cite, type Crossing, type Terms } from '../terms.js';
import type { Evidence } from '../types.js';
import { HOUR_MS } from '../../zoned-time.js';

export function unannouncedSlips(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  for (const milestone of ctx.engagement.milestones) {
    const delivery = ctx.facts.deliveries.get(milestone.id)?.[0];
    const deliveredAt = delivery?.ms ?? Number.POSITIVE_INFINITY;
    const shifts = (ctx.facts.shifts.get(milestone.id) ?? []).filter((s) => s.ms <= deliveredAt);

    let due = milestone.due;
    let setBy: Timed | undefined;
    for (let i = 0; i <= shifts.length; i += 1) {
      const next = shifts[i];
      const end = Math.min(next?.ms ?? Number.POSITIVE_INFINITY, deliveredAt, ctx.now);
      const overdue = ctx.timeline.crossing(Math.max(ctx.timeline.agreedAt, setBy?.ms ?? Number.NEGATIVE_INFINITY), end,
        deliveryDeadline, due);
      // The client's own choice of a later date is no notice to judge.
      const notice = next?.e.scopeRequestId === undefined ? next : undefined;
      const noticeTerms = notice ? ctx.timeline.at(notice.ms) : undefined;
      const lateNotice = notice !== undefined && noticeTerms !== undefined && notice.ms > slipNoticeDeadline(noticeTerms, due);
      // A notice is judged by the terms in force when it was given; a silent slip by those in force when the date passed.
      const terms = noticeTerms ?? overdue?.terms;
      if ((overdue || lateNotice) && terms) found.push(slip({ milestone, due, setBy, next, notice, delivery, overdue, terms }));
      if (!next) break;
      due = next.e.newDue;
      setBy = next;
    }
  }
  return found;
}

function slip(args: {
  milestone: Milestone;
  due: string;
  setBy: Timed | undefined;
  next: Timed<EventOf<'deadline-shifted'>> | undefined;
  /** `next` when it is a notice (a move the manager announced), not the client's own choice. */
  notice: Timed<EventOf<'deadline-shifted'>> | undefined;
  delivery: Timed | undefined;
  overdue: Crossing | undefined;
  terms: Terms;
}): Drift {
  const { milestone, due, next, notice, delivery, overdue, terms } = args;
  const steps = overdue
    ? [{ at: overdue.at, severity: 'high' as const }]
    : [{ at: notice as Timed, severity: (notice as Timed).ms > dueDayEnd(terms, due) ? 'high' as const : 'medium' as const }];
  const cites = [cite(terms, 'pace.slipNoticeDays'), cite(terms, 'process.workingHours.timeZone')];
  if (overdue) cites.push(cite(overdue.terms, 'pace.dueDateToleranceDays'));
  const evidence: Evidence[] = overdue ? [momentEvidence(overdue.threshold, 'due-date-passed')] : [];
  // Closed once the client hears of it: the (late) notice, or the delivery itself.
  const closer = next ?? delivery;
  if (closer) evidence.push(eventEvidence(closer));
  const base = { milestone: milestone.id, title: milestone.title, due, noticeDays: terms.expectations.pace.slipNoticeDays };
  return drift({
    kind: 'unannounced-slip',
    subject: `${milestone.id}:${args.setBy?.e.id ?? 'plan'}`,
    steps,
    closedAt: closer,
    cites,
    evidence,
    explanation: notice
      // Positive: notice given that long before the due date ended; negative: after it.
      ? { key: 'unannounced-slip.late-notice', params: { ...base, newDue: notice.e.newDue, noticeHours: Math.trunc((dueDayEnd(terms, due) - notice.ms) / HOUR_MS) } }
      : { key: 'unannounced-slip.no-notice', params: { ...base, toleranceDays: (overdue as Crossing).terms.expectations.pace.dueDateToleranceDays } },
  });
}
