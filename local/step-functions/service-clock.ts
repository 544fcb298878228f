/**
 * The service clock: milliseconds of scaled time, running `timeScale` times faster than real
 * time while the service runs and standing still while it is down, like the local runtime's own
 * clock. Waits, task timeouts, the execution timeout and the one-year limit are counted on it,
 * so an execution resumed after a restart waits only what was left.
 *
 * It continues from the value saved in the registry; a fresh registry starts it at the wall
 * clock, so its readings look like dates.
 */
import { performance } from 'node:perf_hooks';

export type ServiceClock = () => number;

export function serviceClock(timeScale: number, savedAt: number | undefined): ServiceClock {
  const origin = savedAt ?? Date.now();
  const began = performance.now();
  return () => origin + (performance.now() - began) * timeScale;
}

/** setTimeout fires at once for longer delays, so far instants are approached in steps. */
const LONGEST_TIMER_MS = 2_147_483_647;

/** Calls `then` once the clock reads `at` (at once if it already does). Returns the cancel. */
export function whenClockReaches(clock: ServiceClock, timeScale: number, at: number, then: () => void): () => void {
  let timer: NodeJS.Timeout;
  const check = () => {
    const leftMs = (at - clock()) / timeScale;
    if (leftMs <= 0) then();
    else timer = setTimeout(check, Math.min(Math.ceil(leftMs), LONGEST_TIMER_MS)).unref();
  };
  timer = setTimeout(check, 0).unref();
  return () => clearTimeout(timer);
}
