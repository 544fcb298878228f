/**
 * Feeds a handler from the table's DynamoDB stream on DynamoDB Local, as the Lambda event
 * source mapping does on AWS, so the local runtime reacts to writes the way production does.
 *
 * Contract:
 * - reads every shard of the table's latest stream from TRIM_HORIZON (writes made while the
 *   runtime was stopped are seen again: the consumer must be idempotent), a parent shard to
 *   its end before its children, and picks up new shards as the stream rolls them over;
 * - passes on only the items whose sort key starts with one of `sortKeyPrefixes` (the same
 *   rule as the mapping's filter), in Lambda's event shape, in stream order, at most
 *   `batchSize` records per call;
 * - a batch whose handler throws, or reports `batchItemFailures` (ReportBatchItemFailures), is
 *   retried with backoff from its first failed record; after `MAX_ATTEMPTS` the rest goes to
 *   `onGiveUp` and reading moves on. Errors never escape and never make it poll in a tight loop;
 * - `settled()` resolves once everything written before the call has been handed over (or
 *   given up), and rejects if the poller stops first; `stop()` ends polling and leaves no timer.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, ExpiredIteratorException, GetRecordsCommand, GetShardIteratorCommand,
  type _Record, type AttributeValue, type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { z } from 'zod';
import { TABLE_DESIGN } from '../functions/adapters/table-design.js';

export interface TableStreamOptions {
  /** DynamoDB Local's endpoint, which also serves the streams API. */
  endpoint: string;
  tableName: string;
  /** The event source mapping's filter: only items whose sort key starts with one of these. */
  sortKeyPrefixes: readonly string[];
  onBatch: (event: DynamoDBStreamEvent) => Promise<unknown>;
  pollMs?: number;
  batchSize?: number;
  /** Receives what is left of a batch once its retries are spent; by default one line on stderr. */
  onGiveUp?: (event: DynamoDBStreamEvent, error: unknown) => void;
}

export interface TableStream {
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export const MAX_ATTEMPTS = 4;
/** Lambda polls each shard about four times a second. */
const DEFAULT_POLL_MS = 250;
const RETRY_BASE_MS = 200;
const MAX_ERROR_BACKOFF_MS = 10_000;

const batchResponseSchema = z.object({ batchItemFailures: z.array(z.object({ itemIdentifier: z.string() })) });

interface ShardProgress {
  iterator?: string;
  lastSequenceNumber?: string;
  finished: boolean;
}

function logLine(message: string, details: Record<string, unknown>): void {
  process.stderr.write(`${JSON.stringify({ message, ...details })}\n`);
}

const giveUpByLogging = (event: DynamoDBStreamEvent, error: unknown) => logLine('table stream: gave up on a batch', {
  records: event.Records.length,
  firstSequenceNumber: event.Records[0]?.dynamodb?.SequenceNumber,
  error: String(error),
});

/** Key attributes can only be strings, numbers or binary; Lambda's JSON carries binary as base64. */
function lambdaKeys(keys: Record<string, AttributeValue>): NonNullable<NonNullable<DynamoDBRecord['dynamodb']>['Keys']> {
  return Object.fromEntries(Object.entries(keys).map(([name, value]) => [name,
    value.S !== undefined ? { S: value.S } : value.N !== undefined ? { N: value.N } : { B: Buffer.from(value.B ?? []).toString('base64') }]));
}

const epochSeconds = (date?: Date) => (date ? date.getTime() / 1000 : undefined);

function lambdaRecord(record: _Record, eventSourceARN: string): DynamoDBRecord {
  const change = record.dynamodb;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: 'aws:dynamodb',
    awsRegion: record.awsRegion,
    dynamodb: {
      ApproximateCreationDateTime: epochSeconds(change?.ApproximateCreationDateTime),
      Keys: lambdaKeys(change?.Keys ?? {}),
      SequenceNumber: change?.SequenceNumber,
      SizeBytes: change?.SizeBytes,
      StreamViewType: change?.StreamViewType,
    },
    eventSourceARN,
    ...(record.userIdentity ? { userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId } } : {}),
  };
}

/** Where a retry starts: past the end when all succeeded, at the earliest failed record, or at 0 if unsure. */
function retryFrom(records: DynamoDBRecord[], response: unknown): number {
  const parsed = batchResponseSchema.safeParse(response);
  if (!parsed.success || parsed.data.batchItemFailures.length === 0) return records.length;
  const positions = parsed.data.batchItemFailures.map(({ itemIdentifier }) =>
    records.findIndex((record) => record.dynamodb?.SequenceNumber === itemIdentifier));
  return positions.includes(-1) ? 0 : Math.min(...positions);
}

async function latestStreamArn(endpoint: string, tableName: string): Promise<string> {
  const client = new DynamoDBClient({ endpoint });
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (!Table?.StreamSpecification?.StreamEnabled || !Table.LatestStreamArn) throw new Error(`table ${tableName} has no stream enabled`);
    return Table.LatestStreamArn;
  } finally {
    client.destroy();
  }
}

export async function startTableStream(options: TableStreamOptions): Promise<TableStream> {
  const { onBatch, sortKeyPrefixes, pollMs = DEFAULT_POLL_MS, batchSize = 100, onGiveUp = giveUpByLogging } = options;
  const streamArn = await latestStreamArn(options.endpoint, options.tableName);
  const streams = new DynamoDBStreamsClient({ endpoint: options.endpoint });
  const progress = new Map<string, ShardProgress>();
  const waiters: Array<{ startedBefore: number; resolve: () => void; reject: (error: Error) => void }> = [];
  let roundsStarted = 0;
  let stopped = false;
  let wake = () => {};

  /** Waits `ms`, or less if the poller is stopped meanwhile; tells whether it may go on. */
  const pause = (ms: number) => new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(!stopped), ms);
    wake = () => { clearTimeout(timer); resolve(false); };
  });

  const accepts = (record: _Record) => {
    const sortKey = record.dynamodb?.Keys?.[TABLE_DESIGN.sortKey]?.S;
    return sortKey !== undefined && sortKeyPrefixes.some((prefix) => sortKey.startsWith(prefix));
  };

  async function listShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let exclusiveStartShardId: string | undefined;
    do {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: exclusiveStartShardId }));
      shards.push(...(StreamDescription?.Shards ?? []));
      exclusiveStartShardId = StreamDescription?.LastEvaluatedShardId;
    } while (exclusiveStartShardId);
    return shards;
  }

  async function deliver(batch: DynamoDBRecord[]): Promise<void> {
    let pending = batch;
    let lastError: unknown;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1 && !(await pause(RETRY_BASE_MS * 2 ** (attempt - 2)))) return;
      try {
        pending = pending.slice(retryFrom(pending, await onBatch({ Records: pending })));
        if (pending.length === 0) return;
        lastError = new Error(`the handler reported failed records from ${pending[0]?.dynamodb?.SequenceNumber}`);
      } catch (error) {
        lastError = error;
      }
    }
    onGiveUp({ Records: pending }, lastError);
  }

  async function shardIterator(shardId: string, after?: string): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand(after
      ? { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
      : { StreamArn: streamArn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }));
    return ShardIterator;
  }

  function progressOf(shardId: string): ShardProgress {
    let shard = progress.get(shardId);
    if (!shard) progress.set(shardId, (shard = { finished: false }));
    return shard;
  }

  /** Reads one page of a shard and hands it over; 'idle' when the shard had nothing new. */
  async function readShard(shardId: string): Promise<'idle' | 'busy'> {
    const shard = progressOf(shardId);
    shard.iterator ??= await shardIterator(shardId, shard.lastSequenceNumber);
    let page;
    try {
      page = await streams.send(new GetRecordsCommand({ ShardIterator: shard.iterator }));
    } catch (error) {
      if (!(error instanceof ExpiredIteratorException)) throw error;
      shard.iterator = undefined;
      return 'busy';
    }
    const records = page.Records ?? [];
    const accepted = records.filter(accepts).map((record) => lambdaRecord(record, streamArn));
    for (let start = 0; start < accepted.length && !stopped; start += batchSize) await deliver(accepted.slice(start, start + batchSize));
    shard.lastSequenceNumber = records.at(-1)?.dynamodb?.SequenceNumber ?? shard.lastSequenceNumber;
    shard.iterator = page.NextShardIterator;
    shard.finished = !shard.iterator;
    return records.length === 0 && !shard.finished ? 'idle' : 'busy';
  }

  /**
   * One pass over the stream's shards, a parent before its children. Tells whether there may be
   * more to read at once; a pass in which every open shard was read and idle settles waiters.
   */
  async function round(): Promise<boolean> {
    const number = ++roundsStarted;
    const shards = (await listShards()).filter((shard): shard is Shard & { ShardId: string } => shard.ShardId !== undefined);
    const listed = new Set(shards.map((shard) => shard.ShardId));
    for (const shardId of progress.keys()) if (!listed.has(shardId)) progress.delete(shardId);
    const parentDone = (shard: Shard) => !shard.ParentShardId || !listed.has(shard.ParentShardId) || progressOf(shard.ParentShardId).finished;

    let busy = false;
    let caughtUp = true;
    for (const shard of shards) {
      if (stopped) return false;
      if (progressOf(shard.ShardId).finished) continue;
      const state = parentDone(shard) ? await readShard(shard.ShardId) : 'waiting';
      busy ||= state === 'busy';
      caughtUp &&= state === 'idle';
    }
    if (caughtUp) settleWaiters(number);
    return busy;
  }

  function settleWaiters(finishedRound: number): void {
    for (const waiter of waiters.filter((w) => w.startedBefore < finishedRound)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  const polling = (async () => {
    let failures = 0;
    while (!stopped) {
      try {
        const busy = await round();
        failures = 0;
        if (!busy) await pause(pollMs);
      } catch (error) {
        failures += 1;
        logLine('table stream: reading the stream failed', { error: String(error), failures });
        await pause(Math.min(pollMs * 2 ** failures, MAX_ERROR_BACKOFF_MS));
      }
    }
  })();

  return {
    settled: () => new Promise<void>((resolve, reject) => {
      if (stopped) return reject(new Error('the table stream is stopped'));
      waiters.push({ startedBefore: roundsStarted, resolve, reject });
    }),
    stop: async () => {
      stopped = true;
      wake();
      await polling;
      streams.destroy();
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('the table stream stopped before it settled'));
    },
  };
}
