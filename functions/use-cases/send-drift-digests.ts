/**
 * The daily pre-drift digest run: refresh every open engagement's drift snapshot (time alone
 * moves deadlines and silences, so once a day every snapshot is brought up to date), then send
 * each manager with something due in the next two days one email listing it.
 *
 * Contract:
 * - at most one digest per manager per day (`day`, the schedule's local date): the send guard
 *   lives under the manager, so a retried or repeated run sends nothing twice;
 * - a manager with nothing due gets nothing;
 * - one engagement that fails to refresh does not stop the run: its stored snapshot is used
 *   and the failure is logged; a send that fails is retried by running again, after the
 *   others were sent (the error is thrown at the end).
 */
import type { Deps } from '../deps.js';
import { digestsOf } from '../domain/drift-digest.js';
import type { DriftSnapshot } from '../domain/drift-snapshot.js';
import { renderEmail } from '../emails/render-email.js';
import { refreshDriftSnapshot } from './refresh-drift.js';

/** Snapshots refreshed at once: enough to hide latency, few enough to stay far from throttling. */
const REFRESH_CONCURRENCY = 8;

export interface DigestRun {
  engagements: number;
  refreshFailures: number;
  digestsSent: number;
}

type DigestDeps = Pick<Deps, 'store' | 'clock' | 'mailer' | 'publicBaseUrl'>;

async function refreshAll(deps: DigestDeps, engagementIds: readonly string[]): Promise<{ snapshots: DriftSnapshot[]; failures: number }> {
  const snapshots: DriftSnapshot[] = [];
  let failures = 0;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < engagementIds.length; i = next++) {
      const engagementId = engagementIds[i] as string;
      try {
        const snapshot = await refreshDriftSnapshot(deps, engagementId);
        if (snapshot) snapshots.push(snapshot);
      } catch (error) {
        failures += 1;
        console.error(JSON.stringify({ message: 'drift refresh failed; the stored snapshot is used', engagementId, error: String(error) }));
        const stored = await deps.store.getDriftSnapshot(engagementId).catch(() => undefined);
        if (stored) snapshots.push(stored);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(REFRESH_CONCURRENCY, engagementIds.length) }, worker));
  return { snapshots, failures };
}

/** Every open engagement with a snapshot, read whole before any is refreshed (a refresh moves it in the index). */
async function openEngagementIds(deps: DigestDeps): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  do {
    const page = await deps.store.portfolioPage({ state: 'open', limit: 1000, ...(after ? { after } : {}) });
    ids.push(...page.rows.map((row) => row.engagementId));
    after = page.next;
  } while (after);
  return ids;
}

export async function sendDriftDigests(deps: DigestDeps, day: string, timeZone: string): Promise<DigestRun> {
  const open = await openEngagementIds(deps);
  const { snapshots, failures } = await refreshAll(deps, open);
  const digests = digestsOf(snapshots, deps.clock.now());
  const sendFailures: unknown[] = [];
  let digestsSent = 0;
  for (const digest of digests) {
    try {
      const { sentNow } = await deps.mailer.sendOnce({
        managerId: digest.managerId,
        purpose: 'pre-drift-digest',
        sequence: day,
        to: digest.managerEmail,
        recipient: 'manager',
        kind: 'regular',
        content: renderEmail({
          type: 'pre-drift-digest',
          managerName: digest.managerName,
          timeZone,
          engagements: digest.engagements.map((e) => ({
            title: e.title,
            clientName: e.clientName,
            reportUrl: `${deps.publicBaseUrl}/manager/engagements/${encodeURIComponent(e.engagementId)}/drift`,
            due: e.due.map(({ warning, subject }) => ({ kind: warning.kind, subject, deadline: warning.deadline })),
          })),
        }, 'en'),
      });
      if (sentNow) digestsSent += 1;
    } catch (error) {
      sendFailures.push(error);
    }
  }
  if (sendFailures.length > 0) throw new AggregateError(sendFailures, `${sendFailures.length} of ${digests.length} digests could not be sent`);
  return { engagements: open.length, refreshFailures: failures, digestsSent };
}
