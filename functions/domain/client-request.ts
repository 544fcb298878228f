/**
 * A client request is one thing a client can do through a signed link: answer the kickoff
 * form (round 0) or correct "what we heard" number n (round n); confirm one delivery of a
 * milestone; look at where things stand; answer the decision on one of their requests beyond
 * the contract (`scope`); or acknowledge the move of a due date (`shift`). Its id is stable and
 * goes into the link; a Step Functions task token never leaves the table.
 *
 * Kickoff round r, when answered, produces expectations version r + 1.
 */
import * as z from 'zod';
import { isoInstant } from './text.js';

export const REQUEST_PURPOSES = ['kickoff', 'confirm', 'status', 'survey', 'scope', 'shift'] as const;
export const requestPurposeSchema = z.enum(REQUEST_PURPOSES);
export type RequestPurpose = z.infer<typeof requestPurposeSchema>;

export const requestIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{7,63}\.(kickoff|confirm|status|survey|scope|shift)\.[a-z0-9-]{1,16}$/, 'must be a request id');

export const clientRequestSchema = z.object({
  id: requestIdSchema,
  engagementId: z.string(),
  purpose: requestPurposeSchema,
  round: z.number().int().min(0),
  status: z.enum(['open', 'answered', 'closed']),
  createdAt: isoInstant,
  answeredAt: isoInstant.optional(),
  answerVersion: z.number().int().min(1).optional(),
  /** For a confirmation: which delivery of which milestone it is about. */
  milestoneId: z.string().regex(/^m[0-9]{1,3}$/).optional(),
  delivery: z.number().int().min(1).optional(),
  /** For a scope decision: which request of the register it answers. */
  scopeRequestId: z.string().max(64).optional(),
  /** For a move of a due date: which one is acknowledged. */
  shiftId: z.string().max(64).optional(),
  /** Set while a workflow execution waits on this request. */
  taskToken: z.string().max(2048).optional(),
});
export type ClientRequest = z.infer<typeof clientRequestSchema>;

export function kickoffRequestId(engagementId: string, round: number): string {
  return `${engagementId}.kickoff.${round}`;
}

export function confirmRequestId(engagementId: string, milestoneId: string, delivery: number): string {
  return `${engagementId}.confirm.${milestoneId}-${delivery}`;
}

/** One per engagement: the client's "where things stand" page. */
export function statusRequestId(engagementId: string): string {
  return `${engagementId}.status.0`;
}

/** One per engagement: the retrospective survey at close-out. */
export function surveyRequestId(engagementId: string): string {
  return `${engagementId}.survey.0`;
}

/** One per request beyond the contract: the client's answer to its decision. */
export function scopeAnswerRequestId(engagementId: string, scopeRequestId: string): string {
  return `${engagementId}.scope.${scopeRequestId}`;
}

/** One per move of a due date the manager recorded: the client's acknowledgement. */
export function shiftAcknowledgementRequestId(engagementId: string, shiftId: string): string {
  return `${engagementId}.shift.${shiftId}`;
}

export function engagementOfRequest(requestId: string): string {
  return requestId.slice(0, requestId.indexOf('.'));
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
