/**
 * Helpers for tests that run the whole local stack: the inbox, the links in emails, the
 * kickoff form as a browser posts it, and waiting for the workflow.
 */
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { inbox, type StoredEmail } from '../../local/ses.js';
import type { LocalStack } from '../../local/stack.js';
import type { FormInput } from '../../functions/domain/kickoff.js';

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function emailsTo(stack: LocalStack, to: string): Promise<StoredEmail[]> {
  return (await inbox(stack.sesEndpoint)).filter((e) => e.destination.to.includes(to));
}

/** Waits until `to` has received at least `count` emails whose subject matches. */
export function waitForEmails(stack: LocalStack, to: string, subject: RegExp, count = 1): Promise<StoredEmail[]> {
  return waitFor(`${count} email(s) to ${to} matching ${subject}`, async () => {
    const found = (await emailsTo(stack, to)).filter((e) => subject.test(e.subject));
    return found.length >= count ? found : undefined;
  });
}

export function linkIn(email: StoredEmail): string {
  const match = email.body.text?.match(/http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9._-]+/);
  if (!match) throw new Error(`no client link in "${email.subject}"`);
  return match[0];
}

export function postForm(url: string, form: FormInput, headers: Record<string, string> = {}): Promise<Response> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) body.append(name, v);
  }
  return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, redirect: 'manual' });
}

export async function executionOf(stack: LocalStack, engagementId: string) {
  const arn = `${stack.stepFunctions.stateMachineArn('kickoff').replace(':stateMachine:', ':execution:')}:kickoff-${engagementId}`;
  return stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
}

export function waitForExecutionEnd(stack: LocalStack, engagementId: string, timeoutMs = 20_000) {
  return waitFor(`the kickoff execution of ${engagementId} to end`, async () => {
    const execution = await executionOf(stack, engagementId);
    return execution.status === 'RUNNING' ? undefined : execution;
  }, timeoutMs);
}
