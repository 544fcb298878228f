/**
 * The manager's side: pages (no JavaScript needed) under /manager and a JSON API under /api,
 * both behind sign-in. A manager sees only their own engagements; a head of delivery sees
 * every engagement. Someone else's engagement is "not found", so ids can't be probed. The
 * drift report, its exports and the portfolio (`drift-routes.tsx`), and the scope register and
 * moved due dates (`register-routes.tsx`) are mounted here, behind the same sign-in.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { engagementIdSchema, newEngagementSchema, type Engagement, type KickoffSchedule } from '../domain/engagement.js';
import { InvalidInput, type FieldIssue } from '../domain/errors.js';
import { CHANNELS, COMMUNICATION_KINDS } from '../domain/expectations.js';
import { milestoneStatuses } from '../domain/milestones.js';
import { text } from '../domain/text.js';
import { zonedTimeToInstant } from '../domain/zoned-time.js';
import { recordManagerNews } from '../use-cases/record-engagement-news.js';
import { questionsOf, respondBy } from '../domain/questions.js';
import { answerQuestion, openIncident } from '../use-cases/questions-and-incidents.js';
import type { Workflow } from '../adapters/workflow.js';
import type { Deps } from '../deps.js';
import { createEngagement, requestKeySchema } from '../use-cases/create-engagement.js';
import { identifyRequest, REFRESH_COOKIE, ROLES, type Authenticator, type Identity } from './auth.js';
import { parseOrInvalid } from './errors.js';
import { flatValues, newEngagementFromForm, onFormRow, readForm } from './forms.js';
import { firstValue } from '../domain/kickoff.js';
import { sameOriginForms } from './same-origin.js';
import { safeNext, type OAuthClient } from './sign-in-routes.js';
import { driftRoutes } from './drift-routes.js';
import { registerProps, registerRoutes } from './register-routes.js';
import type { RegisterForm } from './views/register-sections.js';
import { EngagementPage, ManagerHomePage, ManagerMessagePage } from './views/manager-pages.js';

export interface ManagerDeps extends Deps {
  workflow: Workflow;
  auth: Authenticator;
  kickoffSchedule: KickoffSchedule;
  oauth: OAuthClient;
}

export type ManagerEnv = { Variables: { identity: Identity } };

const deliverySchema = (engagement: Engagement) => z.object({
  milestoneId: z.enum(engagement.milestones.map((m) => m.id) as [string, ...string[]], 'must be a milestone of this engagement'),
  summary: text(2000),
});

const touchpointSchema = z.object({
  kind: z.enum(COMMUNICATION_KINDS),
  channel: z.enum(CHANNELS),
  /** When it happened, as the client's local date and time (`2026-03-29T10:30`). */
  at: z.string().max(16),
  summary: text(2000),
});

const answerSchema = z.object({ questionId: z.string().regex(/^[a-z0-9-]{1,64}$/, 'must be a question id'), answer: text(5000) });
const incidentSchema = z.object({ summary: text(2000) });

type NewsKind = 'delivery' | 'touchpoint' | 'answer' | 'incident';

const canSee = (who: Identity, engagement: Engagement) =>
  engagement.manager.id === who.id || who.groups.includes(ROLES.headOfDelivery);

const asManager = (who: Identity) => ({ id: who.id, email: who.email, name: who.name });

export function managerRoutes(deps: ManagerDeps) {
  const app = new Hono<ManagerEnv>();
  const isApi = (c: Context) => c.req.path.startsWith('/api/');

  for (const prefix of ['/manager', '/manager/*', '/api/*']) {
    app.use(prefix, bodyLimit({ maxSize: 64 * 1024, onError: (c) => c.json({ error: 'PayloadTooLarge', message: 'the body is larger than 64 KiB' }, 413) }));
    app.use(prefix, async (c, next) => {
      const identity = await identifyRequest(deps.auth, c, isApi(c) ? 'api' : 'page');
      if (!identity) {
        if (isApi(c)) return c.json({ error: 'Unauthorized', message: 'sign in: send a valid bearer token' }, 401);
        const signInUrl = `/auth/sign-in?next=${encodeURIComponent(safeNext(c.req.path))}`;
        // A browser that can renew its session goes round the sign-in silently and comes back.
        if (c.req.method === 'GET' && getCookie(c, REFRESH_COOKIE)) return c.redirect(signInUrl, 302);
        return c.html(<ManagerMessagePage kind="unauthorized" signInUrl={signInUrl} />, 401);
      }
      if (!identity.groups.includes(ROLES.manager) && !identity.groups.includes(ROLES.headOfDelivery)) {
        return isApi(c)
          ? c.json({ error: 'Forbidden', message: 'this account is not in the managers group' }, 403)
          : c.html(<ManagerMessagePage kind="forbidden" />, 403);
      }
      c.set('identity', identity);
      return next();
    });
  }
  // Pages authenticate with a cookie, so their POSTs must come from our own origin.
  app.use('/manager/*', sameOriginForms());

  async function visibleEngagement(c: Context<ManagerEnv>): Promise<Engagement | undefined> {
    const id = engagementIdSchema.safeParse(c.req.param('id'));
    if (!id.success) return undefined;
    const engagement = await deps.store.getEngagement(id.data);
    return engagement && canSee(c.get('identity'), engagement) ? engagement : undefined;
  }

  async function home(c: Context<ManagerEnv>, form = { values: { requestKey: randomUUID() } as Record<string, string>, errors: [] as InvalidInput['issues'] }) {
    const who = c.get('identity');
    const [engagements, drift] = await Promise.all([deps.store.listEngagementsOfManager(who.id), deps.store.driftOfManager(who.id)]);
    const scores = new Map(drift.map((d) => [d.engagementId, d.score]));
    return c.html(
      <ManagerHomePage
        manager={{ name: who.name, email: who.email }}
        engagements={engagements.map((e) => ({
          id: e.id, title: e.title, clientName: e.client.name, status: e.status, createdAt: e.createdAt, score: scores.get(e.id),
        }))}
        portfolioUrl={who.groups.includes(ROLES.headOfDelivery) ? '/manager/portfolio' : undefined}
        form={form}
        createAction="/manager/engagements"
      />,
      form.errors.length ? 400 : 200,
    );
  }

  app.get('/manager', (c) => home(c));

  app.post('/manager/engagements', async (c) => {
    const form = await readForm(c);
    const { value, formRow } = newEngagementFromForm(form);
    try {
      const input = parseOrInvalid(newEngagementSchema, value);
      const requestKey = parseOrInvalid(requestKeySchema.optional(), firstValue(form.requestKey) || undefined);
      const { engagement } = await createEngagement(deps, input, asManager(c.get('identity')), requestKey);
      return c.redirect(`/manager/engagements/${engagement.id}`, 303);
    } catch (error) {
      if (error instanceof InvalidInput) return home(c, { values: flatValues(form), errors: error.issues.map((i) => onFormRow(i, formRow)) });
      throw error;
    }
  });

  async function engagementPage(
    c: Context<ManagerEnv>, engagement: Engagement, form?: { values: Record<string, string>; errors: FieldIssue[]; which: NewsKind | RegisterForm }, status: 400 | 409 = 400,
  ) {
    const [latestAnswer, events] = await Promise.all([
      deps.store.latestKickoffAnswer(engagement.id),
      deps.store.listEvents(engagement.id),
    ]);
    return c.html(
      <EngagementPage
        engagement={engagement}
        latestAnswer={latestAnswer}
        versions={engagement.expectationsVersion}
        // Deliveries and opens are the normal case; the timeline shows the emails that did not arrive.
        events={events.filter((e) => !(e.type === 'email-outcome' && (e.outcome === 'delivered' || e.outcome === 'opened')))}
        clientNotes={events.flatMap((e) => (e.type === 'client-note' ? [{ at: e.at, text: e.text, page: e.page }] : []))}
        milestoneStatuses={milestoneStatuses(engagement, events)}
        deliveryAction={`/manager/engagements/${engagement.id}/deliveries`}
        touchpointAction={`/manager/engagements/${engagement.id}/touchpoints`}
        questions={questionsOf(events).map((q) => ({ ...q, respondBy: respondBy(latestAnswer?.expectations.pace.responseTimeHours, q.askedAt) }))}
        answerAction={(questionId) => `/manager/engagements/${engagement.id}/questions/${questionId}/answer`}
        incidentAction={`/manager/engagements/${engagement.id}/incidents`}
        emergencyChannel={latestAnswer?.expectations.channels.emergency}
        now={deps.clock.now().toISOString()}
        driftUrl={`/manager/engagements/${engagement.id}/drift`}
        register={registerProps(engagement, events, latestAnswer?.expectations, deps.clock.now())}
        form={form}
      />,
      form ? status : 200,
    );
  }

  app.get('/manager/engagements/:id', async (c) => {
    const engagement = await visibleEngagement(c);
    if (!engagement) return c.html(<ManagerMessagePage kind="not-found" />, 404);
    return engagementPage(c, engagement);
  });

  /**
   * What a manager records on an engagement, from the page (form) or the API (JSON):
   * validated, logged, and passed on (the workflow woken, the client told).
   */
  async function recordNews(c: Context<ManagerEnv>, which: NewsKind, body: Record<string, unknown>, engagement: Engagement) {
    const who = c.get('identity');
    const now = deps.clock.now();
    if (which === 'answer') {
      const input = parseOrInvalid(answerSchema, { ...body, questionId: c.req.param('questionId') });
      await answerQuestion(deps, engagement, input.questionId, input.answer, who.id);
      return;
    }
    if (which === 'incident') {
      await openIncident(deps, engagement, parseOrInvalid(incidentSchema, body).summary);
      return;
    }
    if (which === 'delivery') {
      const input = parseOrInvalid(deliverySchema(engagement), body);
      await recordManagerNews(deps, { type: 'milestone-delivered', engagementId: engagement.id, milestoneId: input.milestoneId, summary: input.summary }, now);
      return;
    }
    const input = parseOrInvalid(touchpointSchema, body);
    const timeZone = (await deps.store.latestKickoffAnswer(engagement.id))?.expectations.process.workingHours.timeZone ?? 'UTC';
    const at = zonedTimeToInstant(input.at, timeZone);
    if (!at || at.getTime() > now.getTime() + 5 * 60_000) {
      throw new InvalidInput([{ field: 'at', message: at ? 'must not be in the future' : 'must be a date and time' }]);
    }
    await recordManagerNews(deps, {
      type: 'touchpoint-recorded', engagementId: engagement.id, kind: input.kind, channel: input.channel, summary: input.summary, by: who.id, byName: who.name,
    }, at);
  }

  const routes = [
    ['deliveries', 'delivery'], ['touchpoints', 'touchpoint'], ['incidents', 'incident'], ['questions/:questionId/answer', 'answer'],
  ] as const;
  for (const [path, which] of routes) {
    app.post(`/manager/engagements/:id/${path}`, async (c) => {
      const engagement = await visibleEngagement(c);
      if (!engagement) return c.html(<ManagerMessagePage kind="not-found" />, 404);
      const form = await readForm(c);
      try {
        await recordNews(c, which, flatValues(form), engagement);
      } catch (error) {
        if (error instanceof InvalidInput) return engagementPage(c, engagement, { values: flatValues(form), errors: error.issues, which });
        throw error;
      }
      return c.redirect(`/manager/engagements/${engagement.id}`, 303);
    });
    app.post(`/api/engagements/:id/${path}`, async (c) => {
      const engagement = await visibleEngagement(c);
      if (!engagement) return c.json({ error: 'NotFound', message: 'no such engagement' }, 404);
      const body = await c.req.json().catch(() => undefined);
      if (!body || typeof body !== 'object') return c.json({ error: 'InvalidInput', message: 'the body must be a JSON object', issues: [{ field: 'body', message: 'must be a JSON object' }] }, 400);
      await recordNews(c, which, body as Record<string, unknown>, engagement);
      return c.json({ recorded: which }, 201);
    });
  }

  app.get('/api/engagements', async (c) => {
    const engagements = await deps.store.listEngagementsOfManager(c.get('identity').id);
    return c.json({ engagements });
  });

  app.post('/api/engagements', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: 'InvalidInput', message: 'the body must be JSON', issues: [{ field: 'body', message: 'must be JSON' }] }, 400);
    }
    const input = parseOrInvalid(newEngagementSchema, body);
    const requestKey = c.req.header('idempotency-key');
    const key = requestKeySchema.safeParse(requestKey);
    if (requestKey !== undefined && !key.success) {
      return c.json({ error: 'InvalidInput', message: 'the Idempotency-Key header is invalid', issues: [{ field: 'Idempotency-Key', message: key.error.issues[0]?.message ?? 'invalid' }] }, 400);
    }
    const { engagement, created } = await createEngagement(deps, input, asManager(c.get('identity')), key.data);
    return c.json({ engagement }, created ? 201 : 200);
  });

  app.get('/api/engagements/:id', async (c) => {
    const engagement = await visibleEngagement(c);
    if (!engagement) return c.json({ error: 'NotFound', message: 'no such engagement' }, 404);
    const [expectations, events] = await Promise.all([
      deps.store.latestKickoffAnswer(engagement.id),
      deps.store.listEvents(engagement.id),
    ]);
    return c.json({ engagement, expectations: expectations ?? null, events });
  });

  app.route('/', driftRoutes(deps, visibleEngagement));
  app.route('/', registerRoutes(deps, visibleEngagement, engagementPage));

  return app;
}
