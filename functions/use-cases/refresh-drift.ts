/**
 * Recomputes one engagement's drift snapshot from its stored log and keeps it, so the drift
 * pages, the portfolio and the digest read it instead of recomputing it.
 *
 * Contract: idempotent (the same log gives the same snapshot); a refresh that started earlier
 * than the stored snapshot's never replaces it (see `putDriftSnapshot`). An engagement that
 * does not exist (any more) has no snapshot: the result is undefined.
 */
import type { Deps } from '../deps.js';
import { driftSnapshot, type DriftSnapshot } from '../domain/drift-snapshot.js';

export async function refreshDriftSnapshot(deps: Pick<Deps, 'store' | 'clock'>, engagementId: string): Promise<DriftSnapshot | undefined> {
  // "Now" is read before the log, so a later refresh, which has seen more, also carries a later time.
  const now = deps.clock.now();
  const sources = await deps.store.driftSources(engagementId);
  if (!sources) return undefined;
  const snapshot = driftSnapshot(sources.engagement, sources.answers, sources.events, now);
  await deps.store.putDriftSnapshot(snapshot);
  return snapshot;
}
