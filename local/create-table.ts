/**
 * Creates the single table in DynamoDB Local exactly as the stack does on AWS (same key
 * design, same indexes and projections, the same stream, TTL on), or brings a table left by
 * an earlier run up to that design: adds the indexes it lacks, one at a time as DynamoDB
 * requires, and turns its stream on. Existing items stay, and new indexes are backfilled.
 */
import {
  CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, UpdateTableCommand, UpdateTimeToLiveCommand,
  type DynamoDBClient, type GlobalSecondaryIndex, type TableDescription,
} from '@aws-sdk/client-dynamodb';
import { TABLE_DESIGN } from '../functions/adapters/table-design.js';

type IndexDesign = (typeof TABLE_DESIGN.indexes)[number];

const INDEX_READY_TIMEOUT_MS = 60_000;
const INDEX_POLL_MS = 100;

const stringAttributes = (names: readonly string[]) => names.map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const }));

const streamSpecification = { StreamEnabled: true, StreamViewType: TABLE_DESIGN.stream };

function indexDefinition(index: IndexDesign): GlobalSecondaryIndex {
  return {
    IndexName: index.name,
    KeySchema: [
      { AttributeName: index.partitionKey, KeyType: 'HASH' },
      { AttributeName: index.sortKey, KeyType: 'RANGE' },
    ],
    Projection: index.include
      ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] }
      : { ProjectionType: 'ALL' },
  };
}

async function describeTable(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  await client.send(new CreateTableCommand({
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: stringAttributes([
      TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey, ...TABLE_DESIGN.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
    ]),
    KeySchema: [
      { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map(indexDefinition),
    StreamSpecification: streamSpecification,
  }));
  await client.send(new UpdateTimeToLiveCommand({
    TableName: tableName,
    TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
  }));
}

/** DynamoDB accepts one index creation at a time, and only once the previous one is active. */
async function addIndex(client: DynamoDBClient, tableName: string, index: IndexDesign): Promise<void> {
  await client.send(new UpdateTableCommand({
    TableName: tableName,
    AttributeDefinitions: stringAttributes([index.partitionKey, index.sortKey]),
    GlobalSecondaryIndexUpdates: [{ Create: indexDefinition(index) }],
  }));
  const deadline = Date.now() + INDEX_READY_TIMEOUT_MS;
  while (!isIndexActive(await describeTable(client, tableName), index.name)) {
    if (Date.now() > deadline) throw new Error(`index ${index.name} of ${tableName} did not become active`);
    await new Promise((resolve) => setTimeout(resolve, INDEX_POLL_MS));
  }
}

function isIndexActive(table: TableDescription | undefined, indexName: string): boolean {
  return table?.GlobalSecondaryIndexes?.some((index) => index.IndexName === indexName && index.IndexStatus === 'ACTIVE') ?? false;
}

/** A stream's view type cannot be changed in place: a stream of another type is replaced. */
async function ensureStream(client: DynamoDBClient, table: TableDescription): Promise<void> {
  const current = table.StreamSpecification;
  if (current?.StreamEnabled && current.StreamViewType === TABLE_DESIGN.stream) return;
  if (current?.StreamEnabled) {
    await client.send(new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: { StreamEnabled: false } }));
  }
  await client.send(new UpdateTableCommand({ TableName: table.TableName, StreamSpecification: streamSpecification }));
}

export async function ensureTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const existing = await describeTable(client, tableName);
  if (!existing) return createTable(client, tableName);
  const present = new Set(existing.GlobalSecondaryIndexes?.map((index) => index.IndexName));
  for (const index of TABLE_DESIGN.indexes.filter((i) => !present.has(i.name))) await addIndex(client, tableName, index);
  await ensureStream(client, existing);
}
