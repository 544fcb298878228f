/**
 * The drift pages served from DynamoDB Local: a portfolio of 5,000 engagements (each a snapshot
 * of 200 synthetic events, spread over 25 managers) and one engagement's report, GET over
 * loopback as a signed-in head of delivery. Prints p50 / p99, sequentially and 10 at a time,
 * and how big the stored items are.
 *
 * The snapshots are computed by the engine and written as the refresher writes them; the
 * pages read them exactly as in production (the portfolio index, one item per report). The
 * stack runs without the stream refresher, so nothing recomputes the seeded snapshots.
 */
import { gzipSync } from 'node:zlib';
import { kickoffRequestId } from '../functions/domain/client-request.js';
import { driftSnapshot } from '../functions/domain/drift-snapshot.js';
import { startLocalStack, type LocalStack } from '../local/stack.js';
import { syntheticEngagement } from './drift-engine.js';
import { latencies, percentile } from './load.js';

const ENGAGEMENTS = 5_000;
const MANAGERS = 25;
const WRITE_CONCURRENCY = 32;

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function driftPageFigures(): Promise<Array<[string, string]>> {
  const stack = await startLocalStack({ driftReports: false });
  try {
    return await measure(stack);
  } finally {
    await stack.stop();
  }
}

async function measure(stack: LocalStack): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const { store } = stack.deps;

  let next = 0;
  let bodyBytes = 0;
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, async () => {
    for (let i = next++; i < ENGAGEMENTS; i = next++) {
      const input = syntheticEngagement(`bench-portfolio-${String(i).padStart(4, '0')}`, 200, i + 1);
      const manager = i % MANAGERS;
      const engagement = { ...input.engagement, title: `Engagement ${i}`, manager: { id: `manager-${manager}`, email: `m${manager}@agency.example`, name: `Manager ${manager}` } };
      const snapshot = driftSnapshot(engagement, input.answers, input.events, input.now);
      bodyBytes += gzipSync(JSON.stringify({ report: snapshot.report, history: snapshot.history, warnings: snapshot.warnings })).length;
      await store.putDriftSnapshot(snapshot);
    }
  }));
  rows.push([`drift pages: stored snapshot body, mean of ${ENGAGEMENTS.toLocaleString('en')} (gzip)`, kb(bodyBytes / ENGAGEMENTS)]);

  // One report a manager opens: a long engagement (2,000 events), owned by the head of delivery's team.
  const big = syntheticEngagement('bench-report-engagement', 2_000, 7);
  const engagement = { ...big.engagement, manager: { id: 'dev-alice', email: 'alice@agency.example', name: 'Alice' } };
  await store.createEngagement(engagement, {
    id: kickoffRequestId(engagement.id, 0), engagementId: engagement.id, purpose: 'kickoff', round: 0, status: 'answered', createdAt: engagement.createdAt,
  }, engagement.manager.id);
  const report = driftSnapshot(engagement, big.answers, big.events, big.now);
  await store.putDriftSnapshot(report);
  rows.push(['drift pages: one report of 2,000 events, stored body (gzip)', kb(gzipSync(JSON.stringify({ report: report.report, history: report.history, warnings: report.warnings })).length)]);

  const headers = { cookie: `session=${stack.identity.tokenFor('hana')}` };
  const pages: Array<[string, string]> = [
    [`portfolio page, ${ENGAGEMENTS.toLocaleString('en')} engagements (first 200 rows)`, `${stack.appUrl}/manager/portfolio`],
    ['portfolio page, grouped by manager', `${stack.appUrl}/manager/portfolio?group=manager`],
    ['drift report page, 2,000 events', `${stack.appUrl}/manager/engagements/${engagement.id}/drift`],
  ];
  for (const [name, url] of pages) {
    await latencies(url, 5, 1, headers);
    for (const concurrency of [1, 10]) {
      const total = concurrency === 1 ? 50 : 100;
      const sorted = await latencies(url, total, concurrency, headers);
      rows.push([`${name}, ${concurrency} at a time (${total} GETs)`, `p50 ${ms(percentile(sorted, 50))}, p99 ${ms(percentile(sorted, 99))}`]);
    }
  }
  return rows;
}
