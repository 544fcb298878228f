/**
 * The fault suite: a thousand engagements through the whole local stack (DynamoDB Local, the
 * local SES server, the local Step Functions service running the real ASL, the HTTP app), with
 * time running 2,000 times faster, while faults are injected into each one as its plan says
 * (fault-plans.ts, seeded): steps that throw after their email went out and steps that fail
 * before their work (Task retries), a Lambda that dies after SES accepted its message, SES
 * throttling, a step that fails beyond its retries until an operator fixes it and redrives the
 * execution from the failed state, duplicated and reordered SES events and late bounces, and
 * client answers racing the workflow's timeouts and its closing of a request (conditional
 * writes on both sides).
 *
 * The client of each engagement answers (all but a few, who never do) by the links in its
 * emails (read as SES accepted them, the same messages the inbox holds), through the HTTP app;
 * some correct their answer, and some engagements go on to a delivery the client confirms. An operator redrives every execution
 * that failed, once the manager was told. Then the suite asserts and prints, from the inbox,
 * the event logs and the executions (audit.ts): emails sent twice = 0, client answers lost = 0,
 * executions stuck = 0, and more that would explain a non-zero count.
 *
 * FAULT_ENGAGEMENTS and FAULT_SEED change the size and the draw.
 */
import { randomUUID } from 'node:crypto';
import {
  MessageRejected, TooManyRequestsException, type SendEmailCommandInput,
} from '@aws-sdk/client-sesv2';
import {
  DescribeExecutionCommand, RedriveExecutionCommand, SendTaskHeartbeatCommand, type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngagementEvent } from '../../functions/domain/events.js';
import type { FormInput } from '../../functions/domain/kickoff.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { inbox, type StoredEmail } from '../../local/ses.js';
import type { WrapSendEmail } from '../../local/ses-events.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { stepFaults } from '../support/faults.js';
import { validKickoffForm } from '../support/fixtures.js';
import { linkIn, postForm, waitFor } from '../support/stack.js';
import {
  allExecutions, answersLost, emailsSentTwice, executionsStuck, logConsistency, waitingAt, type ClientAnswer, type SentMessage,
} from './audit.js';
import { faultPlans, type FaultPlan } from './fault-plans.js';

const ENGAGEMENTS = Number(process.env.FAULT_ENGAGEMENTS ?? 1000);
const SEED = Number(process.env.FAULT_SEED ?? 20_261_125);
/** Clients acting at once; the engagements' workflows also run on between their actions. */
const CONCURRENCY = 48;
/** An hour of waiting takes 1.8 s. */
const SPEED = 2000;
const HOUR = 3600;
const DAY_MS = 86_400_000;
/** How long a client waits for an email before the run counts it as a failure of the suite. */
const PATIENCE_MS = 120_000;

const alice = DEV_PEOPLE.alice;
const plans = faultPlans(ENGAGEMENTS, SEED);
const planOf = new Map<string, FaultPlan>();
const fixed = new Set<string>();
const injected = new Map<string, number>();
const inject = (kind: string) => injected.set(kind, (injected.get(kind) ?? 0) + 1);
const lasting = new Set<string>();
const faults = stepFaults({
  onInjected: (engagementId, step, fault) => {
    if (fault.times !== Infinity) inject(`${step} throws ${fault.when} its work`);
    else if (!lasting.has(engagementId)) {
      lasting.add(engagementId);
      inject(`${step} fails beyond its retries until fixed`);
    }
  },
});
const answers: ClientAnswer[] = [];
const suiteErrors: string[] = [];
/** Each redrive, by the error its execution had failed with. */
const redrives: Array<{ engagementId: string; error: string }> = [];

/** Every message SES accepted, as the product handed it over; clients read their emails here. */
const sent = new Map<string, SentMessage>();
const mailboxes = new Map<string, SentMessage[]>();
const mailWaiters = new Map<string, Array<() => void>>();

function accepted(input: SendEmailCommandInput, messageId: string) {
  const message: SentMessage = {
    messageId,
    to: input.Destination?.ToAddresses?.[0] ?? '',
    subject: input.Content?.Simple?.Subject?.Data ?? '',
    text: input.Content?.Simple?.Body?.Text?.Data ?? '',
    tags: Object.fromEntries((input.EmailTags ?? []).map((tag) => [tag.Name, tag.Value])),
  };
  sent.set(messageId, message);
  if (!mailboxes.has(message.to)) mailboxes.set(message.to, []);
  mailboxes.get(message.to)?.push(message);
  for (const wake of mailWaiters.get(message.to) ?? []) wake();
}

/** The first email to `to` of this purpose (and sequence), waiting for it if need be. */
async function emailTo(to: string, purpose: string, sequence?: string): Promise<SentMessage> {
  const find = () => (mailboxes.get(to) ?? []).find((m) => m.tags.purpose === purpose && (sequence === undefined || m.tags.sequence === sequence));
  const deadline = Date.now() + PATIENCE_MS;
  for (;;) {
    const found = find();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${purpose} ${sequence ?? ''} email to ${to}`);
    let wake = () => {};
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      wake = () => { clearTimeout(timer); resolve(); };
      mailWaiters.set(to, [...(mailWaiters.get(to) ?? []), wake]);
    });
    mailWaiters.set(to, (mailWaiters.get(to) ?? []).filter((w) => w !== wake));
  }
}

const asStored = (message: SentMessage): StoredEmail => ({
  messageId: message.messageId, from: '', destination: { to: [message.to], cc: [], bcc: [] }, subject: message.subject, body: { text: message.text }, at: 0,
});

let stack: LocalStack;

/** SES, as each plan has it: throttled, refusing until fixed, or accepting a message whose Lambda then dies. */
const faultySes: WrapSendEmail = async (input, send) => {
  const tags = Object.fromEntries((input.EmailTags ?? []).map((tag) => [tag.Name, tag.Value]));
  const engagementId = tags.engagement ?? '';
  const plan = planOf.get(engagementId);
  const purpose = tags.purpose;
  const persistent = plan?.persistent;
  if (persistent?.kind === 'ses-rejected' && persistent.purpose === purpose && !fixed.has(engagementId)) {
    if (!lasting.has(engagementId)) {
      lasting.add(engagementId);
      inject(`SES refuses ${purpose} until fixed`);
    }
    throw new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } });
  }
  const throttled = plan?.sesFaults.find((f) => f.fault === 'throttled' && f.purpose === purpose && f.times > 0);
  if (throttled) {
    throttled.times -= 1;
    inject('SES throttles a send');
    throw new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } });
  }
  const output = await send();
  accepted(input, output.MessageId ?? '');
  const dies = plan?.sesFaults.find((f) => f.fault === 'dies-after-send' && f.purpose === purpose && f.times > 0);
  if (dies) {
    dies.times -= 1;
    inject('Lambda dies after SendEmail succeeded');
    throw Object.assign(new Error('the function died after SES accepted the message'), { name: 'Lambda.Unknown' });
  }
  return output;
};

interface SesEvent { source: string; detail: { eventType: string; bounce?: unknown; mail: { messageId: string; tags: Record<string, string[]> } } }
const duplicated = new Set<string>();
const bounced = new Set<string>();
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SES events, as each plan has them reach the recorder: twice (at once and again later), or out of order, or with a late bounce first. */
function faultyEvents(record: (event: unknown) => Promise<unknown>) {
  return async (event: unknown) => {
    const { detail } = event as SesEvent;
    const engagementId = detail.mail.tags.engagement?.[0] ?? '';
    const plan = planOf.get(engagementId);
    if (!plan) return record(event);
    const key = `${detail.mail.messageId} ${detail.eventType}`;
    if (plan.lateBounce && detail.eventType === 'Delivery' && detail.mail.tags.purpose?.[0] === 'kickoff-invite' && !bounced.has(engagementId)) {
      bounced.add(engagementId);
      inject('a late bounce arrives before its delivery');
      stack.eventBus.put({ ...(event as SesEvent), detail: { ...detail, eventType: 'Bounce', bounce: { bounceType: 'Permanent' } } });
      await pause(20);
    }
    if (plan.events === 'duplicated' && !duplicated.has(key)) {
      duplicated.add(key);
      inject('an SES event is delivered twice');
      stack.eventBus.put(event);
      setTimeout(() => stack.eventBus.put(event), 25);
    }
    if (plan.events === 'out-of-order' && detail.eventType === 'Send') {
      inject('an SES event arrives after a later one');
      await pause(30);
    }
    return record(event);
  };
}

function executionArn(workflow: 'kickoff' | 'engagement', engagementId: string) {
  return `${stack.stepFunctions.stateMachineArn(workflow).replace(':stateMachine:', ':execution:')}:${workflow}-${engagementId}`;
}

const describeExecution = (arn: string) =>
  stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: arn })).catch(() => undefined as DescribeExecutionCommandOutput | undefined);

/** The client's POST of a form through a link of an email; recorded with its status. */
async function answer(engagementId: string, email: SentMessage, form: FormInput, record: Omit<ClientAnswer, 'engagementId' | 'status'>) {
  const response = await postForm(linkIn(asStored(email)), form);
  answers.push({ engagementId, ...record, status: response.status });
  if (response.status >= 500) suiteErrors.push(`${engagementId}: the answer got ${response.status}`);
  return response.status;
}

const kickoffForm = (overrides: Record<string, string> = {}) =>
  validKickoffForm({ 'pace.updateCadenceDays': '30', 'pace.maxSilenceDays': '60', ...overrides });

/**
 * The operator, every second: an execution that FAILED (or TIMED_OUT) is redriven from the
 * failed state once its manager was told (the log holds "workflow-stalled") and its cause is
 * fixed (the engagement's faults stop). One that fails again is redriven again, a second later:
 * a send whose outcome was unknown waits for its guard's lease.
 */
function startOperator() {
  let running = true;
  const lastTry = new Map<string, number>();
  const loop = (async () => {
    while (running) {
      for (const status of ['FAILED', 'TIMED_OUT'] as const) {
        for (const execution of await allExecutions(stack, status)) {
          const arn = execution.executionArn as string;
          const engagementId = (execution.name as string).replace(/^(kickoff|engagement)-/, '');
          if (Date.now() - (lastTry.get(arn) ?? 0) < 1000) continue;
          if (!(await stack.deps.store.listEvents(engagementId)).some((e) => e.type === 'workflow-stalled')) continue;
          lastTry.set(arn, Date.now());
          const described = await describeExecution(arn);
          fixed.add(engagementId);
          faults.fix(engagementId);
          redrives.push({ engagementId, error: described?.error ?? status });
          await stack.deps.sfn.send(new RedriveExecutionCommand({ executionArn: arn })).catch((error: unknown) => suiteErrors.push(`redriving ${arn}: ${String(error)}`));
        }
      }
      await pause(1000);
    }
  })();
  return { stop: async () => { running = false; await loop; } };
}

/** The faults and hooks of a plan, in place before the engagement's first step runs. */
function arm(plan: FaultPlan, engagementId: string, clientEmail: string, answered: (status: number) => void) {
  planOf.set(engagementId, plan);
  for (const fault of plan.stepFaults) faults.fail(engagementId, fault.step, { when: fault.when, error: fault.error, times: fault.times });
  if (plan.persistent?.kind === 'step') {
    const step = plan.persistent.step;
    faults.fail(engagementId, step, {
      when: 'before', error: plan.persistent.error, times: Infinity,
      ...(step === 'finish-kickoff' ? { match: (event) => event.outcome === 'agreed' } : {}),
    });
  }
  // A hook that failed is the suite's failure, not the step's.
  const firstAnswer = async () => {
    inject(`the client answers ${plan.answering}`);
    try {
      answered(await answer(engagementId, await emailTo(clientEmail, 'kickoff-invite'), kickoffForm(), { kind: 'kickoff', round: 0 }));
    } catch (error) {
      suiteErrors.push(`plan ${plan.index} (${engagementId}): ${String(error)}`);
      answered(0);
    }
  };
  if (plan.answering === 'as-the-wait-times-out') faults.before(engagementId, 'check-client-answer', firstAnswer, { match: (e) => e.round === 0 });
  if (plan.answering === 'racing-the-timeout') faults.before(engagementId, 'check-client-answer', firstAnswer, { match: (e) => e.round === 0, concurrent: true });
  if (plan.answering === 'as-the-kickoff-closes') faults.before(engagementId, 'finish-kickoff', firstAnswer, { match: (e) => e.outcome === 'unanswered' });
  const correct = async () => {
    inject(`the client corrects ${plan.correction}`);
    try {
      const heard = await emailTo(clientEmail, 'what-we-heard', '1');
      await answer(engagementId, heard, kickoffForm({ 'outcome.successSignal': 'Corrected while the workflow moved on' }), { kind: 'kickoff', round: 1 });
    } catch (error) {
      suiteErrors.push(`plan ${plan.index} (${engagementId}): ${String(error)}`);
    }
  };
  if (plan.correction === 'as-the-window-times-out') faults.before(engagementId, 'check-client-answer', correct, { match: (e) => e.round === 1 });
  if (plan.correction === 'as-the-window-closes') faults.before(engagementId, 'finish-kickoff', correct, { match: (e) => e.outcome === 'agreed' && e.round === 1 });
}

/** One engagement, as its client lives it. */
async function run(plan: FaultPlan) {
  const clientEmail = `client-${plan.index}-${randomUUID().slice(0, 8)}@example.com`;
  let engagementId = '';
  let answered!: (status: number) => void;
  const firstAnswerStatus = new Promise<number>((resolve) => { answered = resolve; });
  const day = (n: number) => new Date(stack.clock.now().getTime() + n * DAY_MS).toISOString().slice(0, 10);
  await createEngagement({
    ...stack.deps,
    workflow: {
      startKickoff: (id, schedule) => {
        engagementId = id;
        arm(plan, id, clientEmail, answered);
        return stack.deps.workflow.startKickoff(id, schedule);
      },
    },
  }, {
    title: `Fault plan ${plan.index}`, client: { name: 'Maria', email: clientEmail }, locale: 'en',
    milestones: [{ title: 'Launch', due: day(60) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });

  const client = (async () => {
    if (plan.answering === 'never') return;
    if (plan.answering === 'at-once') {
      const invite = await emailTo(clientEmail, 'kickoff-invite');
      const clicks = plan.doubleSubmit ? 2 : 1;
      if (plan.doubleSubmit) inject('the client submits twice at once');
      const statuses = await Promise.all(Array.from({ length: clicks }, () => answer(engagementId, invite, kickoffForm(), { kind: 'kickoff', round: 0 })));
      answered(Math.min(...statuses));
    }
    if ((await firstAnswerStatus) !== 200) return;
    if (plan.correction === 'in-the-window') {
      inject('the client corrects in-the-window');
      const heard = await emailTo(clientEmail, 'what-we-heard', '1');
      await answer(engagementId, heard, kickoffForm({ 'outcome.businessResult': 'Catering orders from offices' }), { kind: 'kickoff', round: 1 });
    }
    if (!plan.delivery) return;
    await waitFor(`the engagement workflow of ${engagementId} to wait for news`, async () => {
      await pause(250);
      const execution = await describeExecution(executionArn('engagement', engagementId));
      if (execution?.status !== 'RUNNING' || !(await waitingAt(stack, execution.executionArn as string))) return undefined;
      const token = await stack.deps.store.getWakeToken(engagementId);
      return token && (await stack.deps.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })).then(() => true, () => undefined));
    }, PATIENCE_MS);
    const delivered = await fetch(`${stack.appUrl}/api/engagements/${engagementId}/deliveries`, {
      method: 'POST', body: JSON.stringify({ milestoneId: 'm1', summary: `Everything for plan ${plan.index}` }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor('alice')}` },
    });
    if (delivered.status !== 201) suiteErrors.push(`${engagementId}: recording the delivery got ${delivered.status}`);
    const request = await emailTo(clientEmail, 'confirmation-request');
    await answer(engagementId, request, { answer: 'works' }, { kind: 'confirmation', milestoneId: 'm1' });
  })();
  await client.catch((error: unknown) => suiteErrors.push(`plan ${plan.index} (${engagementId}): ${String(error)}`));
}

/** Until every kickoff has ended and every engagement workflow has ended or waits for news (the operator redrives what failed). */
async function settle(deadline: number) {
  for (;;) {
    let busy = 0;
    for (const execution of await allExecutions(stack)) {
      if (execution.status === 'FAILED' || execution.status === 'TIMED_OUT') busy += 1;
      else if (execution.status === 'RUNNING' && (execution.name?.startsWith('kickoff-') || !(await waitingAt(stack, execution.executionArn as string)))) busy += 1;
    }
    if (busy === 0 || Date.now() > deadline) break;
    await pause(500);
  }
  // SES events of the last sends, and the reports of the last failures, are still on their way.
  await pause(1000);
}

/** Each planned failure happened, and its execution was redriven. */
async function plannedRedrivesDone() {
  const missing: string[] = [];
  for (const [engagementId, plan] of planOf) {
    if (!plan.persistent) continue;
    const execution = await describeExecution(executionArn(plan.persistent.workflow, engagementId));
    if (!execution?.redriveCount) missing.push(`plan ${plan.index} (${engagementId}): ${JSON.stringify(plan.persistent)} never failed the execution`);
  }
  return missing;
}

beforeAll(async () => {
  stack = await startLocalStack({
    speed: SPEED,
    driftReports: false,
    settings: {
      KICKOFF_REMINDER_EVERY_SECONDS: String(HOUR),
      KICKOFF_MAX_REMINDERS: '1',
      KICKOFF_MAX_ESCALATIONS: '1',
      KICKOFF_CORRECTION_WINDOW_SECONDS: String(HOUR),
    },
    wrapFunction: (name, fn) => (name === 'record-email-event' ? faultyEvents(fn) : faults.wrap(name, fn)),
    wrapSendEmail: faultySes,
  });
});
afterAll(() => stack?.stop());

describe('a thousand engagements under faults', () => {
  it('sends no email twice, loses no client answer and leaves no execution stuck', async () => {
    // Act: the engagements, CONCURRENCY clients at a time
    const started = Date.now();
    const operator = startOperator();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < plans.length) await run(plans[next++] as FaultPlan);
    }));
    const driven = Date.now();
    await settle(Date.now() + 120_000);
    await operator.stop();
    const settled = Date.now();

    // Assert, from the inbox, the event logs and the executions
    const emails = await inbox(stack.sesEndpoint);
    const engagementIds = [...planOf.keys()];
    const logs = new Map<string, EngagementEvent[]>();
    for (let i = 0; i < engagementIds.length; i += 50) {
      await Promise.all(engagementIds.slice(i, i + 50).map(async (id) => logs.set(id, await stack.deps.store.listEvents(id))));
    }
    const twice = emailsSentTwice(emails, sent);
    const lost = answersLost(answers, logs, emails, sent);
    const { stuck, waiting, total } = await executionsStuck(stack);
    const consistency = logConsistency(emails, sent, logs);
    const alerts = new Map<string, number>();
    for (const email of emails) {
      const tags = sent.get(email.messageId)?.tags;
      if (tags?.purpose === 'workflow-stalled') alerts.set(tags.engagement ?? '', (alerts.get(tags.engagement ?? '') ?? 0) + 1);
    }
    const redrivesOf = new Map<string, number>();
    for (const { engagementId } of redrives) redrivesOf.set(engagementId, (redrivesOf.get(engagementId) ?? 0) + 1);
    const unreported = [...redrivesOf].filter(([id, n]) => (alerts.get(id) ?? 0) < n).map(([id]) => id);
    const seconds = Math.round((Date.now() - started) / 1000);

    const faultCount = [...injected.values()].reduce((a, b) => a + b, 0);
    const byKind = [...injected].sort((a, b) => b[1] - a[1]).map(([kind, n]) => `${n} ${kind}`).join('; ');
    const accepted = answers.filter((a) => a.status >= 200 && a.status < 300).length;
    console.log([
      `faults: ${planOf.size} engagements, ${faultCount} faults injected (${byKind}), emails sent twice = ${twice.count}, `
        + `answers lost = ${lost.length}, stuck = ${stuck.length}, ${seconds} s`,
      `  seed ${SEED}; clients ${Math.round((driven - started) / 1000)} s, settling ${Math.round((settled - driven) / 1000)} s, `
        + `audit ${Math.round((Date.now() - settled) / 1000)} s; ${emails.length} emails in the inbox; ${answers.length} client answers posted, ${accepted} accepted; `
        + `${total} executions (${waiting} waiting at a documented wait, the rest succeeded); `
        + `redriven after a failure: ${redrives.length}${redrives.length ? ` (${[...new Set(redrives.map((r) => r.error))].map((e) => `${redrives.filter((r) => r.error === e).length} ${e}`).join(', ')})` : ''}`,
    ].join('\n'));

    suiteErrors.push(...await plannedRedrivesDone());
    /** A finding with the plan of its engagement, to replay it. */
    const explain = (findings: string[]) => findings.slice(0, 5).map((finding) => {
      const plan = planOf.get(finding.match(/[0-9a-f]{8}-[0-9a-f-]{27}/)?.[0] ?? '');
      return plan ? `${finding}\n    plan ${JSON.stringify(plan)}` : finding;
    }).join('\n');
    expect(suiteErrors, suiteErrors.slice(0, 10).join('\n')).toEqual([]);
    expect(planOf.size).toBe(ENGAGEMENTS);
    expect(twice.notSentByUs, 'every email in the inbox was handed to SES by the product').toEqual([]);
    expect(twice.count, explain(twice.examples)).toBe(0);
    expect(lost.length, explain(lost)).toBe(0);
    expect(stuck.length, explain(stuck)).toBe(0);
    expect(consistency.unlogged.length, `every email an engagement sent is in its log\n${explain(consistency.unlogged)}`).toBe(0);
    expect(consistency.outcomesRecordedTwice, 'every SES event is recorded once').toEqual([]);
    expect(unreported, 'every failed execution told its manager').toEqual([]);
  }, 600_000);
});
