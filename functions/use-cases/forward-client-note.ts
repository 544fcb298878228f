/**
 * The client is a whole person: whatever they write in "anything else you want to tell us"
 * is kept in the event log and sent on to their manager. One email per note.
 */
import type { Engagement } from '../domain/engagement.js';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, type Deps } from '../deps.js';

export async function recordClientNote(deps: Deps, engagement: Engagement, text: string, page: string): Promise<void> {
  const now = deps.clock.now();
  await deps.store.appendEvent({ type: 'client-note', engagementId: engagement.id, text, page }, now);
  await forwardClientNote(deps, engagement, text, page, now.toISOString());
}

export async function forwardClientNote(deps: Deps, engagement: Engagement, text: string, page: string, at: string): Promise<void> {
  await deps.mailer.sendOnce({
    engagementId: engagement.id,
    purpose: 'client-note',
    sequence: Date.parse(at),
    to: engagement.manager.email,
    recipient: 'manager',
    kind: 'regular',
    content: renderEmail({
      type: 'client-note',
      managerName: engagement.manager.name,
      clientName: engagement.client.name,
      engagementTitle: engagement.title,
      text,
      page,
      engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}
