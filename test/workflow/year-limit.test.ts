/**
 * A Standard execution lives at most a year. A quiet engagement sleeps up to a week a cycle, so
 * counting cycles alone could outlast it: proves that the engagement workflow hands over to a
 * new execution once one has followed the engagement for 300 days, with nothing lost, before
 * the local service (which enforces the year as AWS does) would time it out. Time runs a million
 * times faster: 300 days take 26 s.
 */
import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTINUE_AFTER_MS } from '../../functions/domain/engagement-plan.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { linkIn, postForm, waitFor, waitForEmails } from '../support/stack.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    speed: 1_000_000,
    driftReports: false,
    settings: { KICKOFF_REMINDER_EVERY_SECONDS: String(30 * 86_400), KICKOFF_CORRECTION_WINDOW_SECONDS: '3600' },
  });
});
afterAll(() => stack?.stop());

const execution = (name: string) => stack.deps.sfn.send(new DescribeExecutionCommand({
  executionArn: `${stack.stepFunctions.stateMachineArn('engagement').replace(':stateMachine:', ':execution:')}:${name}`,
})).catch(() => undefined);

describe('an engagement longer than a year', () => {
  it('continues in a new execution after 300 days, before the year runs out', async () => {
    const alice = DEV_PEOPLE.alice;
    const clientEmail = `long-${randomUUID().slice(0, 8)}@example.com`;
    const day = (n: number) => new Date(stack.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const { engagement } = await createEngagement(stack.deps, {
      title: 'A long retainer', client: { name: 'Maria', email: clientEmail }, locale: 'en',
      milestones: [{ title: 'Year two', due: day(700) }],
    }, { id: alice.sub, email: alice.email, name: alice.name });
    const [invite] = await waitForEmails(stack, clientEmail, /expect/i);
    expect((await postForm(linkIn(invite!), validKickoffForm({ 'pace.updateCadenceDays': '30', 'pace.maxSilenceDays': '30' }))).status).toBe(200);
    const first = await waitFor('the first execution', () => execution(`engagement-${engagement.id}`));
    const startedAt = stack.clock.now().getTime();

    const second = await waitFor('the second generation', () => execution(`engagement-${engagement.id}-g2`), 90_000);
    const handedOverAfterDays = (stack.clock.now().getTime() - startedAt) / 86_400_000;

    expect(first.status).toBe('RUNNING');
    expect((await execution(`engagement-${engagement.id}`))?.status).toBe('SUCCEEDED');
    expect(second.status).toBe('RUNNING');
    // At a million times, a second of the test's own lag is 11 days, so the bounds are loose: at
    // a week a cycle, 250 cycles would take years, so a hand-over within the year is the age
    // rule's; without it the service times the execution out at the year (TIMED_OUT).
    expect(handedOverAfterDays).toBeGreaterThan(CONTINUE_AFTER_MS / 86_400_000 - 60);
    expect(handedOverAfterDays).toBeLessThan(365);
  }, 120_000);
});
