/**
 * Workflow steps "Kickoff answered meanwhile?" / "Correction arrived meanwhile?": after a wait
 * timed out, the table (not the callback) says whether the client answered, so an answer whose
 * SendTaskSuccess was lost is still seen.
 */
import * as z from 'zod';
import { kickoffRequestId, outcomeOf, type RequestOutcome } from '../domain/client-request.js';
import { tableStore, type Deps } from '../deps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  round: z.number().int().min(0).max(1000),
});

export const makeCheckClientAnswer = (deps: Pick<Deps, 'store'>) => async (event: unknown): Promise<RequestOutcome> => {
  const { engagementId, round } = parseStepInput(inputSchema, event);
  const request = await deps.store.getRequest(kickoffRequestId(engagementId, round));
  return request ? outcomeOf(request) : { answered: false };
};

export const handler = lambdaStep(makeCheckClientAnswer, (env) => ({ store: tableStore(env) }));
