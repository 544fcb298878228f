/**
 * The whole product on one machine: DynamoDB Local, the local SES server, the local Step
 * Functions service executing the real ASL, the workflow steps and the HTTP app in this
 * process. `npm start` and the tests that need the real thing both start it from here.
 *
 * The product code is configured exactly as on AWS, through environment variables; the SDK
 * reaches the emulators through AWS_ENDPOINT_URL_DYNAMODB / _SESV2 / _SFN.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { DRIFT_SOURCE_PREFIXES } from '../functions/adapters/table-design.js';
import { createDeps } from '../functions/deps.js';
import { commonEnvSchema, digestEnvSchema, httpEnvSchema, parseEnv } from '../functions/env.js';
import { createApp } from '../functions/http/app.js';
import { createHttpDeps } from '../functions/http/http-deps.js';
import type { ManagerDeps } from '../functions/http/manager-routes.js';
import { acceleratedClock, type LocalClock } from './clock.js';
import { ensureTable } from './create-table.js';
import { startDynamoDbLocal } from './dynamodb.js';
import { createDevIdentity } from './identity.js';
import { localDefinition, localFunctionArn, localInvoker, localSteps, withFunctionTimeout, type LocalFunction } from './lambdas.js';
import { freePort } from './ports.js';
import { makeRecordEmailEvent } from '../functions/handlers/record-email-event.js';
import { makeReportStalled } from '../functions/handlers/report-stalled.js';
import { makeRefreshDrift } from '../functions/handlers/refresh-drift.js';
import { makeSendDriftDigests } from '../functions/handlers/send-drift-digests.js';
import { DEFAULT_DIGEST_HOUR } from '../functions/domain/drift-digest.js';
import { ASYNC_INVOCATIONS, functionTimeoutSeconds, type AsyncHandlerName } from '../infra/function-settings.js';
import { localAsyncInvoker, type OnFailureRecord } from './async-invoker.js';
import { startDailySchedule } from './daily-schedule.js';
import { localEventBus, type LocalEventBus } from './event-rules.js';
import { sesClientWithEvents, type WrapSendEmail } from './ses-events.js';
import { startLocalSes } from './ses.js';
import { startLocalStepFunctions, type LocalStepFunctions } from './step-functions/index.js';
import { startTableStream, type TableStream } from './table-stream.js';

export interface LocalStackOptions {
  /** Keep data here across restarts; without it everything is in memory. */
  dataDir?: string;
  /** How many times faster than the wall clock time runs (waits, timeouts, "now"). */
  speed?: number;
  /** Ports; 0 or absent picks a free one. */
  ports?: { app?: number; inbox?: number; dynamodb?: number; stepFunctions?: number };
  /**
   * Wraps each function as it is invoked, by its handler's name (functions/handlers/<name>.ts):
   * the workflow steps, `record-email-event`, `report-stalled`, `refresh-drift` and `send-drift-digests` (with
   * drift reports on), and `http-api` once per request to the HTTP app (the development
   * identity's own routes are not part of it). The place where tests inject faults (a step that
   * throws before or after doing its work) and the cost benchmark counts invocations.
   */
  wrapFunction?: WrapFunction;
  /**
   * Each function's timeout in seconds, by handler name; by default the one the CDK stack gives
   * it (`functionTimeoutSeconds` in infra/function-settings.ts). Lambda's timeout is real time, so
   * it is not scaled by `speed`; tests shorten it to see a function time out.
   */
  functionTimeoutSeconds?: (handler: string) => number;
  /**
   * Given each DynamoDB client the product's functions use, before its first command: the place
   * where the cost benchmark adds a middleware that meters consumed capacity.
   */
  instrumentDynamoDb?: (client: DynamoDBClient) => void;
  /**
   * Wraps each SendEmail of the product's SES client: the place where tests inject SES faults
   * (throttling, a message that went out but whose answer was lost). Delivery events follow
   * every message that reached the local SES server.
   */
  wrapSendEmail?: WrapSendEmail;
  /** Settings overrides (the kickoff schedule, cycles per execution…), e.g. for tests. */
  settings?: Partial<Record<
    'KICKOFF_REMINDER_EVERY_SECONDS' | 'KICKOFF_MAX_REMINDERS' | 'KICKOFF_MAX_ESCALATIONS' | 'KICKOFF_CORRECTION_WINDOW_SECONDS'
    | 'ENGAGEMENT_CYCLES_PER_EXECUTION', string>>;
  /**
   * Drift reports as on AWS (default on): the table's stream, filtered to
   * `DRIFT_SOURCE_PREFIXES`, feeds the drift refresher as the event source mapping does, and
   * the daily digest runs at 07:00 in DIGEST_TIME_ZONE (default UTC), in the runtime's time.
   * `false` leaves snapshots to be refreshed by hand (`refreshDriftSnapshot`).
   */
  driftReports?: boolean;
}

export interface LocalStack {
  appUrl: string;
  inboxUrl: string;
  sesEndpoint: string;
  clock: LocalClock;
  deps: ManagerDeps;
  stepFunctions: LocalStepFunctions;
  identity: ReturnType<typeof createDevIdentity>;
  /**
   * The local event bus: an event put here reaches the rules it matches (SES events to the
   * recorder, stopped executions to the reporter), which invoke their function asynchronously,
   * as PutEvents does on AWS. The local SES client and Step Functions service put their events here.
   */
  eventBus: LocalEventBus;
  /**
   * The records in the on-failure destination of a function invoked asynchronously (the SES event
   * recorder, the stall reporter, the daily digest): events it still failed on after Lambda's
   * retries. Kept in the data folder (`on-failure.json`) when there is one.
   */
  onFailure(handler: AsyncHandlerName): OnFailureRecord[];
  /** With drift reports on: `settled()` waits until earlier writes were handed to the drift refresher. */
  tableStream?: Pick<TableStream, 'settled'>;
  stop(): Promise<void>;
}

/** The link keys are generated once per data folder, so links in old emails keep working. */
function linkKeys(dataDir?: string): string {
  const file = dataDir ? join(dataDir, 'link-keys.json') : undefined;
  if (file && existsSync(file)) return readFileSync(file, 'utf8');
  const keys = JSON.stringify({ current: '1', 1: randomBytes(32).toString('base64url') });
  if (file) writeFileSync(file, keys, { mode: 0o600 });
  return keys;
}

export type WrapFunction = (name: string, fn: LocalFunction) => LocalFunction;

function wrapSteps(steps: Record<string, LocalFunction>, wrap: WrapFunction) {
  return Object.fromEntries(Object.entries(steps).map(([name, step]) => [name, wrap(name, step)]));
}

const REGION = 'us-east-1';
const ACCOUNT = '000000000000';

const pick = async (port?: number) => (port && port > 0 ? port : freePort());

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const { dataDir } = options;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const speed = options.speed ?? 1;
  const wrap: WrapFunction = options.wrapFunction ?? ((_name, fn) => fn);
  const timeoutOf = options.functionTimeoutSeconds ?? functionTimeoutSeconds;
  /** A function as Lambda runs it: the test's wrapper inside, the timeout around all of it. */
  const lambda = (name: string, fn: LocalFunction) => withFunctionTimeout(wrap(name, fn), timeoutOf(name));
  const dynamodb = () => {
    const client = new DynamoDBClient({});
    options.instrumentDynamoDb?.(client);
    return client;
  };
  const clock = acceleratedClock(speed, dataDir ? join(dataDir, 'clock.json') : undefined);
  const [appPort, inboxPort, dynamoPort, sfnPort] = await Promise.all([
    pick(options.ports?.app), pick(options.ports?.inbox), pick(options.ports?.dynamodb), pick(options.ports?.stepFunctions),
  ]);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    clock.save();
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };

  try {
    const dynamo = await startDynamoDbLocal({ port: dynamoPort, ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}) });
    stops.push(dynamo.stop);
    const ses = await startLocalSes({ port: inboxPort });
    stops.push(ses.stop);

    const appUrl = `http://127.0.0.1:${appPort}`;
    const identity = createDevIdentity({ appUrl, ...(dataDir ? { dataDir } : {}) });
    Object.assign(process.env, {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_SESV2: ses.endpoint,
      AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${sfnPort}`,
      TABLE_NAME: 'expectations-local',
      PUBLIC_BASE_URL: appUrl,
      SENDER_EMAIL: 'kickoff@agency.example',
      SES_CONFIGURATION_SET: 'expectations-local',
      LINK_KEYS: linkKeys(dataDir),
      AUTH_JWKS_URL: `${appUrl}/dev/jwks.json`,
      AUTH_ISSUER: identity.issuer,
      AUTH_AUDIENCE: identity.audience,
      AUTH_OAUTH_URL: identity.oauthUrl,
      // Functions and SES events run at the wall clock's pace: the send lease must outlast them in
      // real time, or a claim could be taken over before SES's Send event marks its message seen.
      SEND_LEASE_SECONDS: String(Math.max(120, Math.ceil(10 * speed))),
      ...options.settings,
    });
    await ensureTable(new DynamoDBClient({}), process.env.TABLE_NAME as string);

    // Known before the service starts: executions it replays at start already need them.
    const stateMachineArn = (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`;
    process.env.KICKOFF_STATE_MACHINE_ARN = stateMachineArn('kickoff');
    process.env.ENGAGEMENT_STATE_MACHINE_ARN = stateMachineArn('engagement');
    // SES events go to the same recorder handler, and stopped executions to the same reporter,
    // that EventBridge rules invoke on AWS (infra/stack.ts), asynchronously, with Lambda's retries
    // and on-failure destination; so does the daily digest's schedule.
    const asyncInvoker = localAsyncInvoker<AsyncHandlerName>({
      clock, settings: ASYNC_INVOCATIONS, functionArn: localFunctionArn, ...(dataDir ? { dataDir } : {}),
    });
    stops.push(async () => asyncInvoker.stop());
    const ourMachines = [stateMachineArn('kickoff'), stateMachineArn('engagement')];
    const eventBus = localEventBus({
      EmailEventsToRecorder: {
        matches: (event) => {
          const { source, detail } = event as { source?: string; detail?: { mail?: { tags?: Record<string, string[]> } } };
          return source === 'aws.ses' && detail?.mail?.tags?.['ses:configuration-set']?.[0] === process.env.SES_CONFIGURATION_SET;
        },
        target: (event) => asyncInvoker.invoke('record-email-event', event),
      },
      StoppedExecutionsToReport: {
        matches: (event) => {
          const { source, detail } = event as { source?: string; detail?: { status?: string; stateMachineArn?: string } };
          return source === 'aws.states' && ['FAILED', 'TIMED_OUT'].includes(detail?.status ?? '') && ourMachines.includes(detail?.stateMachineArn ?? '');
        },
        target: (event) => asyncInvoker.invoke('report-stalled', event),
      },
    });
    const sesClient = sesClientWithEvents(eventBus.put, clock, options.wrapSendEmail);
    const stepDeps = await createDeps(parseEnv(commonEnvSchema), { clock, ses: sesClient, dynamodb: dynamodb() });
    const { DIGEST_TIME_ZONE: timeZone } = parseEnv(digestEnvSchema);
    asyncInvoker.start({
      'record-email-event': lambda('record-email-event', makeRecordEmailEvent(stepDeps)),
      'report-stalled': lambda('report-stalled', makeReportStalled(stepDeps)),
      'send-drift-digests': lambda('send-drift-digests', makeSendDriftDigests(stepDeps, timeZone)),
    });
    let tableStream: TableStream | undefined;
    if (options.driftReports !== false) {
      tableStream = await startTableStream({
        endpoint: dynamo.endpoint, tableName: process.env.TABLE_NAME as string, sortKeyPrefixes: DRIFT_SOURCE_PREFIXES,
        onBatch: lambda('refresh-drift', makeRefreshDrift(stepDeps)),
      });
      stops.push(tableStream.stop);
      const digest = startDailySchedule({
        clock, hour: DEFAULT_DIGEST_HOUR, timeZone, invoke: (input) => asyncInvoker.invoke('send-drift-digests', input),
      });
      stops.push(async () => digest.stop());
    }
    const stepFunctions = await startLocalStepFunctions({
      port: sfnPort,
      region: REGION,
      accountId: ACCOUNT,
      timeScale: speed,
      stateMachines: [
        { name: 'kickoff', definition: localDefinition('kickoff') },
        { name: 'engagement', definition: localDefinition('engagement') },
      ],
      invokeLambda: localInvoker(wrapSteps(localSteps(stepDeps), wrap), timeoutOf),
      onStatusChange: eventBus.put,
      now: () => clock.now(),
      ...(dataDir ? { persistPath: join(dataDir, 'executions.json') } : {}),
    });
    stops.push(stepFunctions.stop);
    const deps = await createHttpDeps(parseEnv(httpEnvSchema), { clock, ses: sesClient, dynamodb: dynamodb() });

    const app = new Hono();
    // On AWS each of these requests is one API Gateway request and one invocation of http-api.
    app.use('*', async (c, next) => {
      if (c.req.path.startsWith('/dev/')) return next();
      await wrap('http-api', async () => next())(c.req.raw);
    });
    app.route('/', identity.routes);
    app.get('/', (c) => c.redirect('/manager'));
    app.route('/', createApp(deps));
    const server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port: appPort, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    stops.push(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }));

    return {
      appUrl, inboxUrl: ses.inboxUrl, sesEndpoint: ses.endpoint, clock, deps, stepFunctions, identity, eventBus, tableStream,
      onFailure: (handler) => asyncInvoker.onFailure(handler), stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
