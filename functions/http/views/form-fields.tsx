/**
 * Form building blocks shared by every page with a form: each field has a `<label for>`, its
 * help and its error beside it (both linked with `aria-describedby`), and the page starts with
 * an error summary whose links jump to the fields.
 *
 * Contract: a field's id is `fieldId(name)`; for a group of radios or checkboxes that id is on
 * the first option, so the summary link lands on something focusable. An issue belongs to the
 * field whose name equals its `field` or prefixes it (`process.workingHours.days.0` belongs to
 * `process.workingHours.days`).
 */
import type { Child } from 'hono/jsx';
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import { issueText, messages } from '../../i18n.js';

export type Values = Record<string, string | string[]>;

export function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

const belongsTo = (issue: FieldIssue, name: string) => issue.field === name || issue.field.startsWith(`${name}.`);

/** What a form needs to render its fields: the values to show and the errors to explain. */
export interface FormState {
  locale: Locale;
  value(name: string): string;
  values(name: string): string[];
  error(name: string): string | undefined;
}

export function formState(values: Values, issues: FieldIssue[], locale: Locale): FormState {
  return {
    locale,
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
function describedBy(name: string, parts: { help?: boolean; unit?: boolean; error?: boolean }): string | undefined {
  const id = fieldId(name);
  const ids = [parts.help && `${id}-help`, parts.unit && `${id}-unit`, parts.error && `${id}-error`].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

function Help({ name, text }: { name: string; text?: string }) {
  return text ? <p class="help" id={`${fieldId(name)}-help`}>{text}</p> : null;
}

function FieldError({ name, text, locale }: { name: string; text?: string; locale: Locale }) {
  return text ? (
    <p class="error" id={`${fieldId(name)}-error`}>
      <span class="vh">{messages(locale).errors.hiddenPrefix} </span>{text}
    </p>
  ) : null;
}

interface Common {
  form: FormState;
  name: string;
  label: string;
  help?: string;
  optional?: boolean;
}

function Label({ form, name, label, optional }: Common) {
  return (
    <label for={fieldId(name)}>
      {label}
      {optional ? <span class="optional"> ({messages(form.locale).optional})</span> : null}
    </label>
  );
}

function fieldClass(error: string | undefined): string {
  return error ? 'field has-error' : 'field';
}

export function TextInput(props: Common & { type?: 'text' | 'email' | 'time' | 'date'; autocomplete?: string; list?: string; children?: Child }) {
  const { form, name, help } = props;
  const error = form.error(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help name={name} text={help} />
      <FieldError name={name} text={error} locale={form.locale} />
      <input
        type={props.type ?? 'text'}
        id={fieldId(name)}
        name={name}
        value={form.value(name)}
        autocomplete={props.autocomplete}
        list={props.list}
        required={!props.optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, { help: Boolean(help), error: Boolean(error) })}
      />
      {props.children}
    </div>
  );
}

export function NumberInput(props: Common & { unit: string; min: number; max: number; step: number | 'any' }) {
  const { form, name, help } = props;
  const error = form.error(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help name={name} text={help} />
      <FieldError name={name} text={error} locale={form.locale} />
      <span class="with-unit">
        <input
          type="number"
          id={fieldId(name)}
          name={name}
          value={form.value(name)}
          min={props.min}
          max={props.max}
          step={props.step}
          inputmode={props.step === 'any' ? 'decimal' : 'numeric'}
          required
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(name, { help: Boolean(help), unit: true, error: Boolean(error) })}
        />
        <span class="unit" id={`${fieldId(name)}-unit`}>{props.unit}</span>
      </span>
    </div>
  );
}

export function TextArea(props: Common & { rows?: number }) {
  const { form, name, help } = props;
  const error = form.error(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help name={name} text={help} />
      <FieldError name={name} text={error} locale={form.locale} />
      <textarea
        id={fieldId(name)}
        name={name}
        rows={props.rows ?? 4}
        required={!props.optional}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, { help: Boolean(help), error: Boolean(error) })}
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
  const current = form.value(name);
  return (
    <div class={fieldClass(error)}>
      <Label {...props} />
      <Help name={name} text={help} />
      <FieldError name={name} text={error} locale={form.locale} />
      <select
        id={fieldId(name)}
        name={name}
        required
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, { help: Boolean(help), error: Boolean(error) })}
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
  const chosen = form.values(name);
  const optionId = (i: number) => (i === 0 ? fieldId(name) : `${fieldId(name)}-${i}`);
  const description = describedBy(name, { help: Boolean(help), error: Boolean(error) });
  return (
    <fieldset class={`${fieldClass(error)} group`}>
      <legend>{props.label}</legend>
      <Help name={name} text={help} />
      <FieldError name={name} text={error} locale={form.locale} />
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
export function ErrorSummary({ issues, labels, locale }: { issues: FieldIssue[]; labels: Record<string, string>; locale: Locale }) {
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
              <a href={name ? `#${fieldId(name)}` : '#main'}>{name ? `${labels[name]} — ${text}` : text}</a>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
