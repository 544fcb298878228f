/**
 * The product's SES client, locally. The local SES server keeps emails, but it checks less than
 * SES and emits no events, so this client adds both in the process:
 *
 * - It refuses what SES refuses and the server would take: a message tag whose name or value is
 *   not 1 to 256 ASCII letters, digits, `_` or `-` is a BadRequestException.
 * - Every SendEmail that reached the server is followed, a moment later (after the send has been
 *   recorded, as on AWS, where events come seconds later), by the events AWS puts on
 *   EventBridge: Send (SES accepted the message), then Delivery, Bounce or Complaint.
 *   Addresses of SES's mailbox simulator behave as on AWS: `bounce@` (and `bounce+label@`)
 *   bounces permanently, `complaint@` complains; everything else is delivered.
 *
 * `wrapSendEmail` wraps each SendEmail (tests inject SES faults there: throttling, a send that
 * went out but whose answer was lost); events follow whatever reached the server.
 */
import {
  BadRequestException, SESv2Client, type SendEmailCommandInput, type SendEmailCommandOutput,
} from '@aws-sdk/client-sesv2';
import type { Clock } from '../functions/domain/clock.js';

export type WrapSendEmail = (input: SendEmailCommandInput, send: () => Promise<SendEmailCommandOutput>) => Promise<SendEmailCommandOutput>;

const SIMULATOR = 'simulator.amazonses.com';
const TAG_TEXT = /^[A-Za-z0-9_-]{1,256}$/;
const EVENT_DELAY_MS = 50;

function eventTypeFor(address: string): { eventType: string; bounce?: { bounceType: string } } {
  const [local, domain] = address.toLowerCase().split('@');
  if (domain === SIMULATOR && local?.split('+')[0] === 'bounce') return { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } };
  if (domain === SIMULATOR && local?.split('+')[0] === 'complaint') return { eventType: 'Complaint' };
  return { eventType: 'Delivery' };
}

function refuseInvalidTags(input: SendEmailCommandInput): void {
  for (const tag of input.EmailTags ?? []) {
    if (!TAG_TEXT.test(tag.Name ?? '') || !TAG_TEXT.test(tag.Value ?? '')) {
      throw new BadRequestException({ message: `Invalid message tag ${JSON.stringify(tag)}`, $metadata: { httpStatusCode: 400 } });
    }
  }
}

/** An SES client that checks tags as SES does and emits EventBridge-shaped events for each message it sends. */
export function sesClientWithEvents(emit: (event: unknown) => void, clock: Clock, wrapSendEmail?: WrapSendEmail): SESv2Client {
  const client = new SESv2Client({ maxAttempts: 1 });

  const announce = (input: SendEmailCommandInput, output: SendEmailCommandOutput) => {
    const tags = Object.fromEntries([
      ...(input.EmailTags ?? []).map((t) => [t.Name, [t.Value]]),
      // SES adds its own tags; the rule that sends events to the recorder matches this one.
      ...(input.ConfigurationSetName ? [['ses:configuration-set', [input.ConfigurationSetName]]] : []),
    ]);
    const destination = input.Destination?.ToAddresses ?? [];
    // Stamped by the runtime's clock, which may run faster than the wall clock.
    const sesEvent = (eventDetail: object, to: string[]) => {
      const now = clock.now().toISOString();
      return {
        source: 'aws.ses', 'detail-type': 'SES event', time: now,
        detail: { ...eventDetail, mail: { messageId: output.MessageId, timestamp: now, destination: to, tags } },
      };
    };
    setTimeout(() => {
      emit(sesEvent({ eventType: 'Send', send: {} }, destination));
      for (const address of destination) emit(sesEvent(eventTypeFor(address), [address]));
    }, EVENT_DELAY_MS);
  };

  client.middlewareStack.add((next, context) => async (args) => {
    if (context.commandName !== 'SendEmailCommand') return next(args);
    const input = args.input as SendEmailCommandInput;
    refuseInvalidTags(input);
    let result: Awaited<ReturnType<typeof next>> | undefined;
    const send = async () => {
      result = await next(args);
      const output = result.output as SendEmailCommandOutput;
      announce(input, output);
      return output;
    };
    const output = wrapSendEmail ? await wrapSendEmail(input, send) : await send();
    return { response: result?.response, output };
  }, { step: 'initialize', name: 'localSesChecksAndEvents' });
  return client;
}
