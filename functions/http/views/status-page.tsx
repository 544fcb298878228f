/**
 * The client's "where things stand" page, behind the link in every status update: each
 * milestone and its state in the client's words, when and how they will hear from us next,
 * their requests beyond the contract and the moved due dates (`client-register.tsx`), their
 * questions and our answers, and what they told us at kickoff, so they never have to ask, and
 * can tell us what changed.
 *
 * Contract: two forms, "ask us a question" (POSTs `question` to `questionAction`) and the
 * "anything else?" box (POST to `noteAction`). A refused question comes back as `form`: its
 * text in the box, the reason beside it and in a summary at the top. Questions are listed
 * newest first, whatever order they arrive in. Instants (deliveries, confirmations, questions,
 * answers, the next update) are shown in the client's `timeZone`; due dates are plain dates.
 */
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { Channel, Expectations } from '../../domain/expectations.js';
import type { MilestoneState } from '../../domain/milestones.js';
import { formatDate, formatDateTime, messages } from '../../i18n.js';
import { NoteForm } from './client-pages.js';
import { ClientRegisterSection, type ClientRegister } from './client-register.js';
import { ExpectationsSummary } from './expectations-summary.js';
import { ErrorSummary, TextArea, formState } from './form-fields.js';
import { Layout, type LangSwitch } from './layout.js';

/** The question form's field, and the scope that keeps its id apart from the note box's. */
const QUESTION_FIELD = 'question';
const QUESTION_SCOPE = 'question';

export interface ClientQuestion {
  text: string;
  askedAt: string;
  /** The manager's written answer, when there is one. */
  answer?: string;
  answeredAt?: string;
}

export interface StatusPageProps {
  locale: Locale;
  engagementTitle: string;
  managerName: string;
  milestones: Array<{ title: string; due: string; state: MilestoneState; deliveredAt?: string; confirmedAt?: string }>;
  nextUpdate: { by: string; channel: Channel } | undefined;
  expectations: Expectations | undefined;
  timeZone: string;
  langSwitch: LangSwitch;
  noteAction: string;
  /** Where "ask us a question" posts. */
  questionAction: string;
  /** The client's questions, open and answered, in any order. */
  questions: ClientQuestion[];
  /** The answer time the client asked for at kickoff, promised beside the question box. */
  responseTimeHours?: number;
  /** A question that was refused, shown again with the reason beside it. */
  form?: { values: Record<string, string>; errors: FieldIssue[] };
  /** Their requests beyond the contract and the moved due dates; nothing is shown when absent or empty. */
  register?: ClientRegister;
}

export function StatusPage(props: StatusPageProps) {
  const m = messages(props.locale);
  const s = m.statusPage;
  const day = (instant: string) => formatDate(instant, props.locale, props.timeZone);
  const moment = (instant: string) => formatDateTime(instant, props.locale, props.timeZone);
  const errors = props.form?.errors ?? [];
  const questionForm = formState(props.form?.values ?? {}, errors, props.locale, QUESTION_SCOPE);
  const questions = [...props.questions].sort((a, b) => Date.parse(b.askedAt) - Date.parse(a.askedAt));
  return (
    <Layout
      locale={props.locale}
      title={`${errors.length > 0 ? m.errors.titlePrefix : ''}${s.title}: ${props.engagementTitle}`}
      langSwitch={props.langSwitch}
    >
      <h1>{s.title}</h1>
      <ErrorSummary issues={errors} labels={{ [QUESTION_FIELD]: s.ask.label }} locale={props.locale} scope={QUESTION_SCOPE} />
      <dl class="items card">
        <dt>{s.details.engagement}</dt>
        <dd>{props.engagementTitle}</dd>
        <dt>{s.details.manager}</dt>
        <dd>{props.managerName}</dd>
      </dl>

      <h2 id="milestones">{s.milestones}</h2>
      <ol class="plain card" aria-labelledby="milestones">
        {props.milestones.map((milestone) => (
          <li>
            <strong>{milestone.title}</strong>
            <br />
            <span class={`badge ${milestone.state}`}>{m.milestoneStates[milestone.state]}</span>
            {' '}
            <span class="muted">{s.due(formatDate(milestone.due, props.locale))}</span>
            {milestone.state === 'awaiting-confirmation' ? (
              <>
                {milestone.deliveredAt ? <p class="detail">{s.deliveredOn(day(milestone.deliveredAt))}</p> : null}
                <p class="detail">{s.awaitingHelp}</p>
              </>
            ) : null}
            {milestone.state === 'confirmed' && milestone.confirmedAt
              ? <p class="detail">{s.confirmedOn(day(milestone.confirmedAt))}</p>
              : null}
            {milestone.state === 'reopened' ? <p class="detail">{s.reopenedHelp}</p> : null}
          </li>
        ))}
      </ol>

      <h2>{s.nextUpdate}</h2>
      <p class="card">
        {props.nextUpdate
          ? s.nextUpdateText(formatDateTime(props.nextUpdate.by, props.locale, props.timeZone), m.channelBy[props.nextUpdate.channel])
          : s.noNextUpdate}
      </p>

      {props.register ? <ClientRegisterSection register={props.register} locale={props.locale} timeZone={props.timeZone} /> : null}

      {questions.length > 0 ? (
        <>
          <h2 id="questions">{s.questions}</h2>
          <ul class="plain card" aria-labelledby="questions">
            {questions.map((question) => {
              const answered = question.answer !== undefined || question.answeredAt !== undefined;
              return (
                <li>
                  <span class={`badge ${answered ? 'answered' : 'open'}`}>{s.questionStates[answered ? 'answered' : 'open']}</span>
                  {' '}
                  <span class="muted">{s.askedOn(moment(question.askedAt))}</span>
                  <p class="prewrap detail">{question.text}</p>
                  {question.answeredAt ? <p class="detail">{s.answeredOn(moment(question.answeredAt), question.answer !== undefined)}</p> : null}
                  {question.answer !== undefined ? <p class="prewrap detail">{question.answer}</p> : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}

      <h2 id="ask">{s.ask.title}</h2>
      <form method="post" action={props.questionAction} class="card" novalidate aria-labelledby="ask">
        <TextArea
          form={questionForm}
          name={QUESTION_FIELD}
          label={s.ask.label}
          help={s.ask.help(props.responseTimeHours)}
          rows={5}
        />
        <div class="actions">
          <button type="submit">{s.ask.submit}</button>
        </div>
      </form>

      <h2>{s.expectations}</h2>
      {props.expectations ? (
        <>
          <p>{s.expectationsIntro}</p>
          <ExpectationsSummary expectations={props.expectations} locale={props.locale} />
        </>
      ) : <p>{s.noExpectations}</p>}

      <NoteForm locale={props.locale} action={props.noteAction} />
    </Layout>
  );
}
