/**
 * The client's side: signed links only, no account. GET shows a page and changes nothing
 * (mail scanners prefetch links); only POST acts. A tampered link is 403, an expired one 410,
 * each with a page that says what to do. Every page reached through a valid link lets the
 * client write to their manager.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { bodyLimit } from 'hono/body-limit';
import { engagementOfRequest, type ClientRequest } from '../domain/client-request.js';
import type { Engagement, Locale } from '../domain/engagement.js';
import { optionalText, text } from '../domain/text.js';
import { askQuestion, questionsOf } from '../use-cases/questions-and-incidents.js';
import { InvalidInput, type FieldIssue } from '../domain/errors.js';
import { firstValue, kickoffFormValues, noteSchema, parseKickoffForm, prefillSource, NOTE_FIELD, type FormValues } from '../domain/kickoff.js';
import type { Deps } from '../deps.js';
import { recordClientNote } from '../use-cases/forward-client-note.js';
import { submitKickoffAnswer } from '../use-cases/submit-kickoff-answer.js';
import { lastInformationalContact } from '../domain/engagement-plan.js';
import { milestoneStatuses } from '../domain/milestones.js';
import { recordDeliveryAnswer } from '../use-cases/record-engagement-news.js';
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

export function clientRoutes(deps: Deps) {
  const app = new Hono();
  app.use('*', bodyLimit({ maxSize: 64 * 1024, onError: (c) => message(c, 'bad-request', 413) }));

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
        form={form}
      />,
      form ? 400 : 200,
    );
  }

  app.get('/c/:link', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (opened.request.purpose === 'status') return showStatus(c, opened);
    if (opened.request.purpose === 'confirm') return showConfirmation(c, opened);
    if (opened.request.purpose === 'survey') return showSurvey(c, opened);
    if (opened.request.status === 'answered') return message(c, 'already-received', 200, opened);
    if (opened.request.status === 'closed') return message(c, 'closed', 410, opened);
    return showForm(c, opened);
  });

  app.post('/c/:link', async (c) => {
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    if (opened.request.purpose === 'status') return message(c, 'bad-request', 405, opened);
    if (opened.request.purpose === 'confirm') return answerConfirmation(c, opened);
    if (opened.request.purpose === 'survey') return answerSurvey(c, opened);
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
    if (opened.request.purpose !== 'status') return message(c, 'bad-request', 400, opened);
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
