/**
 * What the engagement workflow does next, decided from the event log alone. The workflow
 * loops "plan → carry out → plan", and waits in between until the next thing falls due or
 * something happens (a delivery, a client's answer, a recorded contact). Because the plan is
 * derived from what already happened, carrying out a step twice, replaying an execution or
 * continuing in a new one can't do anything twice: once a step's effect is in the log, the
 * plan moves past it.
 *
 * Order of priority: messages the log owes and that never went out (a request died between
 * logging a client's question, note or rejection and emailing it: domain/owed-messages.ts);
 * the client's confirmations (request, follow-up, then the manager's
 * alert when the window closes); notices that wait for the client's click (a scope decision,
 * a moved due date: sent if a failure kept them from going out at once, one reminder halfway
 * through the same window, then the manager's alert); milestone checkpoints, at the due date
 * in force (a move counts); then the informational update that keeps the client from a silence
 * longer than their cadence. Cadence is an upper bound on silence, not a quota: any
 * informational contact (an email or a recorded call) resets it.
 */
import { noticeWindow, type NoticeProgress, type NoticeRef } from './client-notices.js';
import { deadlineShifts, slipNoticeDeadline } from './deadline-shifts.js';
import type { Engagement } from './engagement.js';
import type { EngagementEvent } from './events.js';
import type { Channel, Expectations } from './expectations.js';
import { deliveryRef, milestoneStatuses, type MilestoneStatus } from './milestones.js';
import { owedMessages, type OwedMessage } from './owed-messages.js';
import { scopeRegister } from './scope-register.js';
import { dayNumber, endOfLocalDay } from './zoned-time.js';

const DAY_MS = 86_400_000;
/**
 * The longest wait. Everything that changes the plan wakes the workflow at once (a delivery,
 * an answer, a recorded contact, a scope decision, a moved date, an email's outcome; and the
 * wait itself first looks for news logged since the plan), so this is only a safety net for
 * a wake-up that failed. Waking daily instead would cost about 150 state transitions a month
 * for nothing (docs/decisions.md).
 */
export const MAX_WAIT_MS = 7 * DAY_MS;

/**
 * How long one execution follows the engagement before the next generation takes over. A
 * Standard execution ends (TIMED_OUT) after a year; a wait lasts at most `MAX_WAIT_MS` and a
 * step a few minutes with its retries, so 300 days leaves two months to spare.
 */
export const CONTINUE_AFTER_MS = 300 * DAY_MS;

export type EngagementStep =
  | { action: 'send-owed-message'; message: OwedMessage }
  | { action: 'request-confirmation'; milestoneId: string; delivery: number }
  | { action: 'follow-up-confirmation'; milestoneId: string; delivery: number }
  | { action: 'alert-unconfirmed'; milestoneId: string; delivery: number }
  | { action: 'send-notice'; notice: NoticeRef }
  | { action: 'remind-notice'; notice: NoticeRef }
  | { action: 'alert-unanswered-notice'; notice: NoticeRef }
  | { action: 'checkpoint'; milestoneId: string }
  | { action: 'status-update'; dueAt: string }
  | { action: 'manager-task'; dueAt: string; channel: Exclude<Channel, 'email'> }
  | { action: 'close-out' }
  | { action: 'complete' }
  | { action: 'continue-afresh' }
  | { action: 'wait'; waitSeconds: number; until: string };

export interface PlanInput {
  engagement: Engagement;
  expectations: Expectations;
  /** When the client first stated their expectations: the cadence counts from then. */
  expectationsSince: string;
  events: readonly EngagementEvent[];
  now: Date;
  /** When the execution that plans began: past `CONTINUE_AFTER_MS`, the next generation takes over. */
  executionStartedAt?: string;
}


/** Messages that never reached the client do not count as contact. */
function undelivered(events: readonly EngagementEvent[]): Set<string> {
  const failed = new Set<string>();
  for (const e of events) {
    if (e.type === 'email-outcome' && e.outcome !== 'delivered' && e.outcome !== 'opened') failed.add(e.messageId);
  }
  return failed;
}

/** The last informational contact with the client that reached them, or the start of the engagement. */
export function lastInformationalContact(events: readonly EngagementEvent[], since: string): number {
  const failed = undelivered(events);
  let last = Date.parse(since);
  for (const e of events) {
    const counts = (e.type === 'email-sent' && e.recipient === 'client' && e.kind === 'informational' && !failed.has(e.messageId))
      || (e.type === 'touchpoint-recorded' && e.kind === 'informational');
    if (counts) last = Math.max(last, Date.parse(e.at));
  }
  return last;
}

function sentRefs(events: readonly EngagementEvent[]): Set<string> {
  const refs = new Set<string>();
  for (const e of events) if (e.type === 'email-sent' && e.ref) refs.add(`${e.purpose}:${e.ref}`);
  return refs;
}

function confirmationWindow(status: MilestoneStatus, expectations: Expectations) {
  const deliveredAt = Date.parse(status.lastDeliveredAt as string);
  const window = expectations.outcome.confirmationWindowDays * DAY_MS;
  return { followUpAt: deliveredAt + window / 2, endsAt: deliveredAt + window };
}

export interface CheckpointResult {
  delivered: boolean;
  onTime: boolean;
  /** Null when the due date never moved. */
  slipAnnounced: boolean | null;
  cadenceKept: boolean;
  confirmed: boolean;
}

/**
 * What a milestone's due date finds, against the client's expectations, in their time zone:
 * delivered within the tolerance, any move announced with the notice they asked for, no silence
 * longer than their cadence, and the outcome confirmed.
 */
export function checkpointResult(input: PlanInput, milestoneId: string): CheckpointResult | undefined {
  const { expectations, events } = input;
  const status = milestoneStatuses(input.engagement, events).find((s) => s.milestone.id === milestoneId);
  if (!status) return undefined;
  const zone = expectations.process.workingHours.timeZone;
  const dueEnd = endOfLocalDay(zone, dayNumber(status.due) + expectations.pace.dueDateToleranceDays);
  const shift = [...events].reverse().find((e) => e.type === 'deadline-shifted' && e.milestoneId === milestoneId);
  return {
    delivered: status.deliveries > 0,
    onTime: status.lastDeliveredAt !== undefined && Date.parse(status.lastDeliveredAt) <= dueEnd,
    // A later date the client chose themselves needed no notice: they chose it.
    slipAnnounced: shift?.type === 'deadline-shifted'
      ? shift.scopeRequestId !== undefined || Date.parse(shift.at) <= slipNoticeDeadline(zone, shift.previousDue, expectations.pace.slipNoticeDays)
      : null,
    cadenceKept: input.now.getTime() - lastInformationalContact(events, input.expectationsSince) <= expectations.pace.updateCadenceDays * DAY_MS,
    confirmed: status.state === 'confirmed',
  };
}

/** A notice waiting for the client: issued (or not yet, when its sending failed), answered, reminded, alerted. */
interface AwaitedNotice {
  ref: NoticeRef;
  issuedAt?: string;
  answered: boolean;
  progress: NoticeProgress;
}

/** Scope decisions and the manager's moves of due dates, as notices the client answers. */
function awaitedNotices(input: PlanInput): AwaitedNotice[] {
  const { events, expectations, now } = input;
  const windowDays = expectations.outcome.confirmationWindowDays;
  const decisions = scopeRegister({ events, windowDays, now }).flatMap((entry): AwaitedNotice[] => (entry.decision
    ? [{ ref: { kind: 'scope-decision', id: entry.scopeRequestId }, issuedAt: entry.announcedAt, answered: entry.answer !== undefined, progress: entry.progress }]
    : []));
  const moves = deadlineShifts({ events, expectations, now }).flatMap((shift): AwaitedNotice[] => (shift.shiftId
    ? [{ ref: { kind: 'deadline-shift', id: shift.shiftId }, issuedAt: shift.state === 'notice-pending' ? undefined : shift.toldAt, answered: shift.acknowledgedAt !== undefined, progress: shift.progress }]
    : []));
  return [...decisions, ...moves];
}

export function planNextStep(input: PlanInput): EngagementStep {
  const { engagement, expectations, events } = input;
  const now = input.now.getTime();
  const statuses = milestoneStatuses(engagement, events);
  const sent = sentRefs(events);
  // A checkpoint is done when its note went out too: the record alone is not the effect.
  const checkpointed = new Set(events.flatMap((e) => (e.type === 'checkpoint-recorded' && sent.has(`checkpoint-note:${e.milestoneId}`) ? [e.milestoneId] : [])));
  const wakeAt: number[] = [];

  if (input.executionStartedAt && now - Date.parse(input.executionStartedAt) >= CONTINUE_AFTER_MS) return { action: 'continue-afresh' };

  const [owed] = owedMessages(events, expectations.channels.emergency);
  if (owed) return { action: 'send-owed-message', message: owed };

  for (const status of statuses) {
    if (status.state !== 'awaiting-confirmation') continue;
    const { milestone, deliveries } = status;
    const ref = deliveryRef(milestone.id, deliveries);
    const step = { milestoneId: milestone.id, delivery: deliveries };
    if (!sent.has(`confirmation-request:${ref}`)) return { action: 'request-confirmation', ...step };
    const window = confirmationWindow(status, expectations);
    if (now >= window.endsAt) {
      if (!sent.has(`manager-alert:unconfirmed:${ref}`)) return { action: 'alert-unconfirmed', ...step };
      continue;
    }
    if (now >= window.followUpAt && !sent.has(`confirmation-follow-up:${ref}`)) return { action: 'follow-up-confirmation', ...step };
    wakeAt.push(now < window.followUpAt ? window.followUpAt : window.endsAt);
  }

  for (const notice of awaitedNotices(input)) {
    if (!notice.issuedAt) return { action: 'send-notice', notice: notice.ref };
    if (notice.answered) continue;
    const window = noticeWindow(notice.issuedAt, expectations.outcome.confirmationWindowDays);
    if (now >= window.endsAt) {
      if (!notice.progress.alertedAt) return { action: 'alert-unanswered-notice', notice: notice.ref };
      continue;
    }
    if (now >= window.remindAt && !notice.progress.remindedAt) return { action: 'remind-notice', notice: notice.ref };
    wakeAt.push(now < window.remindAt ? window.remindAt : window.endsAt);
  }

  for (const status of statuses) {
    if (checkpointed.has(status.milestone.id)) continue;
    // A due date is met until the end of that day where the client is; the checkpoint comes right after.
    const dueEnd = endOfLocalDay(expectations.process.workingHours.timeZone, dayNumber(status.due));
    if (now >= dueEnd) return { action: 'checkpoint', milestoneId: status.milestone.id };
    wakeAt.push(dueEnd);
  }

  // Done means confirmed by the client, every milestone; then the close-out, once. The
  // close-out logs `engagement-closed` only after its emails went out.
  if (statuses.every((s) => s.state === 'confirmed')) {
    return events.some((e) => e.type === 'engagement-closed') ? { action: 'complete' } : { action: 'close-out' };
  }

  const updateDue = lastInformationalContact(events, input.expectationsSince) + expectations.pace.updateCadenceDays * DAY_MS;
  const dueAt = new Date(updateDue).toISOString();
  const channel = expectations.channels.informational;
  if (now >= updateDue) {
    if (channel === 'email') return { action: 'status-update', dueAt };
    // Another channel: the manager makes the contact; only their record of it counts.
    if (!sent.has(`manager-task:${dueAt}`)) return { action: 'manager-task', dueAt, channel };
  } else {
    wakeAt.push(updateDue);
  }

  const until = Math.min(now + MAX_WAIT_MS, ...wakeAt);
  return { action: 'wait', waitSeconds: Math.max(1, Math.ceil((until - now) / 1000)), until: new Date(until).toISOString() };
}
