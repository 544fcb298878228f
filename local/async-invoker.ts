/**
 * Lambda's asynchronous invocation, locally: how EventBridge rules and EventBridge Scheduler reach
 * a function on AWS. `invoke` queues the event and returns at once, as an `Event` invocation
 * answers 202. Lambda then runs the function; when it fails (throws, or runs past its timeout)
 * Lambda runs it again, at most `retryAttempts` more times, waiting one minute before the second
 * attempt and two minutes before the third (Lambda's documented delays for function errors). An
 * event that still fails, or that is older than `maxEventAgeSeconds` when an attempt is due, goes
 * to the function's on-failure destination as an invocation record of Lambda's shape (condition
 * `RetriesExhausted` or `EventAgeExceeded`), and one line on stderr says so. The settings are the
 * ones the CDK stack gives Lambda (`ASYNC_INVOCATIONS` in infra/function-settings.ts).
 *
 * Time: waits follow the runtime's (faster) clock; an attempt adds its real duration to the
 * event's age, as its timeout is in real seconds, so a slow function at a high speed does not age
 * events by hours.
 *
 * With a data folder, queued events (`async-invocations.json`) and on-failure records
 * (`on-failure.json`) survive a restart, as Lambda's queue and an SQS queue do: an event that was
 * waiting, or whose attempt the stop cut short, is tried again on the next start, which may run
 * a function twice for one event (Lambda's delivery is at least once too). Events are queued from
 * the start; attempts begin once `start` hands over the functions. After `stop` nothing runs,
 * nothing is written, and the outcome of an attempt still running is ignored.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { AsyncInvocation } from '../infra/function-settings.js';
import type { LocalClock } from './clock.js';
import type { LocalFunction } from './lambdas.js';

/** Lambda's waits before the second and the third attempt of a failing asynchronous event. */
const RETRY_DELAYS_SECONDS = [60, 120] as const;

const errorPayloadSchema = z.object({ errorType: z.string(), errorMessage: z.string(), trace: z.array(z.string()).optional() });
type ErrorPayload = z.infer<typeof errorPayloadSchema>;

/** Lambda's invocation record, as its on-failure destination receives it. */
const onFailureRecordSchema = z.object({
  version: z.literal('1.0'),
  timestamp: z.iso.datetime(),
  requestContext: z.object({
    requestId: z.string(),
    functionArn: z.string(),
    condition: z.enum(['RetriesExhausted', 'EventAgeExceeded']),
    approximateInvokeCount: z.number().int().min(0),
  }),
  requestPayload: z.unknown(),
  /** The last attempt's answer; absent when the event expired before any attempt. */
  responseContext: z.object({ statusCode: z.literal(200), executedVersion: z.literal('$LATEST'), functionError: z.literal('Unhandled') }).optional(),
  responsePayload: errorPayloadSchema.optional(),
});
export type OnFailureRecord = z.infer<typeof onFailureRecordSchema>;

const queuedEventSchema = z.object({
  /** Lambda keeps one request id across the retries of an event. */
  requestId: z.string(),
  handler: z.string(),
  payload: z.unknown(),
  attempts: z.number().int().min(0),
  /** Waits on the runtime's clock plus the real duration of the attempts, in seconds. */
  ageSeconds: z.number().min(0),
  /** When the next attempt is due, in the runtime's time (epoch milliseconds). */
  dueAt: z.number(),
  lastError: errorPayloadSchema.optional(),
});
type QueuedEvent = z.infer<typeof queuedEventSchema>;

const queueFileSchema = z.object({ queued: z.array(queuedEventSchema) });
const onFailureFileSchema = z.record(z.string(), z.array(onFailureRecordSchema));

export interface AsyncInvoker<Handler extends string> {
  /** Queues the event for the function and returns at once. */
  invoke(handler: Handler, payload: unknown): void;
  /** Begins (or resumes) attempts, with the functions as Lambda runs them (timeouts included). */
  start(functions: Record<Handler, LocalFunction>): void;
  /** The records in the function's on-failure destination, oldest first. */
  onFailure(handler: Handler): OnFailureRecord[];
  stop(): void;
}

export function localAsyncInvoker<Handler extends string>(options: {
  clock: LocalClock;
  settings: Readonly<Record<Handler, AsyncInvocation>>;
  /** The function's unqualified ARN. */
  functionArn: (handler: Handler) => string;
  dataDir?: string;
}): AsyncInvoker<Handler> {
  const { clock, settings } = options;
  for (const [handler, { retryAttempts, maxEventAgeSeconds }] of Object.entries<AsyncInvocation>(settings)) {
    // The ranges Lambda's PutFunctionEventInvokeConfig accepts.
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 2 || !(maxEventAgeSeconds >= 60 && maxEventAgeSeconds <= 21_600)) {
      throw new Error(`${handler}: retryAttempts must be 0 to 2 and maxEventAgeSeconds 60 to 21600 (got ${retryAttempts}, ${maxEventAgeSeconds})`);
    }
  }
  const isHandler = (name: string): name is Handler => Object.hasOwn(settings, name);
  const files = options.dataDir === undefined ? undefined : {
    queue: join(options.dataDir, 'async-invocations.json'),
    onFailure: join(options.dataDir, 'on-failure.json'),
  };
  const persisted = files ? readJson(files.queue, queueFileSchema, { queued: [] }).queued : [];
  const orphans = persisted.filter((event) => !isHandler(event.handler));
  if (orphans.length > 0) {
    process.stderr.write(`${JSON.stringify({ message: 'queued events of functions no longer invoked asynchronously are dropped', requestIds: orphans.map((e) => e.requestId) })}\n`);
  }
  const queued = new Map(persisted.filter((event) => isHandler(event.handler)).map((event) => [event.requestId, event]));
  const records = files ? readJson(files.onFailure, onFailureFileSchema, {}) : {};
  const timers = new Set<NodeJS.Timeout>();
  let functions: Record<Handler, LocalFunction> | undefined;
  let stopped = false;

  const saveQueue = () => {
    if (files && !stopped) writeJsonAtomically(files.queue, { queued: [...queued.values()] });
  };

  const schedule = (event: QueuedEvent) => {
    if (!functions || stopped) return;
    const wallDelay = Math.max(0, (event.dueAt - clock.now().getTime()) / clock.speed);
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(event, functions as Record<Handler, LocalFunction>);
    }, wallDelay);
    timers.add(timer);
  };

  const giveUp = (event: QueuedEvent, condition: OnFailureRecord['requestContext']['condition']) => {
    const handler = event.handler as Handler;
    const record: OnFailureRecord = {
      version: '1.0',
      timestamp: clock.now().toISOString(),
      requestContext: {
        requestId: event.requestId, functionArn: `${options.functionArn(handler)}:$LATEST`, condition, approximateInvokeCount: event.attempts,
      },
      requestPayload: event.payload,
      ...(event.lastError && {
        responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' } as const,
        responsePayload: event.lastError,
      }),
    };
    (records[handler] ??= []).push(record);
    queued.delete(event.requestId);
    if (files) writeJsonAtomically(files.onFailure, records);
    saveQueue();
    process.stderr.write(`${JSON.stringify({
      message: `${handler}: an event went to the function's on-failure destination`,
      condition, approximateInvokeCount: event.attempts, errorType: event.lastError?.errorType, requestId: event.requestId,
    })}\n`);
  };

  const attempt = async (event: QueuedEvent, run: Record<Handler, LocalFunction>) => {
    const handler = event.handler as Handler;
    const { retryAttempts, maxEventAgeSeconds } = settings[handler];
    if (event.ageSeconds > maxEventAgeSeconds) return giveUp(event, 'EventAgeExceeded');
    event.attempts += 1;
    const started = Date.now();
    let failure: ErrorPayload | undefined;
    try {
      await run[handler](event.payload);
    } catch (error) {
      failure = errorPayload(error);
    }
    if (stopped) return;
    event.ageSeconds += (Date.now() - started) / 1000;
    if (!failure) {
      queued.delete(event.requestId);
      saveQueue();
      return;
    }
    event.lastError = failure;
    if (event.attempts > retryAttempts) return giveUp(event, 'RetriesExhausted');
    const waitSeconds = RETRY_DELAYS_SECONDS[event.attempts - 1] ?? RETRY_DELAYS_SECONDS[1];
    event.ageSeconds += waitSeconds;
    event.dueAt = clock.now().getTime() + waitSeconds * 1000;
    saveQueue();
    schedule(event);
  };

  return {
    invoke(handler, payload) {
      if (stopped) return;
      const event: QueuedEvent = {
        requestId: randomUUID(), handler, payload: JSON.parse(JSON.stringify(payload ?? null)) as unknown,
        attempts: 0, ageSeconds: 0, dueAt: clock.now().getTime(),
      };
      queued.set(event.requestId, event);
      saveQueue();
      schedule(event);
    },
    start(given) {
      functions = given;
      for (const event of queued.values()) schedule(event);
    },
    onFailure: (handler) => [...(records[handler] ?? [])],
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** What Lambda's Node.js runtime reports for an error that escaped the handler. */
function errorPayload(error: unknown): ErrorPayload {
  if (!(error instanceof Error)) return { errorType: 'Error', errorMessage: String(error) };
  return { errorType: error.name, errorMessage: error.message, ...(error.stack && { trace: error.stack.split('\n') }) };
}

/** A file of ours that does not match its schema is an error: silently dropping events would be worse than refusing to start. */
function readJson<S extends z.ZodType>(path: string, schema: S, empty: z.infer<S>): z.infer<S> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return empty;
    throw error;
  }
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** Written beside, then renamed: a crash mid-write leaves the previous file intact. */
function writeJsonAtomically(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(value)}\n`);
  renameSync(temporary, path);
}
