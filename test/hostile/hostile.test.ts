/**
 * Hostile input for every route and form of the HTTP app, at least 10,000 requests in all:
 * wrong types, huge and unicode strings, HTML and script, path tricks, forged and expired
 * links, wrong roles. Requests go through the app in-process, against one real local stack
 * (DynamoDB Local, the local SES server, the local Step Functions service), in batches of one
 * request per lane (`lanes.ts`). Each proves:
 *
 * - no 5xx, and a request that may not act (wrong person, forged or expired link, another
 *   site's form) is refused with a 4xx;
 * - every 4xx names the problem (`oracle.ts`: the JSON error and its fields, or the page that
 *   says what is wrong);
 * - nothing is stored and nothing is sent for a refused request, nor for any GET (every write
 *   in the table's stream and every email in the inbox is traced to the request that caused it);
 * - nothing anyone typed appears unescaped in a page or an email.
 *
 * Then typed markup that is accepted is followed to every page and email that shows it. Each
 * property has a fixed seed (fast-check prints it with the input when one fails).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickoffRequestId, type RequestPurpose } from '../../functions/domain/client-request.js';
import { clientLink } from '../../functions/deps.js';
import type { Engagement } from '../../functions/domain/engagement.js';
import { createApp } from '../../functions/http/app.js';
import { refreshDriftSnapshot } from '../../functions/use-cases/refresh-drift.js';
import { registerIdFor } from '../../functions/use-cases/scope-register.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { createForgery, refusalFor, type Place } from './forgery.js';
import { createHarness, type Attempt, type Harness } from './harness.js';
import {
  MARKUP, formBody, headerJunk, hostileText, invalidText, jsonBody, junkSegment, link, nearMiss, query, uriEncode, who,
  type BodyRecipe, type LinkRecipe, type Who,
} from './inputs.js';
import { foreignEngagement, openLane, type Lane } from './lanes.js';
import { watchInbox, watchTable, type InboxWatch, type TableWatch } from './observer.js';
import { markupFindings, rememberTypedMarkup } from './oracle.js';

const LANES = 8;
/** Lanes for the requests that must be accepted: fewer, since each of their requests is answered once. */
const FRESH_LANES = 4;
const REQUIRED_INPUTS = 10_000;
const DAY = 86_400_000;

let stack: LocalStack;
let app: ReturnType<typeof createApp>;
let lanes: Lane[];
let foreign: Engagement;
let table: TableWatch;
let inbox: InboxWatch;
let harness: Harness;
let forgery: ReturnType<typeof createForgery>;
const clientOf = new Map<string, Set<string>>();

beforeAll(async () => {
  stack = await startLocalStack({ driftReports: false });
  app = createApp(stack.deps);
  [lanes, foreign] = await Promise.all([
    Promise.all(Array.from({ length: LANES }, (_, i) => openLane(stack, i))),
    foreignEngagement(stack),
  ]);
  for (const lane of lanes) lane.clientEmails.forEach((email, i) => clientOf.set(email, new Set([lane.engagementIds[i] as string])));
  clientOf.set(foreign.client.email, new Set([foreign.id]));
  [table, inbox] = await Promise.all([watchTable(process.env.AWS_ENDPOINT_URL_DYNAMODB as string, process.env.TABLE_NAME as string), watchInbox(stack.sesEndpoint)]);
  forgery = createForgery(stack);
  harness = createHarness({
    app, stack, table, inbox, clientOf,
    madeSettledWhen: async (id) => Boolean((await stack.deps.store.getRequest(kickoffRequestId(id, 0)))?.taskToken),
  });
  rememberTypedMarkup(MARKUP);
  await harness.settled();
}, 180_000);

afterAll(async () => {
  table?.stop();
  await stack?.stop();
});

// ---------------------------------------------------------------------------------------------
// Building requests from recipes

type Built = Omit<Attempt, 'route' | 'recipe'>;
interface Route {
  name: string;
  runs: number;
  recipe: fc.Arbitrary<unknown>;
  build: (recipe: unknown, lane: Lane) => Built;
}
const route = <R,>(name: string, runs: number, recipe: fc.Arbitrary<R>, build: (recipe: R, lane: Lane) => Built): Route =>
  ({ name, runs, recipe: recipe as fc.Arbitrary<unknown>, build: build as (recipe: unknown, lane: Lane) => Built });

/** A stable seed per route, so adding a route does not change the others' inputs. */
const seedOf = (name: string) => [...name].reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) | 0, 7);

const day = (n: number) => new Date(stack.clock.now().getTime() + n * DAY).toISOString().slice(0, 10);
/** A minute ago on the lane clients' wall clock (Europe/Berlin), as a datetime-local value. */
const berlinMinuteAgo = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin', dateStyle: 'short', timeStyle: 'short' })
  .format(new Date(stack.clock.now().getTime() - 60_000)).replace(' ', 'T');

// Client links ------------------------------------------------------------------------------

type Which = 'kickoff' | 'correction' | Exclude<RequestPurpose, 'kickoff'>;
const WHICH: readonly Which[] = ['kickoff', 'correction', 'confirm', 'status', 'survey', 'scope', 'shift'];

interface LinkRecipeOf { link: LinkRecipe; query: string }
const linkRecipe = fc.record({ link, query });

function clientPath(r: LinkRecipeOf, lane: Lane, which: Which, suffix = ''): Pick<Built, 'path' | 'targets' | 'mustRefuse' | 'mailLaterTo' | 'settledWhen'> {
  const { open, answered } = lane;
  const [token, request, engagement, client] = which === 'kickoff'
    ? [open.kickoff, { id: kickoffRequestId(open.engagement.id, 0), purpose: 'kickoff' as const }, open.engagement, lane.clientEmails[0]]
    : [answered.links[which], answered.requests[which], answered.engagement, lane.clientEmails[1]];
  const other = which === 'status' ? answered.links.survey : answered.links.status;
  const forged = forgery.forgeLink(r.link, token, request, other);
  return {
    path: `/c/${forged.token}${suffix}${r.query}`,
    targets: [engagement.id],
    ...(forged.refuse ? { mustRefuse: forged.refuse } : {}),
    // An answer to the kickoff form wakes the workflow, which sends "what we heard" and waits for the next round.
    ...((which === 'kickoff' || which === 'correction') && suffix === '' ? {
      mailLaterTo: [client as string],
      settledWhen: async () => Boolean((await stack.deps.store.getRequest(kickoffRequestId(engagement.id, which === 'kickoff' ? 1 : 2)))?.taskToken),
    } : {}),
  };
}

// Managers ---------------------------------------------------------------------------------

type IdRecipe = { kind: 'lane' } | { kind: 'open' } | { kind: 'foreign' } | { kind: 'junk'; segment: string };
const idRecipe: fc.Arbitrary<IdRecipe> = fc.oneof(
  { arbitrary: fc.constant<IdRecipe>({ kind: 'lane' }), weight: 8 },
  { arbitrary: fc.constant<IdRecipe>({ kind: 'open' }), weight: 1 },
  { arbitrary: fc.constant<IdRecipe>({ kind: 'foreign' }), weight: 2 },
  { arbitrary: junkSegment.map((segment): IdRecipe => ({ kind: 'junk', segment })), weight: 2 },
);

type Origin = 'same' | 'none' | 'evil' | 'null' | 'cross-site' | 'same-site-header-only';
const origin: fc.Arbitrary<Origin> = fc.oneof(
  { arbitrary: fc.constant<Origin>('same'), weight: 8 },
  { arbitrary: fc.constantFrom<Origin>('none', 'evil', 'null', 'cross-site', 'same-site-header-only'), weight: 1 },
);
const ORIGIN_HEADERS: Record<Origin, Record<string, string>> = {
  same: { origin: 'http://localhost' },
  none: {},
  evil: { origin: 'https://evil.example' },
  null: { origin: 'null' },
  'cross-site': { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
  'same-site-header-only': { 'sec-fetch-site': 'same-site' },
};
/** Whether Hono's CSRF check looks at a body of this kind (forms and plain text; JSON it leaves to CORS). */
const formLike = (body: BodyRecipe) => body.kind !== 'raw' || body.contentType === undefined
  || /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i.test(body.contentType);

interface ManagerRecipe { who: Who; junk: string; id: IdRecipe }
const managerRecipe = (allowed: readonly Who[] = ['alice', 'hana']) => fc.record({ who: who(allowed), junk: headerJunk, id: idRecipe });

/** The engagement a manager request names, who it belongs to, and whether this person must be refused. */
function managerTarget(r: ManagerRecipe, lane: Lane, place: Place): { id: string; targets: string[]; refuse?: string; headers: Record<string, string> } {
  const headers = forgery.credentials(r.who, place, r.junk);
  if (r.id.kind === 'junk') return { id: r.id.segment, targets: [], refuse: 'no engagement has this id', headers };
  // Boris manages the foreign engagement and Hana sees it: for them it is not a wrong target.
  if (r.id.kind === 'foreign' && r.who !== 'boris' && r.who !== 'hana') {
    return { id: foreign.id, targets: [], refuse: refusalFor(r.who, false) ?? 'not this person\'s engagement', headers };
  }
  const engagement = r.id.kind === 'open' ? lane.open.engagement : lane.answered.engagement;
  const refuse = refusalFor(r.who, true);
  return { id: engagement.id, targets: [engagement.id], ...(refuse ? { refuse } : {}), headers };
}

/** A manager's page form: the session cookie, the origin, the body. */
function managerForm(r: ManagerRecipe & { origin: Origin; body: BodyRecipe }, lane: Lane, path: (id: string) => string): Built {
  const target = managerTarget(r, lane, 'page');
  const crossSite = r.origin !== 'same' && formLike(r.body);
  const refuse = target.refuse ?? (crossSite ? `a form posted from another site (${r.origin})` : undefined);
  return {
    method: 'POST', path: path(target.id), headers: { ...target.headers, ...ORIGIN_HEADERS[r.origin] }, body: r.body, targets: target.targets,
    ...(refuse ? { mustRefuse: refuse } : {}),
  };
}

function managerJson(r: ManagerRecipe & { body: BodyRecipe; key?: string }, lane: Lane, path: (id: string) => string): Built {
  const target = managerTarget(r, lane, 'api');
  return {
    method: 'POST', path: path(target.id), body: r.body, targets: target.targets,
    headers: { ...target.headers, ...(r.key === undefined ? {} : { 'idempotency-key': r.key }) },
    ...(target.refuse ? { mustRefuse: target.refuse } : {}),
  };
}

function managerGet(r: ManagerRecipe & { query?: string }, lane: Lane, place: Place, path: (id: string) => string): Built {
  const target = managerTarget(r, lane, place);
  return { method: 'GET', path: `${path(target.id)}${r.query ?? ''}`, headers: target.headers, targets: target.targets, ...(target.refuse ? { mustRefuse: target.refuse } : {}) };
}

/** Who must be refused on a route that needs only a manager role (no particular engagement). */
function roleRefusal(person: Who, needs: 'manager' | 'head'): string | undefined {
  if (person === 'nobody') return 'this account has no manager role';
  if (!['alice', 'boris', 'hana'].includes(person)) return `no valid sign-in (${person})`;
  if (needs === 'head' && person !== 'hana') return 'the portfolio is for heads of delivery';
  return undefined;
}

const questionId = fc.oneof(
  { arbitrary: fc.constant('lane'), weight: 6 },
  { arbitrary: fc.constantFrom('abcdef123456', 'x'.repeat(65), 'ABC', '../x', '%2e%2e', 'a b', '-', '<script>'), weight: 1 },
);
const scopeRequestId = questionId;

// Bodies -----------------------------------------------------------------------------------

const newEngagementForm = (lane: number) => ({
  title: 'Relaunch', 'client.name': 'Oleg', 'client.email': `new-lane${lane}@example.com`, 'client.organisation': 'Bakery', locale: 'en',
  'milestones.0.title': 'Design', 'milestones.0.due': '2030-01-15', 'milestones.1.title': '', 'milestones.1.due': '', requestKey: `hostile-form-${lane}`,
});
const newEngagementJson = (lane: number) => ({
  title: 'Relaunch', client: { name: 'Oleg', email: `new-lane${lane}@example.com` }, locale: 'en', milestones: [{ title: 'Design', due: '2030-01-15' }],
});
const newsForms = {
  deliveries: () => ({ milestoneId: 'm2', summary: 'The build is ready' }),
  touchpoints: () => ({ kind: 'informational', channel: 'email', at: berlinMinuteAgo(), summary: 'Called about the photos' }),
  incidents: () => ({ summary: 'The site is down' }),
  answer: () => ({ answer: 'Thursday at 10:00' }),
};
const registerForms = {
  'scope-requests': () => ({ summary: 'A third banner size', effortHours: '2,5', askedBy: 'Maria', at: '', ofDeclinedKind: '' }),
  decision: () => ({ decision: '', overrideReason: '', price: '€400', milestoneId: 'm2', shiftDays: '7', newDue: '' }),
  'deadline-shifts': () => ({ milestoneId: 'm3', newDue: day(80), reason: 'The photos arrive late' }),
};
const registerJson = {
  'scope-requests': () => ({ summary: 'A third banner size', effortHours: 2.5, askedBy: 'Maria' }),
  decision: () => ({ price: '€400', milestoneId: 'm2', shiftDays: 7 }),
  'deadline-shifts': () => ({ milestoneId: 'm3', newDue: day(80), reason: 'The photos arrive late' }),
};

/** The recipe's body arbitrary is made once the stack runs (dates depend on its clock). */
const lazy = <T,>(make: () => fc.Arbitrary<T>): fc.Arbitrary<T> => fc.constant(null).chain(() => make());

// ---------------------------------------------------------------------------------------------
// Every route and form

const newsPath = (what: string) => (r: { question: string }, lane: Lane) => (id: string) =>
  what === 'answer'
    ? `/manager/engagements/${id}/questions/${r.question === 'lane' ? lane.answered.questionId : uriEncode(r.question)}/answer`
    : `/manager/engagements/${id}/${what}`;

const ROUTES: Route[] = [
  // The client's side: signed links, no account.
  route('GET /c/:link (every purpose)', 80, fc.record({ which: fc.constantFrom(...WHICH), l: linkRecipe }), (r, lane) => ({ method: 'GET', ...clientPath(r.l, lane, r.which) })),
  route('POST /c/:link (kickoff form)', 80, fc.record({ l: linkRecipe, body: formBody(validKickoffForm() as Record<string, string | string[]>, {
    strict: ['process.involvement', 'process.workingHours.start', 'process.workingHours.timeZone', 'pace.updateCadenceDays', 'channels.regular', 'scope.largerRequests', 'process.decisionMaker'],
    strictValue: fc.oneof(nearMiss, invalidText),
  }) }), (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'kickoff') })),
  route('POST /c/:link (correction form)', 40, fc.record({ l: linkRecipe, body: formBody(validKickoffForm() as Record<string, string | string[]>, {
    strict: ['pace.maxSilenceDays', 'process.workingHours.end', 'process.workingHours.days', 'channels.emergency', 'outcome.businessResult'],
    strictValue: fc.oneof(nearMiss, invalidText),
  }) }), (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'correction') })),
  route('POST /c/:link (delivery confirmation)', 40, fc.record({ l: linkRecipe, body: formBody({ answer: 'not-what-i-needed', reason: 'The menu is missing', note: '' }, {
    strict: ['answer', 'reason'], strictValue: fc.oneof(nearMiss, invalidText),
  }) }), (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'confirm') })),
  route('POST /c/:link (survey)', 40, fc.record({ l: linkRecipe, body: formBody({ rating: '4', recommend: 'yes', keep: 'The weekly call', change: 'Fewer emails', note: '' }, {
    strict: ['rating', 'recommend'],
  }) }), (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'survey') })),
  route('POST /c/:link (scope decision answer)', 40, fc.record({ l: linkRecipe, body: formBody({ answer: 'extra-pay', note: '' }, { strict: ['answer'] }) }),
    (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'scope') })),
  route('POST /c/:link (new due date acknowledgement)', 40, fc.record({ l: linkRecipe, body: formBody({ note: 'Fine by us' }, { strict: ['note'], strictValue: invalidText }) }),
    (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'shift') })),
  route('POST /c/:link (status page, takes no answers)', 20, fc.record({ l: linkRecipe, body: formBody({ answer: 'works', note: 'Thanks' }) }),
    (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, 'status') })),
  route('POST /c/:link/questions', 40, fc.record({ which: fc.constantFrom<Which>('status', 'status', 'status', 'kickoff', 'confirm'), l: linkRecipe, body: formBody({ question: 'When is the next call?' }) }),
    (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, r.which, '/questions') })),
  route('POST /c/:link/note', 40, fc.record({ which: fc.constantFrom(...WHICH), l: linkRecipe, body: formBody({ note: 'Call me on Friday' }) }),
    (r, lane) => ({ method: 'POST', body: r.body, ...clientPath(r.l, lane, r.which, '/note') })),

  // Manager pages: the session cookie, CSRF-checked forms.
  route('GET /manager', 20, fc.record({ who: who(['alice', 'hana', 'boris']), junk: headerJunk, q: query }), (r) => {
    const refuse = roleRefusal(r.who, 'manager');
    return { method: 'GET', path: `/manager${r.q}`, headers: forgery.credentials(r.who, 'page', r.junk), targets: [], ...(refuse ? { mustRefuse: refuse } : {}) };
  }),
  route('POST /manager/engagements (new engagement form)', 50, fc.record({
    who: who(['alice', 'hana']), junk: headerJunk, origin, lane: fc.nat(LANES - 1),
    body: fc.nat(LANES - 1).chain((n) => formBody(newEngagementForm(n), { strict: ['client.email', 'milestones.0.due', 'locale', 'requestKey', 'title'], strictValue: fc.oneof(nearMiss, invalidText) })),
  }), (r) => {
    const refuse = roleRefusal(r.who, 'manager') ?? (r.origin !== 'same' && formLike(r.body) ? `a form posted from another site (${r.origin})` : undefined);
    return {
      method: 'POST', path: '/manager/engagements', body: r.body, targets: [],
      headers: { ...forgery.credentials(r.who, 'page', r.junk), ...ORIGIN_HEADERS[r.origin] }, ...(refuse ? { mustRefuse: refuse } : {}),
    };
  }),
  route('GET /manager/engagements/:id', 40, fc.record({ m: managerRecipe(), q: query }), (r, lane) => managerGet({ ...r.m, query: r.q }, lane, 'page', (id) => `/manager/engagements/${id}`)),
  ...(['deliveries', 'touchpoints', 'incidents', 'answer'] as const).map((what) => route(
    `POST /manager/engagements/:id/${what === 'answer' ? 'questions/:questionId/answer' : what} (form)`, 25,
    fc.record({ m: managerRecipe(), origin, question: questionId, body: lazy(() => formBody(newsForms[what]())) }),
    (r, lane) => managerForm({ ...r.m, origin: r.origin, body: r.body }, lane, newsPath(what)(r, lane)),
  )),
  ...(['scope-requests', 'decision', 'deadline-shifts'] as const).map((what) => route(
    `POST /manager/engagements/:id/${what === 'decision' ? 'scope-requests/:scopeRequestId/decision' : what} (form)`, 25,
    fc.record({ m: managerRecipe(), origin, request: scopeRequestId, body: lazy(() => formBody(registerForms[what]())) }),
    (r, lane) => managerForm({ ...r.m, origin: r.origin, body: r.body }, lane, (id) => (what === 'decision'
      ? `/manager/engagements/${id}/scope-requests/${r.request === 'lane' ? lane.answered.scopeRequestId : uriEncode(r.request)}/decision`
      : `/manager/engagements/${id}/${what}`)),
  )),
  route('GET /manager/engagements/:id/drift (report and exports)', 40, fc.record({ m: managerRecipe(), file: fc.constantFrom('', '/findings.csv', '/findings.json', '/findings.xml', '/findings.csv/..'), q: query }),
    (r, lane) => managerGet({ ...r.m, query: r.q }, lane, 'page', (id) => `/manager/engagements/${id}/drift${r.file}`)),
  route('GET /manager/portfolio', 40, fc.record({ who: who(['hana']), junk: headerJunk, q: portfolioQuery() }), (r) => {
    const refuse = roleRefusal(r.who, 'head');
    return { method: 'GET', path: `/manager/portfolio${r.q}`, headers: forgery.credentials(r.who, 'page', r.junk), targets: [], ...(refuse ? { mustRefuse: refuse } : {}) };
  }),

  // The JSON API: bearer tokens.
  route('GET /api/engagements', 20, fc.record({ who: who(['alice', 'hana', 'boris']), junk: headerJunk, q: query }), (r) => {
    const refuse = roleRefusal(r.who, 'manager');
    return { method: 'GET', path: `/api/engagements${r.q}`, headers: forgery.credentials(r.who, 'api', r.junk), targets: [], ...(refuse ? { mustRefuse: refuse } : {}) };
  }),
  route('POST /api/engagements', 50, fc.record({
    who: who(['alice', 'hana']), junk: headerJunk, lane: fc.nat(LANES - 1),
    key: fc.oneof({ arbitrary: fc.constant('lane'), weight: 6 }, { arbitrary: fc.constantFrom('short', 'x'.repeat(65), 'has space', 'clé-clé-clé-ü', '../../../etc'), weight: 1 }),
    body: fc.nat(LANES - 1).chain((n) => jsonBody(newEngagementJson(n), { strict: ['client.email', 'milestones.0.due', 'locale', 'milestones', 'title'] })),
  }), (r) => {
    const refuse = roleRefusal(r.who, 'manager');
    return {
      method: 'POST', path: '/api/engagements', body: r.body, targets: [],
      headers: { ...forgery.credentials(r.who, 'api', r.junk), 'idempotency-key': r.key === 'lane' ? `hostile-api-${r.lane}` : r.key },
      ...(refuse ? { mustRefuse: refuse } : {}),
    };
  }),
  route('GET /api/engagements/:id', 30, fc.record({ m: managerRecipe(), q: query }), (r, lane) => managerGet({ ...r.m, query: r.q }, lane, 'api', (id) => `/api/engagements/${id}`)),
  ...(['deliveries', 'touchpoints', 'incidents', 'answer'] as const).map((what) => route(
    `POST /api/engagements/:id/${what === 'answer' ? 'questions/:questionId/answer' : what}`, 25,
    fc.record({ m: managerRecipe(), question: questionId, body: lazy(() => jsonBody(newsForms[what]())) }),
    (r, lane) => managerJson({ ...r.m, body: r.body }, lane, (id) => newsPath(what)(r, lane)(id).replace('/manager/', '/api/')),
  )),
  ...(['scope-requests', 'decision', 'deadline-shifts'] as const).map((what) => route(
    `POST /api/engagements/:id/${what === 'decision' ? 'scope-requests/:scopeRequestId/decision' : what}`, 25,
    fc.record({
      m: managerRecipe(), request: scopeRequestId, body: lazy(() => jsonBody(registerJson[what]())),
      key: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: fc.constant('lane'), weight: 2 }, { arbitrary: headerJunk.filter((k) => k.trim() === k), weight: 1 }),
    }),
    (r, lane) => managerJson({ ...r.m, body: r.body, key: r.key === 'lane' ? `hostile-${what}-${lane.index}` : r.key }, lane, (id) => (what === 'decision'
      ? `/api/engagements/${id}/scope-requests/${r.request === 'lane' ? lane.answered.scopeRequestId : uriEncode(r.request)}/decision`
      : `/api/engagements/${id}/${what}`)),
  )),
  route('GET /api/engagements/:id/register', 30, fc.record({ m: managerRecipe(), q: query }), (r, lane) => managerGet({ ...r.m, query: r.q }, lane, 'api', (id) => `/api/engagements/${id}/register`)),
  route('GET /api/engagements/:id/drift (report and CSV)', 30, fc.record({ m: managerRecipe(), file: fc.constantFrom('', '/findings.csv', '/findings.json'), q: query }),
    (r, lane) => managerGet({ ...r.m, query: r.q }, lane, 'api', (id) => `/api/engagements/${id}/drift${r.file}`)),
  route('GET /api/portfolio', 35, fc.record({ who: who(['hana']), junk: headerJunk, q: portfolioQuery() }), (r) => {
    const refuse = roleRefusal(r.who, 'head');
    return { method: 'GET', path: `/api/portfolio${r.q}`, headers: forgery.credentials(r.who, 'api', r.junk), targets: [], ...(refuse ? { mustRefuse: refuse } : {}) };
  }),

  // Signing in and out, and everything else.
  route('GET /auth/sign-in', 30, fc.record({ next: fc.oneof(junkSegment, hostileText, fc.constantFrom('https://evil.example/', '//evil.example', '/\\evil.example', '/manager/../../etc', 'javascript:alert(1)')) }),
    (r) => ({ method: 'GET', path: `/auth/sign-in?next=${uriEncode(r.next)}`, targets: [] })),
  route('GET /auth/callback', 30, fc.record({ code: fc.oneof(hostileText, fc.constant('')), state: fc.oneof(hostileText, fc.constant('s'.repeat(43))), cookie: fc.oneof(headerJunk, fc.constant('forged')) }),
    (r) => {
      const pending = Buffer.from(JSON.stringify({ state: 's'.repeat(43), verifier: 'v'.repeat(43), next: '/manager' })).toString('base64url');
      const cookie = r.cookie === 'forged' ? `sign-in=${pending}` : `sign-in=${r.cookie}`;
      return { method: 'GET', path: `/auth/callback?code=${uriEncode(r.code)}&state=${uriEncode(r.state)}`, headers: { cookie }, targets: [], mustRefuse: 'no sign-in was started with this code' };
    }),
  route('POST /auth/sign-out', 15, fc.record({ origin, junk: headerJunk, body: formBody({ x: '1' }) }), (r) => ({
    method: 'POST', path: '/auth/sign-out', body: r.body, headers: { ...ORIGIN_HEADERS[r.origin], cookie: `session=${r.junk}` }, targets: [],
    ...(r.origin !== 'same' && formLike(r.body) ? { mustRefuse: `a form posted from another site (${r.origin})` } : {}),
  })),
  route('GET and POST anywhere else (healthz, unknown paths)', 40, fc.record({ method: fc.constantFrom<'GET' | 'POST'>('GET', 'POST'), path: fc.array(junkSegment, { minLength: 1, maxLength: 3 }), prefix: fc.constantFrom('', '/api', '/manager', '/c', '/healthz', '/auth', '/dev') }),
    (r) => ({ method: r.method, path: `${r.prefix}/${r.path.join('/')}`, targets: [] })),
];

function portfolioQuery(): fc.Arbitrary<string> {
  const field = (valid: readonly string[]) => fc.oneof(fc.constant(undefined), fc.constantFrom(...valid), hostileText, fc.constantFrom(...['', '%', '&', '=', '000#x', '100#' + 'a'.repeat(70)]));
  return fc.oneof(
    fc.record({ manager: field(['dev-alice', 'dev-boris']), status: field(['open', 'closed']), group: field(['manager']), after: field(['050#abcdefgh-1234', '999#zzzzzzzz']) })
      .map((q) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries(q)) if (v !== undefined) params.append(k, v);
        const text = params.toString();
        return text ? `?${text}` : '';
      }),
    query,
    fc.constantFrom('?status=open&status=closed', '?after[]=x', '?manager=%ZZ', '?group=manager&manager=dev-alice'),
  );
}

/**
 * A failure in a few lines: the seed and path that replay it, then what went wrong with which
 * request (fast-check's own report would print every input of the batch, some 100 KB long).
 */
function briefly(details: fc.RunDetails<[unknown[]]>): void {
  if (!details.failed) return;
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  throw new Error(`failed with seed ${details.seed}, path "${details.counterexamplePath}" (pass both to fc.assert to replay):\n${cause}`);
}

// ---------------------------------------------------------------------------------------------

describe('every route and form, under hostile input', () => {
  it.each(ROUTES.map((r) => [r.name, r] as const))('%s', async (_, spec) => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec.recipe, { minLength: LANES, maxLength: LANES }), (recipes) =>
        harness.runBatch(recipes.map((recipe, i) => ({ ...spec.build(recipe, lanes[i] as Lane), route: spec.name, recipe })))),
      { seed: seedOf(spec.name), numRuns: spec.runs, endOnFailure: true, reporter: briefly },
    );
  }, 300_000);
});

describe('typed markup that is accepted', () => {
  /** Lanes of their own, whose requests are all still open: here every request must be accepted. */
  let fresh: Lane[] = [];
  beforeAll(async () => {
    fresh = await Promise.all(Array.from({ length: FRESH_LANES }, (_, i) => openLane(stack, 100 + i)));
    for (const lane of fresh) lane.clientEmails.forEach((email, i) => clientOf.set(email, new Set([lane.engagementIds[i] as string])));
    await harness.settled();
  }, 180_000);

  const typed = fc.constantFrom(...MARKUP);
  const VALID_LINK: LinkRecipeOf = { link: { kind: 'valid' }, query: '' };
  const form = (fields: Record<string, string | string[]>): BodyRecipe =>
    ({ kind: 'urlencoded', fields: Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x])) });
  const json = (value: unknown): BodyRecipe => ({ kind: 'raw', contentType: 'application/json', text: JSON.stringify(value) });
  const kickoffWith = (t: string[]) => form({
    ...(validKickoffForm() as Record<string, string | string[]>),
    'process.decisionMaker': t[0] as string, 'outcome.businessResult': t[1] as string, 'outcome.successSignal': t[2] as string, 'scope.alwaysDeclined': t[3] as string, note: t[4] as string,
  });
  const asAlice = (lane: Lane, path: string, body: BodyRecipe, headers: Record<string, string> = {}): Built => ({
    method: 'POST', path: path.replace(':id', lane.answered.engagement.id), body, targets: [lane.answered.engagement.id], mustAccept: true,
    headers: { ...forgery.credentials('alice', 'api', ''), ...headers },
  });
  const five = fc.array(typed, { minLength: 5, maxLength: 5 });

  const ACCEPTED: Route[] = [
    route('POST /c/:link (kickoff form)', 1, five, (t, lane) => ({ method: 'POST', ...clientPath(VALID_LINK, lane, 'kickoff'), body: kickoffWith(t), mustAccept: true })),
    route('POST /c/:link (correction form)', 1, five, (t, lane) => ({ method: 'POST', ...clientPath(VALID_LINK, lane, 'correction'), body: kickoffWith(t), mustAccept: true })),
    route('POST /c/:link (delivery confirmation)', 1, five, (t, lane) => ({
      method: 'POST', ...clientPath(VALID_LINK, lane, 'confirm'), body: form({ answer: 'not-what-i-needed', reason: t[0] as string, note: t[1] as string }), mustAccept: true,
    })),
    route('POST /c/:link (survey)', 1, five, (t, lane) => ({
      method: 'POST', ...clientPath(VALID_LINK, lane, 'survey'), body: form({ rating: '2', recommend: 'maybe', keep: t[0] as string, change: t[1] as string, note: t[2] as string }), mustAccept: true,
    })),
    route('POST /c/:link (scope decision answer)', 1, typed, (t, lane) => ({ method: 'POST', ...clientPath(VALID_LINK, lane, 'scope'), body: form({ answer: 'extra-pay', note: t }), mustAccept: true })),
    route('POST /c/:link (new due date acknowledgement)', 1, typed, (t, lane) => ({ method: 'POST', ...clientPath(VALID_LINK, lane, 'shift'), body: form({ note: t }), mustAccept: true })),
    route('POST /c/:link/questions', 1, typed, (t, lane) => ({ method: 'POST', ...clientPath(VALID_LINK, lane, 'status', '/questions'), body: form({ question: t }), mustAccept: true })),
    route('POST /c/:link/note', 1, typed, (t, lane) => ({ method: 'POST', ...clientPath(VALID_LINK, lane, 'status', '/note'), body: form({ note: t }), mustAccept: true })),
    route('POST /api/engagements/:id/deliveries', 1, typed, (t, lane) => asAlice(lane, '/api/engagements/:id/deliveries', json({ milestoneId: 'm2', summary: t }))),
    route('POST /api/engagements/:id/touchpoints', 1, typed, (t, lane) => asAlice(lane, '/api/engagements/:id/touchpoints', json({ kind: 'regular', channel: 'phone', at: berlinMinuteAgo(), summary: t }))),
    route('POST /api/engagements/:id/incidents', 1, typed, (t, lane) => asAlice(lane, '/api/engagements/:id/incidents', json({ summary: t }))),
    route('POST /api/engagements/:id/questions/:questionId/answer', 1, typed, (t, lane) =>
      asAlice(lane, `/api/engagements/:id/questions/${lane.answered.questionId}/answer`, json({ answer: t }))),
    route('POST /api/engagements/:id/scope-requests', 1, five, (t, lane) =>
      asAlice(lane, '/api/engagements/:id/scope-requests', json({ summary: t[0], effortHours: 2, askedBy: t[1] }), { 'idempotency-key': `markup-${lane.index}` })),
    route('POST /api/engagements/:id/scope-requests/:scopeRequestId/decision', 1, typed, (t, lane) =>
      asAlice(lane, `/api/engagements/:id/scope-requests/${registerIdFor(lane.answered.engagement.id, `markup-${lane.index}`)}/decision`, json({ decision: 'decline', overrideReason: t }))),
    route('POST /api/engagements/:id/deadline-shifts', 1, typed, (t, lane) => asAlice(lane, '/api/engagements/:id/deadline-shifts', json({ milestoneId: 'm3', newDue: day(90), reason: t }))),
    route('POST /api/engagements', 1, five, (t, lane) => ({
      method: 'POST', path: '/api/engagements', targets: [], mustAccept: true, headers: forgery.credentials('alice', 'api', ''),
      body: json({ title: t[0], client: { name: t[1], email: `markup-${lane.index}@example.com`, organisation: t[2] }, locale: 'en', milestones: [{ title: t[3], due: '2030-02-01' }] }),
    })),
    route('POST /manager/engagements (new engagement form)', 1, five, (t, lane) => ({
      method: 'POST', path: '/manager/engagements', targets: [], mustAccept: true,
      headers: { ...forgery.credentials('alice', 'page', ''), ...ORIGIN_HEADERS.same },
      body: form({ title: t[0] as string, 'client.name': t[1] as string, 'client.email': `markup-form-${lane.index}@example.com`, 'milestones.0.title': t[2] as string, 'milestones.0.due': '2030-02-01' }),
    })),
  ];

  it.each(ACCEPTED.map((r) => [r.name, r] as const))('is accepted: %s', async (_, spec) => {
    await fc.assert(
      fc.asyncProperty(fc.array(spec.recipe, { minLength: FRESH_LANES, maxLength: FRESH_LANES }), (recipes) =>
        harness.runBatch(recipes.map((recipe, i) => ({ ...spec.build(recipe, fresh[i] as Lane), route: spec.name, recipe })))),
      { seed: seedOf(`accepted ${spec.name}`), numRuns: spec.runs, endOnFailure: true, reporter: briefly },
    );
  }, 120_000);

  it('comes back escaped on every page that shows it', async () => {
    const alice = forgery.credentials('alice', 'page', '');
    const hana = forgery.credentials('hana', 'page', '');
    const every = [...lanes, ...fresh];
    for (const lane of every) for (const id of lane.engagementIds) await refreshDriftSnapshot(stack.deps, id);
    await harness.settled();
    for (const lane of every) {
      const { open, answered } = lane;
      for (const id of lane.engagementIds) {
        await harness.checkPage(`/manager/engagements/${id}`, alice);
        await harness.checkPage(`/manager/engagements/${id}/drift`, hana);
      }
      for (const token of [open.kickoff, ...Object.values(answered.links)]) await harness.checkPage(`/c/${token}`, {});
      // The forms of the next rounds, prefilled with what the client typed.
      for (const [engagement, round] of [[open.engagement, 1], [answered.engagement, 2]] as const) {
        if (await stack.deps.store.getRequest(kickoffRequestId(engagement.id, round))) {
          await harness.checkPage(new URL(clientLink(stack.deps, kickoffRequestId(engagement.id, round), new Date(stack.clock.now().getTime() + DAY))).pathname, {});
        }
      }
    }
    for (const id of [...clientOf.values()].flatMap((ids) => [...ids])) await harness.checkPage(`/manager/engagements/${id}`, hana);
    await harness.checkPage('/manager', alice);
    await harness.checkPage('/manager/portfolio', hana);
    await harness.checkPage('/manager/portfolio?group=manager', hana);
    // Every email the product sent, from the first.
    const findings = (await inbox.all()).flatMap((email) => markupFindings(email.body.html ?? '', 'email').map((f) => `"${email.subject}": ${f}`));
    expect(findings).toEqual([]);
  }, 120_000);
});

describe('the count', () => {
  it(`is at least ${REQUIRED_INPUTS} hostile inputs over every route`, () => {
    const rows = [...harness.counts].map(([name, c]) => `  ${String(c.sent).padStart(5)} sent, ${String(c.accepted).padStart(4)} accepted  ${name}`);
    const total = [...harness.counts.values()].reduce((sum, c) => sum + c.sent, 0);
    console.log(`hostile inputs: ${total.toLocaleString('en-US').replace(/,/g, ' ')} over ${harness.counts.size} routes\n${rows.join('\n')}`);
    expect(harness.counts.size).toBe(ROUTES.length);
    expect(total).toBeGreaterThanOrEqual(REQUIRED_INPUTS);
  });
});
