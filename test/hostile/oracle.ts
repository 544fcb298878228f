/**
 * The two judgements the hostile-input suite makes about an answer, as precise rules:
 *
 * `problemOf(answer)`: a 4xx must name the problem. A JSON answer has a non-empty `error`
 * (its name) and `message`, and a 400 lists `issues`, each with a `field` and a `message`. An
 * HTML answer either shows the problems beside the fields (the error summary with at least one
 * item, or a field's error message), or its `<h1>` is the title of a page written for exactly
 * that status (a tampered link is 403 "This link is not valid", an expired one 410 "This link
 * has expired"…, in English or Russian). Anything else (plain text, a generic "could not
 * process" page) does not name the problem. Returns what is wrong, or undefined.
 *
 * `csvFindings(csv)`: a field a spreadsheet would run as a formula (one starting with `= + - @`,
 * a tab or CR, not neutralised with a leading `'`).
 *
 * `markupFindings(html, kind)`: markup that did not come from the product. Every `<` must start
 * a well-formed tag whose attribute values are double-quoted and hold no `< > "` (what hono/jsx
 * writes: it escapes text and attribute values), every `>` must close one, no tag may be one
 * that runs or loads something, no attribute may be an event handler or a `javascript:` URL,
 * and a page (not an email, whose styles are inline) has no `style` attribute. Finally none of
 * the markup payloads a test typed may appear verbatim.
 */
import { messages, type Messages } from '../../functions/i18n.js';
import { LOCALES } from '../../functions/domain/engagement.js';

export interface Answer {
  status: number;
  contentType: string;
  body: string;
}

type ClientKind = keyof Messages['clientPages'];
type ManagerKind = keyof Messages['manager']['pages'];

/** The pages that name a problem, by the status they are sent with. */
const CLIENT_PROBLEMS: Partial<Record<ClientKind, number[]>> = {
  'link-tampered': [403],
  'link-expired': [410],
  'not-found': [404],
  closed: [410],
  'already-received': [409],
  'confirmation-already': [409],
  'confirmation-superseded': [409],
  'survey-closed': [409],
  'scope-already-answered': [409],
  'shift-already-acknowledged': [409],
  'too-large': [413],
  'status-takes-no-answers': [405],
  'questions-on-status-page': [400],
};
const MANAGER_PROBLEMS: Partial<Record<ManagerKind, number[]>> = {
  unauthorized: [401],
  forbidden: [403],
  'portfolio-forbidden': [403],
  'not-found': [404],
  'cross-site': [403],
};

const PROBLEM_TITLES = new Map<number, Set<string>>();
for (const locale of LOCALES) {
  const m = messages(locale);
  const add = (title: string, statuses: number[]) => {
    for (const status of statuses) PROBLEM_TITLES.set(status, (PROBLEM_TITLES.get(status) ?? new Set()).add(title));
  };
  for (const [kind, statuses] of Object.entries(CLIENT_PROBLEMS)) add(m.clientPages[kind as ClientKind].title, statuses);
  for (const [kind, statuses] of Object.entries(MANAGER_PROBLEMS)) add(m.manager.pages[kind as ManagerKind].title, statuses);
}

const decode = (html: string) => html
  .replace(/<[^>]*>/g, '')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  .trim();

function jsonProblem(answer: Answer): string | undefined {
  let body: { error?: unknown; message?: unknown; issues?: unknown };
  try {
    body = JSON.parse(answer.body) as typeof body;
  } catch {
    return 'a JSON answer that is not JSON';
  }
  if (typeof body.error !== 'string' || body.error === '') return 'a JSON error without its name ("error")';
  if (typeof body.message !== 'string' || body.message === '') return 'a JSON error without a "message"';
  if (answer.status !== 400) return undefined;
  const issues = body.issues;
  if (!Array.isArray(issues) || issues.length === 0) return 'a 400 without "issues" naming the fields';
  const unnamed = issues.find((i: { field?: unknown; message?: unknown }) =>
    typeof i?.field !== 'string' || i.field === '' || typeof i.message !== 'string' || i.message === '');
  return unnamed ? `an issue without its field and rule: ${JSON.stringify(unnamed)}` : undefined;
}

function htmlProblem(answer: Answer): string | undefined {
  const summary = /<div class="error-summary"[^>]*>([\s\S]*?)<\/div>/.exec(answer.body)?.[1];
  const items = summary ? [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => decode(m[1] ?? '')) : [];
  if (items.length > 0 && items.every((item) => item !== '')) return undefined;
  const fieldErrors = [...answer.body.matchAll(/<p class="error" id="[^"]+-error">([\s\S]*?)<\/p>/g)].map((m) => decode(m[1] ?? ''));
  if (fieldErrors.some((text) => text.replace(/^\S+:\s*/, '') !== '')) return undefined;
  const h1 = decode(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(answer.body)?.[1] ?? '');
  if (PROBLEM_TITLES.get(answer.status)?.has(h1)) return undefined;
  return `a ${answer.status} page titled "${h1}" with no problem named beside a field`;
}

export function problemOf(answer: Answer): string | undefined {
  if (answer.contentType.startsWith('application/json')) return jsonProblem(answer);
  if (answer.contentType.startsWith('text/html')) return htmlProblem(answer);
  return `a ${answer.status} answer as "${answer.contentType}": ${answer.body.slice(0, 80)}`;
}

/** A well-formed tag as hono/jsx writes it, the doctype, or a stray "<" or ">"; in one pass over the text. */
const TOKEN = /<!DOCTYPE html>|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:="[^"<>]*")?)*)\s*\/?>|[<>]/g;
const ATTRIBUTE = /\s+([^\s"'<>/=]+)(?:="([^"<>]*)")?/g;
/** Attributes worth a closer look (most tags have none of them). */
const RISKY_ATTRIBUTE = /\s(on|style=|srcdoc|href=|src=|action=|formaction=|xlink:href=|data=|poster=)/i;
const ACTIVE_TAGS = new Set(['script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'img', 'image', 'video', 'audio', 'source', 'base', 'link', 'portal']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster']);
const entityDecoded = (value: string) => value
  .replace(/&#(\d+);?/g, (_, n: string) => String.fromCodePoint(Number(n)))
  .replace(/&#x([0-9a-f]+);?/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
  .replace(/&colon;/gi, ':').replace(/&amp;/g, '&');

/** Markup payloads the generators type; none may ever come back verbatim. */
let typedMarkup: readonly string[] = [];
export function rememberTypedMarkup(payloads: readonly string[]): void {
  typedMarkup = payloads.filter((p) => /[<>"']/.test(p));
}

export function markupFindings(html: string, kind: 'page' | 'email'): string[] {
  const findings: string[] = [];
  const near = (at: number) => JSON.stringify(html.slice(Math.max(0, at - 40), at + 60));
  const token = new RegExp(TOKEN);
  for (let match = token.exec(html); match !== null; match = token.exec(html)) {
    const [whole, closing, rawName, attributes = ''] = match;
    if (whole === '<' || whole === '>') {
      findings.push(`a "${whole}" that is part of no well-formed tag near ${near(match.index)}`);
      continue;
    }
    const name = (rawName ?? '').toLowerCase();
    if (ACTIVE_TAGS.has(name)) findings.push(`a <${name}> tag near ${near(match.index)}`);
    if (RISKY_ATTRIBUTE.test(attributes)) {
      for (const [, attribute = '', value = ''] of attributes.matchAll(ATTRIBUTE)) {
        const attr = attribute.toLowerCase();
        if (attr.startsWith('on')) findings.push(`an event handler attribute ${attr} near ${near(match.index)}`);
        if (attr === 'style' && kind === 'page') findings.push(`a style attribute near ${near(match.index)}`);
        if (attr === 'srcdoc') findings.push(`a srcdoc attribute near ${near(match.index)}`);
        // eslint-disable-next-line no-control-regex
        if (URL_ATTRIBUTES.has(attr) && /^(javascript|vbscript|data):/i.test(entityDecoded(value).replace(/[\u0000-\u0020]/g, ''))) {
          findings.push(`a script URL in ${attr} near ${near(match.index)}`);
        }
      }
    }
    // The one style element holds the product's own CSS, which has no "<" or ">".
    if (!closing && name === 'style') {
      const end = html.indexOf('</style>', token.lastIndex);
      token.lastIndex = end === -1 ? html.length : end;
    }
  }
  for (const payload of typedMarkup) {
    if (html.includes(payload)) findings.push(`the typed markup ${JSON.stringify(payload)} verbatim`);
  }
  return findings;
}

/** The fields of an RFC 4180 file (quoted fields may hold commas, quotes and line breaks). */
function csvFields(csv: string): string[] {
  const fields: string[] = [];
  const pattern = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r\n|\n|$)/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < csv.length && (match = pattern.exec(csv)) !== null) {
    const raw = match[1] ?? '';
    fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (match[0] === '') break;
  }
  return fields;
}

export function csvFindings(csv: string): string[] {
  return csvFields(csv.replace(/^\uFEFF/, ''))
    .filter((field) => /^[=+\-@\t\r]/.test(field))
    .map((field) => `a field a spreadsheet would run as a formula: ${JSON.stringify(field.slice(0, 80))}`);
}
