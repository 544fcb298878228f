/**
 * Reading HTML form posts: strings only (files are dropped), bounded in count, and the
 * manager's "new engagement" form turned into the shape `newEngagementSchema` validates.
 */
import type { Context } from 'hono';
import { InvalidInput, type FieldIssue } from '../domain/errors.js';
import { firstValue, type FormInput } from '../domain/kickoff.js';

const MAX_FIELDS = 200;

export async function readForm(c: Context): Promise<FormInput> {
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return {};
  let body: Awaited<ReturnType<typeof c.req.parseBody>>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new InvalidInput([{ field: 'body', message: 'is not a readable form' }]);
  }
  const form: FormInput = {};
  for (const [name, value] of Object.entries(body).slice(0, MAX_FIELDS)) {
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (strings.length === 1) form[name] = strings[0];
    else if (strings.length > 1) form[name] = strings;
  }
  return form;
}

const MILESTONE_ROWS = 50;

/**
 * `client.email`, `milestones.0.due`… into nested values. Empty milestone rows are left out;
 * `formRow` maps an index of the kept list back to the row the manager sees, for errors.
 */
export function newEngagementFromForm(form: FormInput): { value: unknown; formRow: (kept: number) => number } {
  const milestones: Array<{ title?: string; due?: string }> = [];
  const rows: number[] = [];
  for (let i = 0; i < MILESTONE_ROWS; i += 1) {
    const title = firstValue(form[`milestones.${i}.title`])?.trim();
    const due = firstValue(form[`milestones.${i}.due`])?.trim();
    if (title || due) {
      milestones.push({ title: title || undefined, due: due || undefined });
      rows.push(i);
    }
  }
  const organisation = firstValue(form['client.organisation'])?.trim();
  return {
    value: {
      title: firstValue(form.title),
      client: {
        name: firstValue(form['client.name']),
        email: firstValue(form['client.email']),
        ...(organisation ? { organisation } : {}),
      },
      locale: firstValue(form.locale) || undefined,
      milestones,
    },
    formRow: (kept) => rows[kept] ?? kept,
  };
}

/** Points an issue about the kept milestone list at the form row it came from. */
export function onFormRow(issue: FieldIssue, formRow: (kept: number) => number): FieldIssue {
  const match = issue.field.match(/^milestones\.(\d+)(\..*)?$/);
  return match ? { ...issue, field: `milestones.${formRow(Number(match[1]))}${match[2] ?? ''}` } : issue;
}

/** What the form showed, to show it again beside the errors. */
export function flatValues(form: FormInput): Record<string, string> {
  return Object.fromEntries(Object.entries(form).map(([k, v]) => [k, firstValue(v) ?? '']));
}
