/**
 * A manager creates an engagement: it is stored with its first client request, then its
 * kickoff execution starts (idempotently, named after the engagement, so starting it again
 * after a failure is safe).
 */
import { randomUUID } from 'node:crypto';
import { kickoffRequestId } from '../domain/client-request.js';
import { planEngagement, type Engagement, type KickoffSchedule, type Manager, type NewEngagement } from '../domain/engagement.js';
import type { Workflow } from '../adapters/workflow.js';
import type { Deps } from '../deps.js';

export async function createEngagement(
  deps: Pick<Deps, 'store' | 'clock'> & { workflow: Workflow; kickoffSchedule: KickoffSchedule },
  input: NewEngagement,
  manager: Manager,
): Promise<Engagement> {
  const now = deps.clock.now();
  const engagement = planEngagement({ input, manager, id: randomUUID(), now, kickoff: deps.kickoffSchedule });
  await deps.store.createEngagement(engagement, {
    id: kickoffRequestId(engagement.id, 0),
    engagementId: engagement.id,
    purpose: 'kickoff',
    round: 0,
    status: 'open',
    createdAt: now.toISOString(),
  }, manager.id);
  await deps.workflow.startKickoff(engagement.id, engagement.kickoff);
  return engagement;
}
