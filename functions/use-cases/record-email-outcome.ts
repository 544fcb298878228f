/**
 * What became of one email, recorded once. A client email that did not arrive (bounced,
 * complained about, rejected) alerts the manager once and wakes the engagement workflow: the
 * planner no longer counts that message as contact, so it is due again.
 *
 * The alert and the wake are done again when the same event comes again: the delivery that
 * recorded the outcome may have failed before the alert went out (throttled, say), and
 * EventBridge delivers the event again. The alert's send guard keeps it to one email.
 */
import type { EmailOutcome } from '../domain/events.js';
import { NOT_RECEIVED, notReceivedAlertRef } from '../domain/owed-messages.js';
import type { Deps } from '../deps.js';
import { wakeEngagement } from '../adapters/workflow.js';
import { InProgress } from '../domain/errors.js';
import { alertNotReceived } from './owed-messages.js';

export async function recordEmailOutcome(deps: Pick<Deps, 'store' | 'mailer' | 'sfn' | 'publicBaseUrl'>, args: {
  engagementId: string; messageId: string; outcome: EmailOutcome; at: Date; destination: string[];
}): Promise<boolean> {
  const engagement = await deps.store.getEngagement(args.engagementId);
  if (!engagement) return false;
  const recorded = await deps.store.appendEventOnce(
    { type: 'email-outcome', engagementId: engagement.id, messageId: args.messageId, outcome: args.outcome },
    `email#${args.messageId}#${args.outcome}`,
    args.at,
  );
  const toClient = args.destination.map((d) => d.toLowerCase()).includes(engagement.client.email);
  if (!toClient || !NOT_RECEIVED.has(args.outcome)) return recorded;

  try {
    await alertNotReceived(deps, engagement, notReceivedAlertRef(args.messageId));
  } catch (error) {
    // A copy of this event is sending the alert right now: it sends it, or fails and is delivered again.
    if (recorded || !(error instanceof InProgress)) throw error;
  }
  await wakeEngagement(deps.sfn, await deps.store.getWakeToken(engagement.id)).catch(() => undefined);
  return recorded;
}
