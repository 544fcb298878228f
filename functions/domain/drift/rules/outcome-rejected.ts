/**
 * Outcome rejected (outcome): the client said a milestone did not reach them or is not what
 * they needed. High: it is the one thing the engagement is for.
 *
 * Contract: one finding per rejection (subject: its event), cited against the result the
 * client said they need, in the version in force when they said it. It closes at the next
 * confirmation of that milestone, and stays open until then.
 */
import type { RuleContext } from '../context.js';
import { drift, eventEvidence, type Drift } from '../drift.js';
import { cite } from '../terms.js';
import type { Evidence } from '../types.js';

export function rejectedOutcomes(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  for (const milestone of ctx.engagement.milestones) {
    const verdicts = ctx.facts.verdicts.get(milestone.id) ?? [];
    verdicts.forEach((rejection, i) => {
      if (rejection.e.type !== 'outcome-rejected') return;
      const terms = ctx.timeline.at(rejection.ms);
      if (!terms) return;
      const confirmation = verdicts.slice(i + 1).find((v) => v.e.type === 'outcome-confirmed');
      const evidence: Evidence[] = [eventEvidence(rejection)];
      if (confirmation) evidence.push(eventEvidence(confirmation));
      found.push(drift({
        kind: 'outcome-rejected',
        subject: rejection.e.id,
        steps: [{ at: rejection, severity: 'high' }],
        closedAt: confirmation,
        cites: [cite(terms, 'outcome.businessResult'), cite(terms, 'outcome.successSignal')],
        evidence,
        explanation: {
          key: rejection.e.reason === 'not-received' ? 'outcome-rejected.not-received' : 'outcome-rejected.not-what-i-needed',
          params: { milestone: milestone.id, title: milestone.title },
        },
      }));
    });
  }
  return found;
}
