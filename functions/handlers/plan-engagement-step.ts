/**
 * Workflow step "Plan the next step": what is due now, derived from the engagement's log, or
 * how long to wait if nothing is, or that the execution has run long enough and the next one
 * takes over.
 */
import * as z from 'zod';
import { settingsFrom, tableStore, type Deps } from '../deps.js';
import { planEngagementStep } from '../use-cases/engagement-steps.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({
  engagementId: z.string().min(1),
  /** `$$.Execution.StartTime`: a long engagement continues in a new execution well before the year's limit. */
  executionStartedAt: z.iso.datetime({ offset: true }).optional(),
});

export const makePlanEngagementStep = (deps: Pick<Deps, 'store' | 'clock'>) => async (event: unknown) => {
  const { engagementId, executionStartedAt } = parseStepInput(inputSchema, event);
  return { ...(await planEngagementStep(deps, engagementId, executionStartedAt)), plannedAt: deps.clock.now().toISOString() };
};

export const handler = lambdaStep(makePlanEngagementStep, (env) => ({ ...settingsFrom(env), store: tableStore(env) }));
