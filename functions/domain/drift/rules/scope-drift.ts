/**
 * Scope drift (scope): requests beyond the contract handled by mood rather than by the
 * engagement's own rule.
 *
 * Contract, three findings:
 * - undecided (medium, subject: the request): no decision recorded by the end of the second
 *   working day after the day the request was recorded (client's week and zone); open until
 *   one is;
 * - override (subject: the decision): a decision that differs from what the rule proposed, or
 *   carries an override reason; medium with a reason, high without one;
 * - bonus not announced (low, subject: the decision): a bonus not announced as a bonus within
 *   the same two working days, or announced as something else; open until announced as one or
 *   decided otherwise.
 * Each is judged by the terms in force when its deadline passed or its decision was made.
 */
import type { RuleContext } from '../context.js';
import { SCOPE_GRACE_WORKING_DAYS, scopeDeadline } from '../deadlines.js';
import { drift, eventEvidence, momentEvidence, type Drift } from '../drift.js';
import { firstFrom, type EventOf, type ScopeRequest, type Timed } from '../log.js';
import { cite } from '../terms.js';
import type { Evidence } from '../types.js';
import { HOUR_MS } from '../../zoned-time.js';

const NONE: ReadonlyArray<Timed<EventOf<'scope-decision-recorded'>>> = [];

export function scopeDrifts(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  const { scopeRequests } = ctx.facts;
  for (let r = 0; r < scopeRequests.length; r += 1) {
    const scope = scopeRequests[r] as ScopeRequest;
    const undecided = undecidedRequest(ctx, scope);
    if (undecided) found.push(undecided);
    const decisions = scope.decisions ?? NONE;
    for (let d = 0; d < decisions.length; d += 1) {
      const decision = decisions[d] as Timed<EventOf<'scope-decision-recorded'>>;
      const override = overriddenRule(ctx, decision);
      if (override) found.push(override);
      if (decision.e.decision === 'bonus') {
        // A later decision on the same request makes this bonus moot.
        const unannounced = unannouncedBonus(ctx, decision, decisions[d + 1], scope.announcements);
        if (unannounced) found.push(unannounced);
      }
    }
  }
  return found;
}

function overriddenRule(ctx: RuleContext, decision: Timed<EventOf<'scope-decision-recorded'>>): Drift | undefined {
  const terms = ctx.timeline.at(decision.ms);
  const { e } = decision;
  if (!terms || (e.overrideReason === undefined && e.decision === e.proposed)) return undefined;
  return drift({
    kind: 'scope-drift',
    subject: `${e.id}:override`,
    steps: [{ at: decision, severity: e.overrideReason ? 'medium' : 'high' }],
    closedAt: decision,
    cites: [cite(terms, 'scope.bonusUpToHours'), cite(terms, 'scope.largerRequests')],
    evidence: [eventEvidence(decision)],
    explanation: {
      key: 'scope-drift.override',
      params: { request: e.scopeRequestId, decision: e.decision, proposed: e.proposed, reason: e.overrideReason ?? '' },
    },
  });
}

function undecidedRequest(ctx: RuleContext, scope: ScopeRequest): Drift | undefined {
  const request = scope.recorded;
  if (!request) return undefined;
  const requestId = request.e.scopeRequestId;
  const decision = firstFrom(scope.decisions, request.ms);
  const until = decision?.ms ?? ctx.now;
  const overdue = ctx.timeline.crossing(Math.max(ctx.timeline.agreedAt, request.ms), until, scopeDeadline, request.ms);
  if (!overdue) return undefined;
  const evidence: Evidence[] = [eventEvidence(request), momentEvidence(overdue.threshold, 'decision-deadline-passed')];
  if (decision) evidence.push(eventEvidence(decision));
  return drift({
    kind: 'scope-drift',
    subject: `${requestId}:undecided`,
    steps: [{ at: overdue.at, severity: 'medium' }],
    closedAt: decision,
    cites: [cite(overdue.terms, 'process.workingHours.days'), cite(overdue.terms, 'process.workingHours.timeZone')],
    evidence,
    explanation: {
      key: 'scope-drift.undecided',
      params: { request: requestId, summary: request.e.summary, graceDays: SCOPE_GRACE_WORKING_DAYS, waitedHours: Math.ceil((until - request.ms) / HOUR_MS) },
    },
  });
}

function unannouncedBonus(
  ctx: RuleContext,
  decision: Timed<EventOf<'scope-decision-recorded'>>,
  superseded: Timed | undefined,
  announcements: ReadonlyArray<Timed<EventOf<'scope-decision-announced'>>> | undefined,
): Drift | undefined {
  const requestId = decision.e.scopeRequestId;
  const asBonus = firstFrom(announcements, decision.ms, (a) => a.e.asBonus);
  const otherwise = firstFrom(announcements, decision.ms, (a) => !a.e.asBonus);
  const closer = asBonus && (!superseded || asBonus.ms <= superseded.ms) ? asBonus : superseded;
  const until = closer?.ms ?? ctx.now;
  const wrongly = otherwise && otherwise.ms < until ? otherwise : undefined;
  const overdue = ctx.timeline.crossing(Math.max(ctx.timeline.agreedAt, decision.ms), until, scopeDeadline, decision.ms);
  const startsAt = wrongly && (!overdue || wrongly.ms < overdue.at) ? wrongly.ms : overdue?.at;
  const terms = startsAt === undefined ? undefined : ctx.timeline.at(startsAt);
  if (startsAt === undefined || !terms) return undefined;

  const evidence: Evidence[] = [eventEvidence(decision)];
  if (wrongly) evidence.push(eventEvidence(wrongly));
  else if (overdue) evidence.push(momentEvidence(overdue.threshold, 'announcement-deadline-passed'));
  if (closer) evidence.push(eventEvidence(closer));
  return drift({
    kind: 'scope-drift',
    subject: `${decision.e.id}:bonus-unannounced`,
    steps: [{ at: startsAt, severity: 'low' }],
    closedAt: closer,
    cites: [cite(terms, 'scope.bonusUpToHours')],
    evidence,
    explanation: {
      key: wrongly ? 'scope-drift.bonus-not-announced-as-bonus' : 'scope-drift.bonus-unannounced',
      params: { request: requestId },
    },
  });
}
