/**
 * The execution registry and its bridge to the engine: starts, stops and describes executions,
 * keeps their history, answers task tokens, and persists the registry when asked to.
 *
 * Contract:
 * - Every method either returns the AWS-shaped answer or throws a ServiceError named as AWS
 *   names it (ExecutionDoesNotExist, ExecutionAlreadyExists, StateMachineDoesNotExist,
 *   InvalidToken, TaskDoesNotExist, TaskTimedOut).
 * - An execution's outcome is taken from the engine's terminal event, so status, output,
 *   error and history always agree. StopExecution settles the status at once (ABORTED).
 * - `shutdown` aborts every running execution without recording it: in the registry file they
 *   stay RUNNING, and `resume` replays them from the start with the same ARN and input (a
 *   redriven one from the state it was redriven from).
 * - Redrive follows AWS: a FAILED, TIMED_OUT or ABORTED execution, within 14 days (scaled by
 *   `timeScale`) of its end and fewer than 1,000 redrives, continues with the same ARN from the
 *   top-level state that did not complete, with the input that state was entered with; states
 *   that completed are not run again and retry counts start afresh. Its history goes on with an
 *   ExecutionRedriven event. (A state inside a Map or Parallel is redriven by running its whole
 *   top-level Map or Parallel state again, where AWS would rerun only the failed iterations.)
 * - Every status change is told to `onStatusChange`, shaped as EventBridge receives it on AWS.
 */
import { randomUUID } from 'node:crypto';
import { executionArn, stateMachineArn, type ArnScope } from './arns.js';
import type { PreparedDefinition } from './definition.js';
import type { EngineEvent, EngineRun, JsonValue } from './engine.js';
import { appendToHistory, causeText, type HistoryEvent, type HistorySubject } from './history.js';
import type { ExecutionRecord, ExecutionStatus, RegistryFile, StatePoint } from './registry-file.js';
import { ServiceError } from './service-error.js';
import { statusChangeEvent, type ExecutionStatusChange } from './status-events.js';
import { createTaskHandlers, type InvokeLambda } from './task-handlers.js';
import { entryTokens, executionOfTaskToken, PendingTasks, type TaskAnswer } from './tokens.js';

export interface RegisteredStateMachine {
  name: string;
  arn: string;
  definitionText: string;
  creationDate: Date;
  prepared: PreparedDefinition;
}

export interface ExecutionsOptions extends ArnScope {
  stateMachines: RegisteredStateMachine[];
  timeScale: number;
  invokeLambda: InvokeLambda;
  timeoutError: () => Error;
  registry: RegistryFile | undefined;
  onStatusChange?: ((event: ExecutionStatusChange) => void) | undefined;
}

interface Execution {
  record: ExecutionRecord;
  history: HistoryEvent[];
  running?: { abort(): void; finished: Promise<void> };
  /** The top-level state entered and not yet exited in the current run. */
  current?: StatePoint;
}

const REDRIVABLE_FOR_MS = 14 * 86_400_000;
const MAX_REDRIVES = 1000;

export class Executions {
  private readonly machinesByArn: Map<string, RegisteredStateMachine>;
  private readonly machinesByName: Map<string, RegisteredStateMachine>;
  private readonly executions = new Map<string, Execution>();
  private readonly pendingTasks = new PendingTasks();
  private shuttingDown = false;

  constructor(private readonly options: ExecutionsOptions) {
    this.machinesByArn = new Map(options.stateMachines.map((machine) => [machine.arn, machine]));
    this.machinesByName = new Map(options.stateMachines.map((machine) => [machine.name, machine]));
  }

  get roleArn(): string {
    return `arn:aws:iam::${this.options.accountId}:role/local-step-functions`;
  }

  stateMachine(arn: string): RegisteredStateMachine {
    const machine = this.machinesByArn.get(arn);
    if (!machine) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** Takes the registry as persisted: finished executions as they were, RUNNING ones replayed. */
  resume(records: ExecutionRecord[]): void {
    for (const record of records) {
      const execution: Execution = { record, history: [] };
      this.executions.set(record.executionArn, execution);
      if (record.status !== 'RUNNING') continue;
      const machine = this.machinesByName.get(record.stateMachineName);
      if (machine) this.launch(execution, machine);
      else this.settle(execution, { status: 'FAILED', error: 'States.Runtime', cause: 'The state machine no longer exists' });
    }
    this.persist();
  }

  start(stateMachineArnRequested: string, name: string | undefined, input: string): ExecutionRecord {
    const machine = this.stateMachine(stateMachineArnRequested);
    const executionName = name ?? randomUUID();
    const arn = executionArn(this.options, machine.name, executionName);
    const existing = this.executions.get(arn);
    if (existing) {
      // As on AWS: the same name and input while still running is the same request again.
      if (existing.record.status === 'RUNNING' && existing.record.input === input) return existing.record;
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const execution: Execution = {
      record: {
        executionArn: arn,
        name: executionName,
        stateMachineName: machine.name,
        input,
        status: 'RUNNING',
        startDate: new Date().toISOString(),
      },
      history: [],
    };
    this.executions.set(arn, execution);
    this.persist();
    this.launch(execution, machine);
    this.announce(execution.record);
    return execution.record;
  }

  /** Continues an unsuccessful execution from the state that did not complete. Returns the redrive date. */
  redrive(arn: string, clientToken: string | undefined): string {
    const execution = this.execution(arn);
    const { record } = execution;
    if (clientToken !== undefined && record.redriveToken === clientToken && record.redriveDate !== undefined) return record.redriveDate;
    const blocker = this.redriveBlocker(record);
    if (blocker !== undefined) {
      throw new ServiceError((record.redriveCount ?? 0) >= MAX_REDRIVES ? 'ExecutionLimitExceeded' : 'ExecutionNotRedrivable', blocker);
    }
    const machine = this.machinesByName.get(record.stateMachineName) as RegisteredStateMachine;
    const { stopDate: _stopDate, output: _output, error: _error, cause: _cause, failedAt, ...rest } = record;
    execution.record = {
      ...rest,
      status: 'RUNNING',
      redriveCount: (record.redriveCount ?? 0) + 1,
      redriveDate: new Date().toISOString(),
      ...(clientToken !== undefined && { redriveToken: clientToken }),
      runFrom: failedAt as StatePoint,
    };
    this.persist();
    this.launch(execution, machine);
    this.announce(execution.record);
    return execution.record.redriveDate as string;
  }

  describe(arn: string): ExecutionRecord & { stateMachineArn: string; redriveStatusReason?: string } {
    const { record } = this.execution(arn);
    const blocker = this.redriveBlocker(record);
    return {
      ...record,
      stateMachineArn: stateMachineArn(this.options, record.stateMachineName),
      ...(blocker !== undefined && { redriveStatusReason: blocker }),
    };
  }

  /** Newest first, as AWS lists them (reversed first so that equal start dates keep that order). */
  list(machineArn: string, status: ExecutionStatus | undefined): Array<ExecutionRecord & { stateMachineArn: string }> {
    const machine = this.stateMachine(machineArn);
    return [...this.executions.values()]
      .map(({ record }) => record)
      .reverse()
      .filter((record) => record.stateMachineName === machine.name && (status === undefined || record.status === status))
      .sort((a, b) => b.startDate.localeCompare(a.startDate))
      .map((record) => ({ ...record, stateMachineArn: machine.arn }));
  }

  history(arn: string): HistoryEvent[] {
    return this.execution(arn).history;
  }

  /** Aborts a running execution; a finished one is left as it is. Returns the stop date. */
  stop(arn: string, error: string | undefined, cause: string | undefined): string {
    const execution = this.execution(arn);
    if (execution.record.status === 'RUNNING') {
      this.settle(execution, { status: 'ABORTED', error, cause });
      this.persist();
      execution.running?.abort();
    }
    return execution.record.stopDate as string;
  }

  sendTaskSuccess(token: string, output: unknown): void {
    this.answerTask(token, (waiting) => this.pendingTasks.answer(waiting, { output }));
  }

  sendTaskFailure(token: string, error: string | undefined, cause: string | undefined): void {
    const answer: TaskAnswer = { error: error ?? '', cause };
    this.answerTask(token, (waiting) => this.pendingTasks.answer(waiting, answer));
  }

  sendTaskHeartbeat(token: string): void {
    this.answerTask(token, (waiting) => this.pendingTasks.isWaiting(waiting));
  }

  /** Resolves once no execution is running, including ones started while waiting. */
  async idle(): Promise<void> {
    for (;;) {
      const running = [...this.executions.values()].flatMap(({ running }) => (running ? [running.finished] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  async shutdown(): Promise<void> {
    this.shuttingDown = true;
    const running = [...this.executions.values()].flatMap(({ running }) => (running ? [running] : []));
    for (const execution of running) execution.abort();
    await Promise.all(running.map(({ finished }) => finished));
  }

  private execution(arn: string): Execution {
    const execution = this.executions.get(arn);
    if (!execution) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return execution;
  }

  private answerTask(token: string, reachWaitingTask: (token: string) => boolean): void {
    const arn = executionOfTaskToken(token);
    if (arn === undefined) throw new ServiceError('InvalidToken', 'Invalid Token: the task token is malformed');
    if (reachWaitingTask(token)) return;
    if (this.executions.has(arn)) {
      throw new ServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    }
    throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist: no task was issued with this token');
  }

  /** Why the execution cannot be redriven now (AWS's reasons), or undefined when it can. */
  private redriveBlocker(record: ExecutionRecord): string | undefined {
    if (record.status === 'RUNNING' || record.status === 'SUCCEEDED') return `Execution is ${record.status} and cannot be redriven.`;
    if (!this.machinesByName.has(record.stateMachineName)) return 'State machine is in DELETING status.';
    if (record.failedAt === undefined) return 'Execution has no state to be redriven from.';
    if ((record.redriveCount ?? 0) >= MAX_REDRIVES) return 'Execution has reached the redrive limit.';
    const stoppedFor = Date.now() - Date.parse(record.stopDate ?? record.startDate);
    if (stoppedFor > REDRIVABLE_FOR_MS / this.options.timeScale) return 'Execution redrivable period exceeded.';
    return undefined;
  }

  private launch(execution: Execution, machine: RegisteredStateMachine): void {
    const { record } = execution;
    const executionEnded = new AbortController();
    const tokens = entryTokens(record.executionArn);
    const from = record.runFrom;
    delete execution.current;
    const engineMachine = from ? machine.prepared.engineMachineFrom(from.state) : machine.prepared.engineMachine;
    const run = engineMachine.run(JSON.parse(from ? from.input : record.input) as JsonValue, {
      noThrowOnAbort: true,
      overrides: {
        taskResourceLocalHandlers: createTaskHandlers(machine.prepared.localTasks, {
          executionEnded: executionEnded.signal,
          timeScale: this.options.timeScale,
          invokeLambda: this.options.invokeLambda,
          pendingTasks: this.pendingTasks,
          entryTokens: tokens,
          timeoutError: this.options.timeoutError,
        }),
      },
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          RoleArn: this.roleArn,
          StartTime: record.startDate,
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
    run.result.catch(() => undefined);
    const finished = this.follow(execution, machine, run)
      .catch((error: unknown) => console.error(`local Step Functions: lost track of ${record.executionArn}`, error))
      .finally(() => {
        executionEnded.abort();
        delete execution.running;
      });
    execution.running = {
      abort: () => {
        run.abort();
        executionEnded.abort();
      },
      finished,
    };
  }

  private async follow(execution: Execution, machine: RegisteredStateMachine, run: EngineRun): Promise<void> {
    const subject: HistorySubject = {
      roleArn: this.roleArn,
      localTasks: machine.prepared.localTasks,
      stateTypes: machine.prepared.stateTypes,
      abortReason: () => ({ error: execution.record.error, cause: execution.record.cause }),
      ...(execution.record.runFrom && { redriveCount: execution.record.redriveCount }),
    };
    const topLevel = machine.prepared.topLevelStates;
    for await (const event of run.eventLogs) {
      appendToHistory(execution.history, event, subject);
      if (event.type === 'StateEntered' && topLevel.has(event.state.name)) {
        execution.current = { state: event.state.name, input: JSON.stringify(event.state.input ?? null) };
      } else if (event.type === 'StateExited' && execution.current?.state === event.state.name) {
        delete execution.current;
      }
      const outcome = outcomeOf(event);
      if (outcome && execution.record.status === 'RUNNING' && !this.shuttingDown) {
        this.settle(execution, outcome);
        this.persist();
      }
    }
  }

  /** Ends the current run: an unsuccessful end remembers the state a redrive resumes from. */
  private settle(execution: Execution, outcome: Outcome): void {
    const { record } = execution;
    Object.assign(record, { stopDate: new Date().toISOString() }, withoutUndefined(outcome));
    delete record.failedAt;
    if (outcome.status !== 'SUCCEEDED' && execution.current) record.failedAt = execution.current;
    this.announce(record);
  }

  private announce(record: ExecutionRecord): void {
    const listener = this.options.onStatusChange;
    if (!listener) return;
    const described = { ...record, stateMachineArn: stateMachineArn(this.options, record.stateMachineName) };
    try {
      listener(statusChangeEvent(this.options, described, this.redriveBlocker(record)));
    } catch (error) {
      console.error(`local Step Functions: the status change listener failed for ${record.executionArn}`, error);
    }
  }

  private persist(): void {
    this.options.registry?.save([...this.executions.values()].map(({ record }) => record));
  }
}

interface Outcome {
  status: Exclude<ExecutionStatus, 'RUNNING'>;
  output?: string;
  error?: string | undefined;
  cause?: string | undefined;
}

function outcomeOf(event: EngineEvent): Outcome | undefined {
  switch (event.type) {
    case 'ExecutionSucceeded':
      return { status: 'SUCCEEDED', output: JSON.stringify(event.output ?? null) };
    case 'ExecutionFailed':
      return {
        status: 'FAILED',
        error: event.Error,
        cause: causeText(event.Cause),
      };
    case 'ExecutionTimeout':
      return { status: 'TIMED_OUT' };
    case 'ExecutionAborted':
      return { status: 'ABORTED' };
    default:
      return undefined;
  }
}

/** Keeps absent fields absent in the record, so they stay absent in the JSON AWS-style answers. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
