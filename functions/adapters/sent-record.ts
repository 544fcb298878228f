/**
 * The guard of one outgoing message. It is written before the send ("sending", with a lease)
 * and completed after it ("sent", with the provider's message id), so a retried or redriven
 * step finds it and does not send again.
 */
import { z } from 'zod';

export const sentRecordSchema = z.object({
  status: z.enum(['sending', 'sent']),
  /** Which attempt holds (or held) the claim. */
  claimId: z.string(),
  to: z.string(),
  claimedAt: z.string(),
  leaseUntil: z.string().optional(),
  messageId: z.string().optional(),
  sentAt: z.string().optional(),
});
export type SentRecord = z.infer<typeof sentRecordSchema>;
