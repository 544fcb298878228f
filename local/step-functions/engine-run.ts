/**
 * Starts one run of an execution on the engine: from a top-level state with its input (a
 * redrive, or a resume after a restart) or from the start, with our task handlers and the
 * Context Object AWS gives (execution, state machine, and a fresh task token at each entry).
 *
 * `abort` stops the engine and rejects every task still running, closing its token.
 */
import type { EngineRun, JsonValue } from './engine.js';
import type { ExecutionRecord, StatePoint } from './registry-file.js';
import { createTaskHandlers, type ExecutionTaskContext, type InvokeLambda } from './task-handlers.js';
import { entryTokens, type PendingTasks } from './tokens.js';
import type { PreparedDefinition } from './definition.js';

export interface EngineRunOptions {
  machine: { arn: string; name: string; prepared: PreparedDefinition };
  record: ExecutionRecord;
  /** Where the run begins; undefined: at the start, with the execution's input. */
  from: StatePoint | undefined;
  roleArn: string;
  /** `$$.Execution.StartTime`. */
  startTime: string;
  timeScale: number;
  invokeLambda: InvokeLambda;
  pendingTasks: PendingTasks;
  timeoutError: () => Error;
  resumedEntry: ExecutionTaskContext['resumedEntry'];
  callbackInvoked: ExecutionTaskContext['callbackInvoked'];
}

export function startEngineRun(options: EngineRunOptions): { engine: EngineRun; abort(): void } {
  const { machine, record, from } = options;
  const executionEnded = new AbortController();
  const tokens = entryTokens(record.executionArn);
  const engineMachine = from ? machine.prepared.engineMachineFrom(from.state) : machine.prepared.engineMachine;
  const engine = engineMachine.run(JSON.parse(from ? from.input : record.input) as JsonValue, {
    noThrowOnAbort: true,
    overrides: {
      taskResourceLocalHandlers: createTaskHandlers(machine.prepared.localTasks, {
        executionEnded: executionEnded.signal,
        timeScale: options.timeScale,
        invokeLambda: options.invokeLambda,
        pendingTasks: options.pendingTasks,
        entryTokens: tokens,
        timeoutError: options.timeoutError,
        resumedEntry: options.resumedEntry,
        callbackInvoked: options.callbackInvoked,
      }),
    },
    context: {
      Execution: {
        Id: record.executionArn,
        Name: record.name,
        RoleArn: options.roleArn,
        StartTime: options.startTime,
        // Read by every path that names $$.Execution.StartTime (definition.ts): the engine overwrites StartTime.
        ServiceStartTime: options.startTime,
        ...(record.redriveDate !== undefined && { RedriveCount: record.redriveCount, RedriveTime: record.redriveDate }),
      },
      StateMachine: { Id: machine.arn, Name: machine.name },
      // A getter, because the engine reads the Context Object afresh at each task entry.
      Task: {
        get Token() {
          return tokens.read();
        },
      },
    },
  });
  // The outcome is read from the event log; a failed run's rejection carries nothing more.
  // Once the run is over, a task the engine left behind (a timed-out one) stops too.
  void engine.result.catch(() => undefined).finally(() => executionEnded.abort());
  return {
    engine,
    abort: () => {
      engine.abort();
      executionEnded.abort();
    },
  };
}
