/**
 * The engagements the hostile requests are aimed at, in lanes: the requests of one batch run
 * side by side, one per lane, and a lane's engagements are touched by its request only, so
 * whatever the table or the inbox shows afterwards can be traced to the request that caused it.
 *
 * Each lane, managed by Alice, holds an engagement still waiting for its kickoff answers (its
 * kickoff link), and one whose client has answered, with a link for every other purpose: the
 * correction form, the status page, a delivery to confirm, the retrospective survey, a decision
 * on a request beyond the contract for the client to choose, a moved due date to acknowledge;
 * a client question for the manager to answer, a request in the register to decide, and a
 * stored drift report. All of it is made with the product's own use cases, through the real
 * workflow where there is one, and the lane is ready once everything those started has settled.
 * Boris manages one more engagement: the "someone else's engagement" of every lane.
 */
import { randomUUID } from 'node:crypto';
import {
  confirmRequestId, kickoffRequestId, scopeAnswerRequestId, shiftAcknowledgementRequestId, statusRequestId, surveyRequestId, type RequestPurpose,
} from '../../functions/domain/client-request.js';
import type { Engagement } from '../../functions/domain/engagement.js';
import { parseKickoffForm } from '../../functions/domain/kickoff.js';
import { clientLink } from '../../functions/deps.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { recordDeadlineShift } from '../../functions/use-cases/deadline-shifts.js';
import { askQuestion } from '../../functions/use-cases/questions-and-incidents.js';
import { statusLink } from '../../functions/use-cases/status-link.js';
import { refreshDriftSnapshot } from '../../functions/use-cases/refresh-drift.js';
import { decideScopeRequest, recordScopeRequest } from '../../functions/use-cases/scope-register.js';
import { submitKickoffAnswer } from '../../functions/use-cases/submit-kickoff-answer.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import type { LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { waitFor } from '../support/stack.js';

const DAY = 86_400_000;

/** A link's token: what follows `/c/`. */
export type Token = string;

export interface Lane {
  index: number;
  /** Awaiting the client's first kickoff answers. */
  open: { engagement: Engagement; kickoff: Token };
  /** Kickoff answered; every other client purpose has a link here. */
  answered: {
    engagement: Engagement;
    links: Record<Exclude<RequestPurpose, 'kickoff'> | 'correction', Token>;
    /** The request behind each link, for links forged from it. */
    requests: Record<Exclude<RequestPurpose, 'kickoff'> | 'correction', { id: string; purpose: RequestPurpose }>;
    questionId: string;
    scopeRequestId: string;
  };
  /** Every engagement id of the lane, and its clients' addresses. */
  engagementIds: string[];
  clientEmails: string[];
}

const tokenOf = (url: string): Token => new URL(url).pathname.slice('/c/'.length);

/** A workflow waits on a request once it has stored its task token there (after sending the email that asks). */
const waitForTaskToken = (stack: LocalStack, requestId: string) =>
  waitFor(`the workflow to wait on ${requestId}`, async () => ((await stack.deps.store.getRequest(requestId))?.taskToken ? true : undefined), 60_000);
const day = (from: Date, n: number) => new Date(from.getTime() + n * DAY).toISOString().slice(0, 10);

function asManager(person: 'alice' | 'boris') {
  const who = DEV_PEOPLE[person];
  return { id: who.sub, email: who.email, name: who.name };
}

async function newEngagement(stack: LocalStack, manager: 'alice' | 'boris', label: string) {
  const now = stack.clock.now();
  const clientEmail = `${label}-${randomUUID().slice(0, 8)}@example.com`;
  const { engagement } = await createEngagement(stack.deps, {
    title: `Relaunch ${label}`,
    client: { name: `Maria ${label}`, email: clientEmail },
    locale: 'en',
    milestones: [{ title: 'Design', due: day(now, 20) }, { title: 'Build', due: day(now, 40) }, { title: 'Launch', due: day(now, 60) }],
  }, asManager(manager));
  // The kickoff workflow has sent the invitation and waits for the answers.
  await waitForTaskToken(stack, kickoffRequestId(engagement.id, 0));
  return { engagement, clientEmail };
}

async function answeredEngagement(stack: LocalStack, label: string) {
  const { deps } = stack;
  const { engagement, clientEmail } = await newEngagement(stack, 'alice', label);
  const request = await deps.store.getRequest(kickoffRequestId(engagement.id, 0));
  if (!request) throw new Error('no kickoff request');
  await submitKickoffAnswer(deps, { request, engagement, expectations: parseKickoffForm(validKickoffForm()).expectations });
  // The workflow has sent "what we heard" and waits for corrections.
  await waitForTaskToken(stack, kickoffRequestId(engagement.id, 1));

  const now = deps.clock.now();
  const current = await deps.store.requireEngagement(engagement.id);
  const expires = new Date(now.getTime() + 30 * DAY);
  const correction = tokenOf(clientLink(deps, kickoffRequestId(engagement.id, 1), expires));

  await deps.store.appendEvent({ type: 'milestone-delivered', engagementId: engagement.id, milestoneId: 'm1', summary: 'The first designs' }, now);
  const confirmId = confirmRequestId(engagement.id, 'm1', 1);
  await deps.store.ensureRequest({
    id: confirmId, engagementId: engagement.id, purpose: 'confirm', round: 0, status: 'open', createdAt: now.toISOString(), milestoneId: 'm1', delivery: 1,
  }, now);
  const surveyId = surveyRequestId(engagement.id);
  await deps.store.ensureRequest({ id: surveyId, engagementId: engagement.id, purpose: 'survey', round: 0, status: 'open', createdAt: now.toISOString() }, now);

  const { scopeRequestId } = await recordScopeRequest(deps, current, {
    summary: 'A second banner size', effortHours: 10, askedBy: 'Maria', askedAt: now, ofDeclinedKind: false,
  }, DEV_PEOPLE.alice.sub);
  // Larger than the bonus the client allows, so the client chooses: extra pay or "Build" a week later.
  await decideScopeRequest(deps, current, scopeRequestId, { price: '€400', shift: { milestoneId: 'm2', days: 7 } }, DEV_PEOPLE.alice.sub);
  const { shiftId } = await recordDeadlineShift(deps, current, { milestoneId: 'm3', newDue: day(now, 75), reason: 'Photos arrive late' }, DEV_PEOPLE.alice.sub);
  await askQuestion(deps, current, 'When is the next call?');
  const question = (await deps.store.listEvents(engagement.id)).find((e) => e.type === 'client-question');
  const scopeId = scopeAnswerRequestId(engagement.id, scopeRequestId);
  const shiftRequestId = shiftAcknowledgementRequestId(engagement.id, shiftId);
  const status = tokenOf(await statusLink(deps, engagement.id));
  await refreshDriftSnapshot(deps, engagement.id);

  return {
    engagement: current,
    clientEmail,
    questionId: question?.type === 'client-question' ? question.questionId : '',
    scopeRequestId,
    links: {
      correction,
      status,
      confirm: tokenOf(clientLink(deps, confirmId, expires, 'confirm')),
      survey: tokenOf(clientLink(deps, surveyId, expires, 'survey')),
      scope: tokenOf(clientLink(deps, scopeId, expires, 'scope')),
      shift: tokenOf(clientLink(deps, shiftRequestId, expires, 'shift')),
    },
    requests: {
      correction: { id: kickoffRequestId(engagement.id, 1), purpose: 'kickoff' as const },
      status: { id: statusRequestId(engagement.id), purpose: 'status' as const },
      confirm: { id: confirmId, purpose: 'confirm' as const },
      survey: { id: surveyId, purpose: 'survey' as const },
      scope: { id: scopeId, purpose: 'scope' as const },
      shift: { id: shiftRequestId, purpose: 'shift' as const },
    },
  };
}

export async function openLane(stack: LocalStack, index: number): Promise<Lane> {
  const [open, answered] = await Promise.all([newEngagement(stack, 'alice', `lane${index}-open`), answeredEngagement(stack, `lane${index}-answered`)]);
  await refreshDriftSnapshot(stack.deps, open.engagement.id);
  const kickoff = tokenOf(clientLink(stack.deps, kickoffRequestId(open.engagement.id, 0), new Date(stack.clock.now().getTime() + 30 * DAY)));
  return {
    index,
    open: { engagement: open.engagement, kickoff },
    answered: { engagement: answered.engagement, links: answered.links, requests: answered.requests, questionId: answered.questionId, scopeRequestId: answered.scopeRequestId },
    engagementIds: [open.engagement.id, answered.engagement.id],
    clientEmails: [open.clientEmail, answered.clientEmail],
  };
}

/** Boris's engagement: someone else's, for every lane. */
export async function foreignEngagement(stack: LocalStack): Promise<Engagement> {
  const { engagement } = await newEngagement(stack, 'boris', 'foreign');
  await refreshDriftSnapshot(stack.deps, engagement.id);
  return engagement;
}
