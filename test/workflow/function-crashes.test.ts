/**
 * A workflow step that crashes or times out, as Lambda reports it to Step Functions: Lambda
 * stops a function at its configured timeout (`Sandbox.Timedout`, in real seconds) and a runtime
 * that dies is `Runtime.ExitError`. Both are our own function failing, not the application saying
 * no, so the Task retries them and the workflow goes on. The kickoff workflow runs end to end on
 * the local stack, with the invite step's timeout shortened to one second.
 */
import { randomUUID } from 'node:crypto';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { functionTimeoutSeconds } from '../../infra/function-settings.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack, type WrapFunction } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, postForm, waitForEmails, waitForExecutionEnd } from '../support/stack.js';

const INVITE = /kickoff|expect/i;
const HEARD = /heard/i;
const SHORT_TIMEOUT_SECONDS = 1;

type Fault = 'sleeps-past-its-timeout' | 'runtime-exits';
/** The fault of the next engagement's first invite: set before it is created, since its workflow starts at once. */
let nextFault: Fault | undefined;
const inviteCalls = new Map<string, number>();

const wrapFunction: WrapFunction = (name, fn) => {
  if (name !== 'send-kickoff-invite') return fn;
  return async (event) => {
    const { engagementId } = event as { engagementId: string };
    const call = (inviteCalls.get(engagementId) ?? 0) + 1;
    inviteCalls.set(engagementId, call);
    const fault = call === 1 ? nextFault : undefined;
    if (call === 1) nextFault = undefined;
    if (fault === 'sleeps-past-its-timeout') {
      // Its late answer must be ignored: Lambda has already reported the timeout.
      await new Promise((resolve) => setTimeout(resolve, (SHORT_TIMEOUT_SECONDS + 0.5) * 1000));
      return { late: true };
    }
    if (fault === 'runtime-exits') {
      throw Object.assign(new Error('RequestId: 1 Error: Runtime exited with error: signal: killed'), { name: 'Runtime.ExitError' });
    }
    return fn(event);
  };
};

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    speed: 20_000,
    settings: { KICKOFF_REMINDER_EVERY_SECONDS: '7200', KICKOFF_MAX_REMINDERS: '1', KICKOFF_MAX_ESCALATIONS: '1', KICKOFF_CORRECTION_WINDOW_SECONDS: '7200' },
    functionTimeoutSeconds: (handler) => (handler === 'send-kickoff-invite' ? SHORT_TIMEOUT_SECONDS : functionTimeoutSeconds(handler)),
    wrapFunction,
  });
});
afterAll(() => stack?.stop());

async function kickoffWhoseFirstInvite(fault: Fault) {
  const alice = DEV_PEOPLE.alice;
  const clientEmail = `crash-${randomUUID().slice(0, 8)}@example.com`;
  nextFault = fault;
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Relaunch', client: { name: 'Maria', email: clientEmail }, locale: 'en',
    milestones: [{ title: 'Launch', due: new Date(stack.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  return { engagement, clientEmail };
}

async function taskErrorsOf(executionArn: string): Promise<string[]> {
  const { events = [] } = await stack.deps.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events.flatMap((event) => (event.taskFailedEventDetails?.error ? [event.taskFailedEventDetails.error] : []));
}

describe('a workflow step that crashes', () => {
  it('times out after its function timeout on its first call (Sandbox.Timedout), is retried, and the kickoff goes on', async () => {
    // Arrange
    const { engagement, clientEmail } = await kickoffWhoseFirstInvite('sleeps-past-its-timeout');

    // Act: the invite arrives from the retry; the client answers
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    expect((await postForm(linkIn(invite!), validKickoffForm())).status).toBe(200);
    const execution = await waitForExecutionEnd(stack, engagement.id);

    // Assert
    expect(execution.status).toBe('SUCCEEDED');
    expect(await taskErrorsOf(execution.executionArn as string)).toEqual(['Sandbox.Timedout']);
    expect(inviteCalls.get(engagement.id)).toBe(2);
    expect((await emailsTo(stack, clientEmail)).filter((e) => INVITE.test(e.subject) && !HEARD.test(e.subject))).toHaveLength(1);
  });

  it('exits its runtime once (Runtime.ExitError), is retried, and the kickoff goes on', async () => {
    // Arrange
    const { engagement, clientEmail } = await kickoffWhoseFirstInvite('runtime-exits');

    // Act
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    expect((await postForm(linkIn(invite!), validKickoffForm())).status).toBe(200);
    const execution = await waitForExecutionEnd(stack, engagement.id);

    // Assert
    expect(execution.status).toBe('SUCCEEDED');
    expect(await taskErrorsOf(execution.executionArn as string)).toEqual(['Runtime.ExitError']);
    expect(inviteCalls.get(engagement.id)).toBe(2);
  });
});
