/**
 * The client's side: signed links only, no account. GET shows a page and changes nothing
 * (mail scanners prefetch links); only POST acts. A tampered link is 403, an expired one 410,
 * each with a page that says what to do. Every page reached through a valid link lets the
 * client write to their manager.
 *
 * A scope decision's link (`scope`) takes one of the answers the decision allows, a moved due
 * date's link (`shift`) an acknowledgement; a second answer is told "already answered" (409)
 * and changes nothing. The status page shows the client's own register, read-only.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { engagementOfRequest, scopeAnswerRequestId, shiftAcknowledgementRequestId, type ClientRequest } from '../domain/client-request.js';
import type { Engagement, Locale } from '../domain/engagement.js';
import { optionalText, text } from '../domain/text.js';
import { questionsOf } from '../domain/questions.js';
import { askQuestion } from '../use-cases/questions-and-incidents.js';
import { InvalidInput, type FieldIssue } from '../domain/errors.js';
import { firstValue, kickoffFormValues, noteSchema, parseKickoffForm, prefillSource, NOTE_FIELD, type FormValues } from '../domain/kickoff.js';
import { clientLink, type Deps } from '../deps.js';
import { recordClientNote } from '../use-cases/forward-client-note.js';
import { submitKickoffAnswer } from '../use-cases/submit-kickoff-answer.js';
import { lastInformationalContact } from '../domain/engagement-plan.js';
import { milestoneStatuses } from '../domain/milestones.js';
import { recordDeliveryAnswer } from '../use-cases/record-engagement-news.js';
import { noticeLinkExpiry, noticeWindow } from '../domain/client-notices.js';
import { deadlineShifts } from '../domain/deadline-shifts.js';
import { scopeAnswerSchema, type EngagementEvent, type ScopeAnswer } from '../domain/events.js';
import type { Expectations } from '../domain/expectations.js';
import { answersFor, scopeRegister } from '../domain/scope-register.js';
import { describeScopeCost, describeScopeDecision, formatDate, messages } from '../i18n.js';
import { acknowledgeDeadlineShift } from '../use-cases/deadline-shifts.js';
import { answerScopeDecision, decisionFacts, milestoneTitleOf } from '../use-cases/scope-register.js';
import type { ClientRegister } from './views/client-register.js';
import { DeadlineShiftPage, ScopeDecisionPage } from './views/notice-pages.js';
import { issuesOfZod, statusOf } from './errors.js';
import { ConfirmationPage } from './views/confirmation-page.js';
import { StatusPage } from './views/status-page.js';
import { flatValues, readForm } from './forms.js';
import { SurveyPage } from './views/survey-page.js';
import { ClientMessagePage, type ClientMessageKind } from './views/client-pages.js';
import { KickoffFormPage } from './views/kickoff-form.js';

interface Opened {
  link: string;
  request: ClientRequest;
  engagement: Engagement;
  locale: Locale;
}

const pickLocale = (c: Context, fallback: Locale): Locale => {
  const asked = c.req.query('lang');
  return asked === 'en' || asked === 'ru' ? asked : fallback;
};

/** One click: it works, it never arrived, or it is not what was needed (then say why). */
const deliveryAnswerSchema = z.object({
  answer: z.enum(['works', 'not-received', 'not-what-i-needed']),
  reason: optionalText(5000),
  note: noteSchema,
}).refine((a) => a.answer !== 'not-what-i-needed' || Boolean(a.reason), { message: 'required', path: ['reason'] });

const questionSchema = text(5000);

/** The retrospective: a rating, a yes/maybe/no, and two optional texts. Nothing the client already told us. */
const surveySchema = z.object({
  rating: z.coerce.number({ message: 'choose from 1 to 5' }).int('must be a whole number').min(1, 'choose from 1 to 5').max(5, 'choose from 1 to 5'),
  recommend: z.enum(['yes', 'maybe', 'no']),
  keep: optionalText(5000),
  change: optionalText(5000),
  note: noteSchema,
});

const langSwitch = (path: string) => ({ en: `${path}?lang=en`, ru: `${path}?lang=ru` });

/** One click on a scope decision: an answer it allows, and the optional note beside it. */
const scopeAnswerFormSchema = z.object({ answer: scopeAnswerSchema, note: noteSchema });

/** The page a client sees after answering a decision, by what they answered (and whether the later date applied). */
const AFTER_SCOPE_ANSWER: Record<ScopeAnswer, (moved: boolean) => ClientMessageKind> = {
  noted: () => 'scope-noted',
  'extra-pay': () => 'scope-chosen',
  'later-date': (moved) => (moved ? 'scope-later-date' : 'scope-chosen'),
  withdrawn: () => 'scope-withdrawn',
};

export function clientRoutes(deps: Deps) {
  const app = new Hono();
  // Mounted at the root: '*' would put this page in front of the manager's API and pages too.
  app.use('/c/*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => message(c, 'too-large', 413) }));

  function message(c: Context, kind: ClientMessageKind, status: number, opened?: Opened, rejectedNote?: { text: string; message: string }) {
    const locale = opened?.locale ?? pickLocale(c, 'en');
    const path = opened ? `/c/${opened.link}` : c.req.path;
    return c.html(
      <ClientMessagePage
        locale={locale}
        kind={kind}
        langSwitch={langSwitch(path)}
        noteAction={opened ? `/c/${opened.link}/note?lang=${locale}` : undefined}
        rejectedNote={rejectedNote}
        details={opened ? { engagementTitle: opened.engagement.title, version: opened.request.answerVersion } : undefined}
      />,
      status as 200,
    );
  }

  /** Verifies the link and loads what it points to; or answers with the right page. */
  async function open(c: Context): Promise<Opened | Response> {
    const link = c.req.param('link') ?? '';
    const check = deps.links.verify(link, deps.clock.now());
    if (check.status === 'tampered') return message(c, 'link-tampered', 403);
    if (check.status === 'expired') return message(c, 'link-expired', 410);
    // The request id names its engagement, so both are read at once.
    const [request, engagement] = await Promise.all([
      deps.store.getRequest(check.requestId),
      deps.store.getEngagement(engagementOfRequest(check.requestId)),
    ]);
    if (!request || !engagement || request.engagementId !== engagement.id || request.purpose !== check.purpose) return message(c, 'not-found', 404);
    return { link, request, engagement, locale: pickLocale(c, engagement.locale) };
  }

  async function showForm(c: Context, opened: Opened, form?: { values: FormValues; errors: FieldIssue[] }) {
    const { engagement, request, link, locale } = opened;
    let values = form?.values;
    let prefilledFrom: 'this-engagement' | 'earlier-engagement' | undefined;
    if (!values) {
      const [own, earlier] = await Promise.all([
        deps.store.latestKickoffAnswer(engagement.id),
        deps.store.latestAnswerOfContact(engagement.client.email, engagement.id),
      ]);
      const source = prefillSource(own, earlier);
      values = source ? kickoffFormValues(source.answer.expectations) : {};
      prefilledFrom = source?.from;
    }
    return c.html(
      <KickoffFormPage
        locale={locale}
        engagementTitle={engagement.title}
        clientName={engagement.client.name}
        managerName={engagement.manager.name}
        values={values}
        errors={form?.errors ?? []}
        prefilledFrom={prefilledFrom}
        isCorrection={request.round > 0}
        action={`/c/${link}?lang=${locale}`}
        langSwitch={langSwitch(`/c/${link}`)}
      />,
      form?.errors.length ? 400 : 200,
    );
  }

  /** The delivery a confirmation link is about, or why it can't be answered any more. */
  async function deliveryOf(opened: Opened) {
    const { engagement, request } = opened;
    if (request.status === 'answered') return 'confirmation-already' as const;
    const events = await deps.store.listEvents(engagement.id);
    const status = milestoneStatuses(engagement, events).find((s) => s.milestone.id === request.milestoneId);
    if (!status || status.deliveries !== request.delivery) return 'confirmation-superseded' as const;
    const delivered = [...events].reverse().find((e) => e.type === 'milestone-delivered' && e.milestoneId === request.milestoneId);
    return { status, summary: delivered?.type === 'milestone-delivered' ? delivered.summary : '' };
  }

  async function showConfirmation(c: Context, opened: Opened, form?: { values: FormValues; errors: FieldIssue[] }) {
    const { engagement, link, locale } = opened;
    const delivery = await deliveryOf(opened);
    if (typeof delivery === 'string') return message(c, delivery, form ? 409 : 200, opened);
    const { status, summary } = delivery;
    return c.html(
      <ConfirmationPage
        locale={locale}
        engagementTitle={engagement.title}
        milestoneTitle={status.milestone.title}
        deliverySummary={summary}
        deliveredAt={status.lastDeliveredAt ?? ''}
        action={`/c/${link}?lang=${locale}`}
        langSwitch={langSwitch(`/c/${link}`)}
        values={form?.values}
        errors={form?.errors}
      />,
      form?.errors.length ? 400 : 200,
    );
  }

  async function showStatus(c: Context, opened: Opened, form?: { values: Record<string, string>; errors: FieldIssue[] }) {
    const { engagement, link, locale } = opened;
    const [events, answer, first] = await Promise.all([
      deps.store.listEvents(engagement.id),
      deps.store.latestKickoffAnswer(engagement.id),
      deps.store.getKickoffAnswer(engagement.id, 1),
    ]);
    const expectations = answer?.expectations;
    const next = expectations && first
      ? { by: new Date(lastInformationalContact(events, first.submittedAt) + expectations.pace.updateCadenceDays * 86_400_000).toISOString(), channel: expectations.channels.informational }
      : undefined;
    return c.html(
      <StatusPage
        locale={locale}
        engagementTitle={engagement.title}
        managerName={engagement.manager.name}
        milestones={milestoneStatuses(engagement, events).map((s) => ({
          title: s.milestone.title, due: s.due, state: s.state,
          ...(s.lastDeliveredAt ? { deliveredAt: s.lastDeliveredAt } : {}),
          ...(s.confirmedAt ? { confirmedAt: s.confirmedAt } : {}),
        }))}
        nextUpdate={next}
        expectations={expectations}
        timeZone={expectations?.process.workingHours.timeZone ?? 'UTC'}
        langSwitch={langSwitch(`/c/${link}`)}
        noteAction={`/c/${link}/note?lang=${locale}`}
        questionAction={`/c/${link}/questions?lang=${locale}`}
        questions={questionsOf(events)}
        responseTimeHours={expectations?.pace.responseTimeHours}
        register={expectations ? clientRegisterOf(engagement, events, expectations, locale) : undefined}
        form={form}
      />,
      form ? 400 : 200,
    );
  }

  /** The client's register as their status page shows it, in their language, with links to answer what waits for them. */
  function clientRegisterOf(engagement: Engagement, events: readonly EngagementEvent[], expectations: Expectations, locale: Locale): ClientRegister {
    const now = deps.clock.now();
    const windowDays = expectations.outcome.confirmationWindowDays;
    const requests = scopeRegister({ events, windowDays, now }).map((entry): ClientRegister['requests'][number] => {
      const { decision, announcedAt } = entry;
      if (!decision || !announcedAt) return { summary: entry.summary, askedAt: entry.askedAt };
      const facts = decisionFacts(engagement, expectations, { ...entry, decision });
      return {
        summary: entry.summary,
        askedAt: entry.askedAt,
        decided: {
          decision: messages(locale).register.clientDecisions[decision.decision],
          cost: describeScopeCost({ ...facts, ...(entry.answer ? { answer: entry.answer.answer } : {}) }, locale),
          ...(entry.answer
            ? { answer: entry.answer }
            : { answerLink: clientLink(deps, scopeAnswerRequestId(engagement.id, entry.scopeRequestId), noticeLinkExpiry(announcedAt, windowDays), 'scope') }),
        },
      };
    });
    const shifts = deadlineShifts({ events, expectations, now }).map((shift): ClientRegister['shifts'][number] => ({
      milestoneTitle: milestoneTitleOf(engagement, shift.milestoneId),
      previousDue: shift.previousDue, newDue: shift.newDue, reason: shift.reason, toldAt: shift.toldAt,
      chosenByClient: shift.shiftId === undefined,
      ...(shift.acknowledgedAt ? { acknowledgedAt: shift.acknowledgedAt } : {}),
      ...(shift.shiftId && !shift.acknowledgedAt && shift.state !== 'notice-pending'
        ? { acknowledgeLink: clientLink(deps, shiftAcknowledgementRequestId(engagement.id, shift.shiftId), noticeLinkExpiry(shift.toldAt, windowDays), 'shift') }
        : {}),
    }));
    return { requests, shifts };
  }

  /** The announced decision a scope link is about, with the client's rule; undefined when there is none to answer. */
  async function decisionOf(opened: Opened) {
    const { engagement, request } = opened;
    const [answer, events] = await Promise.all([deps.store.latestKickoffAnswer(engagement.id), deps.store.listEvents(engagement.id)]);
    if (!answer) return undefined;
    const { expectations } = answer;
    const entry = scopeRegister({ events, windowDays: expectations.outcome.confirmationWindowDays, now: deps.clock.now() })
      .find((e) => e.scopeRequestId === request.scopeRequestId);
    const { decision, announcedAt } = entry ?? {};
    if (!entry || !decision || !announcedAt) return undefined;
    return { entry: { ...entry, decision }, announcedAt, expectations };
  }

  async function showScopeDecision(c: Context, opened: Opened, error?: string) {
    const { engagement, link, locale } = opened;
    const found = await decisionOf(opened);
    if (!found) return message(c, 'not-found', 404, opened);
    const { entry, announcedAt, expectations } = found;
    const facts = decisionFacts(engagement, expectations, entry);
    return c.html(
      <ScopeDecisionPage
        locale={locale}
        engagementTitle={engagement.title}
        summary={entry.summary}
        askedAt={entry.askedAt}
        decisionLabel={messages(locale).register.clientDecisions[entry.decision.decision]}
        paragraphs={describeScopeDecision(facts, locale)}
        cost={describeScopeCost({ ...facts, ...(entry.answer ? { answer: entry.answer.answer } : {}) }, locale)}
        answers={answersFor(entry.decision.decision)}
        answerDetails={{
          ...(facts.price !== undefined ? { 'extra-pay': facts.price } : {}),
          ...(facts.shift ? { 'later-date': formatDate(facts.shift.to, locale) } : {}),
        }}
        answered={entry.answer}
        answerBy={new Date(noticeWindow(announcedAt, expectations.outcome.confirmationWindowDays).endsAt).toISOString()}
        timeZone={expectations.process.workingHours.timeZone}
        action={`/c/${link}?lang=${locale}`}
        noteAction={`/c/${link}/note?lang=${locale}`}
        langSwitch={langSwitch(`/c/${link}`)}
        error={error}
      />,
      error ? 400 : 200,
    );
  }

  async function answerScope(c: Context, opened: Opened) {
    const form = await readForm(c);
    const found = await decisionOf(opened);
    if (!found) return message(c, 'not-found', 404, opened);
    if (found.entry.answer || opened.request.status !== 'open') return message(c, 'scope-already-answered', 409, opened);
    const parsed = scopeAnswerFormSchema.safeParse({ answer: firstValue(form.answer), note: firstValue(form[NOTE_FIELD]) ?? '' });
    if (!parsed.success) return showScopeDecision(c, opened, parsed.error.issues[0]?.message ?? 'Invalid option');
    const { answer, note } = parsed.data;
    if (!answersFor(found.entry.decision.decision).includes(answer)) return showScopeDecision(c, opened, 'Invalid option');
    let moved: boolean;
    try {
      ({ moved } = await answerScopeDecision(deps, opened.engagement, opened.request, answer));
    } catch (error) {
      if (statusOf(error) === 409 || statusOf(error) === 410) return message(c, 'scope-already-answered', 409, opened);
      throw error;
    }
    if (note) await recordClientNote(deps, opened.engagement, note, 'scope');
    return message(c, AFTER_SCOPE_ANSWER[answer](moved), 200, opened);
  }

  /** The manager's move a shift link is about, with the client's expectations; undefined when there is none. */
  async function shiftOf(opened: Opened) {
    const { engagement, request } = opened;
    const [answer, events] = await Promise.all([deps.store.latestKickoffAnswer(engagement.id), deps.store.listEvents(engagement.id)]);
    if (!answer) return undefined;
    const shift = deadlineShifts({ events, expectations: answer.expectations, now: deps.clock.now() }).find((s) => s.shiftId === request.shiftId);
    return shift ? { shift, expectations: answer.expectations } : undefined;
  }

  async function showShift(c: Context, opened: Opened) {
    const { engagement, link, locale } = opened;
    const found = await shiftOf(opened);
    if (!found) return message(c, 'not-found', 404, opened);
    const { shift, expectations } = found;
    return c.html(
      <DeadlineShiftPage
        locale={locale}
        engagementTitle={engagement.title}
        milestoneTitle={milestoneTitleOf(engagement, shift.milestoneId)}
        previousDue={shift.previousDue}
        newDue={shift.newDue}
        reason={shift.reason}
        toldAt={shift.toldAt}
        lateAgainstNoticeDays={shift.lateNotice ? expectations.pace.slipNoticeDays : undefined}
        acknowledgedAt={shift.acknowledgedAt}
        timeZone={expectations.process.workingHours.timeZone}
        action={`/c/${link}?lang=${locale}`}
        noteAction={`/c/${link}/note?lang=${locale}`}
        langSwitch={langSwitch(`/c/${link}`)}
      />,
    );
  }

  async function acknowledgeShift(c: Context, opened: Opened) {
    const form = await readForm(c);
    const found = await shiftOf(opened);
    if (!found) return message(c, 'not-found', 404, opened);
    if (found.shift.acknowledgedAt || opened.request.status !== 'open') return message(c, 'shift-already-acknowledged', 409, opened);
    const raw = firstValue(form[NOTE_FIELD]) ?? '';
    const note = noteSchema.safeParse(raw);
    if (!note.success) return message(c, 'bad-request', 400, opened, { text: raw, message: note.error.issues[0]?.message ?? 'required' });
    try {
      await acknowledgeDeadlineShift(deps, opened.engagement, opened.request);
    } catch (error) {
      if (statusOf(error) === 409 || statusOf(error) === 410) return message(c, 'shift-already-acknowledged', 409, opened);
      throw error;
    }
    if (note.data) await recordClientNote(deps, opened.engagement, note.data, 'shift');
    return message(c, 'shift-acknowledged', 200, opened);
  }

  app.get('/c/:link', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (opened.request.purpose === 'status') return showStatus(c, opened);
    if (opened.request.purpose === 'confirm') return showConfirmation(c, opened);
    if (opened.request.purpose === 'survey') return showSurvey(c, opened);
    if (opened.request.purpose === 'scope') return showScopeDecision(c, opened);
    if (opened.request.purpose === 'shift') return showShift(c, opened);
    if (opened.request.status === 'answered') return message(c, 'already-received', 200, opened);
    if (opened.request.status === 'closed') return message(c, 'closed', 410, opened);
    return showForm(c, opened);
  });

  app.post('/c/:link', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (opened.request.purpose === 'status') return message(c, 'status-takes-no-answers', 405, opened);
    if (opened.request.purpose === 'confirm') return answerConfirmation(c, opened);
    if (opened.request.purpose === 'survey') return answerSurvey(c, opened);
    if (opened.request.purpose === 'scope') return answerScope(c, opened);
    if (opened.request.purpose === 'shift') return acknowledgeShift(c, opened);
    if (opened.request.status === 'answered') return message(c, 'already-received', 409, opened);
    if (opened.request.status === 'closed') return message(c, 'closed', 410, opened);
    const form = await readForm(c);
    let parsed: ReturnType<typeof parseKickoffForm>;
    try {
      parsed = parseKickoffForm(form);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      const values = Object.fromEntries(Object.entries(form).filter((e): e is [string, string | string[]] => e[1] !== undefined));
      return showForm(c, opened, { values, errors: error.issues });
    }
    try {
      await submitKickoffAnswer(deps, { request: opened.request, engagement: opened.engagement, ...parsed, locale: opened.locale });
    } catch (error) {
      const status = statusOf(error);
      if (status === 409) return message(c, 'already-received', 409, opened);
      if (status === 410) return message(c, 'closed', 410, opened);
      throw error;
    }
    return message(c, opened.request.round > 0 ? 'correction-received' : 'answer-received', 200, opened);
  });

  async function answerConfirmation(c: Context, opened: Opened) {
    const form = await readForm(c);
    const parsed = deliveryAnswerSchema.safeParse({ answer: firstValue(form.answer), reason: firstValue(form.reason) ?? '', note: firstValue(form[NOTE_FIELD]) ?? '' });
    const values = Object.fromEntries(Object.entries(form).filter((e): e is [string, string | string[]] => e[1] !== undefined));
    if (!parsed.success) return showConfirmation(c, opened, { values, errors: issuesOfZod(parsed.error) });
    const delivery = await deliveryOf(opened);
    if (typeof delivery === 'string') return message(c, delivery, 409, opened);
    const { answer, reason, note } = parsed.data;
    try {
      await recordDeliveryAnswer(deps, opened.engagement, opened.request, answer === 'works' ? { answer } : { answer, ...(reason ? { reason } : {}) });
    } catch (error) {
      if (statusOf(error) === 409) return message(c, 'confirmation-already', 409, opened);
      throw error;
    }
    if (note) await recordClientNote(deps, opened.engagement, note, 'confirmation');
    return message(c, answer === 'works' ? 'confirmation-received' : 'rejection-received', 200, opened);
  }

  function showSurvey(c: Context, opened: Opened, form?: { values: Record<string, string>; errors: FieldIssue[] }) {
    const { engagement, request, link, locale } = opened;
    if (request.status !== 'open') return message(c, 'survey-closed', form ? 409 : 200, opened);
    return c.html(
      <SurveyPage
        locale={locale}
        engagementTitle={engagement.title}
        managerName={engagement.manager.name}
        action={`/c/${link}?lang=${locale}`}
        langSwitch={langSwitch(`/c/${link}`)}
        values={form?.values}
        errors={form?.errors}
      />,
      form ? 400 : 200,
    );
  }

  async function answerSurvey(c: Context, opened: Opened) {
    if (opened.request.status !== 'open') return message(c, 'survey-closed', 409, opened);
    const form = await readForm(c);
    const parsed = surveySchema.safeParse({
      rating: firstValue(form.rating), recommend: firstValue(form.recommend),
      keep: firstValue(form.keep) ?? '', change: firstValue(form.change) ?? '', note: firstValue(form[NOTE_FIELD]) ?? '',
    });
    if (!parsed.success) return showSurvey(c, opened, { values: flatValues(form), errors: issuesOfZod(parsed.error) });
    const { note, ...answer } = parsed.data;
    try {
      await deps.store.recordAnswer(opened.request, {
        type: 'survey-answered', engagementId: opened.engagement.id, rating: answer.rating, recommend: answer.recommend,
        ...(answer.keep ? { keep: answer.keep } : {}), ...(answer.change ? { change: answer.change } : {}),
      }, deps.clock.now());
    } catch (error) {
      if (statusOf(error) === 409 || statusOf(error) === 410) return message(c, 'survey-closed', 409, opened);
      throw error;
    }
    if (note) await recordClientNote(deps, opened.engagement, note, 'survey');
    return message(c, 'survey-received', 200, opened);
  }

  app.post('/c/:link/questions', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (opened.request.purpose !== 'status') return message(c, 'questions-on-status-page', 400, opened);
    const form = await readForm(c);
    const question = questionSchema.safeParse(firstValue(form.question) ?? '');
    if (!question.success) {
      return showStatus(c, opened, { values: { question: firstValue(form.question) ?? '' }, errors: issuesOfZod(question.error).map((i) => ({ ...i, field: 'question' })) });
    }
    await askQuestion(deps, opened.engagement, question.data);
    return c.html(
      <ClientMessagePage
        locale={opened.locale}
        kind="question-received"
        langSwitch={langSwitch(`/c/${opened.link}`)}
        noteAction={`/c/${opened.link}/note?lang=${opened.locale}`}
        details={{ engagementTitle: opened.engagement.title, managerName: opened.engagement.manager.name }}
      />,
    );
  });

  app.post('/c/:link/note', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const form = await readForm(c);
    const raw = form[NOTE_FIELD];
    const note = noteSchema.safeParse(typeof raw === 'string' ? raw : '');
    if (!note.success || !note.data) {
      const text = typeof raw === 'string' ? raw : '';
      return message(c, 'bad-request', 400, opened, { text, message: note.success ? 'required' : note.error.issues[0]?.message ?? 'required' });
    }
    const page = opened.request.purpose === 'kickoff' ? (opened.request.round > 0 ? 'correction' : 'kickoff')
      : opened.request.purpose === 'confirm' ? 'confirmation' : opened.request.purpose;
    await recordClientNote(deps, opened.engagement, note.data, page);
    return message(c, 'note-received', 200, opened);
  });

  return app;
}
