/**
 * The execution registry and its bridge to the engine: starts, stops, redrives and describes
 * executions, keeps their history, answers task tokens, enforces AWS's execution limits, and
 * persists all of it when given a registry file.
 *
 * Contract:
 * - Every method either returns the AWS-shaped answer or throws a ServiceError named as AWS
 *   names it (ExecutionDoesNotExist, ExecutionAlreadyExists, StateMachineDoesNotExist,
 *   InvalidToken, TaskDoesNotExist, TaskTimedOut, ExecutionNotRedrivable, ExecutionLimitExceeded).
 * - An execution's outcome is taken from the engine's terminal event, so status, output,
 *   error and history always agree. What the service decides itself ends the execution at once,
 *   with its own history event: StopExecution (ABORTED), the state machine's `TimeoutSeconds`
 *   or the one-year limit (TIMED_OUT), the 25,000-event history limit (FAILED, States.Runtime);
 *   see execution-limits.ts.
 * - Redrive follows AWS: a FAILED, TIMED_OUT or ABORTED execution continues with the same ARN
 *   from the top-level state that did not complete, with the input that state was entered with;
 *   states that completed are not run again and retry counts start afresh. Its history goes on
 *   with an ExecutionRedriven event. (A state inside a Map or Parallel is redriven by running its
 *   whole top-level Map or Parallel state again, where AWS would rerun only the failed iterations.)
 * - Every status change is told to `onStatusChange`, shaped as EventBridge receives it on AWS.
 *
 * Restarts: `shutdown` stops the runs without ending them, and the next service resumes each
 * RUNNING execution where it was (resume-point.ts).
 *
 * Persistence: execution-persistence.ts and registry-file.ts.
 */
import { randomUUID } from 'node:crypto';
import { executionArn, stateMachineArn, type ArnScope } from './arns.js';
import type { PreparedDefinition } from './definition.js';
import type { EngineEvent, EngineRun } from './engine.js';
import { startEngineRun } from './engine-run.js';
import { ExecutionPersistence, type StoredExecution } from './execution-persistence.js';
import { HISTORY_LIMIT_FAILURE, historyLimitReached, MAX_REDRIVES, redriveBlocker, runDeadline } from './execution-limits.js';
import {
  appendEvent, appendToHistory, causeText, executionAbortedEvent, executionFailedEvent, executionRedrivenEvent,
  executionStartedEvent, executionTimedOutEvent, type HistoryEvent, type HistorySubject, type UnnumberedEvent,
} from './history.js';
import type { ExecutionRecord, ExecutionStatus, PersistedRegistry, RegistryFile, StatePoint } from './registry-file.js';
import { ServiceError } from './service-error.js';
import { serviceClock, whenClockReaches, type ServiceClock } from './service-clock.js';
import { statusChangeEvent, type ExecutionStatusChange } from './status-events.js';
import {
  interruptedEntry, noteCallbackToken, releaseInterruptedEntry, takeResumedEntry, trackCurrentState, type Whereabouts,
} from './resume-point.js';
import type { InvokeLambda } from './task-handlers.js';
import { executionOfTaskToken, PendingTasks, type TaskAnswer } from './tokens.js';

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
  /** What the registry file held at start; its RUNNING executions resume on `resume()`. */
  persisted?: PersistedRegistry | undefined;
  onStatusChange?: ((event: ExecutionStatusChange) => void) | undefined;
  /** The functions' "now", for `$$.Execution.StartTime` (index.ts). */
  now?: (() => Date) | undefined;
}

interface Run {
  abort(): void;
  finished: Promise<void>;
  /** Set once the service ended the execution, or is stopping: the engine's last events are not history. */
  over: boolean;
  /** The resumed state: its entry event is in the history already. */
  resumedState?: string | undefined;
}

interface Execution extends StoredExecution, Whereabouts {
  run?: Run;
}

export class Executions {
  private readonly machinesByArn: Map<string, RegisteredStateMachine>;
  private readonly machinesByName: Map<string, RegisteredStateMachine>;
  private readonly executions = new Map<string, Execution>();
  private readonly pendingTasks = new PendingTasks();
  private readonly clock: ServiceClock;
  private readonly persistence: ExecutionPersistence;

  constructor(private readonly options: ExecutionsOptions) {
    this.machinesByArn = new Map(options.stateMachines.map((machine) => [machine.arn, machine]));
    this.machinesByName = new Map(options.stateMachines.map((machine) => [machine.name, machine]));
    this.clock = serviceClock(options.timeScale, options.persisted?.clock);
    this.persistence = new ExecutionPersistence(options.registry, this.clock, () => this.executions.values(), (token) =>
      this.pendingTasks.isWaiting(token));
    for (const record of options.persisted?.records ?? []) this.register(record);
  }

  get roleArn(): string {
    return `arn:aws:iam::${this.options.accountId}:role/local-step-functions`;
  }

  stateMachine(arn: string): RegisteredStateMachine {
    const machine = this.machinesByArn.get(arn);
    if (!machine) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  /** Resumes the RUNNING executions of the registry file where they were. */
  resume(): void {
    for (const execution of this.executions.values()) {
      if (execution.record.status !== 'RUNNING' || execution.run) continue;
      const machine = this.machinesByName.get(execution.record.stateMachineName);
      if (machine) this.launch(execution, machine);
      else this.end(execution, { status: 'FAILED', ...MACHINE_GONE }, executionFailedEvent(MACHINE_GONE.error, MACHINE_GONE.cause));
    }
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
    const now = this.clock();
    const execution: Execution = {
      record: {
        executionArn: arn,
        name: executionName,
        stateMachineName: machine.name,
        input,
        status: 'RUNNING',
        startDate: new Date().toISOString(),
        startClock: now,
        runStartClock: now,
      },
      history: [],
      persistedEvents: 0,
    };
    appendEvent(execution.history as HistoryEvent[], executionStartedEvent(input, this.roleArn));
    this.executions.set(arn, execution);
    this.persistence.now();
    this.launch(execution, machine);
    this.announce(execution);
    return execution.record;
  }

  /** Continues an unsuccessful execution from the state that did not complete. Returns the redrive date. */
  redrive(arn: string, clientToken: string | undefined): string {
    const execution = this.execution(arn);
    const { record } = execution;
    if (clientToken !== undefined && record.redriveToken === clientToken && record.redriveDate !== undefined) return record.redriveDate;
    const blocker = this.redriveBlocker(execution);
    if (blocker !== undefined) {
      throw new ServiceError((record.redriveCount ?? 0) >= MAX_REDRIVES ? 'ExecutionLimitExceeded' : 'ExecutionNotRedrivable', blocker);
    }
    const machine = this.machinesByName.get(record.stateMachineName) as RegisteredStateMachine;
    const { stopDate: _stopDate, stopClock: _stopClock, output: _output, error: _error, cause: _cause, failedAt, ...rest } = record;
    execution.record = {
      ...rest,
      status: 'RUNNING',
      redriveCount: (record.redriveCount ?? 0) + 1,
      redriveDate: new Date().toISOString(),
      runStartClock: this.clock(),
      ...(clientToken !== undefined && { redriveToken: clientToken }),
      runFrom: failedAt as StatePoint,
    };
    const history = this.persistence.history(execution);
    appendEvent(history, executionRedrivenEvent(execution.record.redriveCount as number));
    this.persistence.now();
    this.launch(execution, machine);
    this.announce(execution);
    // ExecutionRedriven may take the last place but one: the next event is the failure.
    if (historyLimitReached(history.length)) this.failOnHistoryLimit(execution);
    return execution.record.redriveDate as string;
  }

  describe(arn: string): ExecutionRecord & { stateMachineArn: string; redriveStatusReason?: string } {
    const execution = this.execution(arn);
    const blocker = this.redriveBlocker(execution);
    return {
      ...execution.record,
      stateMachineArn: stateMachineArn(this.options, execution.record.stateMachineName),
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
    return this.persistence.history(this.execution(arn));
  }

  /** Aborts a running execution; a finished one is left as it is. Returns the stop date. */
  stop(arn: string, error: string | undefined, cause: string | undefined): string {
    const execution = this.execution(arn);
    if (execution.record.status === 'RUNNING') {
      this.end(execution, { status: 'ABORTED', error, cause }, executionAbortedEvent(error, cause));
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
      const running = [...this.executions.values()].flatMap(({ run }) => (run ? [run.finished] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /** Writes everything, then stops every run without ending its execution: the next service resumes them. */
  async shutdown(): Promise<void> {
    this.persistence.close();
    const runs = [...this.executions.values()].flatMap(({ run }) => (run ? [run] : []));
    for (const run of runs) {
      run.over = true;
      run.abort();
    }
    await Promise.all(runs.map(({ finished }) => finished));
  }

  /** Takes a record from the registry file; a RUNNING one's waiting callback listens for its token at once. */
  private register(persisted: ExecutionRecord): void {
    const record = { ...persisted, startClock: persisted.startClock ?? this.clock() };
    const resumed = interruptedEntry(record, this.pendingTasks);
    const execution: Execution = { record, persistedEvents: record.historyLength ?? 0, ...(resumed && { resumed }) };
    this.executions.set(record.executionArn, execution);
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

  private redriveBlocker(execution: Execution): string | undefined {
    return redriveBlocker({
      record: execution.record,
      historyLength: execution.history?.length ?? execution.persistedEvents,
      machineExists: this.machinesByName.has(execution.record.stateMachineName),
      now: this.clock(),
    });
  }

  /** Runs the execution's current run: from where it was (after a restart), where it was redriven from, or the start. */
  private launch(execution: Execution, machine: RegisteredStateMachine): void {
    const { record } = execution;
    const { engine, abort } = startEngineRun({
      machine,
      record,
      from: record.current ?? record.runFrom,
      roleArn: this.roleArn,
      // The execution's age on the service clock, counted back from the functions' "now".
      startTime: this.options.now && record.startClock !== undefined
        ? new Date(this.options.now().getTime() - (this.clock() - record.startClock)).toISOString()
        : record.startDate,
      timeScale: this.options.timeScale,
      invokeLambda: this.options.invokeLambda,
      pendingTasks: this.pendingTasks,
      timeoutError: this.options.timeoutError,
      resumedEntry: (stateName) => takeResumedEntry(execution, stateName, this.clock, this.options.timeScale),
      // The function has handed the token on: a restart must find it.
      callbackInvoked: (stateName, token) => noteCallbackToken(execution, stateName, token) && this.persistence.now(),
    });
    const run: Run = { abort, finished: Promise.resolve(), over: false, resumedState: record.current?.state };
    const deadline = runDeadline(record, machine.prepared.timeoutSeconds, this.clock());
    const cancelDeadline = whenClockReaches(this.clock, this.options.timeScale, deadline, () => {
      if (!run.over) this.end(execution, { status: 'TIMED_OUT' }, executionTimedOutEvent());
    });
    run.finished = this.follow(execution, machine, engine, run)
      .catch((error: unknown) => console.error(`local Step Functions: lost track of ${record.executionArn}`, error))
      .finally(() => {
        cancelDeadline();
        releaseInterruptedEntry(execution, this.pendingTasks);
        if (execution.run === run) delete execution.run;
      });
    execution.run = run;
  }

  private async follow(execution: Execution, machine: RegisteredStateMachine, engine: EngineRun, run: Run): Promise<void> {
    const subject: HistorySubject = { localTasks: machine.prepared.localTasks, stateTypes: machine.prepared.stateTypes };
    const history = this.persistence.history(execution);
    const topLevel = machine.prepared.topLevelStates;
    for await (const event of engine.eventLogs) {
      if (run.over) continue;
      if (event.type === 'StateEntered' && event.state.name === run.resumedState) {
        // Already in the history, and `current` keeps the entry's time and token.
        run.resumedState = undefined;
        continue;
      }
      appendToHistory(history, event, subject);
      trackCurrentState(execution, event, topLevel, this.clock, this.pendingTasks);
      const outcome = outcomeOf(event);
      if (outcome) {
        this.settle(execution, outcome);
        this.persistence.now();
      } else if (historyLimitReached(history.length)) {
        this.failOnHistoryLimit(execution);
      } else {
        this.persistence.soon();
      }
    }
  }

  private failOnHistoryLimit(execution: Execution): void {
    const { error, cause } = HISTORY_LIMIT_FAILURE;
    this.end(execution, { status: 'FAILED', error, cause }, executionFailedEvent(error, cause));
  }

  /** Ends a running execution by the service's decision, with the history event AWS records for it. */
  private end(execution: Execution, outcome: Outcome, event: UnnumberedEvent): void {
    const { run } = execution;
    if (run) run.over = true;
    else releaseInterruptedEntry(execution, this.pendingTasks);
    appendEvent(this.persistence.history(execution), event);
    this.settle(execution, outcome);
    this.persistence.now();
    run?.abort();
  }

  /** Ends the current run: an unsuccessful end remembers the state a redrive resumes from. */
  private settle(execution: Execution, outcome: Outcome): void {
    const { record } = execution;
    Object.assign(record, { stopDate: new Date().toISOString(), stopClock: this.clock() }, withoutUndefined(outcome));
    delete record.failedAt;
    if (outcome.status !== 'SUCCEEDED' && record.current) record.failedAt = { state: record.current.state, input: record.current.input };
    delete record.current;
    this.announce(execution);
  }

  private announce(execution: Execution): void {
    const listener = this.options.onStatusChange;
    if (!listener) return;
    const { record } = execution;
    const described = { ...record, stateMachineArn: stateMachineArn(this.options, record.stateMachineName) };
    try {
      listener(statusChangeEvent(this.options, described, this.redriveBlocker(execution)));
    } catch (error) {
      console.error(`local Step Functions: the status change listener failed for ${record.executionArn}`, error);
    }
  }
}

const MACHINE_GONE = { error: 'States.Runtime', cause: 'The state machine no longer exists' } as const;

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
    default:
      return undefined;
  }
}

/** Keeps absent fields absent in the record, so they stay absent in the JSON AWS-style answers. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
