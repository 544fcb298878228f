/**
 * The client's "where things stand" link, carried by every email to the client. Its request is
 * created once per engagement; the link stays valid for months, because it shows and never acts.
 */
import { statusRequestId } from '../domain/client-request.js';
import { clientLink, type Deps } from '../deps.js';

const STATUS_LINK_DAYS = 180;

export async function statusLink(deps: Pick<Deps, 'store' | 'clock' | 'links' | 'publicBaseUrl'>, engagementId: string): Promise<string> {
  const now = deps.clock.now();
  const request = await deps.store.ensureRequest({
    id: statusRequestId(engagementId), engagementId, purpose: 'status', round: 0, status: 'open', createdAt: now.toISOString(),
  }, now);
  return clientLink(deps, request.id, new Date(now.getTime() + STATUS_LINK_DAYS * 86_400_000), 'status');
}
