/**
 * The functions that EventBridge invokes asynchronously on AWS (the SES event recorder through
 * its rule, the daily digest through EventBridge Scheduler) fail locally as they fail there:
 * Lambda runs a failing event three times in all (two retries, a minute and then two minutes
 * apart) and then hands it to the function's on-failure destination, where it waits as a record
 * of Lambda's shape. A function that times out counts as failing. The local stack runs with time
 * 100,000 times faster, so a day lasts under a second and a retry's wait a few milliseconds.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { functionTimeoutSeconds } from '../../infra/function-settings.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack, type WrapFunction } from '../../local/stack.js';
import { waitFor } from '../support/stack.js';

type Fault = { kind: 'throws'; times: number } | { kind: 'sleeps-past-its-timeout'; times: number };
/** `at` is the runtime's time; the first digest runs may come before the stack has been handed over. */
type Attempt = { at?: number; outcome?: 'succeeded' | 'failed' };

const RECORDER_TIMEOUT_SECONDS = 1;
/** Faults of the recorder, by client address: the Delivery events of emails to that client fail as planned. */
const recorderFaults = new Map<string, Fault>();
const recorderAttempts = new Map<string, Attempt[]>();
/** Faults of the digest, by the order of the days it runs for (the first day, the second…). */
const digestFaults: Fault[] = [{ kind: 'throws', times: Infinity }, { kind: 'throws', times: 2 }];
const digestDays: string[] = [];
const digestAttempts = new Map<string, Attempt[]>();

let stack: LocalStack;

/** Runs `fn` as planned for this key, noting each attempt with the runtime's time and its outcome. */
function faulty(fn: (event: unknown) => Promise<unknown>, fault: Fault | undefined, attempts: Attempt[]) {
  return async (event: unknown) => {
    const attempt: Attempt = { at: stack?.clock.now().getTime() };
    attempts.push(attempt);
    try {
      if (fault && fault.times > 0) {
        fault.times -= 1;
        if (fault.kind === 'throws') throw Object.assign(new Error('the recorder could not reach the table'), { name: 'ThrottlingException' });
        // Its late answer must count for nothing: Lambda has already given up on this attempt.
        await new Promise((resolve) => setTimeout(resolve, (RECORDER_TIMEOUT_SECONDS + 0.5) * 1000));
        return { late: true };
      }
      const result = await fn(event);
      attempt.outcome ??= 'succeeded';
      return result;
    } catch (error) {
      attempt.outcome = 'failed';
      throw error;
    }
  };
}

const wrapFunction: WrapFunction = (name, fn) => {
  if (name === 'record-email-event') {
    return (event) => {
      const { detail } = event as { detail: { eventType: string; mail: { destination: string[] } } };
      const [to = ''] = detail.mail.destination;
      if (detail.eventType !== 'Delivery' || !recorderFaults.has(to)) return fn(event);
      const attempts = recorderAttempts.get(to) ?? [];
      recorderAttempts.set(to, attempts);
      return faulty(fn, recorderFaults.get(to), attempts)(event);
    };
  }
  if (name === 'send-drift-digests') {
    return (event) => {
      const { scheduledAt } = event as { scheduledAt: string };
      if (!digestDays.includes(scheduledAt)) digestDays.push(scheduledAt);
      const attempts = digestAttempts.get(scheduledAt) ?? [];
      digestAttempts.set(scheduledAt, attempts);
      return faulty(fn, digestFaults[digestDays.indexOf(scheduledAt)], attempts)(event);
    };
  }
  return fn;
};

beforeAll(async () => {
  stack = await startLocalStack({
    speed: 100_000,
    // No reminder within a test: only the invite's Delivery event meets the planned faults.
    settings: { KICKOFF_REMINDER_EVERY_SECONDS: String(20 * 86_400) },
    functionTimeoutSeconds: (handler) => (handler === 'record-email-event' ? RECORDER_TIMEOUT_SECONDS : functionTimeoutSeconds(handler)),
    wrapFunction,
  });
});
afterAll(() => stack?.stop());

/** A new engagement whose kickoff invite (sent at once) produces a Delivery event the recorder fails on as planned. */
async function engagementWhoseDeliveryEvent(fault: Fault) {
  const alice = DEV_PEOPLE.alice;
  const clientEmail = `async-${randomUUID().slice(0, 8)}@example.com`;
  recorderFaults.set(clientEmail, fault);
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Relaunch', client: { name: 'Maria', email: clientEmail }, locale: 'en',
    milestones: [{ title: 'Launch', due: new Date(stack.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  return { engagement, clientEmail };
}

const deliveredOutcomes = async (engagementId: string) =>
  (await stack.deps.store.listEvents(engagementId)).filter((e) => e.type === 'email-outcome' && e.outcome === 'delivered');

const recordsAbout = (clientEmail: string) => stack.onFailure('record-email-event')
  .filter((record) => JSON.stringify(record.requestPayload).includes(clientEmail));

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the SES event recorder, invoked asynchronously', () => {
  it('that keeps failing runs three times, a minute and then two minutes apart, and its event lands in the on-failure destination', async () => {
    // Arrange
    const { engagement, clientEmail } = await engagementWhoseDeliveryEvent({ kind: 'throws', times: Infinity });

    // Act
    const [record] = await waitFor('the on-failure record', async () => {
      const found = recordsAbout(clientEmail);
      return found.length > 0 ? found : undefined;
    });
    await settle();

    // Assert
    const attempts = recorderAttempts.get(clientEmail) ?? [];
    expect(attempts.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    const [first, second, third] = attempts.map((a) => a.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(60_000);
    expect(third - second).toBeGreaterThanOrEqual(120_000);
    expect(recordsAbout(clientEmail)).toHaveLength(1);
    expect(record).toMatchObject({
      version: '1.0',
      requestContext: { functionArn: expect.stringMatching(/:function:record-email-event:\$LATEST$/), condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      requestPayload: { source: 'aws.ses', detail: { eventType: 'Delivery' } },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: { errorType: 'ThrottlingException', errorMessage: 'the recorder could not reach the table' },
    });
    expect(await deliveredOutcomes(engagement.id)).toEqual([]);
  });

  it('that fails twice and then succeeds records the event, and leaves nothing in the on-failure destination', async () => {
    // Arrange
    const { engagement, clientEmail } = await engagementWhoseDeliveryEvent({ kind: 'throws', times: 2 });

    // Act
    const outcomes = await waitFor('the delivery to be recorded', async () => {
      const found = await deliveredOutcomes(engagement.id);
      return found.length > 0 ? found : undefined;
    });
    await settle();

    // Assert
    expect(outcomes).toHaveLength(1);
    expect(recorderAttempts.get(clientEmail)?.map((a) => a.outcome)).toEqual(['failed', 'failed', 'succeeded']);
    expect(recordsAbout(clientEmail)).toEqual([]);
  });

  it('that times out once (its function timeout, in real seconds) is retried, and the event is recorded', async () => {
    // Arrange
    const { engagement, clientEmail } = await engagementWhoseDeliveryEvent({ kind: 'sleeps-past-its-timeout', times: 1 });

    // Act
    await waitFor('the delivery to be recorded', async () => ((await deliveredOutcomes(engagement.id)).length > 0 ? true : undefined));
    await settle();

    // Assert: the first attempt's late success came after Lambda had given up on it
    expect(recorderAttempts.get(clientEmail)).toHaveLength(2);
    expect(recordsAbout(clientEmail)).toEqual([]);
  });

  it('that times out every time lands in the on-failure destination as Sandbox.Timedout', async () => {
    // Arrange
    const { clientEmail } = await engagementWhoseDeliveryEvent({ kind: 'sleeps-past-its-timeout', times: Infinity });

    // Act
    const [record] = await waitFor('the on-failure record', async () => {
      const found = recordsAbout(clientEmail);
      return found.length > 0 ? found : undefined;
    }, 15_000);

    // Assert
    expect(record).toMatchObject({
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
      responsePayload: { errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining(`Task timed out after ${RECORDER_TIMEOUT_SECONDS.toFixed(2)} seconds`) },
    });
  });
});

describe('the daily digest, invoked asynchronously by the schedule', () => {
  it('a day whose run keeps failing runs three times and lands in the on-failure destination; a day whose run fails twice then succeeds leaves nothing there', async () => {
    // Act: the schedule fires every day at 07:00 of the runtime's clock; the first two days fail as planned
    const [failedDay, recoveredDay] = await waitFor('two days of digest runs, settled', async () => {
      const [first, second] = digestDays;
      const settled = second !== undefined && digestAttempts.get(second)?.some((a) => a.outcome === 'succeeded');
      return first && second && settled && stack.onFailure('send-drift-digests').length > 0 ? [first, second] : undefined;
    });

    // Assert
    expect(digestAttempts.get(failedDay)?.map((a) => a.outcome)).toEqual(['failed', 'failed', 'failed']);
    expect(stack.onFailure('send-drift-digests')).toEqual([
      expect.objectContaining({
        requestContext: expect.objectContaining({ condition: 'RetriesExhausted', approximateInvokeCount: 3 }),
        requestPayload: { scheduledAt: failedDay },
        responsePayload: expect.objectContaining({ errorType: 'ThrottlingException' }),
      }),
    ]);
    expect(digestAttempts.get(recoveredDay)?.map((a) => a.outcome)).toEqual(['failed', 'failed', 'succeeded']);
  });
});
