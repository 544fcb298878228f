/**
 * The local asynchronous invoker on its own, with plain functions: Lambda's event age limit
 * (`EventAgeExceeded`), the ranges Lambda accepts for its settings, and a data folder that keeps
 * queued events and on-failure records across a restart, as Lambda's queue and an SQS queue do.
 * (The retries and timeouts of the real functions are proven on the whole stack, in
 * test/workflow/async-invocations.test.ts.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localAsyncInvoker, type AsyncInvoker } from '../../local/async-invoker.js';
import { acceleratedClock } from '../../local/clock.js';
import { waitFor } from '../support/stack.js';

const functionArn = (handler: string) => `arn:aws:lambda:us-east-1:000000000000:function:${handler}`;
const failing = async () => {
  throw Object.assign(new Error('the table is away'), { name: 'ThrottlingException' });
};

const invokers: Array<AsyncInvoker<'flaky'>> = [];
const dirs: string[] = [];
afterEach(() => {
  for (const invoker of invokers.splice(0)) invoker.stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function invokerFor(options: { speed: number; maxEventAgeSeconds?: number; dataDir?: string }) {
  const invoker = localAsyncInvoker<'flaky'>({
    clock: acceleratedClock(options.speed),
    settings: { flaky: { retryAttempts: 2, maxEventAgeSeconds: options.maxEventAgeSeconds ?? 21_600 } },
    functionArn,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  invokers.push(invoker);
  return invoker;
}

function dataDir() {
  const dir = mkdtempSync(join(tmpdir(), 'async-invoker-'));
  dirs.push(dir);
  return dir;
}

describe('the local asynchronous invoker', () => {
  it('drops an event older than its maximum age when its retry is due, with an EventAgeExceeded record', async () => {
    // Arrange: a minute at most, and Lambda waits a minute before the second attempt
    const invoker = invokerFor({ speed: 100_000, maxEventAgeSeconds: 60 });
    let calls = 0;
    invoker.start({ flaky: async () => { calls += 1; return failing(); } });

    // Act
    invoker.invoke('flaky', { order: 1 });
    const [record] = await waitFor('the record', async () => (invoker.onFailure('flaky').length > 0 ? invoker.onFailure('flaky') : undefined));

    // Assert
    expect(calls).toBe(1);
    expect(record).toMatchObject({
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1, functionArn: `${functionArn('flaky')}:$LATEST` },
      requestPayload: { order: 1 },
      responsePayload: { errorType: 'ThrottlingException', errorMessage: 'the table is away' },
    });
  });

  it.each([
    ['three retries', { retryAttempts: 3, maxEventAgeSeconds: 3600 }],
    ['an event age under a minute', { retryAttempts: 2, maxEventAgeSeconds: 59 }],
    ['an event age over six hours', { retryAttempts: 2, maxEventAgeSeconds: 21_601 }],
  ])('refuses settings Lambda refuses: %s', (_, setting) => {
    expect(() => localAsyncInvoker({ clock: acceleratedClock(1), settings: { flaky: setting }, functionArn })).toThrow(/retryAttempts must be 0 to 2/);
  });

  it('keeps on-failure records in the data folder across a restart', async () => {
    // Arrange: an event that exhausts its retries
    const dir = dataDir();
    const before = invokerFor({ speed: 100_000, dataDir: dir });
    before.start({ flaky: failing });
    before.invoke('flaky', { order: 2 });
    await waitFor('the record', async () => (before.onFailure('flaky').length > 0 ? true : undefined));
    before.stop();

    // Act
    const after = invokerFor({ speed: 100_000, dataDir: dir });

    // Assert
    expect(after.onFailure('flaky')).toEqual([expect.objectContaining({
      requestContext: expect.objectContaining({ condition: 'RetriesExhausted', approximateInvokeCount: 3 }), requestPayload: { order: 2 },
    })]);
  });

  it('tries again after a restart an event that was waiting for its retry, and then forgets it', async () => {
    // Arrange: the first attempt fails; Lambda's one-minute wait takes a second at this speed, and the runtime stops meanwhile
    const dir = dataDir();
    const before = invokerFor({ speed: 60, dataDir: dir });
    let failed = false;
    before.start({ flaky: async () => { failed = true; return failing(); } });
    before.invoke('flaky', { order: 3 });
    await waitFor('the first attempt', async () => (failed ? true : undefined));
    before.stop();

    // Act
    const after = invokerFor({ speed: 60, dataDir: dir });
    const received: unknown[] = [];
    after.start({ flaky: async (event) => { received.push(event); } });

    // Assert
    await waitFor('the retry', async () => (received.length > 0 ? true : undefined));
    expect(received).toEqual([{ order: 3 }]);
    await waitFor('the queue to forget it', async () =>
      (JSON.parse(readFileSync(join(dir, 'async-invocations.json'), 'utf8')).queued.length === 0 ? true : undefined));
    expect(after.onFailure('flaky')).toEqual([]);
  });
});
