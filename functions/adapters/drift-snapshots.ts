/**
 * Drift snapshots in the single table (keys in `table-design.ts`): what the drift pages, the
 * portfolio and the digest read, so no page view recomputes a report.
 *
 * Contract:
 * - `driftSources` reads everything a snapshot is computed from (the engagement, every
 *   version of its expectations, its log) in one paginated Query of one key range;
 * - `putDriftSnapshot` never replaces a snapshot with an older one (two refreshes racing: the
 *   one that started later wins), says whether it wrote, and moves the managers' totals in the
 *   same transaction, from exactly the snapshot it replaced;
 * - the body (report, history, warnings) is stored gzip-compressed, the summary as one small
 *   string, so the portfolio indexes project only the summary; both are validated when read;
 * - `portfolioPage` is one Query of a portfolio index (open or closed; everyone's or one
 *   manager's), most drift first, continuing after a cursor; `managerTotals` is one Query of
 *   the managers' totals; `driftOfManager` reads the manager's engagements through their
 *   index, then their summaries by key.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand, type BatchGetCommandOutput, type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { engagementSchema, type Engagement } from '../domain/engagement.js';
import { CorruptItem, InProgress } from '../domain/errors.js';
import { engagementEventSchema, type EngagementEvent } from '../domain/events.js';
import { kickoffAnswerSchema, type KickoffAnswer } from '../domain/kickoff.js';
import type { DriftSnapshot, DriftSummary } from '../domain/drift-snapshot.js';
import { DIMENSIONS } from '../domain/drift/index.js';
import { driftBodySchema, driftSummarySchema } from './drift-snapshot-schema.js';
import { parseItem } from './table-items.js';

/** The items a snapshot is computed from. */
export interface DriftSources {
  engagement: Engagement;
  answers: KickoffAnswer[];
  events: EngagementEvent[];
}

const driftKey = (engagementId: string) => ({ pk: `ENG#${engagementId}`, sk: 'DRIFT' });
const totalsKey = (managerId: string) => ({ pk: 'MANAGERS', sk: `MGR#${managerId}` });
const stateOf = (summary: DriftSummary): PortfolioState => (summary.status === 'closed' ? 'closed' : 'open');
/** Lowest score first; ties by engagement id. */
const scoreKey = (score: number, engagementId: string) => `${String(score).padStart(3, '0')}#${engagementId}`;
/** BatchGetItem's limit. */
const BATCH_GET_MAX = 100;
/** Attempts at replacing a snapshot while other refreshes of the same engagement race it. */
const PUT_ATTEMPTS = 5;

export const PORTFOLIO_STATES = ['open', 'closed'] as const;
/** Open is every engagement not closed (its kickoff, its delivery, a stall). */
export type PortfolioState = (typeof PORTFOLIO_STATES)[number];

/** Where a page of the portfolio ends: the next page starts after it. */
export const portfolioCursorSchema = z.string().regex(/^\d{3}#[a-z0-9][a-z0-9-]{7,63}$/, 'must be a cursor from the previous page');

export interface PortfolioPage {
  rows: DriftSummary[];
  /** Present when more rows follow. */
  next?: string;
}

/** One manager's engagements, counted for one state. */
export interface DriftTotals {
  engagements: number;
  /** The rounded mean of their scores (100 when there are none). */
  meanScore: number;
  /** How many have at least one open finding. */
  withOpenFindings: number;
}

export interface ManagerTotals {
  managerId: string;
  managerName: string;
  open: DriftTotals;
  closed: DriftTotals;
}

const hasOpenFinding = (summary: DriftSummary) => DIMENSIONS.some((d) => summary.openFindings[d] > 0);

const totalsItemSchema = z.object({
  managerName: z.string(),
  openCount: z.number().int().min(0).default(0),
  openScore: z.number().min(0).default(0),
  openWithFindings: z.number().int().min(0).default(0),
  closedCount: z.number().int().min(0).default(0),
  closedScore: z.number().min(0).default(0),
  closedWithFindings: z.number().int().min(0).default(0),
});

const totalsOf = (count: number, scoreSum: number, withFindings: number): DriftTotals => ({
  engagements: count, meanScore: count === 0 ? 100 : Math.round(scoreSum / count), withOpenFindings: withFindings,
});

/**
 * What replacing `before` with `after` does to the managers' totals: one update per manager
 * touched, adding the new snapshot's share and taking away the old one's.
 */
function totalsUpdates(TableName: string, before: DriftSummary | undefined, after: DriftSummary) {
  const deltas = new Map<string, { name: string; add: Record<string, number> }>();
  const share = (summary: DriftSummary, sign: 1 | -1) => {
    const entry = deltas.get(summary.managerId) ?? { name: after.managerId === summary.managerId ? after.managerName : summary.managerName, add: {} };
    const state = stateOf(summary);
    for (const [field, value] of [['Count', 1], ['Score', summary.score], ['WithFindings', hasOpenFinding(summary) ? 1 : 0]] as const) {
      const name = `${state}${field}`;
      entry.add[name] = (entry.add[name] ?? 0) + sign * value;
    }
    deltas.set(summary.managerId, entry);
  };
  if (before) share(before, -1);
  share(after, 1);
  return [...deltas].map(([managerId, { name, add }]) => {
    const fields = Object.keys(add);
    return {
      Update: {
        TableName,
        Key: totalsKey(managerId),
        UpdateExpression: `SET managerName = :name ADD ${fields.map((f) => `${f} :${f}`).join(', ')}`,
        ExpressionAttributeValues: { ':name': name, ...Object.fromEntries(fields.map((f) => [`:${f}`, add[f]])) },
      },
    };
  });
}

function readBody(item: Record<string, unknown>): Omit<DriftSnapshot, 'summary'> {
  const where = `${String(item.pk)}/${String(item.sk)}`;
  if (!(item.body instanceof Uint8Array)) throw new CorruptItem(where, 'body: must be binary');
  let json: unknown;
  try {
    json = JSON.parse(gunzipSync(item.body).toString('utf8'));
  } catch (error) {
    throw new CorruptItem(where, `body: ${(error as Error).message}`);
  }
  const parsed = driftBodySchema.safeParse(json);
  if (!parsed.success) throw new CorruptItem(where, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  // Validated field by field above; cited field names are checked as bounded strings.
  return parsed.data as Omit<DriftSnapshot, 'summary'>;
}

function readSummary(item: Record<string, unknown>): DriftSummary {
  let json: unknown;
  try {
    json = typeof item.summary === 'string' ? JSON.parse(item.summary) : undefined;
  } catch {
    json = undefined;
  }
  return parseItem(driftSummarySchema, { ...(json as Record<string, unknown> | undefined), pk: item.pk, sk: item.sk });
}

export function createDriftSnapshotStore(db: DynamoDBDocumentClient, TableName: string) {
  return {
    async driftSources(engagementId: string): Promise<DriftSources | undefined> {
      let engagement: Engagement | undefined;
      const answers: KickoffAnswer[] = [];
      const events: EngagementEvent[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new QueryCommand({
          TableName,
          // In sort-key order the sources sit together: EVT#…, KICKOFF#v…, META; the snapshot
          // (DRIFT) sorts before them, send guards and markers (ONCE#, SENT#) after.
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': `ENG#${engagementId}`, ':from': 'EVT#', ':to': 'META' },
          ConsistentRead: true,
          ExclusiveStartKey,
        }));
        for (const item of page.Items ?? []) {
          const sk = String(item.sk);
          if (sk === 'META') engagement = parseItem(engagementSchema, item);
          else if (sk.startsWith('KICKOFF#v')) answers.push(parseItem(kickoffAnswerSchema, item));
          else if (sk.startsWith('EVT#')) events.push(parseItem(engagementEventSchema, item));
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return engagement ? { engagement, answers, events } : undefined;
    },

    async putDriftSnapshot(snapshot: DriftSnapshot): Promise<boolean> {
      const { summary, ...body } = snapshot;
      const state = stateOf(summary);
      const item = {
        ...driftKey(summary.engagementId),
        gsi2pk: `PORTFOLIO#${state}`,
        gsi2sk: scoreKey(summary.score, summary.engagementId),
        gsi3pk: `MGR#${summary.managerId}#${state}`,
        gsi3sk: scoreKey(summary.score, summary.engagementId),
        computedAt: summary.at,
        // One string, not a map: the portfolio indexes read a third of the bytes per engagement.
        summary: JSON.stringify(driftSummarySchema.parse(summary)),
        body: gzipSync(JSON.stringify(body)),
      };
      for (let attempt = 1; attempt <= PUT_ATTEMPTS; attempt += 1) {
        const { Item: stored } = await db.send(new GetCommand({
          TableName, Key: driftKey(summary.engagementId), ProjectionExpression: 'pk, sk, computedAt, summary', ConsistentRead: true,
        }));
        const before = stored ? readSummary(stored) : undefined;
        if (stored && String(stored.computedAt) > summary.at) return false;
        try {
          await db.send(new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName,
                  Item: item,
                  // Unchanged since it was read: the totals below move from exactly that snapshot.
                  ...(stored
                    ? { ConditionExpression: 'computedAt = :read', ExpressionAttributeValues: { ':read': stored.computedAt } }
                    : { ConditionExpression: 'attribute_not_exists(pk)' }),
                },
              },
              ...totalsUpdates(TableName, before, summary),
            ],
          }));
          return true;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
        }
      }
      throw new InProgress(`the drift snapshot of ${summary.engagementId}: other refreshes kept replacing it`);
    },

    async getDriftSnapshot(engagementId: string): Promise<DriftSnapshot | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: driftKey(engagementId) }));
      return Item ? { summary: readSummary(Item), ...readBody(Item) } : undefined;
    },

    /** One page of the portfolio (or of one manager's part of it), most drift first. */
    async portfolioPage(args: { state: PortfolioState; managerId?: string; after?: string; limit: number }): Promise<PortfolioPage> {
      const byManager = args.managerId !== undefined;
      const partition = byManager ? `MGR#${args.managerId}#${args.state}` : `PORTFOLIO#${args.state}`;
      const [index, pkName, skName] = byManager ? ['byManagerDrift', 'gsi3pk', 'gsi3sk'] : ['byPortfolio', 'gsi2pk', 'gsi2sk'];
      const afterId = args.after?.slice(4);
      const { Items = [], LastEvaluatedKey } = await db.send(new QueryCommand({
        TableName,
        IndexName: index,
        KeyConditionExpression: `${pkName} = :p`,
        ExpressionAttributeValues: { ':p': partition },
        Limit: args.limit,
        ...(args.after && afterId ? { ExclusiveStartKey: { ...driftKey(afterId), [pkName]: partition, [skName]: args.after } } : {}),
      }));
      const rows = Items.map(readSummary);
      const last = rows[rows.length - 1];
      return { rows, ...(LastEvaluatedKey && last ? { next: scoreKey(last.score, last.engagementId) } : {}) };
    },

    /** Every manager with engagements, with their totals, by name. */
    async managerTotals(): Promise<ManagerTotals[]> {
      const totals: ManagerTotals[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new QueryCommand({
          TableName, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'MANAGERS' }, ExclusiveStartKey,
        }));
        for (const item of page.Items ?? []) {
          const t = parseItem(totalsItemSchema, item);
          if (t.openCount + t.closedCount === 0) continue;
          totals.push({
            managerId: String(item.sk).slice('MGR#'.length),
            managerName: t.managerName,
            open: totalsOf(t.openCount, t.openScore, t.openWithFindings),
            closed: totalsOf(t.closedCount, t.closedScore, t.closedWithFindings),
          });
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return totals.sort((a, b) => a.managerName.localeCompare(b.managerName) || a.managerId.localeCompare(b.managerId));
    },

    /** The summaries of a manager's engagements (the newest 100), most drift first. */
    async driftOfManager(managerId: string): Promise<DriftSummary[]> {
      const { Items = [] } = await db.send(new QueryCommand({
        TableName,
        IndexName: 'byManager',
        KeyConditionExpression: 'gsi1pk = :m',
        ExpressionAttributeValues: { ':m': `MGR#${managerId}` },
        ProjectionExpression: 'id',
        ScanIndexForward: false,
        Limit: BATCH_GET_MAX,
      }));
      const ids = Items.map((item) => String(item.id));
      if (ids.length === 0) return [];
      const rows: DriftSummary[] = [];
      let keys: Array<Record<string, unknown>> | undefined = ids.map(driftKey);
      while (keys && keys.length > 0) {
        const page: BatchGetCommandOutput = await db.send(new BatchGetCommand({
          RequestItems: { [TableName]: { Keys: keys, ProjectionExpression: 'pk, sk, summary' } },
        }));
        for (const item of page.Responses?.[TableName] ?? []) rows.push(readSummary(item));
        keys = page.UnprocessedKeys?.[TableName]?.Keys;
        // Keys come back unprocessed only under throttling: give the table a moment.
        if (keys?.length) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return rows.sort((a, b) => a.score - b.score || a.engagementId.localeCompare(b.engagementId));
    },
  };
}

export type DriftSnapshotStore = ReturnType<typeof createDriftSnapshotStore>;
