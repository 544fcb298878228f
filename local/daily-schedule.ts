/**
 * EventBridge Scheduler's daily schedule, locally: every day at `hour`:00 in `timeZone`, in the
 * runtime's time (which may run faster than the wall clock), it invokes the function
 * asynchronously with the scheduled time, as the AWS schedule does
 * (`{ "scheduledAt": <aws.scheduler.scheduled-time> }`).
 *
 * Contract: the schedule does not wait for the run, and its own retries (which cover only
 * failing to hand the event to Lambda) have nothing to do here; a run that fails is retried by
 * Lambda and then lands in the function's on-failure destination (async-invoker.ts). The next
 * day's run is planned as soon as one is handed over. `stop()` cancels the next run.
 */
import { nextDigestAt } from '../functions/domain/drift-digest.js';
import type { LocalClock } from './clock.js';

export interface DailySchedule {
  stop(): void;
}

export function startDailySchedule(options: {
  clock: LocalClock;
  hour: number;
  timeZone: string;
  invoke: (input: { scheduledAt: string }) => void;
}): DailySchedule {
  const { clock } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const plan = (after: Date) => {
    if (stopped) return;
    const at = nextDigestAt(after, options.timeZone, options.hour);
    const wallDelay = Math.max(0, (at.getTime() - clock.now().getTime()) / clock.speed);
    timer = setTimeout(() => {
      options.invoke({ scheduledAt: at.toISOString() });
      // From the scheduled time at least: the timer may fire a hair before the runtime's clock reaches it.
      plan(new Date(Math.max(at.getTime(), clock.now().getTime())));
    }, wallDelay);
    timer.unref();
  };
  plan(clock.now());

  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
