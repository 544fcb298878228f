/**
 * Prepares an ASL definition for the engine. The original is validated as written; the copy
 * the engine runs is rewritten so that time follows `timeScale` and every Task and Wait state
 * runs through our own handler (see task-handlers.ts):
 *
 * - Task: its `Parameters` move under `payload`, next to `timeoutSeconds` (from
 *   `TimeoutSeconds`, or resolved by the engine from `TimeoutSecondsPath` against the
 *   effective input). The handler enforces the timeout: scaled for a `.waitForTaskToken` task
 *   (waiting for a person), in real seconds for a plain invoke (code does not run faster). The
 *   engine's own `TimeoutSeconds`
 *   is set to the longest a Node timer allows, because it would otherwise impose 60 s, can't
 *   scale, and accepts only whole seconds from a path.
 * - Wait: becomes a Task whose handler sleeps for the scaled duration and returns its input,
 *   which is the Wait's output. `Seconds`, `SecondsPath`, `Timestamp` and `TimestampPath` are
 *   resolved by the engine as `Parameters`, so bad paths fail as they would in a Wait.
 * - Retry: `IntervalSeconds` and `MaxDelaySeconds` are divided by `timeScale`.
 * - The top-level `TimeoutSeconds` is taken out and handed to the execution registry, which
 *   enforces it on the service clock (the engine's own timer would start again with every
 *   run, so an execution resumed after a restart would get its whole timeout again).
 *
 * `HeartbeatSeconds` is left as written and not enforced (the engine ignores it too);
 * SendTaskHeartbeat is still answered.
 *
 * The engine's timer ceiling means a single Task or Wait cannot last longer than about
 * 24.8 days of real (already scaled) time; that is only reachable with `timeScale` near 1.
 */
import { assertValidDefinition, createEngineMachine, type StateMachine } from './engine.js';

export type LocalTask =
  | { kind: 'lambda-invoke' }
  | { kind: 'lambda-callback' }
  | { kind: 'lambda-function'; functionArn: string }
  | { kind: 'wait' };

/** What a rewritten Task state hands to its handler. */
export interface TaskArguments {
  payload: unknown;
  timeoutSeconds?: unknown;
}

/** What a rewritten Wait state hands to its handler: exactly one of `seconds` or `timestamp`. */
export interface WaitArguments {
  input: unknown;
  seconds?: unknown;
  timestamp?: unknown;
}

export interface PreparedDefinition {
  engineMachine: StateMachine;
  /** The same machine starting at one of its top-level states: where a redrive resumes. */
  engineMachineFrom(stateName: string): StateMachine;
  /** The names of the top-level states (a redrive resumes at one of them). */
  topLevelStates: ReadonlySet<string>;
  /** Every Task and Wait state (nested ones included: ASL state names are machine-wide). */
  localTasks: Map<string, LocalTask>;
  /** Each state's type as written, since rewritten Waits report themselves as Tasks. */
  stateTypes: Map<string, string>;
  /** The top-level `TimeoutSeconds`, when there is one. */
  timeoutSeconds: number | undefined;
}

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_FUNCTION = /^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w$-]+)?$/;
const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';
/** The largest whole-second delay a Node timer accepts (2^31 - 1 ms). */
const ENGINE_TIMER_CEILING_SECONDS = 2_147_483;
const AWS_DEFAULT_RETRY_INTERVAL_SECONDS = 1;

type AslObject = Record<string, unknown>;

interface RewriteContext {
  machineName: string;
  timeScale: number;
  localTasks: Map<string, LocalTask>;
  stateTypes: Map<string, string>;
}

export function prepareDefinition(machineName: string, definitionText: string, timeScale: number): PreparedDefinition {
  let definition: AslObject;
  try {
    definition = JSON.parse(definitionText) as AslObject;
  } catch {
    throw new Error(`State machine ${machineName}: the definition is not valid JSON`);
  }
  try {
    assertValidDefinition(definition);
  } catch (error) {
    throw new Error(`State machine ${machineName}: ${(error as Error).message}`);
  }
  const context: RewriteContext = { machineName, timeScale, localTasks: new Map(), stateTypes: new Map() };
  const { TimeoutSeconds: timeoutSeconds, ...rewritten } = readStartTimeFromService(rewriteMachine(definition, context)) as AslObject;
  const fromState = new Map<string, StateMachine>();
  return {
    engineMachine: createEngineMachine(rewritten),
    engineMachineFrom: (stateName) => {
      let machine = fromState.get(stateName);
      if (!machine) {
        machine = createEngineMachine({ ...rewritten, StartAt: stateName });
        fromState.set(stateName, machine);
      }
      return machine;
    },
    topLevelStates: new Set(Object.keys(definition.States as AslObject)),
    localTasks: context.localTasks,
    stateTypes: context.stateTypes,
    timeoutSeconds: typeof timeoutSeconds === 'number' ? timeoutSeconds : undefined,
  };
}

/**
 * The engine stamps `$$.Execution.StartTime` with the wall clock when a run begins (a redrive or
 * a resumed run included), which is neither the execution's start nor on the runtime's faster
 * clock. Every path that reads it reads `$$.Execution.ServiceStartTime` instead, which the
 * service fills in (engine-run.ts).
 */
function readStartTimeFromService(value: unknown): unknown {
  if (typeof value === 'string') return value === '$$.Execution.StartTime' ? '$$.Execution.ServiceStartTime' : value;
  if (Array.isArray(value)) return value.map(readStartTimeFromService);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readStartTimeFromService(v)]));
  return value;
}

function rewriteMachine(machine: AslObject, context: RewriteContext): AslObject {
  const states = machine.States as Record<string, AslObject>;
  return {
    ...machine,
    States: Object.fromEntries(
      Object.entries(states).map(([name, state]) => [name, rewriteState(name, state, context)]),
    ),
  };
}

function rewriteState(name: string, state: AslObject, context: RewriteContext): AslObject {
  context.stateTypes.set(name, state.Type as string);
  switch (state.Type) {
    case 'Task':
      context.localTasks.set(name, classifyResource(name, state.Resource as string, context.machineName));
      return rewriteTask(state, context.timeScale);
    case 'Wait':
      context.localTasks.set(name, { kind: 'wait' });
      return rewriteWait(state);
    case 'Parallel':
      return {
        ...scaleRetries(state, context.timeScale),
        Branches: (state.Branches as AslObject[]).map((branch) => rewriteMachine(branch, context)),
      };
    case 'Map': {
      const rewritten = scaleRetries(state, context.timeScale);
      for (const field of ['Iterator', 'ItemProcessor'] as const) {
        if (state[field] !== undefined) rewritten[field] = rewriteMachine(state[field] as AslObject, context);
      }
      return rewritten;
    }
    default:
      return state;
  }
}

function classifyResource(stateName: string, resource: string, machineName: string): LocalTask {
  if (resource === LAMBDA_INVOKE) return { kind: 'lambda-invoke' };
  if (resource === LAMBDA_CALLBACK) return { kind: 'lambda-callback' };
  if (LAMBDA_FUNCTION.test(resource)) return { kind: 'lambda-function', functionArn: resource };
  throw new Error(
    `State machine ${machineName}, state "${stateName}": resource ${resource} is not supported locally ` +
      `(supported: ${LAMBDA_INVOKE}, ${LAMBDA_CALLBACK}, or a Lambda function ARN)`,
  );
}

function rewriteTask(state: AslObject, timeScale: number): AslObject {
  const { Parameters, TimeoutSeconds, TimeoutSecondsPath, ...rest } = state;
  const parameters: AslObject = Parameters === undefined ? { 'payload.$': '$' } : { payload: Parameters };
  if (TimeoutSecondsPath !== undefined) parameters['timeoutSeconds.$'] = TimeoutSecondsPath;
  else if (TimeoutSeconds !== undefined) parameters.timeoutSeconds = TimeoutSeconds;
  return { ...scaleRetries(rest, timeScale), Parameters: parameters, TimeoutSeconds: ENGINE_TIMER_CEILING_SECONDS };
}

function rewriteWait(state: AslObject): AslObject {
  const { Seconds, SecondsPath, Timestamp, TimestampPath, ...rest } = state;
  const parameters: AslObject = { 'input.$': '$' };
  if (Seconds !== undefined) parameters.seconds = Seconds;
  if (SecondsPath !== undefined) parameters['seconds.$'] = SecondsPath;
  if (Timestamp !== undefined) parameters.timestamp = Timestamp;
  if (TimestampPath !== undefined) parameters['timestamp.$'] = TimestampPath;
  return {
    ...rest,
    Type: 'Task',
    Resource: LOCAL_WAIT_RESOURCE,
    Parameters: parameters,
    TimeoutSeconds: ENGINE_TIMER_CEILING_SECONDS,
  };
}

/** Adds nothing when there is no `Retry`: the engine treats a present-but-undefined key as set. */
function scaleRetries(state: AslObject, timeScale: number): AslObject {
  if (!Array.isArray(state.Retry)) return { ...state };
  const retriers = (state.Retry as AslObject[]).map((retrier) => {
    const scaled: AslObject = {
      ...retrier,
      IntervalSeconds: ((retrier.IntervalSeconds as number | undefined) ?? AWS_DEFAULT_RETRY_INTERVAL_SECONDS) / timeScale,
    };
    if (typeof retrier.MaxDelaySeconds === 'number') scaled.MaxDelaySeconds = retrier.MaxDelaySeconds / timeScale;
    return scaled;
  });
  return { ...state, Retry: retriers };
}
