/**
 * The manager's scope register and moved due dates, as page forms under /manager and as JSON
 * under /api, mounted by `managerRoutes` behind its sign-in, CSRF check and body limit:
 *
 *   POST …/engagements/:id/scope-requests                          record a request
 *   POST …/engagements/:id/scope-requests/:scopeRequestId/decision  decide it (the client is told)
 *   POST …/engagements/:id/deadline-shifts                         move a due date (the client is told)
 *   GET  /api/engagements/:id/register                             the register and the moves
 *
 * Contract: input is validated with zod; bad input is a 400 naming each field (on a page: the
 * page again, errors beside the fields), nothing stored. An unknown request (or one of another
 * engagement) is 404; a decision other than the one that stands, a closed engagement, or no
 * rule yet is 409. The API answers 201 when something was recorded and 200 when a repeat (the
 * same request key, the same decision) found it already recorded; pages redirect to the section.
 * A request key (the form's hidden field, or the API's `Idempotency-Key`) makes a record once.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { MAX_SHIFT_DAYS, deadlineShifts } from '../domain/deadline-shifts.js';
import type { Engagement } from '../domain/engagement.js';
import { Conflict, InvalidInput, NotFound, type FieldIssue } from '../domain/errors.js';
import { SCOPE_DECISIONS, type EngagementEvent } from '../domain/events.js';
import type { Expectations } from '../domain/expectations.js';
import { firstValue } from '../domain/kickoff.js';
import { milestoneStatuses } from '../domain/milestones.js';
import { noticeWindow } from '../domain/client-notices.js';
import { MAX_EFFORT_HOURS, proposeDecision, ruleReason, scopeRegister, type DecisionInput } from '../domain/scope-register.js';
import { isoDate, line, optionalText, text } from '../domain/text.js';
import { DAY_MS, localTime, zonedTimeToInstant } from '../domain/zoned-time.js';
import type { Deps } from '../deps.js';
import { recordDeadlineShift } from '../use-cases/deadline-shifts.js';
import { requestKeySchema } from '../use-cases/create-engagement.js';
import { decideScopeRequest, recordScopeRequest } from '../use-cases/scope-register.js';
import { parseOrInvalid } from './errors.js';
import { flatValues, readForm } from './forms.js';
import type { ManagerEnv } from './manager-routes.js';
import { ManagerMessagePage, type EngagementPageProps } from './views/manager-pages.js';
import type { RegisterForm } from './views/register-sections.js';

/** Empty form fields are absent. */
const blank = (value: unknown) => (value === '' || value === null ? undefined : value);
/** Numbers come as numbers (JSON) or text (forms, where a comma may be the decimal mark). */
const numberish = (value: unknown) => (typeof value === 'string' ? (value.trim() === '' ? undefined : Number(value.trim().replace(',', '.'))) : value);

const effortSchema = z.preprocess(numberish, z.number({ message: 'must be a number of hours, such as 1.5' })
  .gt(0, 'must be more than 0 hours')
  .max(MAX_EFFORT_HOURS, `at most ${MAX_EFFORT_HOURS} hours`)
  // Hundredths of an hour are precise enough; below that, an estimate is noise.
  .transform((hours) => Math.round(hours * 100) / 100)
  .refine((hours) => hours > 0, 'must be more than 0 hours'));

const checkbox = z.preprocess((value) => value === true || value === 'on' || value === 'true', z.boolean());

const scopeRequestSchema = z.object({
  summary: text(2000),
  effortHours: effortSchema,
  askedBy: line(200),
  /** When the client asked, as their local date and time (`2026-03-29T10:30`); now when absent. */
  at: z.preprocess(blank, z.string().max(16).optional()),
  ofDeclinedKind: checkbox,
});

const registerIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/);

const decisionSchema = (engagement: Engagement) => z.object({
  decision: z.preprocess(blank, z.enum(SCOPE_DECISIONS).optional()),
  overrideReason: optionalText(2000),
  price: z.preprocess(blank, line(40).optional()),
  milestoneId: z.preprocess(blank, z.enum(engagement.milestones.map((m) => m.id) as [string, ...string[]], 'must be a milestone of this engagement').optional()),
  shiftDays: z.preprocess(numberish, z.number({ message: 'must be a number' }).int('must be whole days').min(1, 'at least 1 day').max(MAX_SHIFT_DAYS, `at most ${MAX_SHIFT_DAYS} days`).optional()),
  newDue: z.preprocess(blank, isoDate.optional()),
}).superRefine((d, ctx) => {
  if (d.shiftDays !== undefined && d.newDue !== undefined) ctx.addIssue({ code: 'custom', path: ['shiftDays'], message: 'give the days or the new date, not both' });
  if (d.milestoneId !== undefined && d.shiftDays === undefined && d.newDue === undefined) ctx.addIssue({ code: 'custom', path: ['newDue'], message: 'required' });
  if (d.milestoneId === undefined && (d.shiftDays !== undefined || d.newDue !== undefined)) ctx.addIssue({ code: 'custom', path: ['milestoneId'], message: 'required' });
});

const deadlineShiftSchema = (engagement: Engagement) => z.object({
  milestoneId: z.enum(engagement.milestones.map((m) => m.id) as [string, ...string[]], 'must be a milestone of this engagement'),
  newDue: isoDate,
  reason: text(2000),
});

/** "Now" on the client's wall clock, as a datetime-local value. */
function localNowIn(timeZone: string, now: Date): string {
  const local = localTime(timeZone, now.getTime());
  return new Date(local.day * DAY_MS + local.msOfDay).toISOString().slice(0, 16);
}

/** What the engagement page shows of the register and the moves, and where its forms post. */
export function registerProps(engagement: Engagement, events: readonly EngagementEvent[], expectations: Expectations | undefined, now: Date): NonNullable<EngagementPageProps['register']> {
  const timeZone = expectations?.process.workingHours.timeZone ?? 'UTC';
  const windowDays = expectations?.outcome.confirmationWindowDays;
  const base = `/manager/engagements/${engagement.id}`;
  return {
    ...(expectations ? { rule: expectations.scope, slipNoticeDays: expectations.pace.slipNoticeDays } : {}),
    entries: scopeRegister({ events, windowDays, now }).map((entry) => ({
      ...entry,
      proposed: expectations ? proposeDecision(expectations.scope, entry) : 'decline',
      reason: expectations ? ruleReason(expectations.scope, entry) : 'larger',
      ...(entry.announcedAt && windowDays !== undefined ? { answerBy: new Date(noticeWindow(entry.announcedAt, windowDays).endsAt).toISOString() } : {}),
    })),
    shifts: deadlineShifts({ events, expectations, now }),
    milestones: milestoneStatuses(engagement, events),
    timeZone,
    localNow: localNowIn(timeZone, now),
    actions: {
      request: `${base}/scope-requests`,
      decision: (scopeRequestId) => `${base}/scope-requests/${scopeRequestId}/decision`,
      shift: `${base}/deadline-shifts`,
    },
    requestKeys: { request: randomUUID(), shift: randomUUID() },
  };
}

type ShowPage = (c: Context<ManagerEnv>, engagement: Engagement, form: { values: Record<string, string>; errors: FieldIssue[]; which: RegisterForm }, status: 400 | 409) => Promise<Response>;
type Recorded = { body: Record<string, unknown>; created: boolean };

export function registerRoutes(deps: Deps, visibleEngagement: (c: Context<ManagerEnv>) => Promise<Engagement | undefined>, showPage: ShowPage) {
  const app = new Hono<ManagerEnv>();

  async function timeZoneOf(engagement: Engagement): Promise<string> {
    return (await deps.store.latestKickoffAnswer(engagement.id))?.expectations.process.workingHours.timeZone ?? 'UTC';
  }

  /** The request key of a post (the form's hidden field, the API's header), checked and named as the caller sent it. */
  function requestKeyOf(value: string | undefined, field: string): string | undefined {
    const key = requestKeySchema.optional().safeParse(blank(value));
    if (!key.success) throw new InvalidInput([{ field, message: key.error.issues[0]?.message ?? 'invalid' }]);
    return key.data;
  }

  /** Validates and records one post, from a form or JSON. */
  async function record(c: Context<ManagerEnv>, which: RegisterForm, body: Record<string, unknown>, engagement: Engagement, key: string | undefined): Promise<Recorded> {
    const by = c.get('identity').id;
    if (which === 'scope-request') {
      const input = parseOrInvalid(scopeRequestSchema, body);
      const askedAt = input.at === undefined ? deps.clock.now() : zonedTimeToInstant(input.at, await timeZoneOf(engagement));
      if (!askedAt) throw new InvalidInput([{ field: 'at', message: 'must be a date and time' }]);
      const { scopeRequestId, proposed, created } = await recordScopeRequest(deps, engagement, {
        summary: input.summary, effortHours: input.effortHours, askedBy: input.askedBy, askedAt, ofDeclinedKind: input.ofDeclinedKind,
        ...(key ? { requestKey: key } : {}),
      }, by);
      return { body: { recorded: which, scopeRequestId, proposed }, created };
    }
    if (which === 'scope-decision') {
      const id = registerIdSchema.safeParse(c.req.param('scopeRequestId'));
      if (!id.success) throw new NotFound('this request of the engagement');
      const input = parseOrInvalid(decisionSchema(engagement), body);
      const shift = input.milestoneId === undefined ? undefined
        : input.newDue !== undefined ? { milestoneId: input.milestoneId, newDue: input.newDue } : { milestoneId: input.milestoneId, days: input.shiftDays ?? 0 };
      const decision: DecisionInput = {
        ...(input.decision ? { decision: input.decision } : {}),
        ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
        ...(input.price ? { price: input.price } : {}),
        ...(shift ? { shift } : {}),
      };
      const result = await decideScopeRequest(deps, engagement, id.data, decision, by);
      return { body: { recorded: which, scopeRequestId: id.data, decision: result.decision, ...(result.unchanged ? { unchanged: true } : {}) }, created: !result.unchanged };
    }
    const input = parseOrInvalid(deadlineShiftSchema(engagement), body);
    const { shiftId, created } = await recordDeadlineShift(deps, engagement, { ...input, ...(key ? { requestKey: key } : {}) }, by);
    return { body: { recorded: which, shiftId }, created };
  }

  const routes = [
    ['scope-requests', 'scope-request', 'register'],
    ['scope-requests/:scopeRequestId/decision', 'scope-decision', 'register'],
    ['deadline-shifts', 'deadline-shift', 'shifts'],
  ] as const;
  for (const [path, which, section] of routes) {
    app.post(`/manager/engagements/:id/${path}`, async (c) => {
      const engagement = await visibleEngagement(c);
      if (!engagement) return c.html(<ManagerMessagePage kind="not-found" />, 404);
      const form = await readForm(c);
      const values = { ...flatValues(form), ...(which === 'scope-decision' ? { scopeRequestId: c.req.param('scopeRequestId') ?? '' } : {}) };
      try {
        await record(c, which, flatValues(form), engagement, requestKeyOf(firstValue(form.requestKey), 'requestKey'));
      } catch (error) {
        if (error instanceof InvalidInput) return showPage(c, engagement, { values, errors: error.issues, which }, 400);
        if (error instanceof Conflict) {
          return showPage(c, engagement, { values, errors: [{ field: which === 'scope-decision' ? 'decision' : 'body', message: error.message }], which }, 409);
        }
        throw error;
      }
      return c.redirect(`/manager/engagements/${engagement.id}#${section}`, 303);
    });
    app.post(`/api/engagements/:id/${path}`, async (c) => {
      const engagement = await visibleEngagement(c);
      if (!engagement) return c.json({ error: 'NotFound', message: 'no such engagement' }, 404);
      const body = await c.req.json().catch(() => undefined);
      if (!body || typeof body !== 'object' || Array.isArray(body)) {
        return c.json({ error: 'InvalidInput', message: 'the body must be a JSON object', issues: [{ field: 'body', message: 'must be a JSON object' }] }, 400);
      }
      const result = await record(c, which, body as Record<string, unknown>, engagement, requestKeyOf(c.req.header('idempotency-key'), 'Idempotency-Key'));
      return c.json(result.body, result.created ? 201 : 200);
    });
  }

  app.get('/api/engagements/:id/register', async (c) => {
    const engagement = await visibleEngagement(c);
    if (!engagement) return c.json({ error: 'NotFound', message: 'no such engagement' }, 404);
    const [answer, events] = await Promise.all([deps.store.latestKickoffAnswer(engagement.id), deps.store.listEvents(engagement.id)]);
    const view = registerProps(engagement, events, answer?.expectations, deps.clock.now());
    return c.json({
      rule: view.rule ?? null,
      requests: view.entries,
      shifts: view.shifts,
    });
  });

  return app;
}
