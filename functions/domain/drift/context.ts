/**
 * What every rule reads: the engagement, the facts from its log, the client's terms over time
 * and "now".
 *
 * Contract: `contextOf` returns nothing when the client had stated no expectations by "now";
 * there is then nothing to drift from.
 */
import type { Engagement } from '../engagement.js';
import { factsOf, type Facts } from './log.js';
import { timelineOf, type Timeline } from './terms.js';
import type { DriftInput } from './types.js';

export interface RuleContext {
  engagement: Engagement;
  facts: Facts;
  timeline: Timeline;
  now: number;
}

export function contextOf(input: DriftInput): RuleContext | undefined {
  const now = input.now.getTime();
  const timeline = timelineOf(input.answers, now);
  if (!timeline) return undefined;
  return { engagement: input.engagement, facts: factsOf(input.events, now), timeline, now };
}
