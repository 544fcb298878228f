/**
 * The signed-in manager's pages: the list of their engagements with a "new engagement" form,
 * one engagement (status, client, milestones, what the client expects, timeline, notes, the
 * client's link), and the sign-in / no-access / not-found messages.
 *
 * Contract: the manager's interface is English; `locale` is a prop (default `en`) so it can
 * follow the manager later. The client's own words (their notes) are marked with the
 * engagement's language. The new-engagement form uses the flat names `forms.ts` reads
 * (`client.email`, `milestones.1.due`), and errors arrive under those names.
 */
import type { Engagement, EngagementStatus, Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { EngagementEvent } from '../../domain/events.js';
import type { KickoffAnswer } from '../../domain/kickoff.js';
import { describeExpectations, formatDate, formatDateTime, issueText, messages, type Messages } from '../../i18n.js';
import { ErrorSummary, Select, TextInput, fieldId, formState } from './form-fields.js';
import { Layout } from './layout.js';

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
}

export interface ManagerHomeProps {
  manager: { name: string; email: string };
  engagements: EngagementSummary[];
  form: { values: Record<string, string>; errors: FieldIssue[] };
  createAction: string;
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
      <p class="muted">{mm.signedInAs(props.manager.name, props.manager.email)}</p>
      {props.engagements.length === 0 ? <p>{mm.noEngagements}</p> : (
        <ul class="plain card">
          {props.engagements.map((e) => (
            <li>
              <a href={`/manager/engagements/${encodeURIComponent(e.id)}`}><strong>{e.title}</strong></a>
              <br />
              {e.clientName} · <StatusBadge status={e.status} m={m} />
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
  locale?: Locale;
}

function eventText(event: EngagementEvent, m: Messages): string {
  const e = m.manager.events;
  switch (event.type) {
    case 'engagement-created': return e.created(event.by);
    case 'email-sent': return e.emailSent(e.emails[event.purpose], event.to);
    case 'kickoff-answered': return event.round === 0 ? e.answered(event.version) : e.corrected(event.version);
    case 'client-note': return e.note;
    case 'kickoff-unanswered': return e.unanswered;
    case 'expectations-agreed': return e.agreed(event.version);
    case 'kickoff-stalled': return e.stalled(event.error);
    case 'milestone-delivered': return e.delivered(event.milestoneId);
    case 'outcome-confirmed': return e.confirmed(event.milestoneId);
    case 'outcome-rejected': return e.rejected(event.milestoneId, event.reason);
    case 'deadline-shifted': return e.shifted(event.milestoneId, event.previousDue, event.newDue);
    case 'email-outcome': return e.emailOutcome(event.outcome);
    case 'touchpoint-recorded': return e.touchpoint(m.channels[event.channel]);
    case 'client-question': return e.question;
    case 'question-answered': return e.answeredQuestion;
    case 'incident-opened': return e.incident;
    case 'scope-request-recorded': return e.scopeRequest(event.effortHours);
    case 'scope-decision-recorded': return e.scopeDecision(event.decision, event.overrideReason !== undefined);
    case 'scope-decision-announced': return e.scopeAnnounced;
  }
}

export function EngagementPage(props: EngagementPageProps) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  const m = messages(locale);
  const mm = m.manager;
  const { engagement, latestAnswer } = props;
  // Storage order is not a promise; the timeline reads oldest first.
  const events = [...props.events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return (
    <Layout locale={locale} title={engagement.title}>
      <p><a href="/manager">{mm.back}</a></p>
      <h1>{engagement.title}</h1>
      <p><StatusBadge status={engagement.status} m={m} /></p>

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

      <h2>{mm.milestones}</h2>
      <ol class="card">
        {engagement.milestones.map((ms) => (
          <li>{ms.title} <span class="muted">({mm.milestoneDueOn(formatDate(ms.due, locale))})</span></li>
        ))}
      </ol>

      <h2>{mm.expectations}</h2>
      {latestAnswer ? (
        <>
          <p class="muted">
            {mm.answerVersion(latestAnswer.version, formatDateTime(latestAnswer.submittedAt, locale))}
            {props.versions > 1 ? ` ${mm.versionsTotal(props.versions)}` : ''}
          </p>
          {describeExpectations(latestAnswer.expectations, locale).map((section) => (
            <section class="card" aria-labelledby={`expectations-${section.dimension}`}>
              <h3 id={`expectations-${section.dimension}`}>{section.title}</h3>
              <dl class="items">
                {section.items.map((item) => <><dt>{item.label}</dt><dd class="prewrap">{item.value}</dd></>)}
              </dl>
            </section>
          ))}
        </>
      ) : <p>{mm.notAnswered}</p>}

      <h2>{mm.timeline}</h2>
      {events.length === 0 ? <p>{mm.noEvents}</p> : (
        <ol class="plain card">
          {events.map((event) => (
            <li>
              <time datetime={event.at} class="muted">{formatDateTime(event.at, locale)}</time>
              <br />
              {eventText(event, m)}
            </li>
          ))}
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
