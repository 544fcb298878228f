/**
 * The scope register's use cases: a manager records a request beyond the contract and decides
 * it (as the client's rule proposes, or against it with a written reason); the decision is
 * announced to the client at once, in their language, by email (regular communication, like a
 * confirmation request: it carries a one-click link); the client answers through that link.
 * The engagement workflow reminds once and alerts the manager (`client-notices.ts`).
 *
 * Nothing is stored half and nothing is sent twice:
 * - a request and a decision are one event each, behind a once-marker, so a double click (or a
 *   retried API call with the same key) finds the first and adds nothing;
 * - a request is decided once: the same decision posted again is "unchanged" (and finishes an
 *   announcement a failure may have left undone), a different one is a `Conflict`;
 * - the announcement's email has its send guard, its log entry a once-marker; if it fails here,
 *   the workflow sends it (`planNextStep` sees a decision without announcement);
 * - the client's answer marks their request answered in one transaction with the events it
 *   causes (the later date they chose moves the milestone), and a second answer changes nothing.
 */
import { createHash, randomUUID } from 'node:crypto';
import { scopeAnswerRequestId, type ClientRequest } from '../domain/client-request.js';
import { noticeLinkExpiry, noticeWindow } from '../domain/client-notices.js';
import { checkNewDue, todayIn } from '../domain/deadline-shifts.js';
import type { Engagement } from '../domain/engagement.js';
import { Conflict, InProgress, InvalidInput, NotFound } from '../domain/errors.js';
import type { NewEvent, ScopeAnswer, ScopeDecision } from '../domain/events.js';
import type { Expectations } from '../domain/expectations.js';
import { milestoneStatuses } from '../domain/milestones.js';
import {
  answersFor, checkDecision, offeredShift, proposeDecision, ruleReason, sameDecision, scopeRegister,
  type DecidedFields, type DecisionInput, type ScopeRequestEntry,
} from '../domain/scope-register.js';
import { renderEmail } from '../emails/render-email.js';
import type { ScopeDecisionFacts } from '../i18n.js';
import { clientLink, managerEngagementUrl, type Deps } from '../deps.js';
import { statusLink } from './status-link.js';
import { wake } from './record-engagement-news.js';


/**
 * The id of a record in the register (a request, a move): derived from the engagement and the
 * caller's request key, so the same submission names the same record; random without a key.
 * Twelve lowercase hex characters fit a client request id (`client-request.ts`).
 */
export function registerIdFor(engagementId: string, requestKey: string | undefined): string {
  if (!requestKey) return randomUUID().replace(/-/g, '').slice(0, 12);
  return createHash('sha256').update(`${engagementId}\n${requestKey}`).digest('hex').slice(0, 12);
}

/** The client's expectations, which hold the rule; a register needs them. */
async function expectationsOf(deps: Pick<Deps, 'store'>, engagement: Engagement): Promise<Expectations> {
  const answer = await deps.store.latestKickoffAnswer(engagement.id);
  if (!answer) throw new Conflict('the client has not stated their expectations (and their rule for requests beyond the contract) yet');
  return answer.expectations;
}

function refuseWhenClosed(engagement: Engagement): void {
  if (engagement.status === 'closed') throw new Conflict('the engagement is closed');
}

export interface NewScopeRequest {
  summary: string;
  effortHours: number;
  askedBy: string;
  /** When the client asked. */
  askedAt: Date;
  ofDeclinedKind: boolean;
  requestKey?: string;
}

export async function recordScopeRequest(deps: Deps, engagement: Engagement, input: NewScopeRequest, by: string):
Promise<{ scopeRequestId: string; proposed: ScopeDecision; created: boolean }> {
  refuseWhenClosed(engagement);
  const expectations = await expectationsOf(deps, engagement);
  if (input.ofDeclinedKind && !expectations.scope.alwaysDeclined) {
    throw new InvalidInput([{ field: 'ofDeclinedKind', message: 'the client named nothing they always decline' }]);
  }
  if (input.askedAt.getTime() > deps.clock.now().getTime() + 5 * 60_000) throw new InvalidInput([{ field: 'at', message: 'must not be in the future' }]);
  // Times are entered to the minute: the minute the engagement was created counts.
  if (input.askedAt.getTime() < Math.floor(Date.parse(engagement.createdAt) / 60_000) * 60_000) {
    throw new InvalidInput([{ field: 'at', message: 'must not be before the engagement started' }]);
  }
  const scopeRequestId = registerIdFor(engagement.id, input.requestKey);
  const created = await deps.store.appendEventOnce({
    type: 'scope-request-recorded', engagementId: engagement.id, scopeRequestId, summary: input.summary,
    effortHours: input.effortHours, askedBy: input.askedBy, by, ...(input.ofDeclinedKind ? { ofDeclinedKind: true } : {}),
  }, `scope-request#${scopeRequestId}`, input.askedAt);
  return { scopeRequestId, proposed: proposeDecision(expectations.scope, input), created };
}

async function registerEntry(deps: Pick<Deps, 'store' | 'clock'>, engagement: Engagement, expectations: Expectations, scopeRequestId: string) {
  const events = await deps.store.listEvents(engagement.id);
  const entry = scopeRegister({ events, windowDays: expectations.outcome.confirmationWindowDays, now: deps.clock.now() })
    .find((e) => e.scopeRequestId === scopeRequestId);
  if (!entry) throw new NotFound(`request ${scopeRequestId} of this engagement`);
  return { entry, events };
}

function alreadyDecided(scopeRequestId: string, standing: DecidedFields & { decidedAt: string }): Conflict {
  return new Conflict(`request ${scopeRequestId} was already decided (${standing.decision}) at ${standing.decidedAt}; a decision stands once made`);
}

/**
 * Decides a request (see the contract above): returns the decision that stands, and whether
 * this call found it already made. The client is told at once; the workflow is woken.
 */
export async function decideScopeRequest(deps: Deps, engagement: Engagement, scopeRequestId: string, input: DecisionInput, by: string):
Promise<{ decision: DecidedFields; unchanged: boolean }> {
  refuseWhenClosed(engagement);
  const expectations = await expectationsOf(deps, engagement);
  const { entry, events } = await registerEntry(deps, engagement, expectations, scopeRequestId);
  const now = deps.clock.now();
  const proposed = proposeDecision(expectations.scope, entry);
  const decide = () => checkDecision({
    proposed, input, milestones: milestoneStatuses(engagement, events), today: todayIn(expectations.process.workingHours.timeZone, now),
  });

  if (entry.decision) {
    const standing = entry.decision;
    let posted: DecidedFields;
    try {
      posted = decide();
    } catch (error) {
      if (error instanceof InvalidInput) throw alreadyDecided(scopeRequestId, standing);
      throw error;
    }
    if (!sameDecision(standing, posted)) throw alreadyDecided(scopeRequestId, standing);
    await announceSafely(deps, engagement.id, scopeRequestId);
    return { decision: standing, unchanged: true };
  }

  const decided = decide();
  const first = await deps.store.appendEventOnce(
    { type: 'scope-decision-recorded', engagementId: engagement.id, scopeRequestId, ...decided, by }, `scope-decision#${scopeRequestId}`, now);
  if (!first) {
    // Another submit decided it a moment ago.
    const { entry: racer } = await registerEntry(deps, engagement, expectations, scopeRequestId);
    const standing = racer.decision ?? { ...decided, decidedAt: now.toISOString() };
    if (!sameDecision(standing, decided)) throw alreadyDecided(scopeRequestId, standing);
    return { decision: standing, unchanged: true };
  }
  await announceSafely(deps, engagement.id, scopeRequestId);
  await wake(deps, engagement.id);
  return { decision: decided, unchanged: false };
}

/** The announcement, now; when it fails, the decision stands and the workflow sends it. */
async function announceSafely(deps: Deps, engagementId: string, scopeRequestId: string): Promise<void> {
  try {
    await sendScopeDecision(deps, engagementId, scopeRequestId, 'notice');
  } catch (error) {
    // Another attempt (a double click) is sending it right now.
    if (error instanceof InProgress) return;
    console.error(JSON.stringify({ message: 'the decision is recorded but its announcement failed; the workflow retries it', engagementId, scopeRequestId, error: String(error) }));
  }
}

/** What the client reads about a decision, from the register and their rule. */
export function decisionFacts(engagement: Engagement, expectations: Expectations, entry: ScopeRequestEntry & { decision: DecidedFields }): ScopeDecisionFacts {
  const { decision } = entry;
  const shift = offeredShift(decision);
  return {
    decision: decision.decision,
    byRule: decision.decision === decision.proposed,
    reason: ruleReason(expectations.scope, entry),
    effortHours: entry.effortHours,
    rule: {
      bonusUpToHours: expectations.scope.bonusUpToHours, largerRequests: expectations.scope.largerRequests,
      ...(expectations.scope.alwaysDeclined ? { alwaysDeclined: expectations.scope.alwaysDeclined } : {}),
    },
    ...(decision.overrideReason !== undefined ? { overrideReason: decision.overrideReason } : {}),
    ...(decision.price !== undefined ? { price: decision.price } : {}),
    ...(shift ? { shift: { milestoneTitle: milestoneTitleOf(engagement, shift.milestoneId), from: shift.previousDue, to: shift.newDue } } : {}),
  };
}

export const milestoneTitleOf = (engagement: Engagement, milestoneId: string): string =>
  engagement.milestones.find((m) => m.id === milestoneId)?.title ?? milestoneId;

/**
 * Sends the announcement of a decision (and logs it, once) or its one reminder. Idempotent:
 * the send guard is keyed by the request, and nothing is sent for a request that was answered.
 */
export async function sendScopeDecision(deps: Omit<Deps, 'sfn'>, engagementId: string, scopeRequestId: string, which: 'notice' | 'reminder'): Promise<void> {
  const engagement = await deps.store.requireEngagement(engagementId);
  const expectations = await expectationsOf(deps, engagement);
  const { entry } = await registerEntry(deps, engagement, expectations, scopeRequestId);
  const { decision } = entry;
  if (!decision) return;
  if (which === 'reminder' && (entry.answer || !entry.announcedAt)) return;
  const now = deps.clock.now();
  const issuedAt = entry.announcedAt ?? now.toISOString();
  const windowDays = expectations.outcome.confirmationWindowDays;
  const request = await deps.store.ensureRequest({
    id: scopeAnswerRequestId(engagementId, scopeRequestId), engagementId, purpose: 'scope', round: 0, status: 'open',
    createdAt: now.toISOString(), scopeRequestId,
  }, now);
  await deps.mailer.sendOnce({
    engagementId, purpose: which === 'notice' ? 'scope-decision' : 'scope-decision-reminder', sequence: scopeRequestId, ref: scopeRequestId,
    to: engagement.client.email, recipient: 'client', kind: 'regular',
    content: renderEmail({
      type: 'scope-decision', reminder: which === 'reminder', clientName: engagement.client.name, managerName: engagement.manager.name,
      engagementTitle: engagement.title, summary: entry.summary, askedAt: entry.askedAt,
      facts: decisionFacts(engagement, expectations, { ...entry, decision }),
      link: clientLink(deps, request.id, noticeLinkExpiry(issuedAt, windowDays), 'scope'),
      answerBy: new Date(noticeWindow(issuedAt, windowDays).endsAt).toISOString(), timeZone: expectations.process.workingHours.timeZone, statusLink: await statusLink(deps, engagementId),
    }, engagement.locale),
  });
  if (which === 'notice') {
    // A bonus is announced as a bonus: the email says so in as many words.
    await deps.store.appendEventOnce({ type: 'scope-decision-announced', engagementId, scopeRequestId, asBonus: decision.decision === 'bonus' },
      `scope-announced#${scopeRequestId}`, now);
  }
}

/** The client's one click on a decision. Returns whether the later date they chose moved the milestone. */
export async function answerScopeDecision(deps: Deps, engagement: Engagement, request: ClientRequest, answer: ScopeAnswer): Promise<{ moved: boolean }> {
  const expectations = await expectationsOf(deps, engagement);
  const { entry, events } = await registerEntry(deps, engagement, expectations, request.scopeRequestId ?? '');
  const { decision } = entry;
  if (!decision || !entry.announcedAt) throw new NotFound(`the decision on request ${entry.scopeRequestId}`);
  if (!answersFor(decision.decision).includes(answer)) throw new InvalidInput([{ field: 'answer', message: 'Invalid option' }]);
  const now = deps.clock.now();
  const consequences: NewEvent[] = [];
  const shift = offeredShift(decision);
  let movedFrom: string | undefined;
  if (answer === 'later-date' && shift) {
    const status = milestoneStatuses(engagement, events).find((s) => s.milestone.id === shift.milestoneId);
    // The later date applies while it still moves the milestone: not delivered since, not already later.
    if (status && checkNewDue({ status, newDue: shift.newDue, today: todayIn(expectations.process.workingHours.timeZone, now) }).length === 0) {
      consequences.push({
        type: 'deadline-shifted', engagementId: engagement.id, milestoneId: shift.milestoneId, previousDue: status.due, newDue: shift.newDue,
        reason: entry.summary, scopeRequestId: entry.scopeRequestId,
      });
      movedFrom = status.due;
    }
  }
  await deps.store.recordAnswer(request, { type: 'scope-decision-answered', engagementId: engagement.id, scopeRequestId: entry.scopeRequestId, answer }, now, consequences);
  if (answer !== 'noted') await tellManager(deps, engagement, entry, decision, answer, movedFrom);
  await wake(deps, engagement.id);
  return { moved: movedFrom !== undefined };
}

/** The manager hears of a choice at once: extra pay agreed is the go-ahead, a withdrawal the stop. */
async function tellManager(deps: Deps, engagement: Engagement, entry: ScopeRequestEntry, decision: DecidedFields, answer: Exclude<ScopeAnswer, 'noted'>, movedFrom: string | undefined) {
  const shift = offeredShift(decision);
  const choice = answer === 'extra-pay' ? { answer, price: decision.price ?? '' } as const
    : answer === 'later-date' && shift
      ? { answer, milestoneTitle: milestoneTitleOf(engagement, shift.milestoneId), from: movedFrom ?? shift.previousDue, to: shift.newDue, moved: movedFrom !== undefined } as const
      : { answer: 'withdrawn' } as const;
  try {
    await deps.mailer.sendOnce({
      engagementId: engagement.id, purpose: 'scope-answer', sequence: entry.scopeRequestId, ref: entry.scopeRequestId,
      to: engagement.manager.email, recipient: 'manager', kind: 'regular',
      content: renderEmail({
        type: 'scope-answer', managerName: engagement.manager.name, clientName: engagement.client.name, engagementTitle: engagement.title,
        summary: entry.summary, choice, engagementUrl: managerEngagementUrl(deps, engagement.id),
      }, engagement.locale),
    });
  } catch (error) {
    console.error(JSON.stringify({ message: 'the client\'s answer is recorded but telling the manager failed', engagementId: engagement.id, error: String(error) }));
  }
}
