/**
 * Moves of a milestone's due date, and the notice the client got of each. Deadline shifts are
 * announced before the deadline, never discovered after it: a move told later than the notice
 * the client asked for (`pace.slipNoticeDays` before the old due date, in their zone), or after
 * the old date itself, is what the drift report's "unannounced slip" is built from.
 *
 * Contract (pure):
 * - `slipNoticeDeadline(zone, due, days)`: notice is in time until the end of (due − days) where
 *   the client is: the same instant the drift engine judges by (drift/deadlines.ts).
 * - `checkNewDue(...)`: a new due date for a milestone that is not delivered (a reopened one may
 *   move), after today where the client is, later than the date in force, and at most
 *   `MAX_SHIFT_DAYS` ahead. Issues name `milestoneId` or `newDue`.
 * - `deadlineShifts(...)`: every move in the log with when the client was told, how much notice
 *   that was, whether it was late, and (for a move the manager recorded) its notice email,
 *   reminder, alert and the client's acknowledgement; a move the client chose for one of their
 *   requests needs no acknowledgement.
 */
import { noticeProgress, noticeState, sendTimes, type NoticeProgress, type NoticeState } from './client-notices.js';
import type { FieldIssue } from './errors.js';
import type { EngagementEvent } from './events.js';
import type { Expectations } from './expectations.js';
import type { MilestoneStatus } from './milestones.js';
import { dayNumber, endOfLocalDay, isoDateOf, localTime } from './zoned-time.js';

/** A move further than this is a new plan, not a shift. */
export const MAX_SHIFT_DAYS = 730;

export const slipNoticeDeadline = (zone: string, due: string, noticeDays: number): number =>
  endOfLocalDay(zone, dayNumber(due) - noticeDays);

/** Today's date where the client is. */
export const todayIn = (zone: string, now: Date): string => isoDateOf(localTime(zone, now.getTime()).day);

/** A due date moved by whole days. */
export const shiftedDue = (due: string, days: number): string => isoDateOf(dayNumber(due) + days);

export function checkNewDue(args: { status: MilestoneStatus; newDue: string; today: string }): FieldIssue[] {
  const { status, newDue, today } = args;
  if (status.deliveries > 0 && status.state !== 'reopened') return [{ field: 'milestoneId', message: 'already delivered' }];
  if (newDue <= today) return [{ field: 'newDue', message: 'must be after today' }];
  if (newDue <= status.due) return [{ field: 'newDue', message: 'must be later than the current due date' }];
  if (dayNumber(newDue) - dayNumber(today) > MAX_SHIFT_DAYS) return [{ field: 'newDue', message: 'at most two years ahead' }];
  return [];
}

export type DeadlineShiftState = 'notice-pending' | 'chosen-by-client' | NoticeState;

export interface DeadlineShiftEntry {
  /** The manager's move, which the client acknowledges; absent for a move the client chose. */
  shiftId?: string;
  /** The request beyond the contract the client chose this later date for. */
  scopeRequestId?: string;
  milestoneId: string;
  previousDue: string;
  newDue: string;
  reason: string;
  /** When the client was told: the move's own time. */
  toldAt: string;
  /** Whole days from the day the client was told (their zone) to the old due date; negative once it had passed. */
  noticeDays: number;
  /** Told later than the client's notice period before the old due date, or after it. */
  lateNotice: boolean;
  acknowledgedAt?: string;
  progress: NoticeProgress;
  state: DeadlineShiftState;
}

const byTime = (a: EngagementEvent, b: EngagementEvent) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** Every move of the engagement, oldest first. Without expectations, days count in UTC and no notice is late. */
export function deadlineShifts(args: { events: readonly EngagementEvent[]; expectations: Expectations | undefined; now: Date }): DeadlineShiftEntry[] {
  const { expectations } = args;
  const zone = expectations?.process.workingHours.timeZone ?? 'UTC';
  const ordered = [...args.events].sort(byTime);
  const sent = sendTimes(ordered);
  const acknowledged = new Map<string, string>();
  for (const e of ordered) {
    if (e.type === 'deadline-shift-acknowledged' && !acknowledged.has(e.shiftId)) acknowledged.set(e.shiftId, e.at);
  }
  return ordered.flatMap((e): DeadlineShiftEntry[] => {
    if (e.type !== 'deadline-shifted') return [];
    const toldMs = Date.parse(e.at);
    const progress = e.shiftId ? noticeProgress({ kind: 'deadline-shift', id: e.shiftId }, sent) : {};
    const acknowledgedAt = e.shiftId ? acknowledged.get(e.shiftId) : undefined;
    const noticeSent = e.shiftId !== undefined && sent.has(`deadline-shift-notice:${e.shiftId}`);
    const state: DeadlineShiftState = !e.shiftId ? 'chosen-by-client'
      : !noticeSent ? 'notice-pending'
        : noticeState({ issuedAt: e.at, answered: acknowledgedAt !== undefined, progress, windowDays: expectations?.outcome.confirmationWindowDays, now: args.now });
    return [{
      ...(e.shiftId ? { shiftId: e.shiftId } : {}),
      ...(e.scopeRequestId ? { scopeRequestId: e.scopeRequestId } : {}),
      milestoneId: e.milestoneId, previousDue: e.previousDue, newDue: e.newDue, reason: e.reason, toldAt: e.at,
      noticeDays: dayNumber(e.previousDue) - localTime(zone, toldMs).day,
      lateNotice: expectations !== undefined && toldMs > slipNoticeDeadline(zone, e.previousDue, expectations.pace.slipNoticeDays),
      ...(acknowledgedAt ? { acknowledgedAt } : {}),
      progress,
      state,
    }];
  });
}
