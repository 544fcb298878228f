/**
 * Faults injected into the workflow's steps of a local stack (its `wrapFunction` seam), per
 * engagement and step: a step that throws before doing its work (a transient error the Task
 * retries, or one that persists until it is fixed), a step that throws after doing it (its
 * email went out, then the Lambda failed), and a hook that runs just before a step (a client
 * acting at the very moment the workflow does). A step is known by its handler's name
 * (functions/handlers/<name>.ts); `when` narrows it to some of its inputs (a round, an outcome).
 */
import type { WrapFunction } from '../../local/stack.js';

type StepEvent = { engagementId?: string } & Record<string, unknown>;

export interface StepFault {
  /** Before the step runs, or after it has done its work. */
  when: 'before' | 'after';
  /** The error's name, which the workflow sees as the task's error. */
  error: string;
  /** How many invocations fail; `Infinity` until `fix` is called. */
  times: number;
  /** Only invocations whose input matches. */
  match?: (event: StepEvent) => boolean;
}

interface Hook {
  run: () => Promise<void>;
  match?: (event: StepEvent) => boolean;
  /** Run it without waiting for it: the step races it. */
  concurrent?: boolean;
}

export function stepFaults(options: { onInjected?: (engagementId: string, step: string, fault: StepFault) => void } = {}) {
  const faults = new Map<string, StepFault[]>();
  const hooks = new Map<string, Hook[]>();
  const keyOf = (engagementId: string, step: string) => `${engagementId}:${step}`;
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);

  const wrap: WrapFunction = (name, step) => async (event) => {
    const input = (event ?? {}) as StepEvent;
    const key = keyOf(input.engagementId ?? '', name);
    const hook = hooks.get(key)?.find((h) => !h.match || h.match(input));
    if (hook) {
      hooks.set(key, (hooks.get(key) ?? []).filter((h) => h !== hook));
      if (hook.concurrent) hook.run().catch((error: unknown) => console.error(`a hook before ${name} failed`, error));
      else await hook.run();
    }
    const fault = faults.get(key)?.find((f) => f.times > 0 && (!f.match || f.match(input)));
    if (!fault) return step(event);
    fault.times -= 1;
    options.onInjected?.(input.engagementId ?? '', name, fault);
    const error = Object.assign(new Error(`injected ${fault.error} ${fault.when} ${name}`), { name: fault.error });
    if (fault.when === 'before') throw error;
    await step(event);
    throw error;
  };

  return {
    wrap,
    /** The step fails as described. */
    fail(engagementId: string, step: string, fault: StepFault) {
      add(faults, keyOf(engagementId, step), { ...fault });
    },
    /** `run` runs once, just before the step's next matching invocation. */
    before(engagementId: string, step: string, run: () => Promise<void>, hook: Omit<Hook, 'run'> = {}) {
      add(hooks, keyOf(engagementId, step), { run, ...hook });
    },
    /** The cause is fixed: the engagement's steps stop failing. */
    fix(engagementId: string) {
      for (const [key, list] of faults) if (key.startsWith(`${engagementId}:`)) for (const fault of list) fault.times = 0;
    },
  };
}
