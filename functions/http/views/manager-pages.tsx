/**
 * The signed-in manager's pages: the list of their engagements (each with its alignment score
 * once a drift report exists, and a link to the portfolio for heads of delivery) with a "new
 * engagement" form, one engagement (status, a link to its drift report, client, the client's
 * questions with an answer form each, milestones with their state and a "record a delivery"
 * form each, the scope register and the moved due dates with their forms
 * (`register-sections.tsx`), "open an incident", a "record a contact" form, what the client
 * expects, timeline, notes), and the sign-in / no-access / not-found messages.
 *
 * Contract: the manager's interface is English; `locale` is a prop (default `en`) so it can
 * follow the manager later. The client's own words (their notes, a rejection's reason) are
 * marked with the engagement's language. The new-engagement form uses the flat names
 * `forms.ts` reads (`client.email`, `milestones.1.due`), and errors arrive under those names.
 * The engagement page's forms post `milestoneId` + `summary` (a delivery) and `kind`,
 * `channel`, `at` (datetime-local, in the client's time zone) + `summary` (a contact); a failed post comes
 * back as `form` with `which` naming the form, whose values and errors are shown in it.
 * An answer posts `questionId` + `answer` to `answerAction(questionId)` (a failed one comes back
 * with `which: 'answer'` and its `questionId` in `values`); an incident posts `summary` to
 * `incidentAction` (`which: 'incident'`). Open questions come first, the nearest deadline on
 * top, and one past its deadline at `now` is marked overdue; answered ones follow, newest first.
 */
import { COMMUNICATION_KINDS, CHANNELS, type Channel } from '../../domain/expectations.js';
import type { Engagement, EngagementStatus, Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { EngagementEvent } from '../../domain/events.js';
import type { KickoffAnswer } from '../../domain/kickoff.js';
import type { MilestoneStatus } from '../../domain/milestones.js';
import { describeCheckpoint, formatDate, formatDateTime, issueText, messages, type Messages } from '../../i18n.js';
import { ExpectationsSummary } from './expectations-summary.js';
import { ErrorSummary, Select, TextArea, TextInput, fieldId, formState } from './form-fields.js';
import { Layout } from './layout.js';
import { DeadlineShiftsSection, ScopeRegisterSection, type RegisterForm, type RegisterProps } from './register-sections.js';

const DEFAULT_LOCALE: Locale = 'en';
const MIN_MILESTONE_ROWS = 5;
const MAX_MILESTONE_ROWS = 50;

function StatusBadge({ status, m }: { status: EngagementStatus; m: Messages }) {
  return <span class={`badge ${status}`}>{m.manager.status[status]}</span>;
}

export interface EngagementSummary {
  id: string;
  title: string;
  clientName: string;
  status: EngagementStatus;
  createdAt: string;
  /** The overall alignment score of its drift report, once one was computed. */
  score?: number;
}

export interface ManagerHomeProps {
  manager: { name: string; email: string };
  engagements: EngagementSummary[];
  form: { values: Record<string, string>; errors: FieldIssue[] };
  createAction: string;
  /** The portfolio, for heads of delivery; without it no link is shown. */
  portfolioUrl?: string;
  locale?: Locale;
}

/** Enough rows for what was posted (or flagged), never fewer than five. */
function milestoneRows(values: Record<string, string>, errors: FieldIssue[]): number {
  const indexes = [...Object.keys(values), ...errors.map((e) => e.field)]
    .map((name) => /^milestones\.(\d+)\./.exec(name)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  return Math.min(MAX_MILESTONE_ROWS, Math.max(MIN_MILESTONE_ROWS, ...indexes.map((i) => i + 1)));
}

export function ManagerHomePage(props: ManagerHomeProps) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  const m = messages(locale);
  const mm = m.manager;
  const form = formState(props.form.values, props.form.errors, locale);
  const rows = Array.from({ length: milestoneRows(props.form.values, props.form.errors) }, (_, i) => i);
  const labels: Record<string, string> = { ...mm.fields, milestones: mm.milestones };
  for (const i of rows) {
    labels[`milestones.${i}.title`] = `${mm.milestone(i + 1)}, ${mm.milestoneTitle.toLowerCase()}`;
    labels[`milestones.${i}.due`] = `${mm.milestone(i + 1)}, ${mm.milestoneDue.toLowerCase()}`;
  }
  const milestonesError = props.form.errors.find((e) => e.field === 'milestones');
  const hasErrors = props.form.errors.length > 0;
  return (
    <Layout locale={locale} title={`${hasErrors ? m.errors.titlePrefix : ''}${mm.homeTitle}`}>
      <h1>{mm.homeTitle}</h1>
      <form method="post" action="/auth/sign-out" class="signed-in">
        <span class="muted">{mm.signedInAs(props.manager.name, props.manager.email)}</span>
        <button type="submit" class="quiet">{mm.signOut}</button>
      </form>
      {props.portfolioUrl ? <p><a href={props.portfolioUrl}>{mm.portfolioLink}</a></p> : null}
      {props.engagements.length === 0 ? <p>{mm.noEngagements}</p> : (
        <ul class="plain card">
          {props.engagements.map((e) => (
            <li>
              <a href={`/manager/engagements/${encodeURIComponent(e.id)}`}><strong>{e.title}</strong></a>
              <br />
              {e.clientName} · <StatusBadge status={e.status} m={m} />
              {e.score !== undefined
                ? <> · <a href={`/manager/engagements/${encodeURIComponent(e.id)}/drift`}>{mm.driftScore(e.score)}</a></>
                : null}
              <br />
              <span class="muted">{mm.created(formatDate(e.createdAt, locale))}</span>
            </li>
          ))}
        </ul>
      )}

      <h2 id="new-engagement">{mm.newTitle}</h2>
      <p>{mm.newIntro}</p>
      <ErrorSummary issues={props.form.errors} labels={labels} locale={locale} />
      <form method="post" action={props.createAction} novalidate aria-labelledby="new-engagement">
        <input type="hidden" name="requestKey" value={props.form.values.requestKey ?? ''} />
        <div class="card">
          <TextInput form={form} name="title" label={mm.fields.title} />
          <TextInput form={form} name="client.name" label={mm.fields['client.name']} autocomplete="off" />
          <TextInput form={form} type="email" name="client.email" label={mm.fields['client.email']} autocomplete="off" />
          <TextInput form={form} name="client.organisation" label={mm.fields['client.organisation']} optional autocomplete="off" />
          <Select
            form={form}
            name="locale"
            label={mm.fields.locale}
            options={[{ value: 'en', label: m.language.en }, { value: 'ru', label: m.language.ru }]}
          />
        </div>
        <fieldset
          class={milestonesError ? 'section has-error' : 'section'}
          id={fieldId('milestones')}
          aria-describedby={milestonesError ? 'milestones-help milestones-error' : 'milestones-help'}
        >
          <legend class="section-title">{mm.milestones}</legend>
          <p class="help" id="milestones-help">{mm.milestonesHelp}</p>
          {milestonesError ? (
            <p class="error" id="milestones-error">
              <span class="vh">{m.errors.hiddenPrefix} </span>{issueText(milestonesError.message, locale)}
            </p>
          ) : null}
          {rows.map((i) => (
            <fieldset class="field group">
              <legend>{mm.milestone(i + 1)}</legend>
              <div class="row">
                <TextInput form={form} name={`milestones.${i}.title`} label={mm.milestoneTitle} optional={i > 0} />
                <TextInput form={form} type="date" name={`milestones.${i}.due`} label={mm.milestoneDue} optional={i > 0} />
              </div>
            </fieldset>
          ))}
        </fieldset>
        <div class="actions">
          <button type="submit">{mm.create}</button>
        </div>
      </form>
    </Layout>
  );
}

export interface EngagementPageProps {
  engagement: Engagement;
  latestAnswer?: KickoffAnswer;
  versions: number;
  events: EngagementEvent[];
  clientNotes: Array<{ at: string; text: string; page: string }>;
  /** Where each milestone stands (`milestoneStatuses` of the engagement and its events). */
  milestoneStatuses: MilestoneStatus[];
  deliveryAction: string;
  touchpointAction: string;
  /** The client's questions; the section shows only when given. */
  questions?: ManagerQuestion[];
  /** Where the answer to one question posts; without it no answer form is shown. */
  answerAction?: (questionId: string) => string;
  /** Where "open an incident" posts; without it the form is not shown. */
  incidentAction?: string;
  /** The channel the client chose for emergencies (undefined before kickoff answers). */
  emergencyChannel?: Channel;
  /** The present (an instant), to mark open questions past their deadline; without it none is marked. */
  now?: string;
  /** The engagement's drift report; without it no link is shown. */
  driftUrl?: string;
  /** The scope register and the moved due dates; the sections show only when given. */
  register?: Omit<RegisterProps, 'engagement' | 'posted' | 'locale'>;
  /** A post that failed, shown again in the form it came from. */
  form?: { values: Record<string, string>; errors: FieldIssue[]; which: 'delivery' | 'touchpoint' | 'answer' | 'incident' | RegisterForm };
  locale?: Locale;
}

export interface ManagerQuestion {
  questionId: string;
  text: string;
  askedAt: string;
  /** The written answer, when there is one. */
  answer?: string;
  answeredAt?: string;
  /** When the client expects the answer, by the response time they asked for. */
  respondBy: string;
}

const isAnswered = (q: ManagerQuestion) => q.answer !== undefined || q.answeredAt !== undefined;

/** Open first, the nearest deadline on top; then answered, the latest answer on top. */
function questionOrder(a: ManagerQuestion, b: ManagerQuestion): number {
  if (isAnswered(a) !== isAnswered(b)) return isAnswered(a) ? 1 : -1;
  if (!isAnswered(a)) return Date.parse(a.respondBy) - Date.parse(b.respondBy);
  return Date.parse(b.answeredAt ?? b.askedAt) - Date.parse(a.answeredAt ?? a.askedAt);
}

type TitleOf = (milestoneId: string) => string;
/** A person's name for an id the log keeps (the engagement's manager is known by name). */
type NameOf = (userId: string) => string;

function eventText(event: EngagementEvent, m: Messages, locale: Locale, titleOf: TitleOf, nameOf: NameOf): string {
  const e = m.manager.events;
  switch (event.type) {
    case 'engagement-created': return e.created(nameOf(event.by));
    case 'email-sent': return e.emailSent(e.emails[event.purpose], event.to);
    case 'kickoff-answered': return event.round === 0 ? e.answered(event.version) : e.corrected(event.version);
    case 'client-note': return e.note;
    case 'kickoff-unanswered': return e.unanswered;
    case 'expectations-agreed': return e.agreed(event.version);
    case 'workflow-stalled': return e.stalled(event.workflow, event.error);
    case 'milestone-delivered': return e.delivered(titleOf(event.milestoneId));
    case 'outcome-confirmed': return e.confirmed(titleOf(event.milestoneId));
    case 'checkpoint-recorded':
      return e.checkpoint(titleOf(event.milestoneId), describeCheckpoint(event, locale).flatMap((p) => (p.short ? [p.short] : [])));
    case 'outcome-rejected': return e.rejected(titleOf(event.milestoneId), event.reason);
    case 'deadline-shifted':
      return (event.scopeRequestId ? e.shiftedByClient : e.shifted)(titleOf(event.milestoneId), formatDate(event.previousDue, locale), formatDate(event.newDue, locale));
    case 'deadline-shift-acknowledged': return e.shiftAcknowledged(titleOf(event.milestoneId));
    case 'email-outcome': return e.emailOutcome(event.outcome);
    case 'touchpoint-recorded': return e.touchpoint(event.kind, event.channel, event.byName ?? nameOf(event.by));
    case 'client-question': return e.question;
    case 'question-answered': return e.answeredQuestion;
    case 'incident-opened': return e.incident;
    case 'scope-request-recorded': return e.scopeRequest(event.effortHours);
    case 'scope-decision-recorded': return e.scopeDecision(event.decision, event.overrideReason !== undefined);
    case 'scope-decision-announced': return e.scopeAnnounced;
    case 'scope-decision-answered': return e.scopeAnswered(event.answer);
    case 'engagement-closed': return e.closed(event.surveySent);
    case 'survey-answered': return e.surveyAnswered(event.rating, event.recommend);
  }
}

/**
 * The free texts an event carries, each with the words that introduce it (if any), and whether
 * it is the client's own words (shown in their language).
 */
function eventDetails(event: EngagementEvent, m: Messages): Array<{ label?: string; text: string; clientWords: boolean }> {
  switch (event.type) {
    case 'milestone-delivered':
    case 'touchpoint-recorded':
    case 'incident-opened':
    case 'scope-request-recorded':
      return event.summary.trim() === '' ? [] : [{ text: event.summary, clientWords: false }];
    case 'deadline-shifted': return [{ text: event.reason, clientWords: false }];
    case 'scope-decision-recorded': return event.overrideReason ? [{ text: event.overrideReason, clientWords: false }] : [];
    case 'outcome-rejected': return event.text ? [{ text: event.text, clientWords: true }] : [];
    case 'client-question': return [{ text: event.text, clientWords: true }];
    case 'survey-answered': {
      const e = m.manager.events;
      return [
        ...(event.keep ? [{ label: e.surveyKeep, text: event.keep, clientWords: true }] : []),
        ...(event.change ? [{ label: e.surveyChange, text: event.change, clientWords: true }] : []),
      ];
    }
    default: return [];
  }
}

export function EngagementPage(props: EngagementPageProps) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  const m = messages(locale);
  const mm = m.manager;
  const { engagement, latestAnswer } = props;
  const titleOf: TitleOf = (id) => engagement.milestones.find((ms) => ms.id === id)?.title ?? id;
  const nameOf: NameOf = (id) => (id === engagement.manager.id ? engagement.manager.name : id);
  // Storage order is not a promise; the timeline reads oldest first.
  const events = [...props.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const posted = props.form;
  const delivery = posted?.which === 'delivery' ? posted : undefined;
  // A delivery post names its milestone; if it names none we know, its errors go above the list.
  const deliveryPlaced = delivery !== undefined && props.milestoneStatuses.some((s) => s.milestone.id === delivery.values.milestoneId);
  const questions = props.questions ? [...props.questions].sort(questionOrder) : undefined;
  const answer = posted?.which === 'answer' ? posted : undefined;
  // An answer's errors go in its question's form; if that question is no longer open (or unknown), above the list.
  const answerPlaced = answer !== undefined && props.answerAction !== undefined
    && (questions ?? []).some((q) => !isAnswered(q) && q.questionId === answer.values.questionId);
  const hasErrors = (posted?.errors.length ?? 0) > 0;
  const registerPosted = posted?.which === 'scope-request' || posted?.which === 'scope-decision' || posted?.which === 'deadline-shift'
    ? { ...posted, which: posted.which }
    : undefined;
  return (
    <Layout locale={locale} title={`${hasErrors ? m.errors.titlePrefix : ''}${engagement.title}`}>
      <p><a href="/manager">{mm.back}</a></p>
      <h1>{engagement.title}</h1>
      <p><StatusBadge status={engagement.status} m={m} /></p>
      {props.driftUrl ? <p><a href={props.driftUrl}>{mm.driftLink}</a></p> : null}

      <h2>{mm.client}</h2>
      <dl class="items card">
        <dt>{mm.fields['client.name']}</dt>
        <dd>{engagement.client.name}</dd>
        <dt>{mm.fields['client.email']}</dt>
        <dd><a href={`mailto:${engagement.client.email}`}>{engagement.client.email}</a></dd>
        {engagement.client.organisation ? <><dt>{mm.fields['client.organisation']}</dt><dd>{engagement.client.organisation}</dd></> : null}
        <dt>{mm.clientLanguage}</dt>
        <dd>{m.language[engagement.locale]}</dd>
      </dl>

      {questions ? (
        <>
          <h2 id="questions">{mm.questions.title}</h2>
          {answer && !answerPlaced
            ? <ErrorSummary issues={answer.errors} labels={{ answer: mm.questions.answer }} locale={locale} />
            : null}
          {questions.length === 0 ? <p>{mm.questions.none}</p> : (
            <ul class="plain card" aria-labelledby="questions">
              {questions.map((question) => (
                <QuestionItem
                  question={question}
                  m={m}
                  locale={locale}
                  clientLocale={engagement.locale}
                  now={props.now}
                  action={props.answerAction}
                  posted={answerPlaced && answer.values.questionId === question.questionId ? answer : undefined}
                />
              ))}
            </ul>
          )}
        </>
      ) : null}

      <h2 id="milestones">{mm.milestones}</h2>
      {delivery && !deliveryPlaced
        ? <ErrorSummary issues={delivery.errors} labels={{ summary: mm.delivery.summary }} locale={locale} />
        : null}
      <ol class="plain card" aria-labelledby="milestones">
        {props.milestoneStatuses.map((status) => (
          <MilestoneItem
            status={status}
            m={m}
            locale={locale}
            clientLocale={engagement.locale}
            action={props.deliveryAction}
            posted={delivery && delivery.values.milestoneId === status.milestone.id ? delivery : undefined}
          />
        ))}
      </ol>

      {props.register ? (
        <>
          <ScopeRegisterSection {...props.register} engagement={engagement} locale={locale} posted={registerPosted} />
          <DeadlineShiftsSection {...props.register} engagement={engagement} locale={locale} posted={registerPosted} />
        </>
      ) : null}

      {props.incidentAction ? (
        <IncidentForm
          m={m}
          locale={locale}
          action={props.incidentAction}
          channel={props.emergencyChannel}
          posted={posted?.which === 'incident' ? posted : undefined}
        />
      ) : null}

      <TouchpointForm
        m={m}
        locale={locale}
        action={props.touchpointAction}
        timeZone={latestAnswer?.expectations.process.workingHours.timeZone ?? 'UTC'}
        posted={posted?.which === 'touchpoint' ? posted : undefined}
      />

      <h2>{mm.expectations}</h2>
      {latestAnswer ? (
        <>
          <p class="muted">
            {mm.answerVersion(latestAnswer.version, formatDateTime(latestAnswer.submittedAt, locale))}
            {props.versions > 1 ? ` ${mm.versionsTotal(props.versions)}` : ''}
          </p>
          <ExpectationsSummary expectations={latestAnswer.expectations} locale={locale} />
        </>
      ) : <p>{mm.notAnswered}</p>}

      <h2>{mm.timeline}</h2>
      {events.length === 0 ? <p>{mm.noEvents}</p> : (
        <ol class="plain card">
          {events.map((event) => {
            return (
              <li>
                <time datetime={event.at} class="muted">{formatDateTime(event.at, locale)}</time>
                <br />
                {eventText(event, m, locale, titleOf, nameOf)}
                {eventDetails(event, m).map((detail) => (
                  <>
                    {detail.label ? <p class="detail">{detail.label}</p> : null}
                    <p class="prewrap detail" lang={detail.clientWords ? engagement.locale : undefined}>{detail.text}</p>
                  </>
                ))}
              </li>
            );
          })}
        </ol>
      )}

      <h2>{mm.notes}</h2>
      {props.clientNotes.length === 0 ? <p>{mm.noNotes}</p> : (
        <ul class="plain card">
          {props.clientNotes.map((note) => (
            <li>
              <time datetime={note.at} class="muted">{formatDateTime(note.at, locale)}</time>
              <span class="muted"> · {mm.notePlace(note.page)}</span>
              <p class="prewrap" lang={engagement.locale}>{note.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}

type PostedForm = NonNullable<EngagementPageProps['form']>;

/** One milestone: its state in force, what the client said, and a "record a delivery" form behind a disclosure. */
function MilestoneItem(props: { status: MilestoneStatus; m: Messages; locale: Locale; clientLocale: Locale; action: string; posted?: PostedForm }) {
  const { status, m, locale, posted } = props;
  const mm = m.manager;
  const { milestone } = status;
  // Every milestone has its own form with the same field names: the scope keeps the ids apart.
  const scope = `delivery-${milestone.id}`;
  const form = formState(posted?.values ?? {}, posted?.errors ?? [], locale, scope);
  const due = status.due === milestone.due
    ? mm.milestoneDueOn(formatDate(status.due, locale))
    : mm.milestoneDueShifted(formatDate(status.due, locale), formatDate(milestone.due, locale));
  return (
    <li>
      <h3>{milestone.title}</h3>
      <span class={`badge ${status.state}`}>{mm.milestoneStates[status.state]}</span>
      {' '}
      <span class="muted">{due}</span>
      {status.deliveries > 0 && status.lastDeliveredAt
        ? <p class="detail">{mm.deliveries(status.deliveries, formatDateTime(status.lastDeliveredAt, locale))}</p>
        : null}
      {status.confirmedAt ? <p class="detail">{mm.confirmedOn(formatDateTime(status.confirmedAt, locale))}</p> : null}
      {status.rejection ? (
        <>
          <p class="detail">{mm.rejection(status.rejection.reason, formatDateTime(status.rejection.at, locale))}</p>
          {status.rejection.text ? <p class="prewrap detail" lang={props.clientLocale}>{status.rejection.text}</p> : null}
        </>
      ) : null}
      <details open={posted !== undefined}>
        <summary>{status.deliveries > 0 ? mm.delivery.openAgain : mm.delivery.open}</summary>
        <form method="post" action={props.action} novalidate aria-label={mm.delivery.formLabel(milestone.title)}>
          <ErrorSummary issues={posted?.errors ?? []} labels={{ summary: mm.delivery.summary }} locale={locale} scope={scope} />
          <input type="hidden" name="milestoneId" value={milestone.id} />
          <TextArea form={form} name="summary" label={mm.delivery.summary} help={mm.delivery.summaryHelp} rows={3} />
          <div class="actions">
            <button type="submit">{mm.delivery.submit}</button>
          </div>
        </form>
      </details>
    </li>
  );
}

/**
 * One question from the client: their words (in their language), when they asked, and either
 * the deadline with an answer form, or the answer and when it was given.
 */
function QuestionItem(props: {
  question: ManagerQuestion; m: Messages; locale: Locale; clientLocale: Locale; now?: string;
  action?: (questionId: string) => string; posted?: PostedForm;
}) {
  const { question, m, locale, posted } = props;
  const q = m.manager.questions;
  const answered = isAnswered(question);
  const overdue = !answered && props.now !== undefined && Date.parse(question.respondBy) < Date.parse(props.now);
  const state = answered ? 'answered' : overdue ? 'overdue' : 'open';
  const asked = formatDateTime(question.askedAt, locale);
  const respondBy = q.respondBy(formatDateTime(question.respondBy, locale));
  // Every open question has its own form with the same field name: the scope keeps the ids apart.
  const scope = `answer-${question.questionId}`;
  const form = formState(posted?.values ?? {}, posted?.errors ?? [], locale, scope);
  return (
    <li>
      <span class={`badge ${state}`}>{q.states[state]}</span>
      {' '}
      <span class="muted">{q.asked(asked)}</span>
      <p class="prewrap detail" lang={props.clientLocale}>{question.text}</p>
      {answered ? (
        <>
          {question.answeredAt
            ? <p class="detail">{q.answeredOn(formatDateTime(question.answeredAt, locale), question.answer !== undefined)}</p>
            : null}
          {question.answer !== undefined ? <p class="prewrap detail">{question.answer}</p> : null}
        </>
      ) : (
        <>
          <p class="detail">{overdue ? <strong>{respondBy}</strong> : respondBy}</p>
          {props.action ? (
            <form method="post" action={props.action(question.questionId)} novalidate aria-label={q.formLabel(asked)}>
              <ErrorSummary issues={posted?.errors ?? []} labels={{ answer: q.answer }} locale={locale} scope={scope} />
              <input type="hidden" name="questionId" value={question.questionId} />
              <TextArea form={form} name="answer" label={q.answer} help={q.answerHelp} rows={3} />
              <div class="actions">
                <button type="submit">{q.submit}</button>
              </div>
            </form>
          ) : null}
        </>
      )}
    </li>
  );
}

/**
 * Something urgent for this client: the client hears at once, at any hour, on their emergency
 * channel; the note under the button says what that means here (an email, or a task for you).
 */
function IncidentForm(props: { m: Messages; locale: Locale; action: string; channel?: Channel; posted?: PostedForm }) {
  const { m, locale, posted } = props;
  const t = m.manager.incident;
  const scope = 'incident';
  const form = formState(posted?.values ?? {}, posted?.errors ?? [], locale, scope);
  const noteId = 'incident-channel';
  return (
    <>
      <h2 id="open-incident">{t.title}</h2>
      <p>{t.intro}</p>
      <ErrorSummary issues={posted?.errors ?? []} labels={{ summary: t.summary }} locale={locale} scope={scope} />
      <form method="post" action={props.action} novalidate aria-labelledby="open-incident" class="card">
        <TextArea form={form} name="summary" label={t.summary} help={t.summaryHelp} rows={4} />
        <div class="actions">
          <button type="submit" aria-describedby={noteId}>{t.submit}</button>
        </div>
        <p class="help" id={noteId}>{t.channelNote(props.channel)}</p>
      </form>
    </>
  );
}

/**
 * A call, chat or meeting: only what is recorded counts towards the client's cadence and
 * channels. Its time is entered as the client lived it, in their zone (UTC until they named one).
 */
function TouchpointForm(props: { m: Messages; locale: Locale; action: string; timeZone: string; posted?: PostedForm }) {
  const { m, locale, posted } = props;
  const t = m.manager.touchpoint;
  const scope = 'touchpoint';
  const form = formState(posted?.values ?? {}, posted?.errors ?? [], locale, scope);
  return (
    <>
      <h2 id="record-contact">{t.title}</h2>
      <p>{t.intro}</p>
      <ErrorSummary
        issues={posted?.errors ?? []}
        labels={{ kind: t.kind, channel: t.channel, at: t.at, summary: t.summary }}
        locale={locale}
        scope={scope}
      />
      <form method="post" action={props.action} novalidate aria-labelledby="record-contact" class="card">
        <Select
          form={form}
          name="kind"
          label={t.kind}
          placeholder={m.kickoff.choose}
          options={COMMUNICATION_KINDS.map((kind) => ({ value: kind, label: t.kinds[kind] }))}
        />
        <Select
          form={form}
          name="channel"
          label={t.channel}
          placeholder={m.kickoff.choose}
          options={CHANNELS.map((channel) => ({ value: channel, label: m.channels[channel] }))}
        />
        <TextInput form={form} type="datetime-local" name="at" label={t.at} help={t.atHelp(props.timeZone)} />
        <TextArea form={form} name="summary" label={t.summary} rows={3} />
        <div class="actions">
          <button type="submit">{t.submit}</button>
        </div>
      </form>
    </>
  );
}

export function ManagerMessagePage(props: { kind: keyof Messages['manager']['pages']; signInUrl?: string; locale?: Locale }) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  const m = messages(locale);
  const page = m.manager.pages[props.kind];
  return (
    <Layout locale={locale} title={page.title}>
      <h1>{page.title}</h1>
      {page.body.map((paragraph) => <p>{paragraph}</p>)}
      {props.signInUrl ? <p><a href={props.signInUrl}>{m.manager.signIn}</a></p> : null}
    </Layout>
  );
}
