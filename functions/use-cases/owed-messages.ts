/**
 * Sends the messages that logged events owe (domain/owed-messages.ts). The request that logs an
 * event sends its message at once through these functions; the engagement workflow sends it
 * late through `sendOwedMessage` when that request died, or its send failed, in between. Every
 * message goes through its send guard, keyed by its ref, so it goes out once whoever sends it.
 */
import type { Engagement } from '../domain/engagement.js';
import { NotFound } from '../domain/errors.js';
import type { EngagementEvent } from '../domain/events.js';
import type { Channel, Expectations } from '../domain/expectations.js';
import { incidentTaskRef, type OwedMessage } from '../domain/owed-messages.js';
import { renderEmail } from '../emails/render-email.js';
import { managerEngagementUrl, type Deps } from '../deps.js';
import { respondBy } from '../domain/questions.js';
import { statusLink } from './status-link.js';

/** What a message to the manager needs; one to the client also carries the status link. */
type ManagerMessageDeps = Pick<Deps, 'mailer' | 'publicBaseUrl'>;
export type MessageDeps = Pick<Deps, 'store' | 'clock' | 'mailer' | 'links' | 'publicBaseUrl'>;

const toManager = (engagement: Engagement) =>
  ({ engagementId: engagement.id, to: engagement.manager.email, recipient: 'manager' as const });
const toClient = (engagement: Engagement) =>
  ({ engagementId: engagement.id, to: engagement.client.email, recipient: 'client' as const });
const people = (engagement: Engagement) =>
  ({ managerName: engagement.manager.name, clientName: engagement.client.name, engagementTitle: engagement.title });

/** The manager hears at once of a client's "not received" or "not what I needed". */
export async function alertRejection(deps: ManagerMessageDeps, engagement: Engagement, rejection: {
  ref: string; answer: 'not-received' | 'not-what-i-needed'; milestoneId: string; text?: string | undefined;
}): Promise<void> {
  await deps.mailer.sendOnce({
    ...toManager(engagement), purpose: 'manager-alert', sequence: rejection.ref, ref: rejection.ref, kind: 'regular',
    content: renderEmail({
      type: 'manager-alert', ...people(engagement), alert: rejection.answer,
      milestoneTitle: engagement.milestones.find((m) => m.id === rejection.milestoneId)?.title ?? rejection.milestoneId,
      ...(rejection.text ? { text: rejection.text } : {}),
      engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}

/** The manager hears that an email to the client did not arrive. */
export async function alertNotReceived(deps: ManagerMessageDeps, engagement: Engagement, ref: string): Promise<void> {
  await deps.mailer.sendOnce({
    ...toManager(engagement), purpose: 'manager-alert', sequence: ref, ref, kind: 'regular',
    content: renderEmail({
      type: 'manager-alert', ...people(engagement), alert: 'bounced', engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}

/** The manager gets the client's question, with the time the client expects an answer by. */
export async function tellManagerOfQuestion(deps: ManagerMessageDeps, engagement: Engagement, question: {
  questionId: string; text: string; askedAt: string; responseTimeHours?: number | undefined;
}): Promise<void> {
  await deps.mailer.sendOnce({
    ...toManager(engagement), purpose: 'client-question', sequence: question.questionId, ref: question.questionId, kind: 'regular',
    content: renderEmail({
      type: 'client-question', ...people(engagement), text: question.text, askedAt: question.askedAt,
      respondBy: respondBy(question.responseTimeHours, question.askedAt),
      engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}

/** The manager gets what the client wrote in "anything else you want to tell us". */
export async function forwardClientNote(deps: ManagerMessageDeps, engagement: Engagement, note: { ref: string; text: string; page: string }): Promise<void> {
  await deps.mailer.sendOnce({
    ...toManager(engagement), purpose: 'client-note', sequence: note.ref, ref: note.ref, kind: 'regular',
    content: renderEmail({
      type: 'client-note', ...people(engagement), text: note.text, page: note.page, engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}

/** The client gets the manager's answer to their question. */
export async function sendQuestionAnswer(deps: MessageDeps, engagement: Engagement, answer: { questionId: string; question: string; text: string }): Promise<void> {
  await deps.mailer.sendOnce({
    ...toClient(engagement), purpose: 'question-answer', sequence: answer.questionId, ref: answer.questionId, kind: 'regular',
    content: renderEmail({
      type: 'question-answer', ...people(engagement), question: answer.question, answer: answer.text,
      statusLink: await statusLink(deps, engagement.id),
    }, engagement.locale),
  });
}

/**
 * An incident, urgent for this client: by email at once when that is their emergency channel;
 * otherwise the manager gets the task to call, message or meet them now, and records it.
 */
export async function announceIncident(deps: MessageDeps, engagement: Engagement, incident: { incidentId: string; summary: string }, channel: Channel): Promise<void> {
  if (channel === 'email') {
    await deps.mailer.sendOnce({
      ...toClient(engagement), purpose: 'incident', sequence: incident.incidentId, ref: incident.incidentId, kind: 'emergency',
      content: renderEmail({
        type: 'incident', ...people(engagement), summary: incident.summary, statusLink: await statusLink(deps, engagement.id),
      }, engagement.locale),
    });
    return;
  }
  const ref = incidentTaskRef(incident.incidentId);
  await deps.mailer.sendOnce({
    ...toManager(engagement), purpose: 'manager-task', sequence: ref, ref, kind: 'emergency',
    content: renderEmail({
      type: 'incident-task', ...people(engagement), channel, summary: incident.summary, engagementUrl: managerEngagementUrl(deps, engagement.id),
    }, engagement.locale),
  });
}

/** Sends one message the log still owes (the engagement workflow's step). */
export async function sendOwedMessage(deps: MessageDeps, context: {
  engagement: Engagement; expectations: Expectations; events: readonly EngagementEvent[];
}, message: OwedMessage): Promise<void> {
  const { engagement, expectations, events } = context;
  const event = events.find((e) => e.id === message.eventId);
  if (!event) throw new NotFound(`event ${message.eventId} of ${engagement.id}`);
  switch (event.type) {
    case 'outcome-rejected':
      return alertRejection(deps, engagement, { ref: message.ref, answer: event.reason, milestoneId: event.milestoneId, text: event.text });
    case 'email-outcome':
      return alertNotReceived(deps, engagement, message.ref);
    case 'client-question':
      return tellManagerOfQuestion(deps, engagement, {
        questionId: event.questionId, text: event.text, askedAt: event.at, responseTimeHours: expectations.pace.responseTimeHours,
      });
    case 'client-note':
      return forwardClientNote(deps, engagement, { ref: message.ref, text: event.text, page: event.page });
    case 'question-answered': {
      const question = events.find((e) => e.type === 'client-question' && e.questionId === event.questionId);
      if (question?.type !== 'client-question' || !event.text) throw new NotFound(`question ${event.questionId} of ${engagement.id}`);
      return sendQuestionAnswer(deps, engagement, { questionId: event.questionId, question: question.text, text: event.text });
    }
    case 'incident-opened':
      return announceIncident(deps, engagement, { incidentId: event.incidentId, summary: event.summary }, expectations.channels.emergency);
    default:
      throw new NotFound(`a message owed for event ${message.eventId} (${event.type})`);
  }
}
