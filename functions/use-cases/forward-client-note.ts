/**
 * The client is a whole person: whatever they write in "anything else you want to tell us"
 * is kept in the event log and sent on to their manager. The same note sent twice (a double
 * click) is emailed once (its ref is derived from its words). If the email fails, or the
 * request dies before it, the note is still kept, shown on the manager's page and owed to the
 * manager: the engagement workflow sends it (domain/owed-messages.ts). The client is not told
 * their message was lost, because it was not.
 */
import type { Engagement } from '../domain/engagement.js';
import { clientNoteRef } from '../domain/owed-messages.js';
import type { Deps } from '../deps.js';
import { forwardClientNote, type MessageDeps } from './owed-messages.js';

export async function recordClientNote(deps: Deps, engagement: Engagement, text: string, page: string): Promise<void> {
  await deps.store.appendEvent({ type: 'client-note', engagementId: engagement.id, text, page }, deps.clock.now());
  await forwardClientNoteNow(deps, engagement, text, page);
}

/** Forwards a note already logged; a failure leaves it owed, for the workflow to send. */
export async function forwardClientNoteNow(deps: MessageDeps, engagement: Engagement, text: string, page: string): Promise<void> {
  try {
    await forwardClientNote(deps, engagement, { ref: clientNoteRef(engagement.id, page, text), text, page });
  } catch (error) {
    console.error(JSON.stringify({ message: 'a client note was kept but not emailed to the manager yet', engagementId: engagement.id, error: String(error) }));
  }
}
