/**
 * The local runtime's clock: time runs `speed` times faster than the wall clock, so a
 * weeks-long kickoff can be watched in minutes. The Step Functions service scales its waits by
 * the same factor, so the workflow and the domain agree on what "now" is.
 *
 * With a state file, time continues across restarts instead of jumping back.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Clock } from '../functions/domain/clock.js';

export interface LocalClock extends Clock {
  speed: number;
  /** Remembers where time stands, for the next start. */
  save(): void;
}

export function acceleratedClock(speed: number, stateFile?: string): LocalClock {
  const wallStart = Date.now();
  let origin = wallStart;
  if (stateFile && existsSync(stateFile)) {
    const saved = Number(JSON.parse(readFileSync(stateFile, 'utf8')).now);
    if (Number.isFinite(saved) && saved > origin) origin = saved;
  }
  const now = () => new Date(origin + (Date.now() - wallStart) * speed);
  return {
    speed,
    now,
    save: () => { if (stateFile) writeFileSync(stateFile, JSON.stringify({ now: now().getTime() })); },
  };
}
