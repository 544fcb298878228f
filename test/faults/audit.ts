/**
 * The fault suite's accounting, from what the system itself holds: the local SES server's
 * inbox (what was really sent), the engagements' event logs in DynamoDB, and the executions as
 * the local Step Functions service describes them. Each count names its evidence, so a
 * non-zero count can be followed to the engagement.
 *
 * - An email is sent twice when the inbox holds two messages for one guard: the same owner
 *   (engagement or manager), purpose and sequence, read from the tags each message was sent
 *   with. Legitimate repeats (reminder 1 and 2, "what we heard" v1 and v2, one alert per
 *   bounced message) have different sequences.
 * - A client answer is lost when the client's POST was accepted (2xx) but the log does not hold
 *   it, or, for a kickoff answer, no "what we heard" email of that version ever went out.
 * - An execution is stuck when, after the run (and after the operator redrove what failed), it
 *   is neither SUCCEEDED nor waiting at one of the workflows' documented waits ("Wait for
 *   kickoff answers", "Wait for corrections", "Wait for news or the next due date") with a live
 *   task token: the token stored for that wait answers SendTaskHeartbeat. RUNNING anywhere else
 *   (no pending wait or timer), or FAILED, TIMED_OUT or ABORTED, is stuck.
 */
import {
  DescribeExecutionCommand, GetExecutionHistoryCommand, ListExecutionsCommand, SendTaskHeartbeatCommand, type ExecutionListItem, type ExecutionStatus,
} from '@aws-sdk/client-sfn';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import type { EngagementEvent } from '../../functions/domain/events.js';
import type { StoredEmail } from '../../local/ses.js';
import type { LocalStack } from '../../local/stack.js';

/** A message as the product handed it to SES, with its tags. */
export interface SentMessage {
  messageId: string;
  to: string;
  subject: string;
  text: string;
  tags: Record<string, string>;
}

export interface ClientAnswer {
  engagementId: string;
  kind: 'kickoff' | 'confirmation';
  /** The kickoff request's round (0 = the first answer, n = a correction of version n). */
  round?: number;
  milestoneId?: string;
  status: number;
}

const guardOf = (message: SentMessage) =>
  `${message.tags.engagement ? `engagement ${message.tags.engagement}` : `manager ${message.tags.manager}`} ${message.tags.purpose} #${message.tags.sequence}`;

export function emailsSentTwice(inbox: StoredEmail[], sent: ReadonlyMap<string, SentMessage>) {
  const byGuard = new Map<string, number>();
  const notSentByUs: string[] = [];
  for (const email of inbox) {
    const message = sent.get(email.messageId);
    if (!message) {
      notSentByUs.push(email.messageId);
      continue;
    }
    byGuard.set(guardOf(message), (byGuard.get(guardOf(message)) ?? 0) + 1);
  }
  const repeated = [...byGuard].filter(([, times]) => times > 1);
  return {
    count: repeated.reduce((sum, [, times]) => sum + times - 1, 0),
    examples: repeated.slice(0, 5).map(([guard, times]) => `${guard} (${times} times)`),
    notSentByUs,
  };
}

export function answersLost(answers: ClientAnswer[], logs: ReadonlyMap<string, EngagementEvent[]>, inbox: StoredEmail[], sent: ReadonlyMap<string, SentMessage>) {
  const heard = new Set(inbox.flatMap((email) => {
    const message = sent.get(email.messageId);
    return message?.tags.purpose === 'what-we-heard' ? [`${message.tags.engagement} v${message.tags.sequence}`] : [];
  }));
  const lost: string[] = [];
  for (const answer of answers.filter((a) => a.status >= 200 && a.status < 300)) {
    const log = logs.get(answer.engagementId) ?? [];
    if (answer.kind === 'kickoff') {
      const stored = log.find((e) => e.type === 'kickoff-answered' && e.round === answer.round);
      if (!stored || stored.type !== 'kickoff-answered') lost.push(`${answer.engagementId}: kickoff answer to round ${answer.round} is not in the log`);
      else if (!heard.has(`${answer.engagementId} v${stored.version}`)) lost.push(`${answer.engagementId}: answer v${stored.version} never got its "what we heard"`);
    } else if (!log.some((e) => e.type === 'outcome-confirmed' && e.milestoneId === answer.milestoneId)) {
      lost.push(`${answer.engagementId}: the confirmation of ${answer.milestoneId} is not in the log`);
    }
  }
  return lost;
}

/** Every email an engagement sent is in its log, and every SES event is recorded once. */
export function logConsistency(inbox: StoredEmail[], sent: ReadonlyMap<string, SentMessage>, logs: ReadonlyMap<string, EngagementEvent[]>) {
  const loggedSends = new Set([...logs.values()].flatMap((log) => log.flatMap((e) => (e.type === 'email-sent' ? [e.messageId] : []))));
  const unlogged = inbox.flatMap((email) => {
    const message = sent.get(email.messageId);
    return message?.tags.engagement && !loggedSends.has(email.messageId) ? [`${guardOf(message)}: ${email.messageId} is not in the log`] : [];
  });
  const outcomes = new Map<string, number>();
  for (const log of logs.values()) {
    for (const e of log) if (e.type === 'email-outcome') outcomes.set(`${e.messageId} ${e.outcome}`, (outcomes.get(`${e.messageId} ${e.outcome}`) ?? 0) + 1);
  }
  return { unlogged, outcomesRecordedTwice: [...outcomes].filter(([, n]) => n > 1).map(([k]) => k) };
}

const WAITS = ['Wait for kickoff answers', 'Wait for corrections', 'Wait for news or the next due date'];

export async function allExecutions(stack: LocalStack, statusFilter?: ExecutionStatus): Promise<ExecutionListItem[]> {
  const all: ExecutionListItem[] = [];
  for (const machine of ['kickoff', 'engagement']) {
    let nextToken: string | undefined;
    do {
      const page = await stack.deps.sfn.send(new ListExecutionsCommand({
        stateMachineArn: stack.stepFunctions.stateMachineArn(machine), maxResults: 1000, nextToken, ...(statusFilter ? { statusFilter } : {}),
      }));
      all.push(...(page.executions ?? []));
      nextToken = page.nextToken;
    } while (nextToken);
  }
  return all;
}

/**
 * The documented wait a RUNNING execution is in (its last state entered and not exited, past the
 * failures of attempts its Retry makes again), or undefined when it is not at one.
 */
export async function waitingAt(stack: LocalStack, executionArn: string): Promise<{ state: string; input: Record<string, unknown> } | undefined> {
  const { events = [] } = await stack.deps.sfn.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 20 }));
  const last = events.find((event) => /State(Entered|Exited)$/.test(event.type ?? ''));
  const state = last?.stateEnteredEventDetails?.name;
  if (last?.type !== 'TaskStateEntered' || !state || !WAITS.includes(state)) return undefined;
  return { state, input: JSON.parse(last.stateEnteredEventDetails?.input ?? '{}') as Record<string, unknown> };
}

/** Why a RUNNING execution is not legitimately waiting, or undefined when it is. */
async function notWaiting(stack: LocalStack, execution: ExecutionListItem): Promise<string | undefined> {
  const name = execution.name as string;
  const wait = await waitingAt(stack, execution.executionArn as string);
  if (!wait) return 'RUNNING with no pending wait';
  const engagementId = name.replace(/^(kickoff|engagement)-/, '').replace(/-g\d+$/, '');
  const token = wait.state === 'Wait for news or the next due date'
    ? await stack.deps.store.getWakeToken(engagementId)
    : (await stack.deps.store.getRequest(kickoffRequestId(engagementId, Number((wait.input.heard as { version?: number } | undefined)?.version ?? 0))))?.taskToken;
  const live = token ? await stack.deps.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token })).then(() => true, () => false) : false;
  return live ? undefined : `RUNNING at "${wait.state}" without a live token`;
}

/** Executions that are stuck; one between two states (a late event just woke it) gets five seconds to reach a wait or its end. */
export async function executionsStuck(stack: LocalStack) {
  const stuck: string[] = [];
  let waiting = 0;
  const executions = await allExecutions(stack);
  const candidates: Array<{ execution: ExecutionListItem; why: string }> = [];
  for (const execution of executions) {
    if (execution.status === 'SUCCEEDED') continue;
    if (execution.status !== 'RUNNING') {
      stuck.push(`${execution.name}: ${execution.status}`);
      continue;
    }
    const why = await notWaiting(stack, execution);
    if (why) candidates.push({ execution, why });
    else waiting += 1;
  }
  for (let check = 0; candidates.length > 0 && check < 10; check += 1) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const candidate of [...candidates]) {
      const { status } = await stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: candidate.execution.executionArn }));
      const why = status === 'RUNNING' ? await notWaiting(stack, candidate.execution) : status === 'SUCCEEDED' ? undefined : status;
      if (why) {
        candidate.why = why;
        continue;
      }
      candidates.splice(candidates.indexOf(candidate), 1);
      if (status === 'RUNNING') waiting += 1;
    }
  }
  stuck.push(...candidates.map(({ execution, why }) => `${execution.name}: ${why}`));
  return { stuck, waiting, total: executions.length };
}
