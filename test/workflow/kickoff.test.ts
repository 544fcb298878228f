/**
 * The kickoff workflow end to end: the real ASL in the local Step Functions service, the real
 * step handlers, DynamoDB Local and the local SES server, with time running 20,000 times
 * faster (an hour of waiting takes 0.18 s). Each test is one path a client can take.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, postForm, waitFor, waitForEmails, waitForExecutionEnd } from '../support/stack.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    speed: 20_000,
    kickoff: {
      KICKOFF_REMINDER_EVERY_SECONDS: '7200',
      KICKOFF_MAX_REMINDERS: '2',
      KICKOFF_MAX_ESCALATIONS: '1',
      KICKOFF_CORRECTION_WINDOW_SECONDS: '14400',
    },
  });
});
afterAll(() => stack?.stop());

async function newEngagement(locale: 'en' | 'ru' = 'en') {
  const alice = DEV_PEOPLE.alice;
  const clientEmail = `client-${randomUUID().slice(0, 8)}@example.com`;
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Relaunch',
    client: { name: 'Maria', email: clientEmail },
    locale,
    milestones: [{ title: 'Launch', due: new Date(stack.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  return { engagement, clientEmail };
}

const INVITE = /kickoff|expect|ожидан/i;
const HEARD = /heard|услышали/i;

describe('kickoff workflow', () => {
  it('answered at once: invite, answer, one "what we heard", then expectations agreed', async () => {
    const { engagement, clientEmail } = await newEngagement();
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    const response = await postForm(linkIn(invite!), validKickoffForm());
    expect(response.status).toBe(200);

    const [heard] = await waitForEmails(stack, clientEmail, HEARD);
    expect(heard!.body.text).toContain('More online orders for our bakery');
    const execution = await waitForExecutionEnd(stack, engagement.id);
    expect(execution.status).toBe('SUCCEEDED');
    expect(await stack.deps.store.getEngagement(engagement.id)).toMatchObject({ status: 'expectations-agreed', expectationsVersion: 1 });
    expect((await emailsTo(stack, clientEmail)).filter((e) => HEARD.test(e.subject))).toHaveLength(1);
  });

  it('answered after a reminder: the reminder carries a working link', async () => {
    const { engagement, clientEmail } = await newEngagement();
    await waitForEmails(stack, clientEmail, INVITE);
    const all = await waitFor('a reminder', async () => {
      const emails = await emailsTo(stack, clientEmail);
      return emails.length >= 2 ? emails : undefined;
    });
    const reminder = all[1]!;
    expect(reminder.subject).not.toBe(all[0]!.subject);
    expect((await postForm(linkIn(reminder), validKickoffForm())).status).toBe(200);
    await waitForEmails(stack, clientEmail, HEARD);
    expect((await waitForExecutionEnd(stack, engagement.id)).status).toBe('SUCCEEDED');
    expect((await stack.deps.store.getEngagement(engagement.id))?.status).toBe('expectations-agreed');
  });

  it('never answered: two reminders, an escalation to the manager, then the form closes', async () => {
    const { engagement, clientEmail } = await newEngagement();
    const execution = await waitForExecutionEnd(stack, engagement.id);
    expect(execution.status).toBe('SUCCEEDED');

    const toClient = await emailsTo(stack, clientEmail);
    expect(toClient).toHaveLength(3);
    const toManager = (await emailsTo(stack, DEV_PEOPLE.alice.email)).filter((e) => e.body.text?.includes(engagement.id));
    expect(toManager).toHaveLength(1);
    expect(toManager[0]!.body.text).toContain(clientEmail);
    expect((await stack.deps.store.getEngagement(engagement.id))?.status).toBe('kickoff-unanswered');

    const late = await postForm(linkIn(toClient[0]!), validKickoffForm());
    expect(late.status).toBe(410);
    expect((await stack.deps.store.getEngagement(engagement.id))?.expectationsVersion).toBe(0);
  });

  it('corrected after "what we heard": a second summary with the change, and both versions kept', async () => {
    const { engagement, clientEmail } = await newEngagement();
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    await postForm(linkIn(invite!), validKickoffForm());
    const [heard] = await waitForEmails(stack, clientEmail, HEARD);

    const correctionLink = linkIn(heard!);
    const form = await fetch(correctionLink);
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('More online orders for our bakery');
    const corrected = await postForm(correctionLink, validKickoffForm({ 'outcome.businessResult': 'Catering orders from offices' }));
    expect(corrected.status).toBe(200);

    const summaries = await waitForEmails(stack, clientEmail, HEARD, 2);
    expect(summaries[1]!.body.text).toContain('Catering orders from offices');
    expect((await waitForExecutionEnd(stack, engagement.id)).status).toBe('SUCCEEDED');
    expect((await stack.deps.store.getKickoffAnswer(engagement.id, 1))?.expectations.outcome.businessResult).toBe('More online orders for our bakery, especially for cakes');
    expect(await stack.deps.store.getEngagement(engagement.id)).toMatchObject({ status: 'expectations-agreed', expectationsVersion: 2 });
  });

  it('submitted twice: the second submit is "already received" and only one summary is sent', async () => {
    const { engagement, clientEmail } = await newEngagement('ru');
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    const link = linkIn(invite!);
    const [first, second] = await Promise.all([postForm(link, validKickoffForm()), postForm(link, validKickoffForm())]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);

    await waitForExecutionEnd(stack, engagement.id);
    expect((await emailsTo(stack, clientEmail)).filter((e) => HEARD.test(e.subject))).toHaveLength(1);
    expect((await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'kickoff-answered')).toHaveLength(1);
  });
});
