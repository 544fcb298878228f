/**
 * The optional files that keep executions across restarts: the registry (one JSON file: the
 * service clock and one record per execution) and each execution's history (one JSON-lines
 * file per execution, in a folder beside the registry, named by a hash of the ARN).
 *
 * A record holds what DescribeExecution answers, what a redrive needs, and for a RUNNING
 * execution where it was: the top-level state it was in, the input and service-clock time it
 * entered it with, and the task token its callback waits for. The service resumes it there.
 *
 * Writing: history lines are appended first, then the registry is replaced atomically (written
 * beside, then renamed). The registry's `historyLength` is the commit point: lines beyond it (a
 * crash between the two writes) are dropped when the history is read back, so the history and
 * the state point always agree.
 *
 * A registry that does not match the schema is an error, not an empty registry: silently
 * forgetting executions would be worse than refusing to start. So is a history line that is not
 * a history event.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { z } from 'zod';
import type { HistoryEvent } from './history.js';

export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** A top-level state and the input it was entered with. */
const statePointSchema = z.object({ state: z.string(), input: z.string() });
export type StatePoint = z.infer<typeof statePointSchema>;

/** Where a running execution is: a state point, when it was entered, and the token its callback waits for. */
const currentStateSchema = statePointSchema.extend({
  /** Service-clock milliseconds (see service-clock.ts). */
  enteredAt: z.number(),
  /** Set once the callback's function was invoked, while the task waits for this token. */
  token: z.string().optional(),
});
export type CurrentState = z.infer<typeof currentStateSchema>;

const executionRecordSchema = z.object({
  executionArn: z.string(),
  name: z.string(),
  stateMachineName: z.string(),
  input: z.string(),
  status: z.enum(executionStatuses),
  startDate: z.iso.datetime(),
  stopDate: z.iso.datetime().optional(),
  output: z.string().optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
  redriveCount: z.number().int().min(0).optional(),
  redriveDate: z.iso.datetime().optional(),
  /** The clientToken of the last redrive: the same request again changes nothing. */
  redriveToken: z.string().optional(),
  /** Where the current run began, when it was redriven (absent: at the start, with `input`). */
  runFrom: statePointSchema.optional(),
  /** After an unsuccessful end: the state that did not complete, where a redrive resumes. */
  failedAt: statePointSchema.optional(),
  /** Service-clock times of the start, of the current run's start (start or redrive), and of the end. */
  startClock: z.number().optional(),
  runStartClock: z.number().optional(),
  stopClock: z.number().optional(),
  /** While RUNNING: the top-level state the execution is in. */
  current: currentStateSchema.optional(),
  /** How many history events are committed (see the file's docblock). */
  historyLength: z.number().int().min(0).optional(),
});
export type ExecutionRecord = z.infer<typeof executionRecordSchema>;

const registrySchema = z.object({
  /** The service clock when the registry was written: time stands still while the service is down. */
  clock: z.number().optional(),
  executions: z.array(executionRecordSchema),
});

const historyEventSchema = z.looseObject({
  id: z.number().int().min(1),
  previousEventId: z.number().int().min(0),
  timestamp: z.number(),
  type: z.string(),
});

export interface PersistedRegistry {
  clock: number | undefined;
  records: ExecutionRecord[];
}

export interface RegistryFile {
  load(): PersistedRegistry;
  save(clock: number, records: ExecutionRecord[]): void;
  /** Appends events to an execution's history file. */
  appendHistory(executionArn: string, events: HistoryEvent[]): void;
  /** The first `length` events of an execution's history; a longer file is cut back to them. */
  loadHistory(executionArn: string, length: number): HistoryEvent[];
}

export function registryFile(path: string): RegistryFile {
  const historyFolder = join(dirname(path), `${basename(path, extname(path))}-history`);
  const historyPath = (executionArn: string) =>
    join(historyFolder, `${createHash('sha256').update(executionArn).digest('hex')}.jsonl`);
  const replace = (target: string, text: string) => {
    const temporary = `${target}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  };

  return {
    load() {
      const text = readIfPresent(path);
      if (text === undefined) return { clock: undefined, records: [] };
      const parsed = registrySchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`The execution registry ${path} is not valid: ${parsed.error.message}`);
      return { clock: parsed.data.clock, records: parsed.data.executions };
    },
    save(clock, records) {
      mkdirSync(dirname(path), { recursive: true });
      // One record a line: readable, and about a third smaller than indented JSON.
      const lines = records.map((record) => JSON.stringify(record)).join(',\n');
      replace(path, `{"clock":${clock},"executions":[\n${lines}\n]}\n`);
    },
    appendHistory(executionArn, events) {
      if (events.length === 0) return;
      mkdirSync(historyFolder, { recursive: true });
      appendFileSync(historyPath(executionArn), events.map((event) => `${JSON.stringify(event)}\n`).join(''));
    },
    loadHistory(executionArn, length) {
      const file = historyPath(executionArn);
      const lines = (readIfPresent(file) ?? '').split('\n').filter((line) => line !== '');
      const events = lines.slice(0, length).map((line, index) => {
        const parsed = historyEventSchema.safeParse(JSON.parse(line));
        if (!parsed.success) throw new Error(`The history ${file} is not valid at line ${index + 1}: ${parsed.error.message}`);
        return parsed.data as HistoryEvent;
      });
      if (lines.length > length && existsSync(file)) replace(file, events.map((event) => `${JSON.stringify(event)}\n`).join(''));
      return events;
    },
  };
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
