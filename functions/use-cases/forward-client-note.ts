/**
 * The client is a whole person: whatever they write in "anything else you want to tell us"
 * is kept in the event log and sent on to their manager. The same note sent twice (a double
 * click) is emailed once. If the email fails, the note is still kept and shown on the
 * manager's page, and the client is not told their message was lost.
 */
import { createHash } from 'node:crypto';
import type { Engagement } from '../domain/engagement.js';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, type Deps } from '../deps.js';

export async function recordClientNote(deps: Deps, engagement: Engagement, text: string, page: string): Promise<void> {
  await deps.store.appendEvent({ type: 'client-note', engagementId: engagement.id, text, page }, deps.clock.now());
  await forwardClientNote(deps, engagement, text, page);
}

/** One sequence per distinct note of an engagement, so the send guard drops repeats. */
function noteSequence(engagementId: string, page: string, text: string): number {
  return Number.parseInt(createHash('sha256').update(`${engagementId}\n${page}\n${text}`).digest('hex').slice(0, 12), 16);
}

export async function forwardClientNote(deps: Deps, engagement: Engagement, text: string, page: string): Promise<void> {
  try {
    await deps.mailer.sendOnce({
      engagementId: engagement.id,
      purpose: 'client-note',
      sequence: noteSequence(engagement.id, page, text),
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
  } catch (error) {
    console.error(JSON.stringify({ message: 'a client note was kept but not emailed to the manager', engagementId: engagement.id, error: String(error) }));
  }
}
