/**
 * Meters what a run of the local stack would be billed for on AWS, through the two seams
 * `startLocalStack` offers:
 *
 * - `wrapFunction`: every invocation of every function (workflow steps, the HTTP app, the drift
 *   refresher, the digest, the email-event recorder), by handler name, with its duration
 *   rounded up to the millisecond as Lambda bills it, and whether it threw;
 * - `instrumentDynamoDb`: a middleware on each DynamoDB client the functions use. It asks every
 *   item command for `ReturnConsumedCapacity: 'TOTAL'` (DynamoDB Local answers it as DynamoDB
 *   does, indexes included) and adds the units up, reads and writes apart. The product's own
 *   input objects are never touched, and the added field in the answers is one they ignore.
 *
 * A write refused by its condition answers with no capacity, yet DynamoDB bills it: such
 * writes are counted apart, at the least they can cost (1 unit, 2 per item of a transaction).
 */
import { performance } from 'node:perf_hooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { WrapFunction } from '../local/stack.js';

export interface FunctionUsage {
  invocations: number;
  /** Sum of each invocation's duration rounded up to 1 ms, as Lambda bills it. */
  billedMs: number;
  errors: number;
}

export interface DynamoDbUsage {
  readUnits: number;
  writeUnits: number;
  readRequests: number;
  writeRequests: number;
  /** Writes refused by a condition (or a cancelled transaction), and the units they cost at least. */
  refusedWrites: number;
  refusedWriteUnits: number;
  /** Time spent in the client's item commands (signing, the round trip to DynamoDB Local, parsing). */
  ms: number;
}

export interface Usage {
  functions: Map<string, FunctionUsage>;
  dynamodb: DynamoDbUsage;
}

const READS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);
const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

type Capacity = { CapacityUnits?: number } | Array<{ CapacityUnits?: number }> | undefined;

const unitsOf = (capacity: Capacity) => [capacity ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);

export function createUsageMeter() {
  const functions = new Map<string, FunctionUsage>();
  /** Function invocations and DynamoDB commands under way. */
  let inFlight = 0;
  const dynamodb: DynamoDbUsage = { readUnits: 0, writeUnits: 0, readRequests: 0, writeRequests: 0, refusedWrites: 0, refusedWriteUnits: 0, ms: 0 };

  const wrapFunction: WrapFunction = (name, fn) => async (event) => {
    const usage = functions.get(name) ?? { invocations: 0, billedMs: 0, errors: 0 };
    functions.set(name, usage);
    const started = performance.now();
    inFlight += 1;
    try {
      return await fn(event);
    } catch (error) {
      usage.errors += 1;
      throw error;
    } finally {
      inFlight -= 1;
      usage.invocations += 1;
      usage.billedMs += Math.max(1, Math.ceil(performance.now() - started));
    }
  };

  const instrumentDynamoDb = (client: DynamoDBClient) => {
    client.middlewareStack.add((next, context) => async (args) => {
      const kind = READS.has(context.commandName ?? '') ? 'read' : WRITES.has(context.commandName ?? '') ? 'write' : undefined;
      if (!kind) return next(args);
      const input = args.input as { TransactItems?: unknown[] };
      const started = performance.now();
      inFlight += 1;
      try {
        const result = await next({ ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } });
        const units = unitsOf((result.output as { ConsumedCapacity?: Capacity }).ConsumedCapacity);
        if (kind === 'read') {
          dynamodb.readRequests += 1;
          dynamodb.readUnits += units;
        } else {
          dynamodb.writeRequests += 1;
          dynamodb.writeUnits += units;
        }
        return result;
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (kind === 'write' && (name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException')) {
          dynamodb.refusedWrites += 1;
          dynamodb.refusedWriteUnits += input.TransactItems ? 2 * input.TransactItems.length : 1;
        }
        throw error;
      } finally {
        inFlight -= 1;
        dynamodb.ms += performance.now() - started;
      }
    }, { step: 'initialize', name: 'consumedCapacityMeter' });
  };

  /** A copy of the counts so far; the meter keeps counting. */
  const snapshot = (): Usage => ({
    functions: new Map([...functions].map(([name, usage]) => [name, { ...usage }])),
    dynamodb: { ...dynamodb },
  });

  return { wrapFunction, instrumentDynamoDb, snapshot, inFlight: () => inFlight };
}
