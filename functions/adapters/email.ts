/**
 * Sends one rendered email through SESv2, at most once. The send is guarded by a "sent" record
 * keyed by engagement (or, for a manager's digest, by manager), purpose and sequence (see `table.ts`): a retried Lambda, a redriven
 * execution or a double click finds the record and does not send again.
 *
 * Messages go through the configuration set (send, delivery, bounce and complaint events come
 * back through it) and carry tags naming the engagement, purpose and sequence (readable, with
 * SES's characters only), the guard itself (`guard`, base64url of purpose and sequence) and the
 * claim (`claim`), so the event recorder can find the claim of any event (`sentUnderTags`). That
 * closes the one window for a second send: an attempt that dies after SES took the message but
 * before recording the send leaves a "sending" claim; SES's Send event, seconds later, completes
 * it and logs the send (`recordReportedSend`), so the next attempt finds it sent. A claim whose
 * lease runs out still "sending" is taken over and sent: SES never reported that message.
 *
 * The SES client must not retry by itself (`maxAttempts: 1`, see deps.ts): a retry after a
 * lost response could deliver the message twice. Retries happen a level up, in the workflow,
 * where the guard sees them. The configuration set does not subscribe click events, so SES never
 * rewrites the signed links in our messages.
 */
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { CommunicationKind } from '../domain/expectations.js';
import type { EmailPurpose } from '../domain/events.js';
import type { Clock } from '../domain/clock.js';
import type { RenderedEmail } from '../emails/compose-email.js';
import type { EngagementStore, SendGuard, SendOwner } from './table.js';

interface Email {
  purpose: EmailPurpose;
  /** Distinguishes repeated messages of one purpose (reminder 1, 2, …, "what we heard" v1, v2, …, delivery m2#1). */
  sequence: number | string;
  to: string;
  recipient: 'client' | 'manager';
  kind: CommunicationKind;
  /** What the message is about when its purpose repeats (a milestone's delivery, an update's period). */
  ref?: string;
  content: RenderedEmail;
}

/** An email about one engagement: guarded and logged in the engagement's partition. */
export interface OutgoingEmail extends Email {
  engagementId: string;
}

/** An email to a manager about several engagements (the digest): guarded under the manager, logged nowhere. */
export interface ManagerEmail extends Email {
  managerId: string;
  recipient: 'manager';
}

export interface SendResult {
  messageId: string;
  /** False when an earlier attempt had already sent this message. */
  sentNow: boolean;
}

const isRefusal = (error: unknown) => (error as { $fault?: string } | null)?.$fault === 'client';
/** SES takes tag values of 1 to 256 ASCII letters, digits, `_` and `-` only; anything else fails the send. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);
const guardTag = (purpose: string, sequence: number | string) => Buffer.from(`${purpose}#${sequence}`, 'utf8').toString('base64url');

/** The guard and claim a message was sent under, from its tags as SES events carry them; undefined for messages that are not ours. */
export function sentUnderTags(tags: Record<string, string[]>): (SendGuard & { claimId: string }) | undefined {
  const [engagementId, managerId, guard, claimId] = [tags.engagement?.[0], tags.manager?.[0], tags.guard?.[0], tags.claim?.[0]];
  if (!guard || !claimId || !(engagementId || managerId)) return undefined;
  const decoded = Buffer.from(guard, 'base64url').toString('utf8');
  const at = decoded.indexOf('#');
  if (at < 1) return undefined;
  const owner: SendOwner = engagementId ? { engagementId } : { managerId: managerId as string };
  return { ...owner, purpose: decoded.slice(0, at), sequence: decoded.slice(at + 1), claimId };
}

/** Longer than a Lambda's timeout, so a live attempt is never overtaken. */
const SEND_LEASE_SECONDS = 120;

/**
 * `leaseSeconds` (default two minutes; SEND_LEASE_SECONDS in the environment): how long a claim
 * holds before another attempt may take it over, in the clock's seconds.
 */
export function createMailer(deps: {
  ses: SESv2Client; store: EngagementStore; clock: Clock; sender: string; configurationSet: string; leaseSeconds?: number;
}) {
  const leaseSeconds = deps.leaseSeconds ?? SEND_LEASE_SECONDS;
  return {
    async sendOnce(email: OutgoingEmail | ManagerEmail): Promise<SendResult> {
      const owner: SendOwner = 'managerId' in email ? { managerId: email.managerId } : { engagementId: email.engagementId };
      const guard = { ...owner, purpose: email.purpose, sequence: email.sequence };
      const logEvent = 'managerId' in owner ? undefined : {
        type: 'email-sent' as const,
        engagementId: owner.engagementId,
        purpose: email.purpose,
        recipient: email.recipient,
        to: email.to,
        kind: email.kind,
        channel: 'email' as const,
        ...(email.ref ? { ref: email.ref } : {}),
      };
      const claim = await deps.store.claimSend({ ...guard, to: email.to, now: deps.clock.now(), leaseSeconds, ...(logEvent ? { logEvent } : {}) });
      if (!claim.claimed) return { messageId: claim.messageId ?? '', sentNow: false };

      let messageId: string;
      try {
        const response = await deps.ses.send(new SendEmailCommand({
          FromEmailAddress: deps.sender,
          Destination: { ToAddresses: [email.to] },
          Content: {
            Simple: {
              Subject: { Data: email.content.subject, Charset: 'UTF-8' },
              Body: {
                Html: { Data: email.content.html, Charset: 'UTF-8' },
                Text: { Data: email.content.text, Charset: 'UTF-8' },
              },
            },
          },
          ConfigurationSetName: deps.configurationSet,
          EmailTags: [
            'managerId' in owner ? { Name: 'manager', Value: tagValue(owner.managerId) } : { Name: 'engagement', Value: tagValue(owner.engagementId) },
            { Name: 'purpose', Value: tagValue(email.purpose) },
            { Name: 'sequence', Value: tagValue(String(email.sequence)) },
            { Name: 'guard', Value: guardTag(email.purpose, email.sequence) },
            { Name: 'claim', Value: claim.claimId },
          ],
        }));
        messageId = response.MessageId ?? '';
      } catch (error) {
        // Only a refusal (4xx: throttled, rejected) proves nothing went out. After a timeout or
        // a 5xx it may have, so the claim stays until its lease ends rather than invite a resend.
        if (isRefusal(error)) await deps.store.releaseSend({ ...guard, claimId: claim.claimId });
        throw error;
      }

      await deps.store.markSent({ ...guard, claimId: claim.claimId, messageId, now: deps.clock.now(), ...(logEvent ? { event: { ...logEvent, messageId } } : {}) });
      return { messageId, sentNow: true };
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
