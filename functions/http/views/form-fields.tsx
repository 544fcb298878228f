/**
 * Form building blocks shared by every page with a form: each field has a `<label for>`, its
 * help and its error beside it (both linked with `aria-describedby`), and the page starts with
 * an error summary whose links jump to the fields.
 *
 * Contract: a field's id is `fieldId(name)`, or `fieldId(name, scope)` when a page holds several
 * forms with the same field names (one delivery form per milestone); for a group of radios or
 * checkboxes that id is on the first option, so the summary link lands on something focusable.
 * An issue belongs to the field whose name equals its `field` or prefixes it
 * (`process.workingHours.days.0` belongs to `process.workingHours.days`).
 */
import type { Child } from 'hono/jsx';
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import { issueText, messages } from '../../i18n.js';

export type Values = Record<string, string | string[]>;

export function fieldId(name: string, scope?: string): string {
  const id = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-');
  return scope ? `f-${id(scope)}--${id(name)}` : `f-${id(name)}`;
}

const belongsTo = (issue: FieldIssue, name: string) => issue.field === name || issue.field.startsWith(`${name}.`);

/** What a form needs to render its fields: the values to show and the errors to explain. */
export interface FormState {
  locale: Locale;
  /** The element id of a field of this form. */
  id(name: string): string;
  value(name: string): string;
  values(name: string): string[];
  error(name: string): string | undefined;
}

export function formState(values: Values, issues: FieldIssue[], locale: Locale, scope?: string): FormState {
  return {
    locale,
    id: (name) => fieldId(name, scope),
    value: (name) => {
      const v = values[name];
      return (Array.isArray(v) ? v[0] : v) ?? '';
    },
    values: (name) => {
      const v = values[name];
      return v === undefined ? [] : Array.isArray(v) ? v : [v];
    },
    error: (name) => {
      const issue = issues.find((i) => belongsTo(i, name));
      return issue ? issueText(issue.message, locale) : undefined;
    },
  };
}

/** Ids for `aria-describedby`: help first, then unit, then error; undefined when none. */
function describedBy(id: string, parts: { help?: boolean; unit?: boolean; error?: boolean }): string | undefined {
  const ids = [parts.help && `${id}-help`, parts.unit && `${id}-unit`, parts.error && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Help({ id, text }: { id: string; text?: string }) {
  return text ? <p class="help" id={`${id}-help`}>{text}</p> : null;
}

function FieldError({ id, text, locale }: { id: string; text?: string; locale: Locale }) {
  return text ? (
    <p class="error" id={`${id}-error`}>
      <span class="vh">{messages(locale).errors.hiddenPrefix} </span>{text}
    </p>
  ) : null;
}

interface Common {
  form: FormState;
  name: string;
  label: string;
  help?: string;
  /** Marked "(optional)" beside the label, and not required. */
  optional?: boolean;
  /**
   * Whether the browser should treat it as required; defaults to `!optional`. False without
   * `optional` is a field required only for some answers, which its help explains.
   */
  required?: boolean;
}

function Label({ form, name, label, optional }: Common) {
  return (
    <label for={form.id(name)}>
      {label}
      {optional ? <span class="optional"> ({messages(form.locale).optional})</span> : null}
    </label>
  );
}

function fieldClass(error: string | undefined): string {
  return error ? 'field has-error' : 'field';
}

export function TextInput(props: Common & { type?: 'text' | 'email' | 'time' | 'date' | 'datetime-local'; autocomplete?: string; list?: string; children?: Child }) {
  const { form, name, help } = props;
  const error = form.error(name);
  const id = form.id(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help id={id} text={help} />
      <FieldError id={id} text={error} locale={form.locale} />
      <input
        type={props.type ?? 'text'}
        id={id}
        name={name}
        value={form.value(name)}
        autocomplete={props.autocomplete}
        list={props.list}
        required={props.required ?? !props.optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { help: Boolean(help), error: Boolean(error) })}
      />
      {props.children}
    </div>
  );
}

export function NumberInput(props: Common & { unit: string; min: number; max: number; step: number | 'any' }) {
  const { form, name, help } = props;
  const error = form.error(name);
  const id = form.id(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help id={id} text={help} />
      <FieldError id={id} text={error} locale={form.locale} />
      <span class="with-unit">
        <input
          type="number"
          id={id}
          name={name}
          value={form.value(name)}
          min={props.min}
          max={props.max}
          step={props.step}
          inputmode={props.step === 'any' ? 'decimal' : 'numeric'}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(id, { help: Boolean(help), unit: true, error: Boolean(error) })}
        />
        <span class="unit" id={`${id}-unit`}>{props.unit}</span>
      </span>
    </div>
  );
}

export function TextArea(props: Common & { rows?: number }) {
  const { form, name, help } = props;
  const error = form.error(name);
  const id = form.id(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help id={id} text={help} />
      <FieldError id={id} text={error} locale={form.locale} />
      <textarea
        id={id}
        name={name}
        rows={props.rows ?? 4}
        required={props.required ?? !props.optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { help: Boolean(help), error: Boolean(error) })}
      >
        {form.value(name)}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
  help?: string;
}

export function Select(props: Common & { options: Option[]; placeholder?: string }) {
  const { form, name, help } = props;
  const error = form.error(name);
  const id = form.id(name);
  const current = form.value(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help id={id} text={help} />
      <FieldError id={id} text={error} locale={form.locale} />
      <select
        id={id}
        name={name}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, { help: Boolean(help), error: Boolean(error) })}
      >
        {props.placeholder !== undefined ? <option value="" selected={current === ''}>{props.placeholder}</option> : null}
        {props.options.map((o) => <option value={o.value} selected={o.value === current}>{o.label}</option>)}
      </select>
    </div>
  );
}

/** Radios (one answer) or checkboxes (several), in a fieldset whose legend is the question. */
export function ChoiceGroup(props: Common & { type: 'radio' | 'checkbox'; options: Option[]; inline?: boolean }) {
  const { form, name, help } = props;
  const error = form.error(name);
  const id = form.id(name);
  const chosen = form.values(name);
  const optionId = (i: number) => (i === 0 ? id : `${id}-${i}`);
  const description = describedBy(id, { help: Boolean(help), error: Boolean(error) });
  return (
    <fieldset class={`${fieldClass(error)} group`}>
      <legend>{props.label}</legend>
      <Help id={id} text={help} />
      <FieldError id={id} text={error} locale={form.locale} />
      <div class={props.inline ? 'choices inline' : 'choices'}>
        {props.options.map((o, i) => (
          <div class="choice">
            <input
              type={props.type}
              id={optionId(i)}
              name={name}
              value={o.value}
              checked={chosen.includes(o.value)}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={description}
            />
            <label for={optionId(i)}>
              {o.label}
              {o.help ? <span class="hint">{o.help}</span> : null}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * The list of problems at the top of a form. `labels` names the fields the page has; an issue
 * for a field the page does not show still appears, linked to the top of the content.
 */
export function ErrorSummary({ issues, labels, locale, scope }: {
  issues: FieldIssue[];
  labels: Record<string, string>;
  locale: Locale;
  /** The scope the form's fields were given (see `formState`), so the links find them. */
  scope?: string;
}) {
  if (issues.length === 0) return null;
  const m = messages(locale);
  // Longest name first, so `milestones.1.due` wins over `milestones`.
  const names = Object.keys(labels).sort((a, b) => b.length - a.length);
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{m.errors.summaryTitle}</h2>
      <p>{m.errors.summaryIntro}</p>
      <ul>
        {issues.map((issue) => {
          const name = names.find((n) => belongsTo(issue, n));
          const text = issueText(issue.message, locale);
          return (
            <li>
              <a href={name ? `#${fieldId(name, scope)}` : '#main'}>{name ? `${labels[name]} — ${text}` : text}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
