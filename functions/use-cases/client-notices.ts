/**
 * The engagement workflow's side of notices that wait for the client's click (a scope
 * decision, a moved due date): send one a failure kept from going out, send its one reminder,
 * and alert the manager once the client's window closes unanswered. The plan says which and
 * when (`domain/engagement-plan.ts`); each effect happens at most once (send guards keyed by
 * the notice), so a retried or replayed step is harmless.
 */
import { unansweredAlertRef, type NoticeRef } from '../domain/client-notices.js';
import { deadlineShifts } from '../domain/deadline-shifts.js';
import { NotFound } from '../domain/errors.js';
import { scopeRegister } from '../domain/scope-register.js';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, type Deps } from '../deps.js';
import { sendShiftNotice } from './deadline-shifts.js';
import { milestoneTitleOf, sendScopeDecision } from './scope-register.js';

export async function sendNotice(deps: Omit<Deps, 'sfn'>, engagementId: string, notice: NoticeRef, which: 'notice' | 'reminder'): Promise<void> {
  if (notice.kind === 'scope-decision') await sendScopeDecision(deps, engagementId, notice.id, which);
  else await sendShiftNotice(deps, engagementId, notice.id, which);
}

/** Tells the manager, once, that the client has not answered a notice within their window. */
export async function alertUnansweredNotice(deps: Omit<Deps, 'sfn'>, engagementId: string, notice: NoticeRef): Promise<void> {
  const [engagement, answer, events] = await Promise.all([
    deps.store.requireEngagement(engagementId),
    deps.store.latestKickoffAnswer(engagementId),
    deps.store.listEvents(engagementId),
  ]);
  if (!answer) throw new NotFound(`the expectations of ${engagementId}`);
  const now = deps.clock.now();
  let about: { milestoneTitle?: string; text: string } | undefined;
  if (notice.kind === 'scope-decision') {
    const entry = scopeRegister({ events, windowDays: answer.expectations.outcome.confirmationWindowDays, now }).find((e) => e.scopeRequestId === notice.id);
    if (entry && !entry.answer) about = { text: entry.summary };
  } else {
    const shift = deadlineShifts({ events, expectations: answer.expectations, now }).find((s) => s.shiftId === notice.id);
    if (shift && !shift.acknowledgedAt) about = { milestoneTitle: milestoneTitleOf(engagement, shift.milestoneId), text: shift.reason };
  }
  // Answered meanwhile: nothing to alert about.
  if (!about) return;
  const ref = unansweredAlertRef(notice);
  await deps.mailer.sendOnce({
    engagementId, purpose: 'manager-alert', sequence: ref, ref, to: engagement.manager.email, recipient: 'manager', kind: 'regular',
    content: renderEmail({
      type: 'manager-alert', managerName: engagement.manager.name, clientName: engagement.client.name, engagementTitle: engagement.title,
      alert: notice.kind === 'scope-decision' ? 'scope-unanswered' : 'shift-unacknowledged',
      ...about, engagementUrl: managerEngagementUrl(deps, engagementId),
    }, engagement.locale),
  });
}
