/**
 * Two pages under load on loopback: the client's kickoff form page (a signed link, read from
 * DynamoDB Local) and the manager's drift report page of the twelve-week demo engagement (the
 * stored snapshot the cost benchmark's run left behind), as the manager signed in. For each:
 *
 * - one at a time: p50 / p99, and where a request's time goes on the server (how long the
 *   HTTP app took, and how many DynamoDB calls it made and their summed time, which can exceed
 *   the request's when calls run at once);
 * - 10 at a time (closed loop): what the page sustains on this machine;
 * - 200 requests a second offered for 10 s, open loop (bench/load.ts), from a process of its
 *   own: the rate achieved, p50 and p99 from each request's scheduled time, and failures.
 *   Target: p99 < 50 ms, none failed.
 *
 * The stack runs on the demo's data folder at real speed without the stream refresher or the
 * digest, so nothing else of the product competes with the requests.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { kickoffRequestId } from '../functions/domain/client-request.js';
import { clientLink } from '../functions/deps.js';
import { createEngagement } from '../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../local/identity.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import type { PlayedDemo } from './cost.js';
import { latencies, openLoopInChildProcess, percentile } from './load.js';
import { progress, type Row } from './report.js';
import { createUsageMeter } from './usage-meter.js';

const OFFERED_PER_SECOND = 200;
const SECONDS = 10;
const P99_TARGET_MS = 50;

const ms = (value: number) => `${value.toFixed(1)} ms`;

export async function httpLoadFigures(demo: PlayedDemo): Promise<{ rows: Row[]; notes: string[] }> {
  const meter = createUsageMeter();
  const stack = await startLocalStack({
    dataDir: demo.dataDir, driftReports: false, wrapFunction: meter.wrapFunction, instrumentDynamoDb: meter.instrumentDynamoDb,
  });
  try {
    const events = (await stack.deps.store.listEvents(demo.engagementId)).length;
    const pages: Array<[string, string, Record<string, string>]> = [
      ['kickoff form page', await kickoffFormUrl(stack), {}],
      [`drift report page (twelve-week engagement, ${events} events)`, `${stack.appUrl}/manager/engagements/${demo.engagementId}/drift`,
        { cookie: `session=${stack.identity.tokenFor('alice')}` }],
    ];
    const rows: Row[] = [];
    for (const [name, url, headers] of pages) {
      await latencies(url, 50, 1, headers);
      // The new engagement's kickoff workflow sends its invite meanwhile; its DynamoDB calls are not the page's.
      await quiet(meter);

      const before = meter.snapshot();
      const one = await latencies(url, 100, 1, headers);
      const after = meter.snapshot();
      const served = (after.functions.get('http-api')?.invocations ?? 0) - (before.functions.get('http-api')?.invocations ?? 0);
      const serverMs = ((after.functions.get('http-api')?.billedMs ?? 0) - (before.functions.get('http-api')?.billedMs ?? 0)) / served;
      const calls = (after.dynamodb.readRequests + after.dynamodb.writeRequests - before.dynamodb.readRequests - before.dynamodb.writeRequests) / served;
      const dynamoMs = (after.dynamodb.ms - before.dynamodb.ms) / served;
      rows.push([`${name}, one at a time (100 GETs)`, `p50 ${ms(percentile(one, 50))}, p99 ${ms(percentile(one, 99))}; `
        + `served in ${ms(serverMs)} on average, making ${calls.toFixed(1)} DynamoDB calls (${ms(dynamoMs)} in all, some at once)`]);

      const closed = await latencies(url, 500, 10, headers);
      const sustained = 500 / (closed.reduce((a, b) => a + b, 0) / 1000 / 10);
      rows.push([`${name}, 10 at a time (500 GETs)`, `p50 ${ms(percentile(closed, 50))}, p99 ${ms(percentile(closed, 99))}, ${sustained.toFixed(0)} req/s`]);

      progress(`load: ${name}, ${OFFERED_PER_SECOND} req/s for ${SECONDS} s`);
      const result = await openLoopInChildProcess({ url, rate: OFFERED_PER_SECOND, seconds: SECONDS, headers });
      await quiet(meter);
      const p99 = percentile(result.latencies, 99);
      const verdict = p99 < P99_TARGET_MS && result.failed === 0 ? 'met'
        : `missed: the page sustains about ${sustained.toFixed(0)} req/s here, 10 at a time`;
      const failures = Object.entries(result.failures).map(([kind, n]) => `${n} ${kind}`).join(', ');
      rows.push([`${name}, ${OFFERED_PER_SECOND} req/s offered for ${SECONDS} s (target p99 < ${P99_TARGET_MS} ms)`,
        `${result.achievedPerSecond.toFixed(1)} req/s achieved, p50 ${ms(percentile(result.latencies, 50))}, p99 ${ms(p99)}, `
        + `${result.failed} of ${result.sent} failed${failures ? ` (${failures})` : ''} — ${verdict}`]);
    }
    return { rows, notes: NOTES };
  } finally {
    await stack.stop();
  }
}

const NOTES = [
  'One Node process serves every request here, beside DynamoDB Local (Java) and the load generator, on the same CPUs as any other '
  + 'work on the machine (see its load average above). On AWS each request is its own Lambda invocation and concurrent requests '
  + 'run in separate instances: the one-at-a-time figures are the nearest to one invocation\'s latency, and the open-loop '
  + 'figures say what this one process sustains.',
  'Open loop: requests are sent on schedule whether or not earlier ones were answered, and latency counts from the scheduled '
  + 'time, so an overloaded server shows as growing latency and failures instead of as a lower offered rate. p50 and p99 are '
  + 'over the requests answered with 200.',
];

/**
 * Waits until no request, workflow step or DynamoDB call is under way, twice in a row: the
 * server has worked off what an overload left queued (requests whose clients gave up are still
 * served) and the new engagement's kickoff has sent its invite, so neither weighs on the next
 * figures.
 */
async function quiet(meter: ReturnType<typeof createUsageMeter>): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (let idleChecks = 0; idleChecks < 2 && Date.now() < deadline;) {
    idleChecks = meter.inFlight() === 0 ? idleChecks + 1 : 0;
    await sleep(250);
  }
}

/** A new engagement's kickoff link: the page a client opens from the invite. */
async function kickoffFormUrl(stack: LocalStack): Promise<string> {
  const alice = DEV_PEOPLE.alice;
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Load benchmark engagement',
    client: { name: 'Load Client', email: 'load-client@example.com' },
    locale: 'en',
    milestones: [{ title: 'Launch', due: new Date(stack.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  return clientLink(stack.deps, kickoffRequestId(engagement.id, 0), new Date(stack.clock.now().getTime() + 86_400_000));
}
