/**
 * A manager creates an engagement: it is stored with its first client request, then its
 * kickoff execution starts.
 *
 * Both halves are idempotent. With a request key (the form's hidden field, or the API's
 * `Idempotency-Key` header) the engagement id is derived from the manager and the key, so a
 * double click or a retried request finds the engagement already stored instead of creating a
 * second one; and the execution is named after the engagement, so starting it again is
 * harmless. A create whose start failed is therefore completed by simply sending it again.
 */
import { createHash, randomUUID } from 'node:crypto';
import * as z from 'zod';
import { kickoffRequestId } from '../domain/client-request.js';
import { planEngagement, type Engagement, type KickoffSchedule, type Manager, type NewEngagement } from '../domain/engagement.js';
import type { Workflow } from '../adapters/workflow.js';
import type { Deps } from '../deps.js';

export const requestKeySchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _');

/** A UUID-shaped id that is the same for the same manager and key, and unguessable from either alone. */
function idFor(managerId: string, requestKey: string | undefined): string {
  if (!requestKey) return randomUUID();
  const hex = createHash('sha256').update(`${managerId}\n${requestKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export async function createEngagement(
  deps: Pick<Deps, 'store' | 'clock'> & { workflow: Workflow; kickoffSchedule: KickoffSchedule },
  input: NewEngagement,
  manager: Manager,
  requestKey?: string,
): Promise<{ engagement: Engagement; created: boolean }> {
  const id = idFor(manager.id, requestKey);
  const existing = requestKey ? await deps.store.getEngagement(id) : undefined;
  if (existing) {
    await deps.workflow.startKickoff(existing.id, existing.kickoff);
    return { engagement: existing, created: false };
  }
  const now = deps.clock.now();
  const engagement = planEngagement({ input, manager, id, now, kickoff: deps.kickoffSchedule });
  try {
    await deps.store.createEngagement(engagement, {
      id: kickoffRequestId(engagement.id, 0),
      engagementId: engagement.id,
      purpose: 'kickoff',
      round: 0,
      status: 'open',
      createdAt: now.toISOString(),
    }, manager.id);
  } catch (error) {
    // Two submits with one key at the same moment: the other one stored it.
    const stored = requestKey ? await deps.store.getEngagement(id) : undefined;
    if (!stored) throw error;
    return { engagement: stored, created: false };
  }
  await deps.workflow.startKickoff(engagement.id, engagement.kickoff);
  return { engagement, created: true };
}
