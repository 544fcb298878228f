/**
 * Keeps drift snapshots current: the table's stream (keys only, filtered to the items a
 * snapshot is computed from, see `DRIFT_SOURCE_PREFIXES`) names the engagements whose log
 * changed; each is recomputed once per batch, however many of its items changed.
 *
 * A failure is reported per record (`batchItemFailures`, the first record of each engagement
 * that failed), so only what failed is retried; locally the same handler is fed by the
 * DynamoDB Local stream (local/table-stream.ts).
 */
import * as z from 'zod';
import { settingsFrom, tableStore, type Deps } from '../deps.js';
import { DRIFT_SOURCE_PREFIXES } from '../adapters/table-design.js';
import { engagementIdSchema } from '../domain/engagement.js';
import { refreshDriftSnapshot } from '../use-cases/refresh-drift.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const streamEventSchema = z.object({
  Records: z.array(z.object({
    dynamodb: z.object({
      Keys: z.object({ pk: z.object({ S: z.string().max(300) }), sk: z.object({ S: z.string().max(600) }) }),
      SequenceNumber: z.string().max(100),
    }),
  })).max(10_000),
});

/** The engagement a changed item belongs to, if it is one a snapshot is computed from. */
export function engagementOfChange(keys: { pk: string; sk: string }): string | undefined {
  if (!keys.pk.startsWith('ENG#') || !DRIFT_SOURCE_PREFIXES.some((prefix) => keys.sk.startsWith(prefix))) return undefined;
  const id = engagementIdSchema.safeParse(keys.pk.slice('ENG#'.length));
  return id.success ? id.data : undefined;
}

export const makeRefreshDrift = (deps: Pick<Deps, 'store' | 'clock'>) => async (event: unknown) => {
  const { Records } = parseStepInput(streamEventSchema, event);
  /** Each engagement with the sequence number of its first changed record in the batch. */
  const firstChange = new Map<string, string>();
  for (const record of Records) {
    const id = engagementOfChange({ pk: record.dynamodb.Keys.pk.S, sk: record.dynamodb.Keys.sk.S });
    if (id && !firstChange.has(id)) firstChange.set(id, record.dynamodb.SequenceNumber);
  }
  const batchItemFailures: Array<{ itemIdentifier: string }> = [];
  for (const [engagementId, sequenceNumber] of firstChange) {
    try {
      await refreshDriftSnapshot(deps, engagementId);
    } catch (error) {
      console.error(JSON.stringify({ message: 'drift refresh failed', engagementId, error: String(error) }));
      batchItemFailures.push({ itemIdentifier: sequenceNumber });
    }
  }
  return { batchItemFailures };
};

export const handler = lambdaStep(makeRefreshDrift, (env) => ({ ...settingsFrom(env), store: tableStore(env) }));
