/**
 * The scope register and moved due dates over real HTTP on the local stack: the manager's page
 * and API (record, decide, move a due date), bad input answered 400 naming the field with
 * nothing stored or sent, unknown or foreign requests 404, a different second decision 409; the
 * client's links (GET never acts, tampered 403, expired 410, a double click answered once); the
 * client's own register on their status page; and whatever people typed, escaped everywhere.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickoffRequestId, scopeAnswerRequestId } from '../../functions/domain/client-request.js';
import type { Locale } from '../../functions/domain/engagement.js';
import { parseKickoffForm } from '../../functions/domain/kickoff.js';
import { clientLink } from '../../functions/deps.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { statusLink } from '../../functions/use-cases/status-link.js';
import { submitKickoffAnswer } from '../../functions/use-cases/submit-kickoff-answer.js';
import { DEV_PEOPLE, type DevPerson } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, postForm, waitFor } from '../support/stack.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startLocalStack(); });
afterAll(() => stack?.stop());

const alice = DEV_PEOPLE.alice;
const XSS = '<script>alert(1)</script>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const DAY = 86_400_000;
const day = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

/** An engagement whose client answered the kickoff: bonus up to 4 h, larger requests: the client chooses; "Print design" always declined. */
async function answeredEngagement(locale: Locale = 'en', answers: Record<string, string> = {}) {
  const clientEmail = `register-${randomUUID().slice(0, 8)}@example.com`;
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Relaunch', client: { name: 'Maria', email: clientEmail }, locale,
    milestones: [{ title: 'Design', due: day(20) }, { title: 'Launch', due: day(40) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  const request = await stack.deps.store.getRequest(kickoffRequestId(engagement.id, 0));
  const { expectations } = parseKickoffForm(validKickoffForm(answers));
  await submitKickoffAnswer(stack.deps, { request: request!, engagement, expectations });
  return { engagement: await stack.deps.store.requireEngagement(engagement.id), clientEmail };
}

const api = (path: string, body: unknown, as: DevPerson = 'alice', headers: Record<string, string> = {}) => fetch(`${stack.appUrl}${path}`, {
  method: 'POST', body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor(as)}`, ...headers },
});
const cookie = () => ({ cookie: `session=${stack.identity.tokenFor('alice')}`, origin: stack.appUrl });
const page = async (engagementId: string) =>
  (await fetch(`${stack.appUrl}/manager/engagements/${engagementId}`, { headers: { cookie: `session=${stack.identity.tokenFor('alice')}` } })).text();
const eventsOf = (id: string) => stack.deps.store.listEvents(id);
const issuesOf = async (response: Response) => ((await response.json()) as { issues?: Array<{ field: string; message: string }> }).issues ?? [];

async function recordRequest(engagementId: string, fields: Record<string, unknown> = {}): Promise<string> {
  const response = await api(`/api/engagements/${engagementId}/scope-requests`, { summary: 'A second banner size', effortHours: 10, askedBy: 'Maria', ...fields });
  expect(response.status).toBe(201);
  return ((await response.json()) as { scopeRequestId: string }).scopeRequestId;
}

/** A request decided as the client's choice (extra pay €400, or "Design" a week later), and its announcement. */
async function choiceAnnounced(engagementId: string, clientEmail: string) {
  const id = await recordRequest(engagementId);
  expect((await api(`/api/engagements/${engagementId}/scope-requests/${id}/decision`, { price: '€400', milestoneId: 'm1', shiftDays: 7 })).status).toBe(201);
  const announcement = await waitFor('the announcement', async () => (await emailsTo(stack, clientEmail)).find((e) => /please choose/.test(e.subject)));
  return { id, link: linkIn(announcement) };
}

describe('the register on the manager\'s page', () => {
  it('shows the client\'s rule, records a request from the form once however often it is posted, and proposes what the rule gives', async () => {
    const { engagement } = await answeredEngagement();
    const before = await page(engagement.id);
    expect(before).toContain('Requests beyond the contract');
    expect(before).toContain('Print design');
    expect(before).toContain(`action="/manager/engagements/${engagement.id}/scope-requests"`);

    // The next minute on the client's clock (Europe/Berlin): after the engagement started, within the five minutes' slack for clocks.
    const askedAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    const at = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' }).format(askedAt).replace(' ', 'T');
    const form = { summary: `Banner ${XSS}`, effortHours: '3,5', askedBy: 'Maria', at, requestKey: `key-${randomUUID()}` };
    expect((await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/scope-requests`, form, cookie())).status).toBe(303);
    expect((await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/scope-requests`, form, cookie())).status).toBe(303);
    const recorded = (await eventsOf(engagement.id)).filter((e) => e.type === 'scope-request-recorded');
    // "3,5" is three and a half hours; the time is read in the client's zone.
    expect(recorded).toEqual([expect.objectContaining({ effortHours: 3.5, askedBy: 'Maria', at: askedAt.toISOString(), by: alice.sub })]);

    const after = await page(engagement.id);
    expect(after).toContain(`Banner ${ESCAPED}`);
    expect(after).not.toContain(XSS);
    expect(after).toContain('The rule proposes: a bonus');
  });

  it('decides from the page as the rule proposes, and tells the client at once in their language, escaped', async () => {
    const { engagement, clientEmail } = await answeredEngagement('ru');
    const id = await recordRequest(engagement.id, { summary: `Ещё один баннер ${XSS}`, effortHours: 2 });
    const response = await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/scope-requests/${id}/decision`, { scopeRequestId: id, decision: 'bonus' }, cookie());
    expect(response.status).toBe(303);
    const announcement = await waitFor('the announcement', async () => (await emailsTo(stack, clientEmail)).find((e) => e.subject.includes('бонус')));
    expect(announcement.body.html).toContain(ESCAPED);
    expect(announcement.body.html).not.toContain(XSS);
    expect(announcement.body.text).toContain('не новая норма');
    const after = await page(engagement.id);
    expect(after).toContain('Decided: a bonus');
    expect(after).toContain('Announced to the client on');
  });

  it('shows the page again with the problem beside the field when an override has no reason, and stores nothing', async () => {
    const { engagement } = await answeredEngagement();
    const id = await recordRequest(engagement.id, { effortHours: 2 });
    const response = await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/scope-requests/${id}/decision`, { scopeRequestId: id, decision: 'decline' }, cookie());
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/name="overrideReason"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="overrideReason"/);
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'scope-decision-recorded')).toBe(false);
  });
});

describe('recording and deciding through the API', () => {
  it.each([
    ['a negative effort', { effortHours: -1 }, 'effortHours'],
    ['no effort at all', { effortHours: 0 }, 'effortHours'],
    ['an absurd effort', { effortHours: 100_000 }, 'effortHours'],
    ['an effort that is not a number', { effortHours: 'lots' }, 'effortHours'],
    ['no summary', { summary: '' }, 'summary'],
    ['a request asked in the future', { at: '2099-01-01T10:00' }, 'at'],
    ['a request asked before the engagement', { at: '2001-01-01T10:00' }, 'at'],
  ])('answers 400 naming the field to %s, and stores nothing', async (_, fields, field) => {
    const { engagement } = await answeredEngagement();
    const response = await api(`/api/engagements/${engagement.id}/scope-requests`, { summary: 'Banner', effortHours: 2, askedBy: 'Maria', ...fields });
    expect(response.status).toBe(400);
    expect((await issuesOf(response)).map((i) => i.field)).toContain(field);
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'scope-request-recorded')).toBe(false);
  });

  it('refuses a request "of a kind always declined" when the client named none', async () => {
    const { engagement } = await answeredEngagement('en', { 'scope.alwaysDeclined': '' });
    const response = await api(`/api/engagements/${engagement.id}/scope-requests`, { summary: 'Print', effortHours: 1, askedBy: 'Maria', ofDeclinedKind: true });
    expect(response.status).toBe(400);
    expect((await issuesOf(response))[0]?.field).toBe('ofDeclinedKind');
  });

  it.each([
    ['an override without a reason', { decision: 'bonus' }, 'overrideReason'],
    ['a reason while following the rule', { overrideReason: 'Because', price: '€400', milestoneId: 'm1', shiftDays: 7 }, 'overrideReason'],
    ['extra pay without a price', { decision: 'extra-pay', overrideReason: 'They asked for a quote' }, 'price'],
    ['a later date in the past', { price: '€400', milestoneId: 'm1', newDue: day(-1) }, 'newDue'],
    ['a later date that is not later', { price: '€400', milestoneId: 'm1', newDue: day(10) }, 'newDue'],
    ['an absurd later date', { price: '€400', milestoneId: 'm1', newDue: '2099-12-31' }, 'newDue'],
    ['an unknown milestone', { price: '€400', milestoneId: 'm9', shiftDays: 7 }, 'milestoneId'],
    ['both days and a date', { price: '€400', milestoneId: 'm1', shiftDays: 7, newDue: day(30) }, 'shiftDays'],
    ['an unknown decision', { decision: 'maybe' }, 'decision'],
  ])('answers 400 naming the field to %s, and stores and sends nothing', async (_, body, field) => {
    const { engagement, clientEmail } = await answeredEngagement();
    const id = await recordRequest(engagement.id);
    const response = await api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, body);
    expect(response.status).toBe(400);
    expect((await issuesOf(response)).map((i) => i.field)).toContain(field);
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'scope-decision-recorded')).toBe(false);
    expect((await emailsTo(stack, clientEmail)).some((e) => /request/.test(e.subject))).toBe(false);
  });

  it('answers 404 to a decision for an unknown request, one of another engagement, or someone else\'s engagement', async () => {
    const [{ engagement }, other] = await Promise.all([answeredEngagement(), answeredEngagement()]);
    const foreign = await recordRequest(other.engagement.id);
    expect((await api(`/api/engagements/${engagement.id}/scope-requests/abcdef123456/decision`, {})).status).toBe(404);
    expect((await api(`/api/engagements/${engagement.id}/scope-requests/${foreign}/decision`, {})).status).toBe(404);
    expect((await api(`/api/engagements/${other.engagement.id}/scope-requests/${foreign}/decision`, {}, 'boris')).status).toBe(404);
    expect((await eventsOf(other.engagement.id)).some((e) => e.type === 'scope-decision-recorded')).toBe(false);
  });

  it('takes the same decision twice as one (one announcement), and refuses a different one with 409', async () => {
    const { engagement, clientEmail } = await answeredEngagement();
    const id = await recordRequest(engagement.id);
    const body = { price: '€400', milestoneId: 'm1', shiftDays: 7 };
    const [first, second] = await Promise.all([
      api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, body),
      api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, body),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    const different = await api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, { decision: 'decline', overrideReason: 'Changed my mind' });
    expect(different.status).toBe(409);
    expect(((await different.json()) as { message: string }).message).toContain('already decided');
    expect((await eventsOf(engagement.id)).filter((e) => e.type === 'scope-decision-recorded')).toHaveLength(1);
    await waitFor('the announcement', async () => (await emailsTo(stack, clientEmail)).find((e) => /please choose/.test(e.subject)));
    expect((await emailsTo(stack, clientEmail)).filter((e) => /please choose/.test(e.subject))).toHaveLength(1);
  });

  it('records one request per Idempotency-Key, and shows the register as JSON', async () => {
    const { engagement } = await answeredEngagement();
    const key = { 'idempotency-key': `key-${randomUUID()}` };
    const body = { summary: 'Print flyers', effortHours: 1, askedBy: 'Maria', ofDeclinedKind: true };
    expect((await api(`/api/engagements/${engagement.id}/scope-requests`, body, 'alice', key)).status).toBe(201);
    expect((await api(`/api/engagements/${engagement.id}/scope-requests`, body, 'alice', key)).status).toBe(200);
    const response = await fetch(`${stack.appUrl}/api/engagements/${engagement.id}/register`, { headers: { authorization: `Bearer ${stack.identity.tokenFor('alice')}` } });
    const register = (await response.json()) as { rule: { alwaysDeclined: string }; requests: Array<{ summary: string; proposed: string; state: string }> };
    expect(register.rule.alwaysDeclined).toBe('Print design');
    expect(register.requests).toEqual([expect.objectContaining({ summary: 'Print flyers', proposed: 'decline', state: 'undecided' })]);
  });
});

describe('moving a due date', () => {
  it.each([
    ['a date in the past', { newDue: day(-2) }, 'newDue'],
    ['today', { newDue: day(0) }, 'newDue'],
    ['a date not later than the current one', { newDue: day(15) }, 'newDue'],
    ['an absurd date', { newDue: '2199-01-01' }, 'newDue'],
    ['a date that does not exist', { newDue: '2026-02-30' }, 'newDue'],
    ['an unknown milestone', { milestoneId: 'm7' }, 'milestoneId'],
    ['no reason', { reason: ' ' }, 'reason'],
  ])('answers 400 naming the field to %s, and stores and sends nothing', async (_, fields, field) => {
    const { engagement, clientEmail } = await answeredEngagement();
    const response = await api(`/api/engagements/${engagement.id}/deadline-shifts`, { milestoneId: 'm1', newDue: day(30), reason: 'Photos late', ...fields });
    expect(response.status).toBe(400);
    expect((await issuesOf(response)).map((i) => i.field)).toContain(field);
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'deadline-shifted')).toBe(false);
    expect((await emailsTo(stack, clientEmail)).some((e) => /moves to/.test(e.subject))).toBe(false);
  });

  it('refuses to move a milestone already delivered', async () => {
    const { engagement } = await answeredEngagement();
    expect((await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary: 'Wireframes' })).status).toBe(201);
    const response = await api(`/api/engagements/${engagement.id}/deadline-shifts`, { milestoneId: 'm1', newDue: day(30), reason: 'Late' });
    expect(response.status).toBe(400);
    expect(await issuesOf(response)).toEqual([{ field: 'milestoneId', message: 'already delivered' }]);
  });

  it('moves a date from the page once however often it is posted, tells the client once, and both sides see it, escaped', async () => {
    const { engagement, clientEmail } = await answeredEngagement();
    const form = { milestoneId: 'm2', newDue: day(50), reason: `Content late ${XSS}`, requestKey: `key-${randomUUID()}` };
    expect((await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/deadline-shifts`, form, cookie())).status).toBe(303);
    expect((await postForm(`${stack.appUrl}/manager/engagements/${engagement.id}/deadline-shifts`, form, cookie())).status).toBe(303);
    expect((await eventsOf(engagement.id)).filter((e) => e.type === 'deadline-shifted')).toHaveLength(1);
    const notice = await waitFor('the notice', async () => (await emailsTo(stack, clientEmail)).find((e) => /moves to/.test(e.subject)));
    expect(notice.body.html).toContain(ESCAPED);
    expect(notice.body.html).not.toContain(XSS);
    expect((await emailsTo(stack, clientEmail)).filter((e) => /moves to/.test(e.subject))).toHaveLength(1);

    const managerPage = await page(engagement.id);
    expect(managerPage).toContain(`Content late ${ESCAPED}`);
    expect(managerPage).toContain('Waiting for the client’s acknowledgement');
    const status = await (await fetch(await statusLink(stack.deps, engagement.id))).text();
    expect(status).toContain('Moved due dates');
    expect(status).toContain(`Content late ${ESCAPED}`);
    expect(status).not.toContain(XSS);
  });
});

describe('the client\'s links', () => {
  it('show the decision on GET and change nothing; a tampered link is 403 and an expired one 410', async () => {
    const { engagement, clientEmail } = await answeredEngagement();
    const { id, link } = await choiceAnnounced(engagement.id, clientEmail);
    for (let i = 0; i < 2; i += 1) {
      const response = await fetch(link);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('I accept the extra cost');
      expect(html).toContain('I accept the later date');
      expect(html).toContain('I withdraw the request');
    }
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'scope-decision-answered')).toBe(false);
    expect((await fetch(`${link.slice(0, -3)}abc`)).status).toBe(403);
    const expired = clientLink(stack.deps, scopeAnswerRequestId(engagement.id, id), new Date(Date.now() - 1000), 'scope');
    expect((await fetch(expired)).status).toBe(410);
  });

  it('take a double click on "I accept the extra cost" once: one answer, one email to the manager, the second click told so', async () => {
    const { engagement, clientEmail } = await answeredEngagement();
    const { link } = await choiceAnnounced(engagement.id, clientEmail);
    const responses = await Promise.all([postForm(link, { answer: 'extra-pay' }), postForm(link, { answer: 'extra-pay' })]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const answered = (await eventsOf(engagement.id)).filter((e) => e.type === 'scope-decision-answered');
    expect(answered).toEqual([expect.objectContaining({ answer: 'extra-pay' })]);
    await waitFor('the manager to hear of it', async () =>
      (await emailsTo(stack, alice.email)).find((e) => e.body.text?.includes(engagement.id) && e.subject.includes('accepted the extra cost')));
    expect((await eventsOf(engagement.id)).filter((e) => e.type === 'email-sent' && e.purpose === 'scope-answer')).toHaveLength(1);
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'deadline-shifted')).toBe(false);
  });

  it('refuse an answer the decision does not offer, and record nothing', async () => {
    const { engagement, clientEmail } = await answeredEngagement();
    const id = await recordRequest(engagement.id, { effortHours: 1 });
    expect((await api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, {})).status).toBe(201);
    const announcement = await waitFor('the bonus', async () => (await emailsTo(stack, clientEmail)).find((e) => /bonus/.test(e.subject)));
    expect((await postForm(linkIn(announcement), { answer: 'extra-pay' })).status).toBe(400);
    expect((await eventsOf(engagement.id)).some((e) => e.type === 'scope-decision-answered')).toBe(false);
  });

  it('show the client their own register on the status page: what they asked, what was decided, what it costs them, escaped', async () => {
    const { engagement, clientEmail } = await answeredEngagement();
    await recordRequest(engagement.id, { summary: `Undecided ${XSS}`, effortHours: 3 });
    await choiceAnnounced(engagement.id, clientEmail);
    const html = await (await fetch(await statusLink(stack.deps, engagement.id))).text();
    expect(html).toContain('Your requests beyond the contract');
    expect(html).toContain(`Undecided ${ESCAPED}`);
    expect(html).not.toContain(XSS);
    expect(html).toContain('Our decision follows shortly');
    expect(html).toContain('either extra pay of €400, or “Design” moves from');
    expect(html).toMatch(/href="http:\/\/127\.0\.0\.1:\d+\/c\/[^"]+">Answer now</);
  });
});
