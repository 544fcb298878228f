/**
 * The short pages a client sees after acting on a link, or when the link cannot be used:
 * thanks, "already received", closed, invalid or expired link, not found, bad request, and
 * our own failure; and after answering a delivery: confirmed, rejected (the manager was told),
 * already answered, or superseded by a newer delivery; and after asking a question: who has it
 * and that the answer comes by email; and after the close-out survey: received (the manager
 * reads it), or closed (no longer open, or already answered); and after answering a scope
 * decision (noted, chosen, the later date set, withdrawn, or already answered) or acknowledging
 * a new due date (or having done so already). `NoteForm` is the "anything else?" box other client
 * pages reuse.
 *
 * Contract: the route picks the kind and the HTTP status (403 for a tampered link, 410 for an
 * expired one…); this page only says what happened and what to do next, and lists `problems`
 * (each field by its name, and its rule) when a request was refused for them. Whenever the link was
 * valid the route passes `noteAction`, and the page offers the "anything else?" box, because a
 * client may have something to say at any step.
 */
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import { NOTE_FIELD } from '../../domain/kickoff.js';
import { issueText, messages, type Messages } from '../../i18n.js';
import { TextArea, formState } from './form-fields.js';
import { Layout, type LangSwitch } from './layout.js';

export type ClientMessageKind = keyof Messages['clientPages'];

export interface ClientMessageProps {
  locale: Locale;
  kind: ClientMessageKind;
  langSwitch?: LangSwitch;
  noteAction?: string;
  /** A note that was refused, shown again in the box with the reason beside it. */
  rejectedNote?: { text: string; message: string };
  /** What was wrong with a request that has no form of its own to show the problems beside. */
  problems?: FieldIssue[];
  /** `managerName` lets a page that has words for it name the manager ("your question went to …"). */
  details?: { engagementTitle?: string; version?: number; managerName?: string };
}

export function ClientMessagePage(props: ClientMessageProps) {
  const m = messages(props.locale);
  const page = m.clientPages[props.kind];
  const { engagementTitle, version, managerName } = props.details ?? {};
  const body = 'withManager' in page && managerName !== undefined ? page.withManager(managerName) : page.body;
  return (
    <Layout locale={props.locale} title={page.title} langSwitch={props.langSwitch}>
      <h1>{page.title}</h1>
      {body.map((paragraph) => <p>{paragraph}</p>)}
      {props.problems && props.problems.length > 0 ? (
        <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title">{m.errors.summaryTitle}</h2>
          <ul>{props.problems.map((p) => <li><code>{p.field}</code> — {issueText(p.message, props.locale)}</li>)}</ul>
        </div>
      ) : null}
      {engagementTitle !== undefined || version !== undefined ? (
        <dl class="items card">
          {engagementTitle !== undefined ? <><dt>{m.clientDetails.engagement}</dt><dd>{engagementTitle}</dd></> : null}
          {version !== undefined ? <><dt>{m.clientDetails.version}</dt><dd>{version}</dd></> : null}
        </dl>
      ) : null}
      {props.noteAction ? <NoteForm locale={props.locale} action={props.noteAction} rejected={props.rejectedNote} /> : null}
    </Layout>
  );
}

/** The free-text box a client can use from any page: an idea, a worry, anything. */
export function NoteForm({ locale, action, rejected }: { locale: Locale; action: string; rejected?: { text: string; message: string } }) {
  const m = messages(locale);
  const form = rejected
    ? formState({ [NOTE_FIELD]: rejected.text }, [{ field: NOTE_FIELD, message: rejected.message }], locale)
    : formState({}, [], locale);
  return (
    <form method="post" action={action} class="card" novalidate>
      <TextArea
        form={form}
        name={NOTE_FIELD}
        label={m.fields.note.label}
        help={m.fields.note.help}
        rows={5}
      />
      <div class="actions">
        <button type="submit">{m.noteForm.submit}</button>
      </div>
    </form>
  );
}
