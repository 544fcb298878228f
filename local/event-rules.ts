/**
 * EventBridge rules, locally: an event that matches a rule goes to its target, and a target
 * that fails is tried again with exponential backoff, up to `retryAttempts` more times, as
 * EventBridge retries a rule's target. Backoff runs on the runtime's clock (1, 2, 4… seconds of
 * runtime time). An event that still fails is logged: on AWS it would wait in the rule's
 * dead-letter queue.
 */
import type { LocalClock } from './clock.js';

export interface LocalEventRule {
  /** Hands an event to the rule; it returns at once, as PutEvents does. */
  put(event: unknown): void;
  /** Forgets pending retries. */
  stop(): void;
}

export function localEventRule(options: {
  name: string;
  matches: (event: unknown) => boolean;
  target: (event: unknown) => Promise<unknown>;
  retryAttempts: number;
  clock: LocalClock;
}): LocalEventRule {
  const timers = new Set<NodeJS.Timeout>();
  const later = (seconds: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, (seconds * 1000) / options.clock.speed);
    timers.add(timer);
  };
  const attempt = (event: unknown, retriesLeft: number, backoffSeconds: number) => {
    options.target(event).catch((error: unknown) => {
      if (retriesLeft > 0) {
        later(backoffSeconds, () => attempt(event, retriesLeft - 1, backoffSeconds * 2));
        return;
      }
      console.error(JSON.stringify({ message: `rule ${options.name}: the target failed after its retries`, error: String(error) }));
    });
  };
  return {
    put(event) {
      if (options.matches(event)) attempt(event, options.retryAttempts, 1);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
