/**
 * EventBridge rules, locally: an event put on the bus goes to the target of every rule it
 * matches, at once, as PutEvents does.
 *
 * The targets are Lambda functions, which EventBridge invokes asynchronously. On AWS a rule's
 * retry policy and dead-letter queue cover only a failure to hand the event to Lambda, which
 * cannot happen in this process; a function that fails is retried by Lambda itself and then
 * lands in its on-failure destination (async-invoker.ts), so nothing here retries.
 */

export interface LocalEventRule {
  matches(event: unknown): boolean;
  target(event: unknown): void;
}

export interface LocalEventBus {
  put(event: unknown): void;
}

/** `rules` by their name on AWS (infra/stack.ts). */
export function localEventBus(rules: Readonly<Record<string, LocalEventRule>>): LocalEventBus {
  return {
    put(event) {
      for (const rule of Object.values(rules)) if (rule.matches(event)) rule.target(event);
    },
  };
}
