/**
 * Runs every drift rule over one engagement and orders what they found.
 *
 * Contract: findings come back oldest first (by start, then id), each with its cost over time;
 * the order and content depend only on the facts, never on the order of the log.
 */
import type { RuleContext } from './context.js';
import type { Drift } from './drift.js';
import { lateDeliveries } from './rules/late-delivery.js';
import { notReceived } from './rules/not-received.js';
import { rejectedOutcomes } from './rules/outcome-rejected.js';
import { unconfirmedOutcomes } from './rules/outcome-unconfirmed.js';
import { outsideHours } from './rules/outside-hours.js';
import { scopeDrifts } from './rules/scope-drift.js';
import { silences } from './rules/silence.js';
import { slowResponses } from './rules/slow-response.js';
import { unannouncedSlips } from './rules/unannounced-slip.js';
import { wrongChannels } from './rules/wrong-channel.js';

const RULES: ReadonlyArray<(ctx: RuleContext) => Drift[]> = [
  lateDeliveries, unannouncedSlips, silences, wrongChannels, outsideHours,
  unconfirmedOutcomes, rejectedOutcomes, notReceived, scopeDrifts, slowResponses,
];

export function analyse(ctx: RuleContext): Drift[] {
  // A plain loop: flatMap costs more than the rules of a small engagement.
  const found: Drift[] = [];
  for (const rule of RULES) {
    const drifts = rule(ctx);
    for (let i = 0; i < drifts.length; i += 1) found.push(drifts[i] as Drift);
  }
  return found.sort((a, b) => a.startedMs - b.startedMs || (a.finding.id < b.finding.id ? -1 : a.finding.id > b.finding.id ? 1 : 0));
}
