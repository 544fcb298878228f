/**
 * The pages behind the links of notices that wait for the client's click: the decision on one
 * of their requests beyond the contract (what they asked, what we decided and why by their own
 * rule, what it costs them, and one button per answer the decision allows), and the move of a
 * due date (old and new date, why, and "I acknowledge the new date").
 *
 * Contract: GET shows the page and changes nothing; the buttons POST `answer` (one of the
 * decision's answers) or nothing (an acknowledgement) to `action`, with the optional `note` box
 * in the same form (folded away), so answering stays one click. Once answered, the page says when and how,
 * and offers no buttons, only the "anything else?" box (`noteAction`). A refused answer comes
 * back with `error`, shown at the top. Instants are shown in the client's `timeZone`; due
 * dates are plain dates. Everything people typed is text, escaped by hono/jsx.
 */
import type { Locale } from '../../domain/engagement.js';
import type { ScopeAnswer } from '../../domain/events.js';
import { NOTE_FIELD } from '../../domain/kickoff.js';
import { formatDate, formatDateTime, messages } from '../../i18n.js';
import { NoteForm } from './client-pages.js';
import { ErrorSummary, TextArea, formState } from './form-fields.js';
import { Layout, type LangSwitch } from './layout.js';

export interface ScopeDecisionPageProps {
  locale: Locale;
  engagementTitle: string;
  /** What the client asked for, and when (an instant). */
  summary: string;
  askedAt: string;
  decisionLabel: string;
  /** The decision in plain words (`describeScopeDecision`). */
  paragraphs: string[];
  /** What it costs the client (`describeScopeCost`). */
  cost: string;
  answers: ScopeAnswer[];
  /** What an answer commits the client to, shown on its button: the price, the later date. */
  answerDetails?: Partial<Record<ScopeAnswer, string>>;
  answered?: { answer: ScopeAnswer; at: string };
  answerBy?: string;
  timeZone: string;
  action: string;
  noteAction: string;
  langSwitch: LangSwitch;
  /** Why a posted answer was refused. */
  error?: string;
}

export function ScopeDecisionPage(props: ScopeDecisionPageProps) {
  const m = messages(props.locale);
  const p = m.register.decisionPage;
  const moment = (instant: string) => formatDateTime(instant, props.locale, props.timeZone);
  const errors = props.error ? [{ field: 'answer', message: props.error }] : [];
  return (
    <Layout locale={props.locale} title={`${errors.length > 0 ? m.errors.titlePrefix : ''}${p.title}: ${props.engagementTitle}`} langSwitch={props.langSwitch}>
      <h1>{p.title}</h1>
      <p class="lead">{p.intro(props.engagementTitle)}</p>
      <ErrorSummary issues={errors} labels={{}} locale={props.locale} />
      <dl class="items card">
        <dt>{p.details.engagement}</dt>
        <dd>{props.engagementTitle}</dd>
        <dt>{p.details.request}</dt>
        <dd class="prewrap">{props.summary}</dd>
        <dt>{p.details.asked}</dt>
        <dd><time datetime={props.askedAt}>{moment(props.askedAt)}</time></dd>
        <dt>{p.details.decision}</dt>
        <dd>{props.decisionLabel}</dd>
        <dt>{p.details.cost}</dt>
        <dd>{props.cost}</dd>
      </dl>
      <div class="card">
        {props.paragraphs.map((paragraph) => <p class="prewrap">{paragraph}</p>)}
      </div>
      {props.answered ? (
        <>
          <p class="notice">{p.answered(m.register.answered[props.answered.answer], moment(props.answered.at))}</p>
          <NoteForm locale={props.locale} action={props.noteAction} />
        </>
      ) : (
        <form method="post" action={props.action} novalidate>
          {props.answerBy ? <p>{p.answerBy(moment(props.answerBy))}</p> : null}
          {props.answers.map((answer) => (
            <div class="actions">
              <button type="submit" name="answer" value={answer}>
                {m.register.answers[answer]}{props.answerDetails?.[answer] ? ` (${props.answerDetails[answer]})` : ''}
              </button>
            </div>
          ))}
          <NoteBox locale={props.locale} />
        </form>
      )}
    </Layout>
  );
}

/** The "anything else?" box inside an answer's form, folded away so the answer stays one click. */
function NoteBox({ locale }: { locale: Locale }) {
  const m = messages(locale);
  return (
    <details>
      <summary>{m.fields.note.label}</summary>
      <TextArea form={formState({}, [], locale)} name={NOTE_FIELD} label={m.fields.note.label} help={m.fields.note.help} optional />
    </details>
  );
}

export interface DeadlineShiftPageProps {
  locale: Locale;
  engagementTitle: string;
  milestoneTitle: string;
  /** Plain dates. */
  previousDue: string;
  newDue: string;
  reason: string;
  toldAt: string;
  /** The notice the client asked for, when this one came later than that. */
  lateAgainstNoticeDays?: number;
  acknowledgedAt?: string;
  timeZone: string;
  action: string;
  noteAction: string;
  langSwitch: LangSwitch;
}

export function DeadlineShiftPage(props: DeadlineShiftPageProps) {
  const m = messages(props.locale);
  const p = m.register.shiftPage;
  const moment = (instant: string) => formatDateTime(instant, props.locale, props.timeZone);
  return (
    <Layout locale={props.locale} title={`${p.title}: ${props.milestoneTitle}`} langSwitch={props.langSwitch}>
      <h1>{p.title}</h1>
      <p class="lead">{p.intro(props.milestoneTitle, props.engagementTitle)}</p>
      <dl class="items card">
        <dt>{p.details.engagement}</dt>
        <dd>{props.engagementTitle}</dd>
        <dt>{p.details.milestone}</dt>
        <dd>{props.milestoneTitle}</dd>
        <dt>{p.details.from}</dt>
        <dd>{formatDate(props.previousDue, props.locale)}</dd>
        <dt>{p.details.to}</dt>
        <dd><strong>{formatDate(props.newDue, props.locale)}</strong></dd>
        <dt>{p.details.reason}</dt>
        <dd class="prewrap">{props.reason}</dd>
        <dt>{p.details.told}</dt>
        <dd><time datetime={props.toldAt}>{moment(props.toldAt)}</time></dd>
      </dl>
      {props.lateAgainstNoticeDays !== undefined ? <p>{p.sorry(props.lateAgainstNoticeDays)}</p> : null}
      {props.acknowledgedAt ? (
        <>
          <p class="notice">{p.acknowledged(moment(props.acknowledgedAt))}</p>
          <NoteForm locale={props.locale} action={props.noteAction} />
        </>
      ) : (
        <form method="post" action={props.action} novalidate>
          <p>{p.ask}</p>
          <div class="actions">
            <button type="submit">{p.acknowledge}</button>
          </div>
          <NoteBox locale={props.locale} />
        </form>
      )}
    </Layout>
  );
}
