/**
 * The AWS cost of one twelve-week engagement at list price, from counted usage: the twelve-week
 * demo (local/twelve-week-demo.ts) is played on the local stack with a usage meter attached
 * (bench/usage-meter.ts), and what AWS would bill is counted, then priced (bench/prices.ts).
 *
 * It is played at `METERED_SPEED`, slower than `npm start` plays it: what happens in a day must
 * be done within that day. At the demo's own speed a day lasts 0.6 s, less than a digest run or
 * a workflow cycle takes here, so days' wake-ups, digests and stream batches merge and the
 * counts come out too low. Counted:
 *
 * - Step Functions Standard state transitions: every state entered, read back through the Step
 *   Functions API (ListExecutions, GetExecutionHistory) from the local service; a failed step
 *   invocation is counted as one more transition, as a retry would be billed;
 * - Lambda: every invocation (workflow steps, one `http-api` per HTTP request, the drift
 *   refresher fed by the table's stream, the daily digest, the email-event recorder for SES's
 *   "send" and delivery events, the stalled-workflow reporter; a rule target's retries
 *   included), each billed by its measured duration rounded up to 1 ms, at the configured
 *   memory (`FUNCTION_MEMORY_MB`, ARM64);
 * - API Gateway HTTP API requests: the requests the demo's client and manager make;
 * - DynamoDB on-demand read and write request units, as DynamoDB Local reports them;
 * - SES: every recipient of every email the local SES server holds;
 * - EventBridge Scheduler: one invocation per daily digest run.
 *
 * The daily digest runs once a day for the whole deployment whatever the number of
 * engagements: it is counted whole here, as for a deployment with this one engagement.
 * Not counted: CloudWatch Logs ingestion, table storage and backups, data transfer, SES "open"
 * events (one more recorder invocation per opened email), and the cold-start extras, which
 * are shown apart as an upper bound (a Secrets Manager read and an X-Ray trace at most per
 * invocation). DynamoDB Streams reads by Lambda's event source mapping are free.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { paginateGetExecutionHistory, paginateListExecutions, SFNClient } from '@aws-sdk/client-sfn';
import { FUNCTION_MEMORY_MB } from '../infra/function.js';
import { inbox } from '../local/ses.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { playTwelveWeekDemoOn } from '../local/twelve-week-demo.js';
import { STATE_MACHINES, type StateMachineName } from '../statemachines/catalog.js';
import * as price from './prices.js';
import { progress, type Row } from './report.js';
import { createUsageMeter, type FunctionUsage, type Usage } from './usage-meter.js';

/** A simulated day lasts 2.9 s; the demo's longest wait (two weeks, 40 s) stays within its 60 s patience. */
const METERED_SPEED = 30_000;
const COST_TARGET_DOLLARS = 0.02;
const TRANSITIONS_PER_MONTH_TARGET = 100;
const DAY_MS = 86_400_000;
const MONTH_DAYS = 365.25 / 12;
/** The functions that read the link keys from Secrets Manager when they start (the steps that sign links, and the HTTP app). */
const FUNCTIONS_WITH_LINK_KEYS = ['http-api', 'send-kickoff-invite', 'send-what-we-heard', 'carry-out-engagement-step'];

/** Where the demo left its data, for the load benchmark to serve its pages from. */
export interface PlayedDemo {
  dataDir: string;
  engagementId: string;
}

interface Transitions {
  total: number;
  byMachine: Map<StateMachineName, number>;
  byState: Map<string, number>;
  executions: number;
  stillRunning: number;
}

export async function engagementCostFigures(): Promise<{ rows: Row[]; notes: string[]; demo: PlayedDemo }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-twelve-weeks-'));
  const meter = createUsageMeter();
  try {
    const stack = await startLocalStack({
      dataDir, speed: METERED_SPEED, wrapFunction: meter.wrapFunction, instrumentDynamoDb: meter.instrumentDynamoDb,
    });
    try {
      const simulatedStart = stack.clock.now().getTime();
      const started = performance.now();
      const engagementId = await playTwelveWeekDemoOn(stack, (line) => progress(`twelve-week demo:${line}`));
      const played = { days: (stack.clock.now().getTime() - simulatedStart) / DAY_MS, seconds: (performance.now() - started) / 1000 };
      await settle(stack);
      const usage = meter.snapshot();
      const transitions = await countTransitions(stack);
      const emails = await inbox(stack.sesEndpoint);
      const engagement = await stack.deps.store.getEngagement(engagementId);
      const addresses = emails.flatMap((e) => [...e.destination.to, ...e.destination.cc, ...e.destination.bcc]);
      const recipients = {
        total: addresses.length,
        client: addresses.filter((a) => a === engagement?.client.email).length,
        manager: addresses.filter((a) => a === engagement?.manager.email).length,
      };
      const rows = figures({ usage, transitions, messages: emails.length, recipients, played });
      return { rows, notes: NOTES, demo: { dataDir, engagementId } };
    } finally {
      await stack.stop();
    }
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Lets what the demo set going finish: the executions, SES's delivery events, the stream's refreshes. */
async function settle(stack: LocalStack): Promise<void> {
  await Promise.race([stack.stepFunctions.idle(), sleep(30_000)]);
  await sleep(500);
  await stack.tableStream?.settled();
}

/** Every state entered, in every execution of every state machine, as GetExecutionHistory reports it. */
async function countTransitions(stack: LocalStack): Promise<Transitions> {
  const client = new SFNClient({});
  const counted: Transitions = { total: 0, byMachine: new Map(), byState: new Map(), executions: 0, stillRunning: 0 };
  for (const machine of Object.keys(STATE_MACHINES) as StateMachineName[]) {
    const stateMachineArn = stack.stepFunctions.stateMachineArn(machine);
    for await (const page of paginateListExecutions({ client }, { stateMachineArn })) {
      for (const execution of page.executions ?? []) {
        counted.executions += 1;
        if (execution.status === 'RUNNING') counted.stillRunning += 1;
        for await (const history of paginateGetExecutionHistory({ client }, { executionArn: execution.executionArn, maxResults: 1000 })) {
          for (const event of history.events ?? []) {
            if (!event.type?.endsWith('StateEntered')) continue;
            const state = `${machine}: ${event.stateEnteredEventDetails?.name ?? '?'}`;
            counted.total += 1;
            counted.byMachine.set(machine, (counted.byMachine.get(machine) ?? 0) + 1);
            counted.byState.set(state, (counted.byState.get(state) ?? 0) + 1);
          }
        }
      }
    }
  }
  return counted;
}

const dollars = (value: number) => `$${value.toFixed(value >= 0.01 ? 4 : 6)}`;
/** A unit price per million units, which keeps the small ones readable. */
const unit = (value: number) => `$${Number((value * 1_000_000).toPrecision(6))}/M`;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Functions invoked by a request or an event, not by a state machine: each starts a trace of its own. */
const EVENT_DRIVEN = ['http-api', 'refresh-drift', 'send-drift-digests', 'record-email-event', 'report-stalled'];

function figures(input: {
  usage: Usage;
  transitions: Transitions;
  messages: number;
  recipients: { total: number; client: number; manager: number };
  played: { days: number; seconds: number };
}): Row[] {
  const { usage, transitions, messages, recipients, played } = input;
  const fn = (name: string): FunctionUsage => usage.functions.get(name) ?? { invocations: 0, billedMs: 0, errors: 0 };
  const steps = [...usage.functions].filter(([name]) => !EVENT_DRIVEN.includes(name)).map(([, u]) => u);
  const stepErrors = sum(steps.map((u) => u.errors));

  // Step Functions: states entered, plus one per failed step invocation (a retry is billed as a transition).
  const billedTransitions = transitions.total + stepErrors;
  const months = played.days / MONTH_DAYS;
  const perMonth = billedTransitions / months;

  const recorder = fn('record-email-event');
  const invocations = sum([...usage.functions.values()].map((u) => u.invocations));
  const billedMs = sum([...usage.functions.values()].map((u) => u.billedMs));
  const gbSeconds = (billedMs / 1000) * (FUNCTION_MEMORY_MB / 1024);

  const http = fn('http-api').invocations;
  const digests = fn('send-drift-digests').invocations;
  const { dynamodb } = usage;
  const writeUnits = dynamodb.writeUnits + dynamodb.refusedWriteUnits;

  const parts: Array<[service: string, cost: number, how: string]> = [
    ['Step Functions', billedTransitions * price.STEP_FUNCTIONS_PER_TRANSITION,
      `${billedTransitions} transitions × ${unit(price.STEP_FUNCTIONS_PER_TRANSITION)}`],
    ['Lambda', invocations * price.LAMBDA_PER_REQUEST + gbSeconds * price.LAMBDA_ARM_PER_GB_SECOND,
      `${invocations} requests × ${unit(price.LAMBDA_PER_REQUEST)} + ${gbSeconds.toFixed(2)} GB-s × ${unit(price.LAMBDA_ARM_PER_GB_SECOND)}`],
    ['API Gateway HTTP API', http * price.HTTP_API_PER_REQUEST, `${http} requests × ${unit(price.HTTP_API_PER_REQUEST)}`],
    ['DynamoDB', dynamodb.readUnits * price.DYNAMODB_PER_READ_UNIT + writeUnits * price.DYNAMODB_PER_WRITE_UNIT,
      `${dynamodb.readUnits} RRU × ${unit(price.DYNAMODB_PER_READ_UNIT)} + ${writeUnits} WRU × ${unit(price.DYNAMODB_PER_WRITE_UNIT)}`],
    ['SES', recipients.total * price.SES_PER_EMAIL, `${recipients.total} emails × ${unit(price.SES_PER_EMAIL)}`],
    ['EventBridge Scheduler', digests * price.SCHEDULER_PER_INVOCATION, `${digests} digest runs × ${unit(price.SCHEDULER_PER_INVOCATION)}`],
  ];
  const total = sum(parts.map(([, cost]) => cost));
  const ranked = [...parts].sort((a, b) => b[1] - a[1]);
  const [largest] = ranked;
  const share = (cost: number) => `${((cost / total) * 100).toFixed(0)} %`;

  const mostEntered = [...transitions.byState].sort((a, b) => b[1] - a[1]).slice(0, 4)
    .map(([state, n]) => [state.replace(/^\w+: /, ''), n] as const);
  const topStates = mostEntered.map(([state, n]) => `${state} ${n}`).join(', ');
  const machines = [...transitions.byMachine].map(([machine, n]) => `${machine} ${n}`).join(', ');
  const [busiest, busiestCount = 0] = [...transitions.byMachine].sort((a, b) => b[1] - a[1])[0] ?? [];

  const secretReads = sum(FUNCTIONS_WITH_LINK_KEYS.map((name) => fn(name).invocations));
  const traces = invocations - sum(steps.map((u) => u.invocations)) + transitions.executions;
  const bound = secretReads * price.SECRETS_MANAGER_PER_CALL + traces * price.XRAY_PER_TRACE;

  const costVerdict = total <= COST_TARGET_DOLLARS ? 'met' : `missed: ${largest?.[0]} is ${share(largest?.[1] ?? 0)} of it`;
  const transitionVerdict = perMonth <= TRANSITIONS_PER_MONTH_TARGET ? 'met'
    : `missed: the ${busiest} workflow makes ${busiestCount} of ${transitions.total}; its loop's states are each entered `
      + `${((mostEntered[0]?.[1] ?? 0) / played.days).toFixed(1)} times a day (${mostEntered.map(([state]) => state).join(', ')})`;

  return [
    ['twelve-week demo engagement, played on the local stack', `${played.days.toFixed(1)} days = ${months.toFixed(2)} engagement-months, `
      + `in ${played.seconds.toFixed(0)} s (time ${METERED_SPEED.toLocaleString('en')}× faster)`],
    ['Step Functions state transitions (states entered)', `${billedTransitions} in ${transitions.executions} executions (${machines}`
      + `${stepErrors ? `, ${stepErrors} failed step invocations counted as retries` : ''}`
      + `${transitions.stillRunning ? `, ${transitions.stillRunning} still running` : ''}); most entered: ${topStates}`],
    [`state transitions per engagement-month (target ≤ ${TRANSITIONS_PER_MONTH_TARGET})`, `${perMonth.toFixed(0)} — ${transitionVerdict}`],
    ['Lambda invocations', `${invocations}: workflow steps ${sum(steps.map((u) => u.invocations))}, HTTP ${http}, `
      + `drift refresher ${fn('refresh-drift').invocations}, digest ${digests}, email events ${recorder.invocations}`
      + `${fn('report-stalled').invocations ? `, stalled-workflow reports ${fn('report-stalled').invocations}` : ''}; `
      + `${(billedMs / 1000).toFixed(2)} s billed at ${FUNCTION_MEMORY_MB} MB`],
    ['HTTP API requests (API Gateway)', String(http)],
    ['DynamoDB request units (on-demand)', `${dynamodb.readUnits} read in ${dynamodb.readRequests} requests, ${dynamodb.writeUnits} write in ${dynamodb.writeRequests}`
      + `${dynamodb.refusedWrites ? ` + ${dynamodb.refusedWriteUnits} for ${dynamodb.refusedWrites} writes refused by their condition` : ''}`],
    ['SES emails sent', `${recipients.total}: ${recipients.client} to the client, ${recipients.manager} to the manager (${messages} messages)`],
    [`cost of one twelve-week engagement at list price (target ≤ $${COST_TARGET_DOLLARS})`, `${dollars(total)} — ${costVerdict}`],
    ...ranked.map(([service, cost, how]): Row => [`  cost: ${service}`, `${dollars(cost)} (${share(cost)}) = ${how}`]),
    ['  not in the cost: cold-start extras, at most', `+${dollars(bound)} (≤ ${secretReads} Secrets Manager reads, ≤ ${traces} X-Ray traces)`],
    ['  unit prices', `${price.PRICES_REGION} list prices as of ${price.PRICES_AS_OF} (bench/prices.ts)`],
  ];
}

const NOTES = [
  'Counted, not estimated: every state entered (from the local Step Functions service\'s execution history), every function '
  + 'invocation with its measured duration, every DynamoDB read and write request unit as DynamoDB Local reports it with '
  + '`ReturnConsumedCapacity: TOTAL` (indexes included), every HTTP request, every email recipient. Priced at the list prices '
  + 'in `bench/prices.ts` (us-east-1, no free tier deducted).',
  'Added to what ran locally: a failed step invocation counts as a retried transition; a write refused by its condition costs at '
  + 'least one write unit (two per transaction item), as DynamoDB reports no capacity for it.',
  'Not counted: CloudWatch Logs ingestion (each function\'s JSON logs and the state machines\' logs, $0.50 per GB), table storage '
  + 'and point-in-time recovery, data transfer, SES "open" events (one more recorder invocation per opened email). The last row '
  + 'bounds what cold starts and tracing could add: a Secrets Manager read per invocation of a function holding the link keys, '
  + 'and an X-Ray trace per request, execution and event.',
  'The daily digest runs once a day for the whole deployment, however many engagements there are: it is counted whole here, as '
  + 'for a deployment with this one engagement.',
  'Durations are measured around each handler call in this process, on a shared machine. On AWS a 256 MB function has a '
  + 'fraction of a vCPU (CPU-bound work runs slower) while DynamoDB answers faster than DynamoDB Local; Lambda is a small part of '
  + 'the cost either way.',
];
