/**
 * The engagement workflow's steps: plan (what is due, from the log) and carry out (one email
 * or one record, each at most once). The workflow loops over these two until every milestone
 * is confirmed; see `domain/engagement-plan.ts` for the rules. Notices waiting for the client
 * (scope decisions, moved due dates) are carried out by `client-notices.ts`.
 */
import { confirmRequestId, surveyRequestId } from '../domain/client-request.js';
import { NotFound } from '../domain/errors.js';
import { checkpointResult, planNextStep, type EngagementStep } from '../domain/engagement-plan.js';
import type { Engagement } from '../domain/engagement.js';
import type { EngagementEvent } from '../domain/events.js';
import type { Expectations } from '../domain/expectations.js';
import { deliveryRef, milestoneStatuses } from '../domain/milestones.js';
import { renderEmail } from '../emails/render-email.js';
import { clientLink, managerEngagementUrl, type Deps } from '../deps.js';
import { alertUnansweredNotice, sendNotice } from './client-notices.js';
import { sendOwedMessage } from './owed-messages.js';
import { statusLink } from './status-link.js';

const DAY_MS = 86_400_000;

interface Context {
  engagement: Engagement;
  expectations: Expectations;
  expectationsSince: string;
  events: EngagementEvent[];
}

async function load(deps: Pick<Deps, 'store'>, engagementId: string): Promise<Context> {
  const [engagement, latest, first, events] = await Promise.all([
    deps.store.requireEngagement(engagementId),
    deps.store.latestKickoffAnswer(engagementId),
    deps.store.getKickoffAnswer(engagementId, 1),
    deps.store.listEvents(engagementId),
  ]);
  if (!latest || !first) throw new NotFound(`the expectations of ${engagementId}`);
  return { engagement, expectations: latest.expectations, expectationsSince: first.submittedAt, events };
}

export async function planEngagementStep(deps: Pick<Deps, 'store' | 'clock'>, engagementId: string, executionStartedAt?: string): Promise<EngagementStep> {
  const context = await load(deps, engagementId);
  return planNextStep({ ...context, now: deps.clock.now(), ...(executionStartedAt ? { executionStartedAt } : {}) });
}

export async function carryOutEngagementStep(deps: Omit<Deps, 'sfn'>, engagementId: string, step: EngagementStep): Promise<void> {
  const context = await load(deps, engagementId);
  const { engagement, expectations, events } = context;
  const now = deps.clock.now();
  const managerUrl = managerEngagementUrl(deps, engagementId);
  const statuses = milestoneStatuses(engagement, events);
  const titleOf = (milestoneId: string) => engagement.milestones.find((m) => m.id === milestoneId)?.title ?? milestoneId;
  const timeZone = expectations.process.workingHours.timeZone;
  const toClient = { engagementId, to: engagement.client.email, recipient: 'client' as const };
  const toManager = { engagementId, to: engagement.manager.email, recipient: 'manager' as const, kind: 'regular' as const };

  switch (step.action) {
    case 'send-owed-message':
      await sendOwedMessage(deps, context, step.message);
      return;
    case 'request-confirmation':
    case 'follow-up-confirmation': {
      const status = statuses.find((s) => s.milestone.id === step.milestoneId);
      if (!status?.lastDeliveredAt || status.deliveries !== step.delivery || status.state !== 'awaiting-confirmation') return;
      const windowEndsAt = new Date(Date.parse(status.lastDeliveredAt) + expectations.outcome.confirmationWindowDays * DAY_MS);
      const request = await deps.store.ensureRequest({
        id: confirmRequestId(engagementId, step.milestoneId, step.delivery), engagementId, purpose: 'confirm', round: 0,
        status: 'open', createdAt: now.toISOString(), milestoneId: step.milestoneId, delivery: step.delivery,
      }, now);
      const summary = [...events].reverse().find((e) => e.type === 'milestone-delivered' && e.milestoneId === step.milestoneId);
      const common = {
        clientName: engagement.client.name,
        managerName: engagement.manager.name,
        engagementTitle: engagement.title,
        milestoneTitle: titleOf(step.milestoneId),
        deliverySummary: summary?.type === 'milestone-delivered' ? summary.summary : '',
        // The link outlives the window: a late answer is still an answer.
        link: clientLink(deps, request.id, new Date(windowEndsAt.getTime() + 30 * DAY_MS), 'confirm'),
        windowEndsAt: windowEndsAt.toISOString(),
        timeZone,
        statusLink: await statusLink(deps, engagementId),
      };
      const ref = deliveryRef(step.milestoneId, step.delivery);
      await deps.mailer.sendOnce(step.action === 'request-confirmation'
        ? { ...toClient, purpose: 'confirmation-request', sequence: ref, ref, kind: 'regular', content: renderEmail({ type: 'confirmation-request', ...common }, engagement.locale) }
        : { ...toClient, purpose: 'confirmation-follow-up', sequence: ref, ref, kind: 'regular', content: renderEmail({ type: 'confirmation-follow-up', ...common, followUpNumber: 1 }, engagement.locale) });
      return;
    }
    case 'alert-unconfirmed': {
      const ref = `unconfirmed:${deliveryRef(step.milestoneId, step.delivery)}`;
      await deps.mailer.sendOnce({
        ...toManager, purpose: 'manager-alert', sequence: ref, ref,
        content: renderEmail({
          type: 'manager-alert', managerName: engagement.manager.name, clientName: engagement.client.name,
          engagementTitle: engagement.title, alert: 'unconfirmed', milestoneTitle: titleOf(step.milestoneId), engagementUrl: managerUrl,
        }, engagement.locale),
      });
      return;
    }
    case 'send-notice':
      await sendNotice(deps, engagementId, step.notice, 'notice');
      return;
    case 'remind-notice':
      await sendNotice(deps, engagementId, step.notice, 'reminder');
      return;
    case 'alert-unanswered-notice':
      await alertUnansweredNotice(deps, engagementId, step.notice);
      return;
    case 'checkpoint': {
      const status = statuses.find((s) => s.milestone.id === step.milestoneId);
      // A retry after the record but before the note sends the note of the recorded result.
      const earlier = events.find((e) => e.type === 'checkpoint-recorded' && e.milestoneId === step.milestoneId);
      const result = earlier?.type === 'checkpoint-recorded'
        ? { delivered: earlier.delivered, onTime: earlier.onTime, slipAnnounced: earlier.slipAnnounced, cadenceKept: earlier.cadenceKept, confirmed: earlier.confirmed }
        : checkpointResult({ ...context, now }, step.milestoneId);
      if (!status || !result) return;
      await deps.store.appendEventOnce({ type: 'checkpoint-recorded', engagementId, milestoneId: step.milestoneId, ...result }, `checkpoint#${step.milestoneId}`, now);
      await deps.mailer.sendOnce({
        ...toManager, purpose: 'checkpoint-note', sequence: step.milestoneId, ref: step.milestoneId,
        content: renderEmail({
          type: 'checkpoint-note', managerName: engagement.manager.name, engagementTitle: engagement.title,
          milestoneTitle: titleOf(step.milestoneId), due: status.due, result, engagementUrl: managerUrl,
        }, engagement.locale),
      });
      return;
    }
    case 'status-update': {
      const lastUpdate = [...events].reverse().find((e) => e.type === 'email-sent' && e.purpose === 'status-update')?.at ?? context.expectationsSince;
      const done = statuses.flatMap((s) => [
        ...(s.lastDeliveredAt && s.lastDeliveredAt > lastUpdate ? [{ title: s.milestone.title, at: s.lastDeliveredAt, what: 'delivered' as const }] : []),
        ...(s.confirmedAt && s.confirmedAt > lastUpdate ? [{ title: s.milestone.title, at: s.confirmedAt, what: 'confirmed' as const }] : []),
      ]).sort((a, b) => a.at.localeCompare(b.at));
      const current = statuses.find((s) => s.state === 'in-progress' || s.state === 'reopened');
      await deps.mailer.sendOnce({
        ...toClient, purpose: 'status-update', sequence: step.dueAt, ref: step.dueAt, kind: 'informational',
        content: renderEmail({
          type: 'status-update', clientName: engagement.client.name, managerName: engagement.manager.name, engagementTitle: engagement.title,
          done,
          now: current ? { title: current.milestone.title, due: current.due } : undefined,
          waitingForYou: statuses.flatMap((s) => (s.state === 'awaiting-confirmation' && s.lastDeliveredAt ? [{ title: s.milestone.title, deliveredAt: s.lastDeliveredAt }] : [])),
          nextUpdateBy: new Date(now.getTime() + expectations.pace.updateCadenceDays * DAY_MS).toISOString(),
          nextUpdateChannel: expectations.channels.informational,
          statusLink: await statusLink(deps, engagementId),
          timeZone,
        }, engagement.locale),
      });
      return;
    }
    case 'manager-task':
      await deps.mailer.sendOnce({
        ...toManager, purpose: 'manager-task', sequence: step.dueAt, ref: step.dueAt,
        content: renderEmail({
          type: 'manager-task', managerName: engagement.manager.name, clientName: engagement.client.name,
          engagementTitle: engagement.title, channel: step.channel, dueAt: step.dueAt, engagementUrl: managerUrl,
        }, engagement.locale),
      });
      return;
    case 'close-out': {
      const surveySent = await deps.store.claimSurvey(engagement.client.email, engagementId, now, deps.surveyCooldownDays);
      const survey = surveySent
        ? await deps.store.ensureRequest({ id: surveyRequestId(engagementId), engagementId, purpose: 'survey', round: 0, status: 'open', createdAt: now.toISOString() }, now)
        : undefined;
      const milestones = statuses.map((s) => ({
        title: s.milestone.title, due: s.due,
        ...(s.lastDeliveredAt ? { deliveredAt: s.lastDeliveredAt } : {}),
        ...(s.confirmedAt ? { confirmedAt: s.confirmedAt } : {}),
      }));
      await deps.mailer.sendOnce({
        ...toClient, purpose: 'close-out-report', sequence: 'final', kind: 'informational',
        content: renderEmail({
          type: 'close-out-report', clientName: engagement.client.name, managerName: engagement.manager.name,
          engagementTitle: engagement.title, expectations, milestones, timeZone,
          ...(survey ? { surveyLink: clientLink(deps, survey.id, new Date(now.getTime() + 30 * DAY_MS), 'survey') } : {}),
          statusLink: await statusLink(deps, engagementId),
        }, engagement.locale),
      });
      await deps.mailer.sendOnce({
        ...toManager, purpose: 'close-out-summary', sequence: 'final',
        content: renderEmail({
          type: 'close-out-summary', managerName: engagement.manager.name, clientName: engagement.client.name,
          engagementTitle: engagement.title, milestones, surveySent, engagementUrl: managerUrl,
          checkpoints: events.flatMap((e) => (e.type === 'checkpoint-recorded'
            ? [{ milestoneTitle: titleOf(e.milestoneId), result: { delivered: e.delivered, onTime: e.onTime, slipAnnounced: e.slipAnnounced, cadenceKept: e.cadenceKept, confirmed: e.confirmed } }]
            : [])),
        }, engagement.locale),
      });
      // Closed only once both emails are out: the plan answers `complete` from this event.
      await deps.store.setStatus(engagementId, 'closed', { type: 'engagement-closed', engagementId, surveySent }, now);
      return;
    }
    case 'complete':
    case 'continue-afresh':
    case 'wait':
      return;
  }
}
