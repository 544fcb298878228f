/**
 * EventBridge Scheduler's daily schedule, locally: runs a job every day at `hour`:00 in
 * `timeZone`, in the runtime's time (which may run faster than the wall clock), passing the
 * scheduled time as the AWS schedule does (`<aws.scheduler.scheduled-time>`).
 *
 * Contract: one run at a time; a run that fails is reported on stderr and the next day's run
 * still happens (the AWS schedule's retries are not imitated); `stop()` cancels the next run.
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
  run: (input: { scheduledAt: string }) => Promise<unknown>;
}): DailySchedule {
  const { clock } = options;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const plan = () => {
    if (stopped) return;
    const at = nextDigestAt(clock.now(), options.timeZone, options.hour);
    const wallDelay = Math.max(0, (at.getTime() - clock.now().getTime()) / clock.speed);
    timer = setTimeout(() => {
      options.run({ scheduledAt: at.toISOString() })
        .catch((error: unknown) => { process.stderr.write(`daily run of ${at.toISOString()} failed: ${String(error)}\n`); })
        .finally(plan);
    }, wallDelay);
    timer.unref();
  };
  plan();

  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
