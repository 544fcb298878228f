/**
 * Signing out over real HTTP on the local stack, against the development identity, which keeps a
 * sign-in session of its own as Cognito's hosted UI does. Proves: while that session lasts, a new
 * sign-in goes straight through without asking who you are (what a shared computer would do
 * after an app-only sign-out); signing out revokes the refresh token and sends the browser to the
 * identity's /logout with the client id and the signed-out page; after /logout the next sign-in
 * asks again, even from a browser that kept the old cookie; a /logout with a sign-out URL or
 * client the identity does not know is refused with 400, and ends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNED_OUT_PATH } from '../../functions/http/sign-in-routes.js';
import { DEV_AUDIENCE, DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { postForm } from '../support/stack.js';

let stack: LocalStack;
beforeAll(async () => { stack = await startLocalStack(); });
afterAll(() => stack?.stop());

const IDENTITY_SESSION = 'dev-identity-session';
const PICKER_TITLE = 'Sign in (local development)';

const cookieOf = (response: Response, name: string) =>
  response.headers.getSetCookie().find((c) => c.startsWith(`${name}=`))?.split(';')[0] ?? '';

/** Starts a sign-in in the app: its sign-in cookie and the identity's authorize URL. */
async function startSignIn() {
  const start = await fetch(`${stack.appUrl}/auth/sign-in?next=%2Fmanager`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  return { pending: cookieOf(start, 'sign-in'), authorize: new URL(start.headers.get('location') as string) };
}

/** Finishes a sign-in at the app's callback: the browser's session and refresh cookies. */
async function finishSignIn(callback: string, pending: string) {
  const done = await fetch(callback, { headers: { cookie: pending }, redirect: 'manual' });
  expect(done.status).toBe(303);
  return { session: cookieOf(done, 'session'), refresh: cookieOf(done, 'refresh') };
}

/** Alice signs in by picking herself on the identity's page: the app's cookies and the identity's. */
async function signInThroughPicker() {
  const { pending, authorize } = await startSignIn();
  const picker = await fetch(authorize, { redirect: 'manual' });
  expect(picker.status).toBe(200);
  expect(await picker.text()).toContain(PICKER_TITLE);
  const approval = await postForm(`${stack.appUrl}/dev/oauth2/authorize`, {
    person: 'alice',
    state: authorize.searchParams.get('state') as string,
    redirect_uri: authorize.searchParams.get('redirect_uri') as string,
    code_challenge: authorize.searchParams.get('code_challenge') as string,
  });
  expect(approval.status).toBe(302);
  const identity = cookieOf(approval, IDENTITY_SESSION);
  expect(identity).not.toBe('');
  return { ...await finishSignIn(approval.headers.get('location') as string, pending), identity };
}

function signOut(cookies: { session: string; refresh: string }) {
  return fetch(`${stack.appUrl}/auth/sign-out`, {
    method: 'POST', headers: { cookie: `${cookies.session}; ${cookies.refresh}`, origin: stack.appUrl }, redirect: 'manual',
  });
}

/** Asks the identity to authorize a new sign-in from a browser holding `identity`. */
async function authorizeWith(identity: string) {
  const { pending, authorize } = await startSignIn();
  return { pending, response: await fetch(authorize, { headers: { cookie: identity }, redirect: 'manual' }) };
}

const logoutUrl = (params: Record<string, string>) => `${stack.identity.oauthUrl}/logout?${new URLSearchParams(params)}`;

describe('the identity\'s own sign-in session', () => {
  it('while it lasts, a new sign-in goes straight through without asking who you are, as the hosted UI does', async () => {
    const { identity } = await signInThroughPicker();

    const { pending, response } = await authorizeWith(identity);

    expect(response.status).toBe(302);
    const callback = new URL(response.headers.get('location') as string);
    expect(`${callback.origin}${callback.pathname}`).toBe(`${stack.appUrl}/auth/callback`);
    const { session } = await finishSignIn(callback.toString(), pending);
    const home = await fetch(`${stack.appUrl}/manager`, { headers: { cookie: session } });
    expect(await home.text()).toContain(DEV_PEOPLE.alice.name);
  });
});

describe('signing out', () => {
  it('revokes the refresh token, forgets the app\'s cookies and sends the browser to the identity\'s /logout, back to the signed-out page', async () => {
    const cookies = await signInThroughPicker();

    const out = await signOut(cookies);

    expect(out.status).toBe(303);
    const logout = new URL(out.headers.get('location') as string);
    expect(`${logout.origin}${logout.pathname}`).toBe(`${stack.identity.oauthUrl}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({ client_id: DEV_AUDIENCE, logout_uri: `${stack.appUrl}${SIGNED_OUT_PATH}` });
    expect(out.headers.getSetCookie().join(';')).toMatch(/(^|;)session=;.*refresh=;|(^|;)refresh=;.*session=;/);
    const renewal = await fetch(`${stack.appUrl}/auth/sign-in?next=%2Fmanager`, { headers: { cookie: cookies.refresh }, redirect: 'manual' });
    expect(renewal.headers.get('location')).toContain('/dev/oauth2/authorize');
  });

  it('after the identity\'s /logout, the next sign-in asks who you are again, even from a browser that kept the old cookie', async () => {
    const cookies = await signInThroughPicker();
    const logout = (await signOut(cookies)).headers.get('location') as string;

    const back = await fetch(logout, { headers: { cookie: cookies.identity }, redirect: 'manual' });

    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${stack.appUrl}${SIGNED_OUT_PATH}`);
    expect(back.headers.getSetCookie().join(';')).toMatch(new RegExp(`${IDENTITY_SESSION}=;`));
    const signedOutPage = await fetch(`${stack.appUrl}${SIGNED_OUT_PATH}`, { redirect: 'manual' });
    expect(await signedOutPage.text()).toContain('/auth/sign-in');
    const { response } = await authorizeWith(cookies.identity);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain(PICKER_TITLE);
  });

  it.each([
    ['a sign-out URL the identity does not list', () => ({ client_id: DEV_AUDIENCE, logout_uri: 'https://evil.example/' }), 'logout_uri'],
    ['the app\'s root, which is not its sign-out URL', () => ({ client_id: DEV_AUDIENCE, logout_uri: `${stack.appUrl}/` }), 'logout_uri'],
    ['another client', () => ({ client_id: 'someone-else', logout_uri: `${stack.appUrl}${SIGNED_OUT_PATH}` }), 'client_id'],
    ['no sign-out URL', () => ({ client_id: DEV_AUDIENCE }), 'logout_uri'],
  ])('refuses a /logout with %s (400, no redirect) and ends nothing', async (_, params, field) => {
    const { identity } = await signInThroughPicker();

    const refused = await fetch(logoutUrl(params()), { headers: { cookie: identity }, redirect: 'manual' });

    expect(refused.status).toBe(400);
    expect(refused.headers.get('location')).toBeNull();
    expect(await refused.text()).toContain(field);
    expect((await authorizeWith(identity)).response.status).toBe(302);
  });
});
