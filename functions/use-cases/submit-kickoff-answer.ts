/**
 * A client submits the kickoff form (or a correction). The answer is written first, as the
 * engagement's next version, with conditions that make a double submit harmless; only then
 * is the waiting execution resumed. If resuming fails, nothing is lost: the answer is in the
 * table, and the workflow finds it when its wait times out.
 */
import type { ClientRequest } from '../domain/client-request.js';
import type { Engagement, Locale } from '../domain/engagement.js';
import type { Expectations } from '../domain/expectations.js';
import { resumeWaitingTask } from '../adapters/workflow.js';
import type { Deps } from '../deps.js';
import { forwardClientNoteNow } from './forward-client-note.js';

export async function submitKickoffAnswer(
  deps: Deps,
  args: { request: ClientRequest; engagement: Engagement; expectations: Expectations; note?: string; locale?: Locale },
): Promise<{ version: number }> {
  const { request, engagement } = args;
  const submittedAt = deps.clock.now().toISOString();
  const version = engagement.expectationsVersion + 1;
  await deps.store.recordKickoffAnswer({
    request,
    engagement,
    answer: {
      engagementId: engagement.id, version, round: request.round, contactEmail: engagement.client.email,
      expectations: args.expectations, submittedAt, ...(args.locale ? { locale: args.locale } : {}),
    },
    ...(args.note ? { note: args.note } : {}),
  });

  const answered = await deps.store.getRequest(request.id);
  if (answered?.taskToken) {
    try {
      await resumeWaitingTask(deps.sfn, answered.taskToken, { answered: true, version });
    } catch (error) {
      console.warn(JSON.stringify({ message: 'resuming the workflow failed; it will reconcile on timeout', requestId: request.id, error: String(error) }));
    }
  }
  if (args.note) await forwardClientNoteNow(deps, engagement, args.note, 'kickoff');
  return { version };
}
