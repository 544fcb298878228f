/**
 * What the product stored and sent, read from the real services rather than from the code:
 * every write to the table, from its DynamoDB stream (DynamoDB Local writes a record for each
 * item put, changed or deleted, and none for a write that changed nothing), and every email
 * the local SES server received. Each `drain()` returns what is new since the previous one.
 *
 * Contract: `watchTable` starts at the stream's current end (earlier writes are not returned);
 * `watchInbox` starts with the emails already held. Both read on demand only, so a test decides
 * when to look, and nothing polls in the background.
 */
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import type { StoredEmail } from '../../local/ses.js';

export interface TableWrite {
  pk: string;
  sk: string;
  change: string;
}

export interface TableWatch {
  drain(): Promise<TableWrite[]>;
  stop(): void;
}

export async function watchTable(endpoint: string, tableName: string): Promise<TableWatch> {
  const { Table } = await new DynamoDBClient({ endpoint }).send(new DescribeTableCommand({ TableName: tableName }));
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`table ${tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({ endpoint });
  /** Open shards and where reading them goes on. */
  const iterators = new Map<string, string | undefined>();
  const finished = new Set<string>();

  async function listShards(from: 'LATEST' | 'TRIM_HORIZON'): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const id = shard.ShardId;
      if (!id || iterators.has(id) || finished.has(id)) continue;
      const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: id, ShardIteratorType: from }));
      iterators.set(id, ShardIterator);
    }
  }
  await listShards('LATEST');

  async function drain(): Promise<TableWrite[]> {
    const writes: TableWrite[] = [];
    let closedOne = false;
    for (const [shardId, start] of iterators) {
      let iterator = start;
      while (iterator) {
        const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) {
          const keys = record.dynamodb?.Keys;
          writes.push({ pk: keys?.pk?.S ?? '?', sk: keys?.sk?.S ?? '?', change: record.eventName ?? '?' });
        }
        iterator = page.NextShardIterator;
        if ((page.Records ?? []).length === 0) break;
      }
      if (iterator) {
        iterators.set(shardId, iterator);
      } else {
        iterators.delete(shardId);
        finished.add(shardId);
        closedOne = true;
      }
    }
    // A closed shard has children: they hold everything written since, from their start.
    if (closedOne) {
      await listShards('TRIM_HORIZON');
      writes.push(...await drain());
    }
    return writes;
  }

  return { drain, stop: () => streams.destroy() };
}

export interface InboxWatch {
  drain(): Promise<StoredEmail[]>;
  /** Every email the server holds. */
  all(): Promise<StoredEmail[]>;
}

export async function watchInbox(sesEndpoint: string): Promise<InboxWatch> {
  const seen = new Set<string>();
  let since = 0;
  const read = async (from: number): Promise<StoredEmail[]> => {
    const response = await fetch(`${sesEndpoint}/store?since=${from}`);
    if (!response.ok) throw new Error(`the local SES store answered ${response.status}`);
    return ((await response.json()) as { emails: StoredEmail[] }).emails;
  };
  for (const email of await read(0)) {
    seen.add(email.messageId);
    since = Math.max(since, email.at);
  }
  return {
    async drain() {
      const fresh = (await read(since)).filter((email) => !seen.has(email.messageId));
      for (const email of fresh) {
        seen.add(email.messageId);
        since = Math.max(since, email.at);
      }
      return fresh;
    },
    all: () => read(0),
  };
}
