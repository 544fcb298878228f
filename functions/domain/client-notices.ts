/**
 * Notices that wait for the client's one click: the decision on one of their requests beyond
 * the contract, and the move of a due date the manager recorded. Both follow one rhythm, the
 * one delivery confirmations follow: sent at once, one reminder halfway through the client's
 * own window (`outcome.confirmationWindowDays`), and when the window closes unanswered, the
 * notice shows as "awaiting the client" and the manager is alerted, once.
 *
 * Contract: pure. A notice's state comes from when it was issued, whether it was answered, and
 * which of its emails the log shows (found by purpose and `ref`, like every other send).
 */
import type { EmailPurpose, EngagementEvent } from './events.js';

export const NOTICE_KINDS = ['scope-decision', 'deadline-shift'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Which notice: a scope request's decision (by `scopeRequestId`) or a manager's move (by `shiftId`). */
export interface NoticeRef {
  kind: NoticeKind;
  id: string;
}

export type NoticeState = 'announced' | 'reminded' | 'awaiting-client' | 'answered';

const DAY_MS = 86_400_000;

/** The emails of each kind of notice, and the `ref` each one carries in the log. */
export const NOTICE_EMAILS: Record<NoticeKind, { notice: EmailPurpose; reminder: EmailPurpose }> = {
  'scope-decision': { notice: 'scope-decision', reminder: 'scope-decision-reminder' },
  'deadline-shift': { notice: 'deadline-shift-notice', reminder: 'deadline-shift-reminder' },
};

/** The `ref` (and send-guard sequence) of the manager's alert about an unanswered notice. */
export const unansweredAlertRef = (ref: NoticeRef): string =>
  `${ref.kind === 'scope-decision' ? 'scope-unanswered' : 'shift-unacknowledged'}:${ref.id}`;

/** Links outlive the client's window by this much: a late answer is still an answer. */
const LINK_GRACE_DAYS = 30;

/** When the one reminder is due, and when the client's window closes. */
export function noticeWindow(issuedAt: string, windowDays: number): { remindAt: number; endsAt: number } {
  const issued = Date.parse(issuedAt);
  return { remindAt: issued + (windowDays * DAY_MS) / 2, endsAt: issued + windowDays * DAY_MS };
}

/** Until when the link to answer a notice works. */
export const noticeLinkExpiry = (issuedAt: string, windowDays: number): Date =>
  new Date(noticeWindow(issuedAt, windowDays).endsAt + LINK_GRACE_DAYS * DAY_MS);

/** The first time the log shows each email to or about the client, by `<purpose>:<ref>`. */
export function sendTimes(events: readonly EngagementEvent[]): Map<string, string> {
  const times = new Map<string, string>();
  for (const e of events) {
    if (e.type !== 'email-sent' || !e.ref) continue;
    const key = `${e.purpose}:${e.ref}`;
    const known = times.get(key);
    if (known === undefined || e.at < known) times.set(key, e.at);
  }
  return times;
}

export interface NoticeProgress {
  remindedAt?: string;
  alertedAt?: string;
}

/** When the reminder and the manager's alert of one notice went out, if they did. */
export function noticeProgress(ref: NoticeRef, sent: ReadonlyMap<string, string>): NoticeProgress {
  const remindedAt = sent.get(`${NOTICE_EMAILS[ref.kind].reminder}:${ref.id}`);
  const alertedAt = sent.get(`manager-alert:${unansweredAlertRef(ref)}`);
  return { ...(remindedAt ? { remindedAt } : {}), ...(alertedAt ? { alertedAt } : {}) };
}

/**
 * Where an issued notice stands at `now`: answered; awaiting the client once their window has
 * closed (or the manager was alerted); reminded; or just announced.
 */
export function noticeState(args: {
  issuedAt: string;
  answered: boolean;
  progress: NoticeProgress;
  windowDays: number | undefined;
  now: Date;
}): NoticeState {
  if (args.answered) return 'answered';
  const closed = args.windowDays !== undefined && args.now.getTime() >= noticeWindow(args.issuedAt, args.windowDays).endsAt;
  if (closed || args.progress.alertedAt) return 'awaiting-client';
  return args.progress.remindedAt ? 'reminded' : 'announced';
}
