/**
 * Workflow step "Send what we heard": sends the client the summary of their latest answer,
 * with a signed link to correct it until the correction window closes. One email per answer
 * version, whatever happens to the step; returns the version so the workflow waits for a
 * correction of exactly that one.
 */
import * as z from 'zod';
import { kickoffRequestId } from '../domain/client-request.js';
import { NotFound } from '../domain/errors.js';
import { renderEmail } from '../emails/render-email.js';
import { clientLink, linkSigner, sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { statusLink } from '../use-cases/status-link.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const inputSchema = z.object({ engagementId: z.string().min(1) });

export const makeSendWhatWeHeard = (deps: Pick<Deps, 'store' | 'clock' | 'mailer' | 'links' | 'publicBaseUrl'>) => async (event: unknown) => {
  const { engagementId } = parseStepInput(inputSchema, event);
  const engagement = await deps.store.requireEngagement(engagementId);
  const answer = await deps.store.latestKickoffAnswer(engagementId);
  if (!answer) throw new NotFound(`a kickoff answer of ${engagementId}`);

  const now = deps.clock.now();
  const correctionDeadline = new Date(now.getTime() + engagement.kickoff.correctionWindowSeconds * 1000);
  const correction = await deps.store.ensureRequest({
    id: kickoffRequestId(engagementId, answer.version),
    engagementId,
    purpose: 'kickoff',
    round: answer.version,
    status: 'open',
    createdAt: now.toISOString(),
  }, now);
  const content = renderEmail({
    type: 'what-we-heard',
    clientName: engagement.client.name,
    managerName: engagement.manager.name,
    engagementTitle: engagement.title,
    expectations: answer.expectations,
    version: answer.version,
    correctionLink: clientLink(deps, correction.id, correctionDeadline),
    correctionDeadline: correctionDeadline.toISOString(),
    statusLink: await statusLink(deps, engagementId),
  }, answer.locale ?? engagement.locale);
  await deps.mailer.sendOnce({
    engagementId,
    purpose: 'what-we-heard',
    sequence: answer.version,
    to: engagement.client.email,
    recipient: 'client',
    kind: 'informational',
    content,
  });
  return { version: answer.version };
};

export const handler = lambdaStep(makeSendWhatWeHeard, async (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps), links: await linkSigner(env) };
});
