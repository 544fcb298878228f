/**
 * Questions and incidents over real HTTP on the local stack: the client asks from their status
 * page, the manager is told by when an answer is expected, answers once from their page, and
 * the client gets the answer; an incident reaches the client on their emergency channel.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { statusLink } from '../../functions/use-cases/status-link.js';
import { submitKickoffAnswer } from '../../functions/use-cases/submit-kickoff-answer.js';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import { parseKickoffForm } from '../../functions/domain/kickoff.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, postForm, waitFor } from '../support/stack.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startLocalStack(); });
afterAll(() => stack?.stop());

const alice = DEV_PEOPLE.alice;
const XSS = '<script>alert(1)</script>';

async function answeredEngagement(emergency: 'email' | 'phone') {
  const clientEmail = `talk-${randomUUID().slice(0, 8)}@example.com`;
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Relaunch', client: { name: 'Maria', email: clientEmail }, locale: 'en',
    milestones: [{ title: 'Design', due: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  const request = await stack.deps.store.getRequest(kickoffRequestId(engagement.id, 0));
  const { expectations } = parseKickoffForm(validKickoffForm({ 'channels.emergency': emergency, 'pace.responseTimeHours': '4' }));
  await submitKickoffAnswer(stack.deps, { request: request!, engagement, expectations });
  return { engagement: (await stack.deps.store.requireEngagement(engagement.id)), clientEmail };
}

const api = (path: string, body: unknown) => fetch(`${stack.appUrl}${path}`, {
  method: 'POST', body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor('alice')}` },
});

describe('client questions', () => {
  it('are asked from the status page, told to the manager with a deadline, answered once, and the answer reaches the client', async () => {
    const { engagement, clientEmail } = await answeredEngagement('email');
    const link = await statusLink(stack.deps, engagement.id);
    expect((await fetch(link)).status).toBe(200);

    const asked = await postForm(`${link}/questions`, { question: `When is the next call? ${XSS}` });
    expect(asked.status).toBe(200);
    const toManager = await waitFor('the question to the manager', async () =>
      (await emailsTo(stack, alice.email)).find((e) => e.body.text?.includes('When is the next call?') && e.body.text.includes(engagement.id)));
    expect(toManager.body.html).not.toContain(XSS);

    const question = (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'client-question');
    const questionId = question?.type === 'client-question' ? question.questionId : '';
    const page = await fetch(`${stack.appUrl}/manager/engagements/${engagement.id}`, { headers: { cookie: `session=${stack.identity.tokenFor('alice')}` } });
    expect(await page.text()).toContain(`/questions/${questionId}/answer`);

    expect((await api(`/api/engagements/${engagement.id}/questions/${questionId}/answer`, { answer: 'Thursday at 10:00' })).status).toBe(201);
    expect((await api(`/api/engagements/${engagement.id}/questions/${questionId}/answer`, { answer: 'Friday instead' })).status).toBe(201);
    const answers = await waitFor('the answer to the client', async () => {
      const found = (await emailsTo(stack, clientEmail)).filter((e) => e.body.text?.includes('Thursday at 10:00'));
      return found.length > 0 ? found : undefined;
    });
    expect(answers).toHaveLength(1);
    expect((await emailsTo(stack, clientEmail)).some((e) => e.body.text?.includes('Friday instead'))).toBe(false);
    const answered = (await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'question-answered');
    expect(answered).toHaveLength(1);
  });

  it('refuses an empty question with the reason beside the field, and stores nothing', async () => {
    const { engagement } = await answeredEngagement('email');
    const response = await postForm(`${await statusLink(stack.deps, engagement.id)}/questions`, { question: '   ' });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/name="question"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="question"/);
    expect((await stack.deps.store.listEvents(engagement.id)).some((e) => e.type === 'client-question')).toBe(false);
  });

  it('answers 404 to an answer for a question that does not exist', async () => {
    const { engagement } = await answeredEngagement('email');
    expect((await api(`/api/engagements/${engagement.id}/questions/nope/answer`, { answer: 'x' })).status).toBe(404);
  });
});

describe('incidents', () => {
  it('reach the client by email at once when email is their emergency channel', async () => {
    const { engagement, clientEmail } = await answeredEngagement('email');
    expect((await api(`/api/engagements/${engagement.id}/incidents`, { summary: 'The shop is down since 14:00' })).status).toBe(201);
    const email = await waitFor('the incident email', async () =>
      (await emailsTo(stack, clientEmail)).find((e) => e.body.text?.includes('The shop is down since 14:00')));
    expect(email).toBeDefined();
    const sent = (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'email-sent' && e.purpose === 'incident');
    expect(sent).toMatchObject({ kind: 'emergency', recipient: 'client' });
  });

  it('give the manager the task to call when the client chose the phone for emergencies', async () => {
    const { engagement, clientEmail } = await answeredEngagement('phone');
    await api(`/api/engagements/${engagement.id}/incidents`, { summary: 'Payment provider outage' });
    const task = await waitFor('the manager task', async () =>
      (await emailsTo(stack, alice.email)).find((e) => e.body.text?.includes('Payment provider outage') && e.body.text.includes(engagement.id)));
    expect(task).toBeDefined();
    expect((await emailsTo(stack, clientEmail)).some((e) => e.body.text?.includes('Payment provider outage'))).toBe(false);
  });

  it('answers 400 naming the field to an incident without a summary', async () => {
    const { engagement } = await answeredEngagement('email');
    const response = await api(`/api/engagements/${engagement.id}/incidents`, {});
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: Array<{ field: string }> }).issues[0]?.field).toBe('summary');
  });
});

describe('contacts and deliveries recorded by the manager', () => {
  const cookie = () => ({ cookie: `session=${stack.identity.tokenFor('alice')}`, origin: stack.appUrl });

  it('records a phone call from the page, in the client\'s time zone, as an informational contact', async () => {
    const { engagement } = await answeredEngagement('email');
    const response = await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/touchpoints`, {
      kind: 'informational', channel: 'phone', at: '2026-01-15T10:30', summary: 'Walked through the wireframes',
    }, cookie());
    expect(response.status).toBe(303);
    const recorded = (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'touchpoint-recorded');
    // validKickoffForm's client works in Europe/Berlin: 10:30 there in January is 09:30 UTC.
    expect(recorded).toMatchObject({ kind: 'informational', channel: 'phone', at: '2026-01-15T09:30:00.000Z', by: alice.sub, byName: alice.name });
    const page = await (await fetch(`${stack.appUrl}/manager/engagements/${engagement.id}`, { headers: cookie() })).text();
    expect(page).toContain(alice.name);
    expect(page).not.toContain(alice.sub);
  });

  it.each([
    ['a contact in the future', { kind: 'informational', channel: 'phone', at: '2099-01-01T10:00', summary: 'x' }, 'at'],
    ['an unknown channel', { kind: 'informational', channel: 'pigeon', at: '2026-01-15T10:30', summary: 'x' }, 'channel'],
    ['no summary', { kind: 'regular', channel: 'chat', at: '2026-01-15T10:30', summary: '' }, 'summary'],
  ])('shows the page again with the problem beside the field for %s, and stores nothing', async (_, form, field) => {
    const { engagement } = await answeredEngagement('email');
    const response = await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/touchpoints`, form, cookie());
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`));
    expect((await stack.deps.store.listEvents(engagement.id)).some((e) => e.type === 'touchpoint-recorded')).toBe(false);
  });

  it('records a delivery from the page and refuses one for a milestone of another engagement', async () => {
    const { engagement } = await answeredEngagement('email');
    const ok = await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary: 'Wireframes v1' }, cookie());
    expect(ok.status).toBe(303);
    const refused = await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/deliveries`, { milestoneId: 'm9', summary: 'Nope' }, cookie());
    expect(refused.status).toBe(400);
    const delivered = (await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'milestone-delivered');
    expect(delivered).toEqual([expect.objectContaining({ milestoneId: 'm1', summary: 'Wireframes v1' })]);
  });

  it('does not let another manager record anything on the engagement', async () => {
    const { engagement } = await answeredEngagement('email');
    const response = await fetch(`${stack.appUrl}/api/engagements/${engagement.id}/deliveries`, {
      method: 'POST', body: JSON.stringify({ milestoneId: 'm1', summary: 'x' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor('boris')}` },
    });
    expect(response.status).toBe(404);
    expect((await stack.deps.store.listEvents(engagement.id)).some((e) => e.type === 'milestone-delivered')).toBe(false);
  });
});
