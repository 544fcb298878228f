/**
 * Sends one rendered email through SESv2, at most once. The send is guarded by a "sent" record
 * keyed by engagement (or, for a manager's digest, by manager), purpose and sequence (see `table.ts`): a retried Lambda, a redriven
 * execution or a double click finds the record and does not send again.
 *
 * Messages go through the configuration set (delivery, bounce and complaint events come back
 * through it) and carry tags naming the engagement, purpose and sequence, so an event can be
 * matched to its guard.
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
import type { EngagementStore, SendOwner } from './table.js';

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

/** Longer than a Lambda's timeout, so a live attempt is never overtaken. */
const SEND_LEASE_SECONDS = 120;
const isRefusal = (error: unknown) => (error as { $fault?: string } | null)?.$fault === 'client';
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 256);

export function createMailer(deps: { ses: SESv2Client; store: EngagementStore; clock: Clock; sender: string; configurationSet: string }) {
  return {
    async sendOnce(email: OutgoingEmail | ManagerEmail): Promise<SendResult> {
      const owner: SendOwner = 'managerId' in email ? { managerId: email.managerId } : { engagementId: email.engagementId };
      const guard = { ...owner, purpose: email.purpose, sequence: email.sequence };
      const claim = await deps.store.claimSend({ ...guard, to: email.to, now: deps.clock.now(), leaseSeconds: SEND_LEASE_SECONDS });
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
            { Name: 'sequence', Value: String(email.sequence) },
          ],
        }));
        messageId = response.MessageId ?? '';
      } catch (error) {
        // Only a refusal (4xx: throttled, rejected) proves nothing went out. After a timeout or
        // a 5xx it may have, so the claim stays until its lease ends rather than invite a resend.
        if (isRefusal(error)) await deps.store.releaseSend({ ...guard, claimId: claim.claimId });
        throw error;
      }

      await deps.store.markSent({
        ...guard,
        claimId: claim.claimId,
        messageId,
        now: deps.clock.now(),
        event: 'managerId' in owner ? undefined : {
          type: 'email-sent',
          engagementId: owner.engagementId,
          purpose: email.purpose,
          recipient: email.recipient,
          to: email.to,
          messageId,
          kind: email.kind,
          channel: 'email',
          ...(email.ref ? { ref: email.ref } : {}),
        },
      });
      return { messageId, sentNow: true };
    },
  };
}

export type Mailer = ReturnType<typeof createMailer>;
