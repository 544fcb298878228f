/**
 * Slow response (pace): a client question answered later than the client's expected response
 * time (`pace.responseTimeHours`, clock hours, not working hours: that is how the form asks).
 *
 * Contract: one finding per question (subject: its question id, first time asked), medium,
 * from the moment the response time ran out until the first answer, open while unanswered.
 */
import type { RuleContext } from '../context.js';
import { responseDeadline } from '../deadlines.js';
import { drift, eventEvidence, momentEvidence, type Drift } from '../drift.js';
import type { Question } from '../log.js';
import { cite } from '../terms.js';
import type { Evidence } from '../types.js';
import { HOUR_MS } from '../../zoned-time.js';

export function slowResponses(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  // No version of the terms allows less: a question answered within this was answered in time.
  const shortestWait = Math.min(...ctx.timeline.versions.map((terms) => responseDeadline(terms, 0)));
  const { questions } = ctx.facts;
  for (let i = 0; i < questions.length; i += 1) {
    const { asked: question, answer } = questions[i] as Question;
    if (!question) continue;
    const { questionId } = question.e;
    const until = answer?.ms ?? ctx.now;
    if (until - question.ms <= shortestWait) continue;
    const overdue = ctx.timeline.crossing(Math.max(ctx.timeline.agreedAt, question.ms), until, responseDeadline, question.ms);
    if (!overdue) continue;
    const evidence: Evidence[] = [eventEvidence(question), momentEvidence(overdue.threshold, 'response-time-passed')];
    if (answer) evidence.push(eventEvidence(answer));
    found.push(drift({
      kind: 'slow-response',
      subject: questionId,
      steps: [{ at: overdue.at, severity: 'medium' }],
      closedAt: answer,
      cites: [cite(overdue.terms, 'pace.responseTimeHours')],
      evidence,
      explanation: {
        key: 'slow-response',
        params: { question: questionId, limitHours: overdue.terms.expectations.pace.responseTimeHours, waitedHours: Math.ceil((until - question.ms) / HOUR_MS) },
      },
    }));
  }
  return found;
}
