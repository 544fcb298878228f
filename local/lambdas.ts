/**
 * The workflow-step Lambdas, run in this process: each state machine's placeholders become
 * local function ARNs, and an invoke of such an ARN calls the same `make…(deps)` step the
 * Lambda handler runs on AWS.
 *
 * Every local invocation keeps Lambda's function timeout (`withFunctionTimeout`): the caller gets
 * `Sandbox.Timedout` once the function has run for its configured timeout, in real seconds (code
 * does not run faster with the runtime's clock). Unlike Lambda, which stops the sandbox, the
 * function's promise is left to settle on its own and its late result is ignored.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Deps } from '../functions/deps.js';
import { makeCheckClientAnswer } from '../functions/handlers/check-client-answer.js';
import { makeEscalateKickoff } from '../functions/handlers/escalate-kickoff.js';
import { makeFinishKickoff } from '../functions/handlers/finish-kickoff.js';
import { makeCarryOutEngagementStep } from '../functions/handlers/carry-out-engagement-step.js';
import { makeContinueEngagement } from '../functions/handlers/continue-engagement.js';
import { makePlanEngagementStep } from '../functions/handlers/plan-engagement-step.js';
import { makeSendKickoffInvite } from '../functions/handlers/send-kickoff-invite.js';
import { makeSendWhatWeHeard } from '../functions/handlers/send-what-we-heard.js';
import { makeWaitForClient } from '../functions/handlers/wait-for-client.js';
import { makeWaitForEngagementNews } from '../functions/handlers/wait-for-engagement-news.js';
import { STATE_MACHINES, type StateMachineName, type StepFunctionName } from '../statemachines/catalog.js';

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';
export const localFunctionArn = (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;

export function localSteps(deps: Deps): Record<StepFunctionName, (event: unknown) => Promise<unknown>> {
  return {
    'send-kickoff-invite': makeSendKickoffInvite(deps),
    'wait-for-client': makeWaitForClient(deps),
    'check-client-answer': makeCheckClientAnswer(deps),
    'escalate-kickoff': makeEscalateKickoff(deps),
    'send-what-we-heard': makeSendWhatWeHeard(deps),
    'finish-kickoff': makeFinishKickoff(deps),
    'plan-engagement-step': makePlanEngagementStep(deps),
    'carry-out-engagement-step': makeCarryOutEngagementStep(deps),
    'wait-for-engagement-news': makeWaitForEngagementNews(deps),
    'continue-engagement': makeContinueEngagement(deps),
  };
}

export type LocalFunction = (event: unknown) => Promise<unknown>;

/**
 * The function as Lambda runs it: an invocation still running after `timeoutSeconds` fails with
 * `Sandbox.Timedout` ("Task timed out after 30.00 seconds"), the name current runtimes give
 * Step Functions and asynchronous invocation records for a timeout.
 */
export function withFunctionTimeout(fn: LocalFunction, timeoutSeconds: number): LocalFunction {
  return (event) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(Object.assign(new Error(`Task timed out after ${timeoutSeconds.toFixed(2)} seconds`), { name: 'Sandbox.Timedout' }));
    }, timeoutSeconds * 1000);
    Promise.resolve().then(() => fn(event)).then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

/** Invokes a local function by ARN, as Lambda would, within the timeout `timeoutSeconds(handler)` gives it. */
export function localInvoker(steps: Record<string, LocalFunction>, timeoutSeconds: (handler: string) => number) {
  return async (functionArn: string, payload: unknown): Promise<unknown> => {
    const name = functionArn.split(':').pop() ?? '';
    const step = steps[name];
    if (!step) throw Object.assign(new Error(`Function not found: ${functionArn}`), { name: 'Lambda.ResourceNotFoundException' });
    return withFunctionTimeout(step, timeoutSeconds(name))(payload);
  };
}

/** The ASL text of a state machine with every placeholder replaced by its local ARN. */
export function localDefinition(name: StateMachineName): string {
  const spec = STATE_MACHINES[name];
  const path = fileURLToPath(new URL(`../statemachines/${spec.file}`, import.meta.url));
  let text = readFileSync(path, 'utf8');
  for (const [placeholder, fn] of Object.entries(spec.functions)) text = text.replaceAll(`\${${placeholder}}`, localFunctionArn(fn));
  if (text.includes('${')) throw new Error(`${spec.file} has a placeholder the catalog does not know`);
  return text;
}
