/**
 * The manager's routes over real HTTP on the local stack: sign-in is required and checked,
 * each manager sees only their own engagements, and bad input is a 400 that names the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import type { DevPerson } from '../../local/identity.js';
import { postForm } from '../support/stack.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startLocalStack(); });
afterAll(() => stack?.stop());

const inAMonth = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const validBody = () => ({
  title: 'Relaunch <script>alert(1)</script>',
  client: { name: 'Maria', email: 'maria@example.com' },
  locale: 'ru',
  milestones: [{ title: 'Launch', due: inAMonth() }],
});

function api(path: string, as: DevPerson | undefined, init: RequestInit = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
  if (as) headers.authorization = `Bearer ${stack.identity.tokenFor(as)}`;
  return fetch(`${stack.appUrl}${path}`, { ...init, headers });
}

describe('sign-in', () => {
  it.each([
    ['no token', undefined],
    ['a garbage token', 'Bearer nope'],
    ['a token signed by someone else', `Bearer ${forgedToken()}`],
  ])('answers 401 to %s', async (_, authorization) => {
    const response = await fetch(`${stack.appUrl}/api/engagements`, { headers: authorization ? { authorization } : {} });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'Unauthorized' });
  });

  it('answers 401 to an expired token', async () => {
    const response = await fetch(`${stack.appUrl}/api/engagements`, { headers: { authorization: `Bearer ${stack.identity.tokenFor('alice', -60)}` } });
    expect(response.status).toBe(401);
  });

  it('answers 403 to someone signed in without a manager role', async () => {
    expect((await api('/api/engagements', 'nobody')).status).toBe(403);
  });

  it('shows the sign-in page link to a browser without a session', async () => {
    const response = await fetch(`${stack.appUrl}/manager`);
    expect(response.status).toBe(401);
    expect(await response.text()).toContain('/auth/sign-in?next=%2Fmanager');
  });
});

describe('engagements API', () => {
  it('creates an engagement and starts its kickoff', async () => {
    const response = await api('/api/engagements', 'alice', { method: 'POST', body: JSON.stringify(validBody()) });
    expect(response.status).toBe(201);
    const { engagement } = (await response.json()) as { engagement: { id: string; status: string; locale: string } };
    expect(engagement).toMatchObject({ status: 'awaiting-kickoff', locale: 'ru' });
    const read = await api(`/api/engagements/${engagement.id}`, 'alice');
    expect(read.status).toBe(200);
    expect(((await read.json()) as { events: Array<{ type: string }> }).events[0]?.type).toBe('engagement-created');
  });

  it('creates one engagement for one Idempotency-Key, however often it is sent', async () => {
    const key = `key-${Date.now()}`;
    const send = () => api('/api/engagements', 'alice', { method: 'POST', body: JSON.stringify(validBody()), headers: { 'idempotency-key': key } });
    const first = await send();
    const [second, third] = await Promise.all([send(), send()]);
    expect(first.status).toBe(201);
    expect([second.status, third.status]).toEqual([200, 200]);
    const ids = await Promise.all([first, second, third].map(async (r) => ((await r.json()) as { engagement: { id: string } }).engagement.id));
    expect(new Set(ids).size).toBe(1);
    const listed = ((await (await api('/api/engagements', 'alice')).json()) as { engagements: Array<{ id: string }> }).engagements;
    expect(listed.filter((e) => e.id === ids[0])).toHaveLength(1);
  });

  it('answers 400 to an Idempotency-Key it cannot use', async () => {
    const response = await api('/api/engagements', 'alice', { method: 'POST', body: JSON.stringify(validBody()), headers: { 'idempotency-key': 'short' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { issues: Array<{ field: string }> }).issues[0]?.field).toBe('Idempotency-Key');
  });

  it('answers 404, not 500, to an engagement id that cannot exist', async () => {
    expect((await api(`/api/engagements/${'x'.repeat(3000)}`, 'alice')).status).toBe(404);
    expect((await api('/api/engagements/..%2F..%2Fetc', 'alice')).status).toBe(404);
  });

  it('does not take the session cookie on the API (bearer tokens only)', async () => {
    const response = await fetch(`${stack.appUrl}/api/engagements`, { headers: { cookie: `session=${stack.identity.tokenFor('alice')}` } });
    expect(response.status).toBe(401);
  });

  it('hides one manager\'s engagement from another, but not from the head of delivery', async () => {
    const created = await api('/api/engagements', 'alice', { method: 'POST', body: JSON.stringify(validBody()) });
    const { engagement } = (await created.json()) as { engagement: { id: string } };
    expect((await api(`/api/engagements/${engagement.id}`, 'boris')).status).toBe(404);
    expect((await api(`/api/engagements/${engagement.id}`, 'hana')).status).toBe(200);
    const borisList = (await (await api('/api/engagements', 'boris')).json()) as { engagements: Array<{ id: string }> };
    expect(borisList.engagements.map((e) => e.id)).not.toContain(engagement.id);
  });

  it.each([
    ['a body that is not JSON', 'not json', 'body'],
    ['a missing title', JSON.stringify({ ...validBody(), title: undefined }), 'title'],
    ['a wrong-typed client', JSON.stringify({ ...validBody(), client: 'maria' }), 'client'],
    ['a bad email', JSON.stringify({ ...validBody(), client: { name: 'M', email: 'nope' } }), 'client.email'],
    ['a huge title', JSON.stringify({ ...validBody(), title: 'x'.repeat(10_000) }), 'title'],
    ['a milestone in the past', JSON.stringify({ ...validBody(), milestones: [{ title: 'Old', due: '2020-01-01' }] }), 'milestones.0.due'],
    ['no milestones', JSON.stringify({ ...validBody(), milestones: [] }), 'milestones'],
  ])('answers 400 naming the field for %s, and stores nothing', async (_, body, field) => {
    const before = ((await (await api('/api/engagements', 'boris')).json()) as { engagements: unknown[] }).engagements.length;
    const response = await api('/api/engagements', 'boris', { method: 'POST', body });
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { issues: Array<{ field: string; message: string }> };
    expect(answer.issues.map((i) => i.field)).toContain(field);
    const after = ((await (await api('/api/engagements', 'boris')).json()) as { engagements: unknown[] }).engagements.length;
    expect(after).toBe(before);
  });

  it('answers 413 to a body over 64 KiB', async () => {
    const response = await api('/api/engagements', 'alice', { method: 'POST', body: JSON.stringify({ ...validBody(), padding: 'x'.repeat(70_000) }) });
    expect(response.status).toBe(413);
  });
});

describe('manager pages', () => {
  const cookie = (as: DevPerson) => ({ cookie: `session=${stack.identity.tokenFor(as)}`, origin: stack.appUrl });

  it('creates an engagement from the no-JavaScript form and shows it, escaped', async () => {
    const response = await postForm(`${stack.appUrl}/manager/engagements`, {
      title: 'Shop <img src=x onerror=alert(1)>', 'client.name': 'Oleg', 'client.email': 'oleg@example.com', locale: 'en',
      'milestones.0.title': 'Design', 'milestones.0.due': inAMonth(), 'milestones.1.title': '', 'milestones.1.due': '',
    }, cookie('alice'));
    expect(response.status).toBe(303);
    const page = await fetch(`${stack.appUrl}${response.headers.get('location')}`, { headers: cookie('alice') });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Shop &lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img src=x');
  });

  it('creates one engagement when the form is submitted twice', async () => {
    const home = await (await fetch(`${stack.appUrl}/manager`, { headers: cookie('boris') })).text();
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(home)?.[1] as string;
    const form = { requestKey, title: 'Twice', 'client.name': 'Oleg', 'client.email': 'oleg@example.com', 'milestones.0.title': 'Design', 'milestones.0.due': inAMonth() };
    const [a, b] = await Promise.all([postForm(`${stack.appUrl}/manager/engagements`, form, cookie('boris')), postForm(`${stack.appUrl}/manager/engagements`, form, cookie('boris'))]);
    expect(a.status).toBe(303);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    const listed = ((await (await api('/api/engagements', 'boris')).json()) as { engagements: Array<{ title: string }> }).engagements;
    expect(listed.filter((e) => e.title === 'Twice')).toHaveLength(1);
  });

  it('answers 400 to a multipart body it cannot read', async () => {
    const response = await fetch(`${stack.appUrl}/manager/engagements`, {
      method: 'POST', body: '--x\r\nbroken', headers: { ...cookie('alice'), 'content-type': 'multipart/form-data; boundary=nope' },
    });
    expect(response.status).toBe(400);
  });

  it('shows the form again with the errors beside the fields, and the values kept', async () => {
    const response = await postForm(`${stack.appUrl}/manager/engagements`, {
      title: 'Kept title', 'client.name': 'Oleg', 'client.email': 'not-an-email', 'milestones.0.title': 'Design', 'milestones.0.due': inAMonth(),
    }, cookie('alice'));
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Kept title');
    expect(html).toMatch(/<input type="email" id="f-client-email" name="client.email" value="not-an-email"[^>]*aria-invalid="true"/);
  });

  it('refuses a cross-site form post', async () => {
    const response = await postForm(`${stack.appUrl}/manager/engagements`, { title: 'x' }, { ...cookie('alice'), origin: 'https://evil.example' });
    expect(response.status).toBe(403);
  });
});

describe('signing in (authorization code with PKCE)', () => {
  const cookieOf = (response: Response, name: string) =>
    response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';

  async function startSignIn(next: string) {
    const start = await fetch(`${stack.appUrl}/auth/sign-in?next=${encodeURIComponent(next)}`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') as string);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    return { authorize, pending: cookieOf(start, 'sign-in') };
  }

  async function approve(authorize: URL, person: DevPerson) {
    const picker = await fetch(authorize);
    expect(picker.status).toBe(200);
    const approval = await postForm(`${stack.appUrl}/dev/oauth2/authorize`, {
      person,
      state: authorize.searchParams.get('state') as string,
      redirect_uri: authorize.searchParams.get('redirect_uri') as string,
      code_challenge: authorize.searchParams.get('code_challenge') as string,
    });
    return new URL(approval.headers.get('location') as string);
  }

  it('signs a manager in and takes them where they were going', async () => {
    const { authorize, pending } = await startSignIn('/manager/engagements/abc');
    const callback = await approve(authorize, 'alice');
    const done = await fetch(callback, { headers: { cookie: pending }, redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/manager/engagements/abc');
    const session = cookieOf(done, 'session');
    expect(done.headers.getSetCookie().join(';')).toMatch(/session=[^;]+;.*HttpOnly/i);
    const home = await fetch(`${stack.appUrl}/manager`, { headers: { cookie: session } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Alice Morgan');
  });

  it('refuses a callback whose state does not match the browser\'s', async () => {
    const { authorize, pending } = await startSignIn('/manager');
    const callback = await approve(authorize, 'alice');
    callback.searchParams.set('state', 'x'.repeat(43));
    expect((await fetch(callback, { headers: { cookie: pending }, redirect: 'manual' })).status).toBe(401);
  });

  it('refuses a callback from another browser (no sign-in cookie)', async () => {
    const { authorize } = await startSignIn('/manager');
    const callback = await approve(authorize, 'alice');
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(401);
  });

  it('refuses a code used twice', async () => {
    const { authorize, pending } = await startSignIn('/manager');
    const callback = await approve(authorize, 'alice');
    expect((await fetch(callback, { headers: { cookie: pending }, redirect: 'manual' })).status).toBe(303);
    expect((await fetch(callback, { headers: { cookie: pending }, redirect: 'manual' })).status).toBe(401);
  });

  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', '/manager/../../etc'])('never redirects to %s', async (next) => {
    const { authorize, pending } = await startSignIn(next);
    const callback = await approve(authorize, 'alice');
    const done = await fetch(callback, { headers: { cookie: pending }, redirect: 'manual' });
    expect(done.headers.get('location')).toBe('/manager');
  });
});

describe('staying signed in (refresh token)', () => {
  const cookieOf = (response: Response, name: string) =>
    response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';

  /** Signs alice in through the authorization server and returns the cookies the browser keeps. */
  async function signIn() {
    const start = await fetch(`${stack.appUrl}/auth/sign-in?next=%2Fmanager`, { redirect: 'manual' });
    const authorize = new URL(start.headers.get('location') as string);
    const approval = await postForm(`${stack.appUrl}/dev/oauth2/authorize`, {
      person: 'alice',
      state: authorize.searchParams.get('state') as string,
      redirect_uri: authorize.searchParams.get('redirect_uri') as string,
      code_challenge: authorize.searchParams.get('code_challenge') as string,
    });
    const done = await fetch(approval.headers.get('location') as string, { headers: { cookie: cookieOf(start, 'sign-in') }, redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.getSetCookie().find((c) => c.startsWith('refresh='))).toMatch(/HttpOnly/i);
    return { session: cookieOf(done, 'session'), refresh: cookieOf(done, 'refresh') };
  }

  it('renews an expired session without a new sign-in and comes back to the page', async () => {
    const { refresh } = await signIn();
    const page = await fetch(`${stack.appUrl}/manager`, { headers: { cookie: refresh }, redirect: 'manual' });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/auth/sign-in?next=%2Fmanager');
    const renewed = await fetch(`${stack.appUrl}/auth/sign-in?next=%2Fmanager`, { headers: { cookie: refresh }, redirect: 'manual' });
    expect(renewed.status).toBe(302);
    expect(renewed.headers.get('location')).toBe('/manager');
    const home = await fetch(`${stack.appUrl}/manager`, { headers: { cookie: cookieOf(renewed, 'session') } });
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('Alice Morgan');
  });

  it('signing out revokes the refresh token: it renews nothing afterwards', async () => {
    const { session, refresh } = await signIn();
    const out = await fetch(`${stack.appUrl}/auth/sign-out`, {
      method: 'POST', headers: { cookie: `${session}; ${refresh}`, origin: stack.appUrl }, redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect(out.headers.getSetCookie().join(';')).toMatch(/refresh=;/);
    const again = await fetch(`${stack.appUrl}/auth/sign-in?next=%2Fmanager`, { headers: { cookie: refresh }, redirect: 'manual' });
    expect(again.headers.get('location')).toContain('/dev/oauth2/authorize');
    expect(again.headers.getSetCookie().join(';')).toMatch(/refresh=;/);
  });

  it.each([['a forged token', 'refresh=forged'], ['a huge one', `refresh=${'x'.repeat(9000)}`]])('with %s, goes to the sign-in page', async (_, cookie) => {
    const start = await fetch(`${stack.appUrl}/auth/sign-in?next=%2Fmanager`, { headers: { cookie }, redirect: 'manual' });
    expect(start.status).toBe(302);
    expect(start.headers.get('location')).toContain('/dev/oauth2/authorize');
  });

  it('a form posted without a session is not redirected: it says to sign in', async () => {
    const { refresh } = await signIn();
    const response = await fetch(`${stack.appUrl}/manager/engagements`, {
      method: 'POST', headers: { cookie: refresh, origin: stack.appUrl, 'content-type': 'application/x-www-form-urlencoded' }, body: 'title=x', redirect: 'manual',
    });
    expect(response.status).toBe(401);
  });
});

function forgedToken(): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256', kid: 'local-dev-1' })}.${b64({ sub: 'x', email: 'x@example.com', token_use: 'id', 'cognito:groups': ['managers'] })}.c2lnbmF0dXJl`;
}
