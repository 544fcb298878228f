/**
 * The client's routes over real HTTP on the local stack: signed links open the right page and
 * nothing else, GET never acts, bad answers come back as the form with the problems named and
 * nothing stored, and whatever the client typed is shown escaped.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import { clientLink } from '../../functions/deps.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, postForm, waitFor } from '../support/stack.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startLocalStack(); });
afterAll(() => stack?.stop());

const XSS = '<script>alert(1)</script>';

async function newEngagement(locale: 'en' | 'ru' = 'en', email = `client-${randomUUID().slice(0, 8)}@example.com`) {
  const alice = DEV_PEOPLE.alice;
  const { engagement } = await createEngagement(stack.deps, {
    title: `Relaunch ${XSS}`,
    client: { name: `Maria ${XSS}`, email },
    locale,
    milestones: [{ title: 'Launch', due: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  const link = clientLink(stack.deps, kickoffRequestId(engagement.id, 0), new Date(Date.now() + 86_400_000));
  return { engagement, link, email };
}

describe('opening a link', () => {
  it('shows the kickoff form in the engagement\'s language, with the headers that protect it', async () => {
    const { link } = await newEngagement('ru');
    const response = await fetch(link);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="ru"');
    expect(html).toContain('name="process.involvement"');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('lets the client switch language', async () => {
    const { link } = await newEngagement('en');
    expect(await (await fetch(`${link}?lang=ru`)).text()).toContain('<html lang="ru"');
  });

  it('escapes the names a manager typed', async () => {
    const { link } = await newEngagement();
    const html = await (await fetch(link)).text();
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('answers 403 to a tampered link and 410 to an expired one, each with a page that says what to do', async () => {
    const { engagement, link } = await newEngagement();
    const tampered = await fetch(`${link.slice(0, -3)}abc`);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain('<h1>');
    const expired = clientLink(stack.deps, kickoffRequestId(engagement.id, 0), new Date(Date.now() - 1000));
    const response = await fetch(expired);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('<h1>');
  });

  it('answers 404 to a validly signed link for a request that does not exist', async () => {
    const link = clientLink(stack.deps, kickoffRequestId(randomUUID(), 0), new Date(Date.now() + 60_000));
    expect((await fetch(link)).status).toBe(404);
  });

  it.each(['/c/', '/c/..%2F..%2Fetc%2Fpasswd', '/c/%00', `/c/${'a'.repeat(3000)}`])('never fails on %s', async (path) => {
    const response = await fetch(`${stack.appUrl}${path}`);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('answering', () => {
  it('shows the form again with every problem beside its field, keeps what was typed, and stores nothing', async () => {
    const { engagement, link } = await newEngagement();
    const response = await postForm(link, validKickoffForm({
      'pace.updateCadenceDays': 'soon',
      'process.workingHours.start': '18:00',
      'process.workingHours.end': '09:00',
      'process.workingHours.timeZone': 'Mars/Olympus',
      'outcome.businessResult': XSS,
    }));
    const html = await response.text();
    expect(response.status).toBe(400);
    for (const field of ['pace.updateCadenceDays', 'process.workingHours.end', 'process.workingHours.timeZone']) {
      expect(html).toMatch(new RegExp(`name="${field.replaceAll('.', '\\.')}"[^>]*aria-invalid="true"`));
    }
    expect(html).not.toContain(XSS);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(await stack.deps.store.getEngagement(engagement.id)).toMatchObject({ expectationsVersion: 0 });
    expect(await stack.deps.store.latestKickoffAnswer(engagement.id)).toBeUndefined();
  });

  it('accepts a good answer once; a second submit is "already received" and changes nothing', async () => {
    const { engagement, link } = await newEngagement();
    expect((await postForm(link, validKickoffForm())).status).toBe(200);
    const again = await postForm(link, validKickoffForm({ 'pace.updateCadenceDays': '3' }));
    expect(again.status).toBe(409);
    expect((await stack.deps.store.latestKickoffAnswer(engagement.id))?.expectations.pace.updateCadenceDays).toBe(7);
    const reopened = await fetch(link);
    expect(reopened.status).toBe(200);
    expect(await reopened.text()).not.toContain('name="process.involvement"');
  });

  it('does nothing on GET, however often the link is opened', async () => {
    const { engagement, link } = await newEngagement();
    await Promise.all([fetch(link), fetch(link), fetch(link)]);
    expect(await stack.deps.store.getEngagement(engagement.id)).toMatchObject({ expectationsVersion: 0, status: 'awaiting-kickoff' });
  });

  it('answers 400 to a form that is not a form', async () => {
    const { link } = await newEngagement();
    const response = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(validKickoffForm()) });
    expect(response.status).toBe(400);
  });
});

describe('never ask twice', () => {
  it('prefills a new engagement\'s form with what the same contact answered before', async () => {
    const email = `returning-${randomUUID().slice(0, 8)}@example.com`;
    const first = await newEngagement('en', email);
    await postForm(first.link, validKickoffForm({ 'outcome.successSignal': 'Orders double by spring' }));
    const second = await newEngagement('en', email);
    const html = await (await fetch(second.link)).text();
    expect(html).toContain('Orders double by spring');
  });
});

describe('anything else you want to tell us', () => {
  it('keeps a note and sends it to the manager, escaped', async () => {
    const { engagement, link } = await newEngagement();
    const response = await postForm(`${link}/note`, { note: `Call me on Friday ${XSS}` });
    expect(response.status).toBe(200);
    const events = await stack.deps.store.listEvents(engagement.id);
    expect(events.find((e) => e.type === 'client-note')).toMatchObject({ text: `Call me on Friday ${XSS}` });
    const forwarded = await waitFor('the note, forwarded to the manager', async () =>
      (await emailsTo(stack, DEV_PEOPLE.alice.email)).find((e) => e.body.text?.includes(engagement.id)));
    expect(forwarded.body.text).toContain('Call me on Friday');
    expect(forwarded.body.html).not.toContain(XSS);
    expect(forwarded.body.html).toContain('&lt;script&gt;');
  });

  it.each([['an empty note', ''], ['a note that is too long', 'x'.repeat(5001)]])('shows %s again with the reason, and keeps nothing', async (_, note) => {
    const { engagement, link } = await newEngagement();
    const response = await postForm(`${link}/note`, { note });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/aria-invalid="true"/);
    expect((await stack.deps.store.listEvents(engagement.id)).some((e) => e.type === 'client-note')).toBe(false);
  });
});
