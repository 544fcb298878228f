/**
 * The page behind a confirmation request's one link: the client says whether a delivery
 * reached them and does what they need ("sent" is not "received"). One form, three answers,
 * a reason (needed only for "not what I needed") and the usual "anything else?" box.
 *
 * Contract: GET shows it and changes nothing; the form POSTs `answer` (one of
 * `CONFIRMATION_ANSWERS`), `reason` and `note` to `action`. A failed post comes back with
 * `values` and `errors`, and each error is shown beside its field and in the summary.
 */
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import { NOTE_FIELD, type FormValues } from '../../domain/kickoff.js';
import { formatDateTime, messages } from '../../i18n.js';
import { ChoiceGroup, ErrorSummary, TextArea, formState } from './form-fields.js';
import { Layout, type LangSwitch } from './layout.js';

export const CONFIRMATION_ANSWERS = ['works', 'not-received', 'not-what-i-needed'] as const;

export interface ConfirmationPageProps {
  locale: Locale;
  engagementTitle: string;
  milestoneTitle: string;
  /** What the manager recorded with the delivery; may be empty. */
  deliverySummary: string;
  deliveredAt: string;
  action: string;
  langSwitch: LangSwitch;
  values?: FormValues;
  errors?: FieldIssue[];
}

export function ConfirmationPage(props: ConfirmationPageProps) {
  const m = messages(props.locale);
  const c = m.confirmation;
  const errors = props.errors ?? [];
  const form = formState(props.values ?? {}, errors, props.locale);
  const labels = { answer: c.answer, reason: c.reason.label, [NOTE_FIELD]: m.fields.note.label };
  const title = `${errors.length > 0 ? m.errors.titlePrefix : ''}${c.title}: ${props.milestoneTitle}`;
  return (
    <Layout locale={props.locale} title={title} langSwitch={props.langSwitch}>
      <h1>{c.title}</h1>
      <p class="lead">{c.intro(props.milestoneTitle, props.engagementTitle)}</p>
      <dl class="items card">
        <dt>{c.details.engagement}</dt>
        <dd>{props.engagementTitle}</dd>
        <dt>{c.details.milestone}</dt>
        <dd>{props.milestoneTitle}</dd>
        <dt>{c.details.deliveredAt}</dt>
        <dd><time datetime={props.deliveredAt}>{formatDateTime(props.deliveredAt, props.locale)}</time></dd>
        {props.deliverySummary.trim() !== ''
          ? <><dt>{c.details.summary}</dt><dd class="prewrap">{props.deliverySummary}</dd></>
          : null}
      </dl>
      <p>{c.why}</p>
      <ErrorSummary issues={errors} labels={labels} locale={props.locale} />
      <form method="post" action={props.action} novalidate>
        <div class="card">
          <ChoiceGroup
            form={form}
            type="radio"
            name="answer"
            label={c.answer}
            options={CONFIRMATION_ANSWERS.map((answer) => ({ value: answer, ...c.answers[answer] }))}
          />
          <TextArea form={form} name="reason" label={c.reason.label} help={c.reason.help} required={false} />
        </div>
        <div class="card">
          <TextArea form={form} name={NOTE_FIELD} label={m.fields.note.label} help={m.fields.note.help} optional />
        </div>
        <div class="actions">
          <button type="submit">{c.submit}</button>
        </div>
      </form>
    </Layout>
  );
}
