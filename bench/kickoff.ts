/**
 * Figures for the kickoff spine, on a local stack of its own (in memory, real speed):
 *
 * - start-up of the whole local stack (DynamoDB Local, SES, Step Functions, HTTP app);
 * - a new engagement → its kickoff invite in the inbox;
 * - a client's answer (POST) → "what we heard" in the inbox;
 * - the kickoff form page, GET over loopback: sequential and 10 at a time, p50 / p99;
 * - signing and verifying a client link, and parsing a kickoff form, per second.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { kickoffRequestId } from '../functions/domain/client-request.js';
import { parseKickoffForm } from '../functions/domain/kickoff.js';
import { clientLink } from '../functions/deps.js';
import { createEngagement } from '../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../local/identity.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { validKickoffForm } from '../test/support/fixtures.js';
import { linkIn, postForm, waitForEmails } from '../test/support/stack.js';
import { latencies, percentile } from './load.js';
import type { Row } from './report.js';

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

export async function kickoffFigures(): Promise<Row[]> {
  const rows: Row[] = [];
  const started = performance.now();
  const stack = await startLocalStack();
  rows.push(['local stack start-up', ms(performance.now() - started)]);

  try {
    const created = performance.now();
    const { engagement, email } = await newEngagement(stack);
    const [invite] = await waitForEmails(stack, email, /expect/i);
    rows.push(['new engagement → kickoff email in the inbox', ms(performance.now() - created)]);

    const formUrl = linkIn(invite!);
    const answered = performance.now();
    const response = await postForm(formUrl, validKickoffForm());
    if (response.status !== 200) throw new Error(`the answer was refused: ${response.status}`);
    await waitForEmails(stack, email, /heard/i);
    rows.push(['client answer → "what we heard" in the inbox', ms(performance.now() - answered)]);

    const pending = await newEngagement(stack);
    const url = clientLink(stack.deps, kickoffRequestId(pending.engagement.id, 0), new Date(Date.now() + 86_400_000));
    await latencies(url, 50, 1);
    for (const concurrency of [1, 10]) {
      const sorted = await latencies(url, 500, concurrency);
      const seconds = sorted.reduce((a, b) => a + b, 0) / 1000 / concurrency;
      rows.push([`kickoff form GET, ${concurrency} at a time (500 requests)`,
        `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}, ${(500 / seconds).toFixed(0)} req/s`]);
    }

    const links = stack.deps.links;
    const expiresAt = new Date(Date.now() + 86_400_000);
    const token = links.sign({ requestId: kickoffRequestId(engagement.id, 0), purpose: 'kickoff', expiresAt });
    rows.push(['client link sign', `${perSecond(() => links.sign({ requestId: kickoffRequestId(engagement.id, 0), purpose: 'kickoff', expiresAt }), 20_000).toFixed(0)} /s`]);
    rows.push(['client link verify', `${perSecond(() => links.verify(token, new Date()), 20_000).toFixed(0)} /s`]);
    const form = validKickoffForm();
    rows.push(['kickoff form parse (zod)', `${perSecond(() => parseKickoffForm(form), 5_000).toFixed(0)} /s`]);
  } finally {
    await stack.stop();
  }
  return rows;
}
