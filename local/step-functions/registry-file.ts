/**
 * The optional JSON file that keeps the execution registry across restarts: one record per
 * execution (ARN, name, state machine, input, status, dates, output or error, and what a
 * redrive needs). History is not kept; an execution that was RUNNING is replayed from where its
 * current run began (the start, or the state it was redriven from) when the service comes back.
 *
 * The file is replaced atomically (written beside, then renamed), so a crash mid-write leaves
 * the previous registry intact. A file that does not match the schema is an error, not an
 * empty registry: silently forgetting executions would be worse than refusing to start.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const executionStatuses = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'] as const;
export type ExecutionStatus = (typeof executionStatuses)[number];

/** A top-level state and the input it was entered with. */
const statePointSchema = z.object({ state: z.string(), input: z.string() });
export type StatePoint = z.infer<typeof statePointSchema>;

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
});
export type ExecutionRecord = z.infer<typeof executionRecordSchema>;

const registrySchema = z.object({ executions: z.array(executionRecordSchema) });

export interface RegistryFile {
  load(): ExecutionRecord[];
  save(records: Iterable<ExecutionRecord>): void;
}

export function registryFile(path: string): RegistryFile {
  return {
    load() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw error;
      }
      const parsed = registrySchema.safeParse(JSON.parse(text));
      if (!parsed.success) throw new Error(`The execution registry ${path} is not valid: ${parsed.error.message}`);
      return parsed.data.executions;
    },
    save(records) {
      mkdirSync(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, `${JSON.stringify({ executions: [...records] }, null, 2)}\n`);
      renameSync(temporary, path);
    },
  };
}
