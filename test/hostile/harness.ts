/**
 * Runs hostile requests through the HTTP app in-process (`app.request`), one batch at a time,
 * one request per lane side by side, and judges each answer and everything the batch left
 * behind in the real table and the real inbox:
 *
 * - no answer is a 5xx, and a request that must be refused (a person who may not act on it, a
 *   forged or expired link…) gets a 4xx;
 * - every 4xx names the problem (`problemOf`);
 * - no page and no email holds markup that did not come from the product (`markupFindings`),
 *   and no email subject has a line break;
 * - a refused request, and any GET, stored nothing and sent nothing: every write in the table's
 *   stream and every new email is traced, by the engagement it belongs to, to the one request
 *   of the batch aimed at that engagement, and must come from a request that was accepted.
 *
 * An accepted request may start work that finishes later (delivery events, the workflow's next
 * email); the next batch starts only once that has arrived and the stack has been quiet for a
 * moment, so nothing late is blamed on an innocent request.
 *
 * Contract: `runBatch(attempts)` throws an Error describing each failure (fast-check then
 * reports the input and its seed); `counts` holds the requests sent, by route.
 */
import { engagementOfRequest } from '../../functions/domain/client-request.js';
import type { LocalStack } from '../../local/stack.js';
import type { StoredEmail } from '../../local/ses.js';
import { encodeBody, type BodyRecipe } from './inputs.js';
import type { InboxWatch, TableWatch, TableWrite } from './observer.js';
import { csvFindings, markupFindings, problemOf, type Answer } from './oracle.js';

type App = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

export interface Attempt {
  /** The route as the suite counts it, e.g. "POST /c/:link (kickoff form)". */
  route: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: BodyRecipe;
  /** The engagements this request may change if it is accepted: its lane's. */
  targets: readonly string[];
  /** Why it must be refused, when it must (a 4xx is then required). */
  mustRefuse?: string;
  /** Set for a request that must be accepted (typed markup, followed to the pages and emails that show it). */
  mustAccept?: true;
  /** Addresses an accepted request makes the workflow write to a little later. */
  mailLaterTo?: readonly string[];
  /** For an accepted request that wakes a workflow: true once the workflow waits again (its later writes are done). */
  settledWhen?: () => Promise<boolean>;
  /** The generated recipe, shown when something fails. */
  recipe: unknown;
}

interface Outcome {
  attempt: Attempt;
  answer: Answer;
  location: string;
  accepted: boolean;
  /** The engagement an accepted creation answered with (new, or the one its request key made before). */
  created: string[];
  /** Clients of engagements this request made for the first time: each gets an invitation, a little later. */
  invited: string[];
  /** What must hold before the work an accepted request started is done. */
  probes: Array<() => Promise<boolean>>;
}

/** How long the table and the inbox must stay still once everything awaited has arrived. */
const QUIET_MS = 100;
/** The same, after work outside a batch, where nothing says what to await. */
const QUIET_AFTER_SETUP_MS = 400;
const SETTLE_TIMEOUT_MS = 30_000;

const short = (value: unknown, max = 300) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value, (_, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 120)}…(${v.length} chars)` : v));
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

function describe(outcome: Outcome): string {
  const { attempt, answer } = outcome;
  return `${attempt.method} ${short(attempt.path, 160)} → ${answer.status} ${answer.contentType}${outcome.location ? ` → ${short(outcome.location, 80)}` : ''}\n    recipe: ${short(attempt.recipe, 600)}\n    answer: ${short(answer.body.replace(/\s+/g, ' '), 300)}`;
}

/** The engagement a table item belongs to, by its key. */
function engagementOfWrite(write: TableWrite): string | undefined {
  if (write.pk.startsWith('ENG#')) return write.pk.slice('ENG#'.length);
  if (write.pk.startsWith('REQ#')) return engagementOfRequest(write.pk.slice('REQ#'.length));
  if (write.pk.startsWith('CONTACT#') && write.sk.startsWith('KICKOFF#')) return write.sk.split('#').at(-1);
  return undefined;
}

export function createHarness(args: {
  app: App; stack: LocalStack; table: TableWatch; inbox: InboxWatch; clientOf: Map<string, Set<string>>;
  /** True once the workflow an accepted creation started waits for its client (it has sent the invitation). */
  madeSettledWhen: (engagementId: string) => Promise<boolean>;
}) {
  const { app, stack, table, inbox, clientOf, madeSettledWhen } = args;
  const known = new Set([...clientOf.values()].flatMap((ids) => [...ids]));
  const counts = new Map<string, { sent: number; accepted: number }>();
  /** Emails whose delivery event has not been recorded yet, and delivery events recorded (either may be seen first). */
  const undelivered = new Set<string>();
  const delivered = new Set<string>();
  const sawEmail = (messageId: string) => { if (!delivered.has(messageId)) undelivered.add(messageId); };
  const sawWrite = (write: TableWrite) => {
    if (!/^ONCE#email#[^#]+#delivered$/.test(write.sk)) return;
    const messageId = write.sk.split('#')[2] ?? '';
    delivered.add(messageId);
    undelivered.delete(messageId);
  };

  async function send(attempt: Attempt): Promise<Outcome> {
    const encoded = attempt.body ? encodeBody(attempt.body) : undefined;
    const response = await app.request(`http://localhost${attempt.path}`, {
      method: attempt.method,
      headers: { ...encoded?.headers, ...attempt.headers },
      ...(encoded ? { body: encoded.body } : {}),
      redirect: 'manual',
    });
    const answer: Answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', body: await response.text() };
    const accepted = answer.status < 400;
    const created: string[] = [];
    const invited: string[] = [];
    const fresh: string[] = [];
    if (accepted && attempt.method === 'POST' && /\/engagements$/.test(attempt.path.split('?')[0] ?? '')) {
      const id = answer.contentType.startsWith('application/json')
        ? (JSON.parse(answer.body) as { engagement?: { id?: string } }).engagement?.id
        : /\/manager\/engagements\/([^/?#]+)$/.exec(response.headers.get('location') ?? '')?.[1];
      const engagement = id ? await stack.deps.store.getEngagement(id) : undefined;
      if (engagement) {
        created.push(engagement.id);
        clientOf.set(engagement.client.email, (clientOf.get(engagement.client.email) ?? new Set()).add(engagement.id));
        if (!known.has(engagement.id)) {
          invited.push(engagement.client.email);
          fresh.push(engagement.id);
        }
        known.add(engagement.id);
      }
    }
    const count = counts.get(attempt.route) ?? { sent: 0, accepted: 0 };
    counts.set(attempt.route, { sent: count.sent + 1, accepted: count.accepted + (accepted ? 1 : 0) });
    const probes = accepted ? [...(attempt.settledWhen ? [attempt.settledWhen] : []), ...fresh.map((id) => () => madeSettledWhen(id))] : [];
    return { attempt, answer, location: response.headers.get('location') ?? '', accepted, created, invited, probes };
  }

  function judgeAnswer(outcome: Outcome): string[] {
    const { attempt, answer } = outcome;
    const failures: string[] = [];
    if (answer.status >= 500) failures.push(`a ${answer.status}`);
    // A page may refuse by sending the browser to sign in (it renews a session that way).
    const refused = answer.status >= 400 || (answer.status === 302 && outcome.location.startsWith('/auth/sign-in'));
    if (attempt.mustRefuse && !refused) failures.push(`accepted (${answer.status}) though it must be refused: ${attempt.mustRefuse}`);
    if (attempt.mustAccept && answer.status >= 400) failures.push(`refused (${answer.status}) though it must be accepted`);
    if (answer.status >= 400 && answer.status < 500) {
      const problem = problemOf(answer);
      if (problem) failures.push(`a 4xx that does not name the problem: ${problem}`);
    }
    if (answer.contentType.startsWith('text/html')) {
      failures.push(...markupFindings(answer.body, 'page').map((f) => `the page holds ${f}`));
    }
    if (answer.contentType.startsWith('text/csv')) failures.push(...csvFindings(answer.body).map((f) => `the CSV file holds ${f}`));
    return failures.map((f) => `${f}\n  ${describe(outcome)}`);
  }

  /** Traces writes and emails to the outcome aimed at their engagement, and says what is wrong with them. */
  function trace(outcomes: readonly Outcome[], writes: readonly TableWrite[], emails: readonly StoredEmail[]): string[] {
    const failures: string[] = [];
    const ownerOf = (engagementId: string | undefined) =>
      engagementId === undefined ? undefined : outcomes.find((o) => o.attempt.targets.includes(engagementId) || o.created.includes(engagementId));
    const mayHaveCaused = (o: Outcome) => o.accepted && o.attempt.method !== 'GET';
    const everyone = () => outcomes.map((o) => `  ${describe(o)}`).join('\n');

    for (const write of writes) {
      sawWrite(write);
      const owner = ownerOf(engagementOfWrite(write));
      if (!owner) failures.push(`a write (${write.change} ${write.pk} / ${write.sk}) that no request of the batch may make; the batch:\n${everyone()}`);
      else if (!mayHaveCaused(owner)) failures.push(`stored ${write.change} ${write.pk} / ${write.sk} for a request that was refused or only read\n  ${describe(owner)}`);
    }
    for (const email of emails) {
      sawEmail(email.messageId);
      const to = email.destination.to.join(', ');
      const html = email.body.html ?? '';
      failures.push(...markupFindings(html, 'email').map((f) => `the email "${email.subject}" to ${to} holds ${f}`));
      if (/[\r\n]/.test(email.subject)) failures.push(`the email to ${to} has a line break in its subject: ${JSON.stringify(email.subject)}`);
      const text = `${email.body.text ?? ''}${html}`;
      const owner = email.destination.to.flatMap((address) => [...clientOf.get(address) ?? []]).map(ownerOf).find(Boolean)
        ?? outcomes.find((o) => [...o.attempt.targets, ...o.created].some((id) => text.includes(id)));
      if (!owner) failures.push(`an email ("${email.subject}" to ${to}) that no request of the batch may send; the batch:\n${everyone()}`);
      else if (!mayHaveCaused(owner)) failures.push(`sent "${email.subject}" to ${to} for a request that was refused or only read\n  ${describe(owner)}`);
    }
    return failures;
  }

  /** Waits until what accepted requests started has finished: later emails, delivery events, quiet. */
  async function settle(outcomes: readonly Outcome[], seen: readonly StoredEmail[]): Promise<string[]> {
    const failures: string[] = [];
    const waitingFor = new Set(outcomes.filter((o) => o.accepted).flatMap((o) => [
      ...(o.attempt.mailLaterTo ?? []),
      ...o.invited,
    ]));
    for (const email of seen) for (const address of email.destination.to) waitingFor.delete(address);
    let probes = outcomes.flatMap((o) => o.probes);
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    let quietSince = Date.now();
    for (;;) {
      const [writes, emails] = await Promise.all([table.drain(), inbox.drain()]);
      failures.push(...trace(outcomes, writes, emails));
      for (const email of emails) for (const address of email.destination.to) waitingFor.delete(address);
      if (writes.length > 0 || emails.length > 0) quietSince = Date.now();
      if (probes.length > 0) probes = (await Promise.all(probes.map(async (p) => ((await p()) ? undefined : p)))).filter((p) => p !== undefined);
      if (waitingFor.size === 0 && probes.length === 0 && undelivered.size === 0 && Date.now() - quietSince >= QUIET_MS) return failures;
      if (Date.now() > deadline) {
        undelivered.clear();
        const accepted = outcomes.filter((o) => o.accepted).map((o) => `  ${describe(o)}`).join('\n');
        return [...failures, `the stack did not settle: still waiting for emails to ${[...waitingFor].join(', ') || 'nobody'}, ${undelivered.size} delivery event(s) and ${probes.length} workflow(s), after:\n${accepted}`];
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return {
    counts,
    async runBatch(attempts: readonly Attempt[]): Promise<void> {
      const outcomes = await Promise.all(attempts.map(send));
      const failures = outcomes.flatMap(judgeAnswer);
      const [writes, emails] = await Promise.all([table.drain(), inbox.drain()]);
      failures.push(...trace(outcomes, writes, emails));
      if (outcomes.some((o) => o.accepted && o.attempt.method === 'POST') || undelivered.size > 0) failures.push(...await settle(outcomes, emails));
      if (failures.length > 0) throw new Error(`${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    },
    /**
     * Waits until the stack is quiet after work done outside a batch (setting up, a page that
     * made a link), checking the emails that arrive meanwhile for markup but tracing nothing.
     */
    async settled(): Promise<void> {
      const failures: string[] = [];
      let quietSince = Date.now();
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      for (;;) {
        const [writes, emails] = await Promise.all([table.drain(), inbox.drain()]);
        for (const email of emails) {
          sawEmail(email.messageId);
          failures.push(...markupFindings(email.body.html ?? '', 'email').map((f) => `the email "${email.subject}" holds ${f}`));
        }
        writes.forEach(sawWrite);
        if (writes.length > 0 || emails.length > 0) quietSince = Date.now();
        if (undelivered.size === 0 && Date.now() - quietSince >= QUIET_AFTER_SETUP_MS) break;
        if (Date.now() > deadline) throw new Error(`the stack did not settle: ${undelivered.size} delivery event(s) missing`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (failures.length > 0) throw new Error(failures.join('\n'));
    },
    /** Checks pages that show what earlier requests stored. */
    async checkPage(path: string, headers: Record<string, string>): Promise<void> {
      const response = await app.request(`http://localhost${path}`, { headers });
      const body = await response.text();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${short(body)}`);
      const findings = markupFindings(body, 'page');
      if (findings.length > 0) throw new Error(`${path} holds:\n- ${findings.join('\n- ')}`);
    },
  };
}

export type Harness = ReturnType<typeof createHarness>;
