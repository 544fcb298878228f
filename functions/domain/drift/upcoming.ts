/**
 * Warnings before drift: each promise that has not broken yet, with the moment it will break
 * unless something happens first. Sorted by that moment (then kind, then subject).
 *
 * Contract: deadlines are those of the terms in force at "now" (deadlines.ts), so with
 * unchanged terms and nothing happening, each warning's deadline is exactly when its finding
 * would start. Only deadlines still ahead are listed; one already passed is a finding.
 * - informational-update: the next update, the last informational touchpoint + the cadence;
 *   once that passed, longest-silence: the moment the silence becomes too long;
 * - slip-notice and delivery-due: per undelivered milestone, the last moment to announce a
 *   slip, and the end of its due date plus tolerance;
 * - confirmation-window: per milestone whose latest delivery awaits the client's verdict;
 * - response-due: per unanswered question;
 * - scope-decision: per undecided request; bonus-announcement: per request whose latest
 *   decision is a bonus not yet announced.
 */
import { contextOf } from './context.js';
import { confirmationDeadline, deliveryDeadline, responseDeadline, scopeDeadline, silenceLimit, slipNoticeDeadline, updateDeadline } from './deadlines.js';
import { iso } from './instants.js';
import { firstFrom } from './log.js';
import { cite, type Terms } from './terms.js';
import type { Citation, DriftInput, Warning, WarningKind } from './types.js';

export function upcoming(input: DriftInput): Warning[] {
  const ctx = contextOf(input);
  const terms = ctx?.timeline.at(ctx.now);
  if (!ctx || !terms) return [];
  const { facts, now } = ctx;
  const warnings: Warning[] = [];
  const warn = (kind: WarningKind, subject: string, deadline: number, cites: Citation[]) => {
    if (deadline > now) warnings.push({ kind, subject, deadline: iso(deadline), cites });
  };
  const citing = (t: Terms, ...fields: Parameters<typeof cite>[1][]) => fields.map((f) => cite(t, f));

  const lastContact = Math.max(ctx.timeline.agreedAt, ctx.facts.informational.at(-1)?.ms ?? Number.NEGATIVE_INFINITY);
  const update = updateDeadline(terms, lastContact);
  if (update > now) warn('informational-update', ctx.engagement.id, update, citing(terms, 'pace.updateCadenceDays'));
  else warn('longest-silence', ctx.engagement.id, silenceLimit(terms, lastContact), citing(terms, 'pace.maxSilenceDays'));

  for (const milestone of ctx.engagement.milestones) {
    const deliveries = facts.deliveries.get(milestone.id);
    const latest = deliveries?.at(-1);
    if (!latest) {
      const due = facts.shifts.get(milestone.id)?.at(-1)?.e.newDue ?? milestone.due;
      warn('slip-notice', milestone.id, slipNoticeDeadline(terms, due), citing(terms, 'pace.slipNoticeDays', 'process.workingHours.timeZone'));
      warn('delivery-due', milestone.id, deliveryDeadline(terms, due), citing(terms, 'pace.dueDateToleranceDays', 'process.workingHours.timeZone'));
    } else if (!firstFrom(facts.verdicts.get(milestone.id), latest.ms)) {
      warn('confirmation-window', milestone.id, confirmationDeadline(terms, latest.ms), citing(terms, 'outcome.confirmationWindowDays'));
    }
  }

  for (const { asked: question, answer } of facts.questions) {
    if (question && !answer) {
      warn('response-due', question.e.questionId, responseDeadline(terms, question.ms), citing(terms, 'pace.responseTimeHours'));
    }
  }

  for (const { recorded: request, decisions, announcements } of facts.scopeRequests) {
    if (!request) continue;
    const requestId = request.e.scopeRequestId;
    const decision = decisions?.at(-1);
    if (!decision || decision.ms < request.ms) {
      warn('scope-decision', requestId, scopeDeadline(terms, request.ms), citing(terms, 'process.workingHours.days', 'process.workingHours.timeZone'));
    } else if (decision.e.decision === 'bonus' && !firstFrom(announcements, decision.ms)) {
      warn('bonus-announcement', requestId, scopeDeadline(terms, decision.ms), citing(terms, 'scope.bonusUpToHours'));
    }
  }

  return warnings.sort((a, b) => a.deadline.localeCompare(b.deadline) || a.kind.localeCompare(b.kind) || a.subject.localeCompare(b.subject));
}
