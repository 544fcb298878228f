/**
 * A manager moves a milestone's due date: the move is logged with the time the client is told
 * (now), the notice goes to them at once in their language (old date, new date, the reason,
 * and a one-click link to acknowledge it), and the engagement workflow is woken so its
 * checkpoints follow the new date. The workflow reminds once and alerts the manager when the
 * client does not acknowledge it (`client-notices.ts`).
 *
 * Nothing is stored half and nothing is sent twice: the move is one event behind a once-marker
 * keyed by the submission (a double click finds it before it checks the date, which the first
 * click already moved); the notice has its send guard; if sending fails here, the workflow
 * sends it (`planNextStep` sees a move without its notice). The acknowledgement marks the
 * client's request answered in the same transaction, and a second click changes nothing.
 */
import { shiftAcknowledgementRequestId, type ClientRequest } from '../domain/client-request.js';
import { noticeLinkExpiry, noticeWindow } from '../domain/client-notices.js';
import { checkNewDue, deadlineShifts, todayIn } from '../domain/deadline-shifts.js';
import type { Engagement } from '../domain/engagement.js';
import { Conflict, InProgress, InvalidInput, NotFound } from '../domain/errors.js';
import type { Expectations } from '../domain/expectations.js';
import { milestoneStatuses } from '../domain/milestones.js';
import { renderEmail } from '../emails/render-email.js';
import { clientLink, type Deps } from '../deps.js';
import { statusLink } from './status-link.js';
import { wake } from './record-engagement-news.js';
import { milestoneTitleOf, registerIdFor } from './scope-register.js';


export interface NewDeadlineShift {
  milestoneId: string;
  newDue: string;
  reason: string;
  requestKey?: string;
}

/** The client's notice period and zone are needed to tell them, and to judge the notice. */
async function expectationsOf(deps: Pick<Deps, 'store'>, engagement: Engagement): Promise<Expectations> {
  const answer = await deps.store.latestKickoffAnswer(engagement.id);
  if (!answer) throw new Conflict('the client has not stated their expectations (their time zone and the notice they want) yet');
  return answer.expectations;
}

export async function recordDeadlineShift(deps: Deps, engagement: Engagement, input: NewDeadlineShift, by: string): Promise<{ shiftId: string; created: boolean }> {
  if (engagement.status === 'closed') throw new Conflict('the engagement is closed');
  const expectations = await expectationsOf(deps, engagement);
  const shiftId = registerIdFor(engagement.id, input.requestKey);
  const events = await deps.store.listEvents(engagement.id);
  if (events.some((e) => e.type === 'deadline-shifted' && e.shiftId === shiftId)) {
    await noticeSafely(deps, engagement.id, shiftId);
    return { shiftId, created: false };
  }
  const now = deps.clock.now();
  const status = milestoneStatuses(engagement, events).find((s) => s.milestone.id === input.milestoneId);
  if (!status) throw new InvalidInput([{ field: 'milestoneId', message: 'must be a milestone of this engagement' }]);
  const issues = checkNewDue({ status, newDue: input.newDue, today: todayIn(expectations.process.workingHours.timeZone, now) });
  if (issues.length > 0) throw new InvalidInput(issues);
  const created = await deps.store.appendEventOnce({
    type: 'deadline-shifted', engagementId: engagement.id, milestoneId: input.milestoneId, previousDue: status.due, newDue: input.newDue,
    reason: input.reason, shiftId, by,
  }, `deadline-shift#${shiftId}`, now);
  await noticeSafely(deps, engagement.id, shiftId);
  if (created) await wake(deps, engagement.id);
  return { shiftId, created };
}

async function noticeSafely(deps: Deps, engagementId: string, shiftId: string): Promise<void> {
  try {
    await sendShiftNotice(deps, engagementId, shiftId, 'notice');
  } catch (error) {
    // Another attempt (a double click) is sending it right now.
    if (error instanceof InProgress) return;
    console.error(JSON.stringify({ message: 'the move is recorded but its notice failed; the workflow retries it', engagementId, shiftId, error: String(error) }));
  }
}

async function shiftOf(deps: Pick<Deps, 'store' | 'clock'>, engagement: Engagement, expectations: Expectations, shiftId: string) {
  const events = await deps.store.listEvents(engagement.id);
  return deadlineShifts({ events, expectations, now: deps.clock.now() }).find((s) => s.shiftId === shiftId);
}

/** Sends the notice of a move, or its one reminder (not once acknowledged). Idempotent: the send guard is keyed by the move. */
export async function sendShiftNotice(deps: Omit<Deps, 'sfn'>, engagementId: string, shiftId: string, which: 'notice' | 'reminder'): Promise<void> {
  const engagement = await deps.store.requireEngagement(engagementId);
  const expectations = await expectationsOf(deps, engagement);
  const shift = await shiftOf(deps, engagement, expectations, shiftId);
  if (!shift || (which === 'reminder' && shift.acknowledgedAt)) return;
  const now = deps.clock.now();
  const windowDays = expectations.outcome.confirmationWindowDays;
  const request = await deps.store.ensureRequest({
    id: shiftAcknowledgementRequestId(engagementId, shiftId), engagementId, purpose: 'shift', round: 0, status: 'open',
    createdAt: now.toISOString(), shiftId,
  }, now);
  await deps.mailer.sendOnce({
    engagementId, purpose: which === 'notice' ? 'deadline-shift-notice' : 'deadline-shift-reminder', sequence: shiftId, ref: shiftId,
    to: engagement.client.email, recipient: 'client', kind: 'regular',
    content: renderEmail({
      type: 'deadline-shift-notice', reminder: which === 'reminder', clientName: engagement.client.name, managerName: engagement.manager.name,
      engagementTitle: engagement.title, milestoneTitle: milestoneTitleOf(engagement, shift.milestoneId),
      previousDue: shift.previousDue, newDue: shift.newDue, reason: shift.reason,
      ...(shift.lateNotice ? { lateAgainstNoticeDays: expectations.pace.slipNoticeDays } : {}),
      link: clientLink(deps, request.id, noticeLinkExpiry(shift.toldAt, windowDays), 'shift'),
      answerBy: new Date(noticeWindow(shift.toldAt, windowDays).endsAt).toISOString(), timeZone: expectations.process.workingHours.timeZone, statusLink: await statusLink(deps, engagementId),
    }, engagement.locale),
  });
}

/** The client's one click: "I acknowledge the new date". */
export async function acknowledgeDeadlineShift(deps: Deps, engagement: Engagement, request: ClientRequest): Promise<void> {
  const expectations = await expectationsOf(deps, engagement);
  const shift = await shiftOf(deps, engagement, expectations, request.shiftId ?? '');
  if (!shift?.shiftId) throw new NotFound(`the move ${request.shiftId ?? ''} of this engagement`);
  await deps.store.recordAnswer(request, {
    type: 'deadline-shift-acknowledged', engagementId: engagement.id, shiftId: shift.shiftId, milestoneId: shift.milestoneId,
  }, deps.clock.now());
  await wake(deps, engagement.id);
}
