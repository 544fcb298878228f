/**
 * Conversations outside the plan: a client's question (the manager answers from their page,
 * and both times are logged, so response time can be measured against what the client
 * expects), and an incident a manager opens, which reaches the client at once on the channel
 * they chose for emergencies, at any hour.
 *
 * Each is logged first, then its message is sent (use-cases/owed-messages.ts). A request that
 * dies in between, or whose send fails, leaves the message owed: the engagement workflow sends
 * it (domain/owed-messages.ts), and a repeat of the request finds it sent.
 */
import { randomUUID } from 'node:crypto';
import type { Engagement } from '../domain/engagement.js';
import { NotFound } from '../domain/errors.js';
import { questionsOf } from '../domain/questions.js';
import type { Deps } from '../deps.js';
import { announceIncident, sendQuestionAnswer, tellManagerOfQuestion } from './owed-messages.js';

/**
 * The client's question is kept first; the email telling the manager follows. A failed email
 * leaves the question kept, on the manager's page and owed to them, and the client is not told
 * it was lost (they would only ask again, and it would be kept twice).
 */
export async function askQuestion(deps: Deps, engagement: Engagement, text: string): Promise<void> {
  const now = deps.clock.now();
  const questionId = randomUUID().slice(0, 12);
  await deps.store.appendEvent({ type: 'client-question', engagementId: engagement.id, questionId, text }, now);
  try {
    const responseTimeHours = (await deps.store.latestKickoffAnswer(engagement.id))?.expectations.pace.responseTimeHours;
    await tellManagerOfQuestion(deps, engagement, { questionId, text, askedAt: now.toISOString(), responseTimeHours });
  } catch (error) {
    console.error(JSON.stringify({ message: 'a client question was kept but not emailed to the manager yet', engagementId: engagement.id, questionId, error: String(error) }));
  }
}

/**
 * The manager's answer: logged once (closing the question), then emailed to the client once.
 * The email is sent whether or not this call logged the answer, so a repeat after a crash
 * between the two still delivers it, in the words first logged.
 */
export async function answerQuestion(deps: Deps, engagement: Engagement, questionId: string, answer: string, by: string): Promise<void> {
  const question = questionsOf(await deps.store.listEvents(engagement.id)).find((q) => q.questionId === questionId);
  if (!question) throw new NotFound(`question ${questionId}`);
  await deps.store.appendEventOnce(
    { type: 'question-answered', engagementId: engagement.id, questionId, by, text: answer }, `answer#${questionId}`, deps.clock.now());
  await sendQuestionAnswer(deps, engagement, { questionId, question: question.text, text: question.answer ?? answer });
}

/** An incident: logged, then sent on the client's emergency channel (or given to the manager as a task). */
export async function openIncident(deps: Deps, engagement: Engagement, summary: string): Promise<void> {
  const incidentId = randomUUID().slice(0, 12);
  await deps.store.appendEvent({ type: 'incident-opened', engagementId: engagement.id, incidentId, summary }, deps.clock.now());
  const channel = (await deps.store.latestKickoffAnswer(engagement.id))?.expectations.channels.emergency ?? 'email';
  await announceIncident(deps, engagement, { incidentId, summary }, channel);
}
