/**
 * Things that happen during delivery and must reach the engagement workflow at once: a
 * manager records a delivery or a contact, a client answers about a delivery. Each is
 * written to the log first; then the waiting workflow is woken so it plans with the news.
 */
import type { ClientRequest } from '../domain/client-request.js';
import type { Engagement } from '../domain/engagement.js';
import type { NewEvent } from '../domain/events.js';
import { rejectionAlertRef } from '../domain/owed-messages.js';
import { wakeEngagement } from '../adapters/workflow.js';
import type { Deps } from '../deps.js';
import { alertRejection } from './owed-messages.js';

/** Wakes the waiting engagement workflow; a failure is logged, never thrown (its wait ends within `MAX_WAIT_MS` anyway). */
export async function wake(deps: Deps, engagementId: string): Promise<void> {
  try {
    await wakeEngagement(deps.sfn, await deps.store.getWakeToken(engagementId));
  } catch (error) {
    // The news is logged; the workflow sees it when its wait ends anyway (at the latest after `MAX_WAIT_MS`).
    console.warn(JSON.stringify({ message: 'waking the engagement workflow failed', engagementId, error: String(error) }));
  }
}

export async function recordManagerNews(deps: Deps, event: NewEvent, at: Date): Promise<void> {
  await deps.store.appendEvent(event, at);
  await wake(deps, event.engagementId);
}

export type DeliveryAnswer =
  | { answer: 'works' }
  | { answer: 'not-received' | 'not-what-i-needed'; reason?: string };

/**
 * The client's answer about one delivery. "It works" completes the milestone; the other two
 * reopen it and alert the manager at once (one email per delivery; owed until it went out).
 */
export async function recordDeliveryAnswer(deps: Deps, engagement: Engagement, request: ClientRequest, answer: DeliveryAnswer): Promise<void> {
  const milestoneId = request.milestoneId as string;
  const now = deps.clock.now();
  await deps.store.recordAnswer(request, answer.answer === 'works'
    ? { type: 'outcome-confirmed', engagementId: engagement.id, milestoneId }
    : { type: 'outcome-rejected', engagementId: engagement.id, milestoneId, reason: answer.answer, ...(answer.reason ? { text: answer.reason } : {}) }, now);
  if (answer.answer !== 'works') {
    try {
      await alertRejection(deps, engagement, {
        ref: rejectionAlertRef(answer.answer, milestoneId, request.delivery as number), answer: answer.answer, milestoneId, text: answer.reason,
      });
    } catch (error) {
      // Recorded, so the alert stays owed and the workflow, woken below, sends it.
      console.error(JSON.stringify({ message: 'the rejection is recorded but the manager alert failed; it stays owed', engagementId: engagement.id, error: String(error) }));
    }
  }
  await wake(deps, engagement.id);
}
