/**
 * The guard of one outgoing message. It is written before the send ("sending", with a lease)
 * and completed after it ("sent", with the provider's message id), so a retried or redriven
 * step finds it and does not send again. It is completed by the attempt that sent the message,
 * or, if that attempt died after SES took the message, by the event recorder when SES reports
 * the message (then `logEvent` is what it logs).
 */
import * as z from 'zod';

export const sentRecordSchema = z.object({
  status: z.enum(['sending', 'sent']),
  /** Which attempt holds (or held) the claim. */
  claimId: z.string(),
  to: z.string(),
  claimedAt: z.string(),
  leaseUntil: z.string().optional(),
  messageId: z.string().optional(),
  /** The send's log entry (JSON, without the message id), for whoever completes the claim. */
  logEvent: z.string().optional(),
  sentAt: z.string().optional(),
});
export type SentRecord = z.infer<typeof sentRecordSchema>;
