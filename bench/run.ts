/**
 * `npm run bench`: figures for the kickoff spine, measured on this machine in one run. They
 * are printed, never asserted: tests prove behaviour, this measures it.
 *
 * - start-up of the whole local stack (DynamoDB Local, SES, Step Functions, HTTP app);
 * - a new engagement → its kickoff invite in the inbox;
 * - a client's answer (POST) → "what we heard" in the inbox;
 * - the kickoff form page, GET over loopback: sequential and 10 at a time, p50 / p99;
 * - signing and verifying a client link, and parsing a kickoff form, per second;
 * - the drift pages from DynamoDB Local: the portfolio of 5,000 engagements and one report;
 * - the drift engine: one engagement of 10,000 events beside a bare pass, and a portfolio;
 * - each Lambda bundle: its size and its module init time (bench/bundles.ts).
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { kickoffRequestId } from '../functions/domain/client-request.js';
import { parseKickoffForm } from '../functions/domain/kickoff.js';
import { clientLink } from '../functions/deps.js';
import { createEngagement } from '../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../local/identity.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { validKickoffForm } from '../test/support/fixtures.js';
import { bundleFigures } from './bundles.js';
import { driftEngineFigures } from './drift-engine.js';
import { driftPageFigures } from './drift-pages.js';
import { latencies, percentile } from './load.js';
import { linkIn, postForm, waitForEmails } from '../test/support/stack.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const rows: Array<[string, string]> = [];
const record = (name: string, value: string) => { rows.push([name, value]); };
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function newEngagement(stack: LocalStack) {
  const alice = DEV_PEOPLE.alice;
  const email = `bench-${randomUUID().slice(0, 8)}@example.com`;
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Benchmark engagement',
    client: { name: 'Bench Client', email },
    locale: 'en',
    milestones: [{ title: 'Launch', due: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  return { engagement, email };
}

function perSecond(fn: () => void, iterations: number): number {
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) fn();
  return iterations / ((performance.now() - started) / 1000);
}

async function main() {
  const started = performance.now();
  const stack = await startLocalStack();
  record('local stack start-up', ms(performance.now() - started));

  try {
    const created = performance.now();
    const { engagement, email } = await newEngagement(stack);
    const [invite] = await waitForEmails(stack, email, /expect/i);
    record('new engagement → kickoff email in the inbox', ms(performance.now() - created));

    const formUrl = linkIn(invite!);
    const answered = performance.now();
    const response = await postForm(formUrl, validKickoffForm());
    if (response.status !== 200) throw new Error(`the answer was refused: ${response.status}`);
    await waitForEmails(stack, email, /heard/i);
    record('client answer → "what we heard" in the inbox', ms(performance.now() - answered));

    const pending = await newEngagement(stack);
    const url = clientLink(stack.deps, kickoffRequestId(pending.engagement.id, 0), new Date(Date.now() + 86_400_000));
    await latencies(url, 50, 1);
    for (const concurrency of [1, 10]) {
      const sorted = await latencies(url, 500, concurrency);
      const seconds = sorted.reduce((a, b) => a + b, 0) / 1000 / concurrency;
      record(`kickoff form GET, ${concurrency} at a time (500 requests)`,
        `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, ${(500 / seconds).toFixed(0)} req/s`);
    }

    const links = stack.deps.links;
    const expiresAt = new Date(Date.now() + 86_400_000);
    const token = links.sign({ requestId: kickoffRequestId(engagement.id, 0), purpose: 'kickoff', expiresAt });
    record('client link sign', `${perSecond(() => links.sign({ requestId: kickoffRequestId(engagement.id, 0), purpose: 'kickoff', expiresAt }), 20_000).toFixed(0)} /s`);
    record('client link verify', `${perSecond(() => links.verify(token, new Date()), 20_000).toFixed(0)} /s`);
    const form = validKickoffForm();
    record('kickoff form parse (zod)', `${perSecond(() => parseKickoffForm(form), 5_000).toFixed(0)} /s`);
  } finally {
    await stack.stop();
  }
  for (const [name, value] of await driftPageFigures()) record(name, value);
  for (const [name, value] of await driftEngineFigures()) record(name, value);
  for (const [name, value] of await bundleFigures()) record(name, value);

  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\nBenchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  console.log();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
