/**
 * Conversations outside the plan: a client's question (the manager answers from their page,
 * and both times are logged, so response time can be measured against what the client
 * expects), and an incident a manager opens, which reaches the client at once on the channel
 * they chose for emergencies, at any hour.
 */
import { randomUUID } from 'node:crypto';
import { statusRequestId } from '../domain/client-request.js';
import type { Engagement } from '../domain/engagement.js';
import { NotFound } from '../domain/errors.js';
import type { EngagementEvent } from '../domain/events.js';
import { renderEmail } from '../emails/render-email.js';
import { clientLink, managerEngagementUrl, type Deps } from '../deps.js';

const HOUR_MS = 3_600_000;
/** Status links stay valid for a long while: they show, they never act. */
const STATUS_LINK_DAYS = 180;

/** The client's "where things stand" link, valid for months; its request is created once. */
export async function statusLink(deps: Pick<Deps, 'store' | 'clock' | 'links' | 'publicBaseUrl'>, engagementId: string): Promise<string> {
  const now = deps.clock.now();
  const request = await deps.store.ensureRequest({
    id: statusRequestId(engagementId), engagementId, purpose: 'status', round: 0, status: 'open', createdAt: now.toISOString(),
  }, now);
  return clientLink(deps, request.id, new Date(now.getTime() + STATUS_LINK_DAYS * 24 * HOUR_MS), 'status');
}

export interface Question {
  questionId: string;
  text: string;
  askedAt: string;
  answer?: string;
  answeredAt?: string;
}

/** The client's questions with their answers, from the log. */
export function questionsOf(events: readonly EngagementEvent[]): Question[] {
  const questions = new Map<string, Question>();
  for (const e of events) {
    if (e.type === 'client-question') questions.set(e.questionId, { questionId: e.questionId, text: e.text, askedAt: e.at });
  }
  for (const e of events) {
    const question = e.type === 'question-answered' ? questions.get(e.questionId) : undefined;
    if (question && e.type === 'question-answered') {
      question.answeredAt = e.at;
      if (e.text) question.answer = e.text;
    }
  }
  return [...questions.values()];
}

/** By when the client expects an answer: their stated response time, else a day. */
export function respondBy(responseTimeHours: number | undefined, askedAt: string): string {
  return new Date(Date.parse(askedAt) + (responseTimeHours ?? 24) * HOUR_MS).toISOString();
}

/**
 * The client's question is kept first; the email telling the manager follows. As with a note, a
 * failed email leaves the question kept and on the manager's page, and the client is not told
 * it was lost (they would only ask again, and it would be kept twice).
 */
export async function askQuestion(deps: Deps, engagement: Engagement, text: string): Promise<void> {
  const now = deps.clock.now();
  const questionId = randomUUID().slice(0, 12);
  await deps.store.appendEvent({ type: 'client-question', engagementId: engagement.id, questionId, text }, now);
  try {
    await deps.mailer.sendOnce({
      engagementId: engagement.id, purpose: 'client-question', sequence: questionId, ref: questionId,
      to: engagement.manager.email, recipient: 'manager', kind: 'regular',
      content: renderEmail({
        type: 'client-question', managerName: engagement.manager.name, clientName: engagement.client.name,
        engagementTitle: engagement.title, text, askedAt: now.toISOString(),
        respondBy: respondBy((await deps.store.latestKickoffAnswer(engagement.id))?.expectations.pace.responseTimeHours, now.toISOString()),
        engagementUrl: managerEngagementUrl(deps, engagement.id),
      }, engagement.locale),
    });
  } catch (error) {
    console.error(JSON.stringify({ message: 'a client question was kept but not emailed to the manager', engagementId: engagement.id, questionId, error: String(error) }));
  }
}

/** The manager's answer: logged (closing the question), then emailed to the client once. */
export async function answerQuestion(deps: Deps, engagement: Engagement, questionId: string, answer: string, by: string): Promise<void> {
  const question = questionsOf(await deps.store.listEvents(engagement.id)).find((q) => q.questionId === questionId);
  if (!question) throw new NotFound(`question ${questionId}`);
  const now = deps.clock.now();
  const first = await deps.store.appendEventOnce(
    { type: 'question-answered', engagementId: engagement.id, questionId, by, text: answer }, `answer#${questionId}`, now);
  if (!first) return;
  await deps.mailer.sendOnce({
    engagementId: engagement.id, purpose: 'question-answer', sequence: questionId, ref: questionId,
    to: engagement.client.email, recipient: 'client', kind: 'regular',
    content: renderEmail({
      type: 'question-answer', clientName: engagement.client.name, managerName: engagement.manager.name,
      engagementTitle: engagement.title, question: question.text, answer, statusLink: await statusLink(deps, engagement.id),
    }, engagement.locale),
  });
}

/**
 * An incident, urgent for this client: by email at once when that is their emergency channel;
 * otherwise the manager gets the task to call, message or meet them now, and records it.
 */
export async function openIncident(deps: Deps, engagement: Engagement, summary: string): Promise<void> {
  const now = deps.clock.now();
  const incidentId = randomUUID().slice(0, 12);
  await deps.store.appendEvent({ type: 'incident-opened', engagementId: engagement.id, incidentId, summary }, now);
  const channel = (await deps.store.latestKickoffAnswer(engagement.id))?.expectations.channels.emergency ?? 'email';
  if (channel === 'email') {
    await deps.mailer.sendOnce({
      engagementId: engagement.id, purpose: 'incident', sequence: incidentId, ref: incidentId,
      to: engagement.client.email, recipient: 'client', kind: 'emergency',
      content: renderEmail({
        type: 'incident', clientName: engagement.client.name, managerName: engagement.manager.name,
        engagementTitle: engagement.title, summary, statusLink: await statusLink(deps, engagement.id),
      }, engagement.locale),
    });
    return;
  }
  await deps.mailer.sendOnce({
    engagementId: engagement.id, purpose: 'manager-task', sequence: `incident:${incidentId}`, ref: `incident:${incidentId}`,
    to: engagement.manager.email, recipient: 'manager', kind: 'emergency',
    content: renderEmail({
      type: 'incident-task', managerName: engagement.manager.name, clientName: engagement.client.name,
      engagementTitle: engagement.title, channel, summary, engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}
