/**
 * The delivery events SES would publish, produced locally: the local SES server keeps emails
 * but emits no events, so every successful SendEmail of our SES client is followed, a moment
 * later, by the event AWS would put on EventBridge, handed to the same recorder handler.
 * Addresses of SES's mailbox simulator behave as on AWS: `bounce@` (and `bounce+label@`)
 * bounces permanently, `complaint@` complains; everything else is delivered.
 */
import { SESv2Client, type SendEmailCommandInput, type SendEmailCommandOutput } from '@aws-sdk/client-sesv2';
import type { Clock } from '../functions/domain/clock.js';

const SIMULATOR = 'simulator.amazonses.com';

function eventTypeFor(address: string): { eventType: string; bounce?: { bounceType: string } } {
  const [local, domain] = address.toLowerCase().split('@');
  if (domain === SIMULATOR && local?.split('+')[0] === 'bounce') return { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } };
  if (domain === SIMULATOR && local?.split('+')[0] === 'complaint') return { eventType: 'Complaint' };
  return { eventType: 'Delivery' };
}

/** An SES client that emits an EventBridge-shaped delivery event for each message it sends. */
export function sesClientWithEvents(emit: (event: unknown) => Promise<unknown>, clock: Clock): SESv2Client {
  const client = new SESv2Client({ maxAttempts: 1 });
  client.middlewareStack.add((next, context) => async (args) => {
    const result = await next(args);
    if (context.commandName !== 'SendEmailCommand') return result;
    const input = args.input as SendEmailCommandInput;
    const output = result.output as SendEmailCommandOutput;
    const tags = Object.fromEntries((input.EmailTags ?? []).map((t) => [t.Name, [t.Value]]));
    for (const address of input.Destination?.ToAddresses ?? []) {
      // Stamped by the runtime's clock, which may run faster than the wall clock.
      const now = clock.now().toISOString();
      const event = {
        source: 'aws.ses',
        'detail-type': 'SES event',
        time: now,
        detail: {
          ...eventTypeFor(address),
          mail: { messageId: output.MessageId, timestamp: now, destination: [address], tags },
        },
      };
      // After the send has been recorded, as on AWS, where events come seconds later.
      setTimeout(() => {
        emit(event).catch((error: unknown) => console.error(JSON.stringify({ message: 'recording a local SES event failed', error: String(error) })));
      }, 50);
    }
    return result;
  }, { step: 'initialize', name: 'localDeliveryEvents' });
  return client;
}
