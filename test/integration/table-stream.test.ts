/**
 * The table's stream on real DynamoDB Local, as the local runtime uses it: `ensureTable` gives
 * the designed table (and brings an old one up to it), and the stream poller hands the changed
 * keys of the drift sources to a handler in Lambda's shape, retries what fails, gives up
 * loudly, and can be waited for.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_SOURCE_PREFIXES, TABLE_DESIGN } from '../../functions/adapters/table-design.js';
import { ensureTable } from '../../local/create-table.js';
import { MAX_ATTEMPTS, startTableStream, type TableStream, type TableStreamOptions } from '../../local/table-stream.js';
import { startServices } from '../support/services.js';

let services: Awaited<ReturnType<typeof startServices>>;
let client: DynamoDBClient;
const started: TableStream[] = [];

beforeAll(async () => {
  services = await startServices();
  client = new DynamoDBClient({});
});
afterEach(async () => { await Promise.all(started.splice(0).map((stream) => stream.stop())); });
afterAll(() => services?.stop());

/** Each test gets its own table, so its stream holds only that test's writes. */
async function freshTable(): Promise<string> {
  const tableName = `stream-${randomUUID()}`;
  await ensureTable(client, tableName);
  return tableName;
}

const put = (tableName: string, pk: string, sk: string) => services.db.send(new PutCommand({ TableName: tableName, Item: { pk, sk } }));

async function startStream(tableName: string, options: Partial<TableStreamOptions> = {}) {
  const batches: DynamoDBStreamEvent[] = [];
  const givenUp: Array<{ event: DynamoDBStreamEvent; error: unknown }> = [];
  const stream = await startTableStream({
    endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB as string,
    tableName,
    sortKeyPrefixes: DRIFT_SOURCE_PREFIXES,
    onBatch: async (event) => { batches.push(event); },
    onGiveUp: (event, error) => { givenUp.push({ event, error }); },
    pollMs: 50,
    ...options,
  });
  started.push(stream);
  return { stream, batches, givenUp };
}

const keysOf = (records: DynamoDBRecord[]) => records.map((record) => `${record.dynamodb?.Keys?.pk?.S} ${record.dynamodb?.Keys?.sk?.S}`);
const delivered = (batches: DynamoDBStreamEvent[]) => batches.flatMap((batch) => batch.Records);

describe('ensureTable', () => {
  it('creates the table as designed: both indexes with their projections, a keys-only stream, TTL', async () => {
    const tableName = await freshTable();

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));

    const projections = Object.fromEntries(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.Projection]) ?? []);
    expect(projections).toEqual({
      byManager: { ProjectionType: 'ALL' },
      byPortfolio: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['summary'] },
      byManagerDrift: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['summary'] },
    });
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'ttl', TimeToLiveStatus: 'ENABLED' });
  });

  it('brings a table from an earlier run (one index, no stream) up to the design, keeping its items', async () => {
    const tableName = `old-${randomUUID()}`;
    await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: ['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' })),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{
        IndexName: 'byManager',
        KeySchema: [{ AttributeName: 'gsi1pk', KeyType: 'HASH' }, { AttributeName: 'gsi1sk', KeyType: 'RANGE' }],
        Projection: { ProjectionType: 'ALL' },
      }],
    }));
    await services.db.send(new PutCommand({
      TableName: tableName,
      Item: { pk: 'ENG#1', sk: 'DRIFT', gsi2pk: 'PORTFOLIO', gsi2sk: '042#1', summary: 'small', body: 'large' },
    }));

    await ensureTable(client, tableName);

    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.IndexStatus]).sort()).toEqual([
      ['byManager', 'ACTIVE'], ['byManagerDrift', 'ACTIVE'], ['byPortfolio', 'ACTIVE'],
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    const portfolio = await services.db.send(new QueryCommand({
      TableName: tableName, IndexName: 'byPortfolio', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': 'PORTFOLIO' },
    }));
    expect(portfolio.Items).toEqual([{ pk: 'ENG#1', sk: 'DRIFT', gsi2pk: 'PORTFOLIO', gsi2sk: '042#1', summary: 'small' }]);
  });

  it('leaves a table that is already as designed as it is', async () => {
    const tableName = await freshTable();
    const before = await client.send(new DescribeTableCommand({ TableName: tableName }));

    await ensureTable(client, tableName);

    const after = await client.send(new DescribeTableCommand({ TableName: tableName }));
    expect(after.Table?.LatestStreamArn).toBe(before.Table?.LatestStreamArn);
    expect(after.Table?.GlobalSecondaryIndexes).toHaveLength(TABLE_DESIGN.indexes.length);
  });
});

describe('the table stream', () => {
  it('hands over inserts, updates and deletes of drift sources in the shape Lambda gives a stream handler', async () => {
    const tableName = await freshTable();
    const { stream, batches } = await startStream(tableName);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));

    await put(tableName, 'ENG#a', 'META');
    await services.db.send(new UpdateCommand({
      TableName: tableName, Key: { pk: 'ENG#a', sk: 'META' }, UpdateExpression: 'SET title = :t', ExpressionAttributeValues: { ':t': 'x' },
    }));
    await services.db.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'ENG#a', sk: 'META' } }));
    await stream.settled();

    const records = delivered(batches);
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE']);
    expect(records[0]).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: expect.any(String),
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: 'ENG#a' }, sk: { S: 'META' } },
        SequenceNumber: expect.stringMatching(/^\d+$/),
        SizeBytes: expect.any(Number),
        StreamViewType: 'KEYS_ONLY',
      },
      eventSourceARN: Table?.LatestStreamArn,
    });
  });

  it('hands over only the items a drift snapshot is computed from, as the mapping\'s filter does', async () => {
    const tableName = await freshTable();
    const { stream, batches } = await startStream(tableName);

    for (const sk of ['META', 'EVT#2026-03-01#1', 'KICKOFF#v0001', 'SENT#invite#0', 'DRIFT', 'REQ']) await put(tableName, 'ENG#b', sk);
    await stream.settled();

    expect(keysOf(delivered(batches))).toEqual(['ENG#b META', 'ENG#b EVT#2026-03-01#1', 'ENG#b KICKOFF#v0001']);
  });

  it('hands over what was written before it started, in order, in batches of at most batchSize', async () => {
    const tableName = await freshTable();
    const written = Array.from({ length: 7 }, (_, i) => `EVT#${i}`);
    for (const sk of written) await put(tableName, 'ENG#c', sk);

    const { stream, batches } = await startStream(tableName, { batchSize: 3 });
    await stream.settled();

    expect(keysOf(delivered(batches))).toEqual(written.map((sk) => `ENG#c ${sk}`));
    expect(batches.every((batch) => batch.Records.length <= 3)).toBe(true);
  });

  it('when settled, has handed over everything written before, even more than one stream read returns (1000)', async () => {
    const tableName = await freshTable();
    const { stream, batches } = await startStream(tableName, { batchSize: 1000 });
    const written = Array.from({ length: 1001 }, (_, i) => `EVT#${String(i).padStart(4, '0')}`);
    for (let i = 0; i < written.length; i += 25) {
      const items = written.slice(i, i + 25).map((sk) => ({ PutRequest: { Item: { pk: 'ENG#d', sk } } }));
      await services.db.send(new BatchWriteCommand({ RequestItems: { [tableName]: items } }));
    }

    await stream.settled();

    expect(delivered(batches)).toHaveLength(written.length);
    expect(new Set(keysOf(delivered(batches)))).toEqual(new Set(written.map((sk) => `ENG#d ${sk}`)));
  });

  it('retries a batch whose handler fails, then gives it up with the error and moves on', async () => {
    const tableName = await freshTable();
    const attempts: string[][] = [];
    const failure = new Error('refresher is down');
    const { stream, givenUp } = await startStream(tableName, {
      onBatch: async (event) => {
        attempts.push(keysOf(event.Records));
        if (keysOf(event.Records).includes('ENG#e META')) throw failure;
      },
    });

    await put(tableName, 'ENG#e', 'META');
    await stream.settled();
    await put(tableName, 'ENG#f', 'META');
    await stream.settled();

    expect(attempts).toEqual([...Array.from({ length: MAX_ATTEMPTS }, () => ['ENG#e META']), ['ENG#f META']]);
    expect(givenUp).toHaveLength(1);
    expect(keysOf(givenUp[0]!.event.Records)).toEqual(['ENG#e META']);
    expect(givenUp[0]!.error).toBe(failure);
  });

  it('hands a batch that failed once over again, and does not give it up once it succeeds', async () => {
    const tableName = await freshTable();
    const attempts: string[][] = [];
    const { stream, givenUp } = await startStream(tableName, {
      onBatch: async (event) => {
        attempts.push(keysOf(event.Records));
        if (attempts.length === 1) throw new Error('throttled');
      },
    });

    await put(tableName, 'ENG#g', 'META');
    await stream.settled();

    expect(attempts).toEqual([['ENG#g META'], ['ENG#g META']]);
    expect(givenUp).toEqual([]);
  });

  it('retries from the first record the handler reports failed (batchItemFailures), as with ReportBatchItemFailures', async () => {
    const tableName = await freshTable();
    for (const pk of ['ENG#h1', 'ENG#h2', 'ENG#h3']) await put(tableName, pk, 'META');
    const attempts: string[][] = [];
    const { stream, givenUp } = await startStream(tableName, {
      onBatch: async (event) => {
        attempts.push(keysOf(event.Records));
        const second = event.Records.find((record) => record.dynamodb?.Keys?.pk?.S === 'ENG#h2');
        return { batchItemFailures: attempts.length === 1 && second ? [{ itemIdentifier: second.dynamodb?.SequenceNumber }] : [] };
      },
    });

    await stream.settled();

    expect(attempts).toEqual([['ENG#h1 META', 'ENG#h2 META', 'ENG#h3 META'], ['ENG#h2 META', 'ENG#h3 META']]);
    expect(givenUp).toEqual([]);
  });

  it('once stopped, hands over nothing more and refuses to promise it will settle', async () => {
    const tableName = await freshTable();
    const { stream, batches } = await startStream(tableName);
    await put(tableName, 'ENG#i', 'META');
    await stream.settled();

    await stream.stop();
    await put(tableName, 'ENG#j', 'META');

    await expect(stream.settled()).rejects.toThrow(/stopped/);
    expect(keysOf(delivered(batches))).toEqual(['ENG#i META']);
  });

  it('refuses a table that has no stream', async () => {
    const tableName = `nostream-${randomUUID()}`;
    await client.send(new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    }));

    await expect(startStream(tableName)).rejects.toThrow(/no stream/);
  });
});
