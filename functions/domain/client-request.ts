/**
 * A client request is one human step the workflow waits for: the kickoff form (round 0) or a
 * correction after "what we heard" number n (round n). Its id is stable and goes into the
 * signed link; the Step Functions task token never leaves the table.
 *
 * Round r, when answered, produces expectations version r + 1.
 */
import { z } from 'zod';
import { isoInstant } from './text.js';

export const REQUEST_PURPOSES = ['kickoff'] as const;
export const requestPurposeSchema = z.enum(REQUEST_PURPOSES);
export type RequestPurpose = z.infer<typeof requestPurposeSchema>;

export const requestIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{7,63}\.kickoff\.[0-9]{1,4}$/, 'must be a request id');

export const clientRequestSchema = z.object({
  id: requestIdSchema,
  engagementId: z.string(),
  purpose: requestPurposeSchema,
  round: z.number().int().min(0),
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: isoInstant,
  answeredAt: isoInstant.optional(),
  answerVersion: z.number().int().min(1).optional(),
  /** Set while a workflow execution waits on this request. */
  taskToken: z.string().max(2048).optional(),
});
export type ClientRequest = z.infer<typeof clientRequestSchema>;

export function kickoffRequestId(engagementId: string, round: number): string {
  return `${engagementId}.kickoff.${round}`;
}

export function engagementOfRequest(requestId: string): string {
  return requestId.slice(0, requestId.indexOf('.kickoff.'));
}

/** What a waiting workflow receives when the request is answered. */
export const requestOutcomeSchema = z.object({
  answered: z.boolean(),
  version: z.number().int().min(1).optional(),
});
export type RequestOutcome = z.infer<typeof requestOutcomeSchema>;

export function outcomeOf(request: ClientRequest): RequestOutcome {
  return request.status === 'answered'
    ? { answered: true, version: request.answerVersion }
    : { answered: false };
}
