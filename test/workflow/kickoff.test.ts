/**
 * The kickoff workflow end to end: the real ASL in the local Step Functions service, the real
 * step handlers, DynamoDB Local and the local SES server, with time running 20,000 times
 * faster (an hour of waiting takes 0.18 s). Each test is one path a client can take.
 */
import { randomUUID } from 'node:crypto';
import { RedriveExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import { parseKickoffForm } from '../../functions/domain/kickoff.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { submitKickoffAnswer } from '../../functions/use-cases/submit-kickoff-answer.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { stepFaults } from '../support/faults.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, postForm, waitFor, waitForEmails, waitForExecutionEnd } from '../support/stack.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    speed: 20_000,
    settings: {
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

  it('writes "what we heard" in the language the client answered in', async () => {
    const { clientEmail } = await newEngagement('en');
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    expect((await postForm(`${linkIn(invite!)}?lang=ru`, validKickoffForm())).status).toBe(200);
    const [heard] = await waitForEmails(stack, clientEmail, HEARD);
    expect(heard!.subject).toMatch(/услышали/);
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

describe('kickoff workflow under faults', () => {
  let faulty: LocalStack;
  const faults = stepFaults();

  beforeAll(async () => {
    faulty = await startLocalStack({
      speed: 20_000,
      settings: { KICKOFF_REMINDER_EVERY_SECONDS: '7200', KICKOFF_MAX_REMINDERS: '0', KICKOFF_MAX_ESCALATIONS: '1', KICKOFF_CORRECTION_WINDOW_SECONDS: '7200' },
      wrapFunction: faults.wrap,
    });
  });
  afterAll(() => faulty?.stop());

  async function engagementOn(stack: LocalStack) {
    const alice = DEV_PEOPLE.alice;
    const clientEmail = `faulty-${randomUUID().slice(0, 8)}@example.com`;
    const { engagement } = await createEngagement(stack.deps, {
      title: 'Faulty', client: { name: 'Maria', email: clientEmail }, locale: 'en',
      milestones: [{ title: 'Launch', due: new Date(stack.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) }],
    }, { id: alice.sub, email: alice.email, name: alice.name });
    return { engagement, clientEmail };
  }

  it('a step that fails after its email went out is retried without a second email', async () => {
    const { engagement, clientEmail } = await engagementOn(faulty);
    faults.fail(engagement.id, 'send-kickoff-invite', { when: 'after', error: 'Lambda.ServiceException', times: 2 });
    const [invite] = await waitForEmails(faulty, clientEmail, INVITE);
    await postForm(linkIn(invite!), validKickoffForm());
    expect((await waitForExecutionEnd(faulty, engagement.id)).status).toBe('SUCCEEDED');
    expect((await emailsTo(faulty, clientEmail)).filter((e) => INVITE.test(e.subject) && !HEARD.test(e.subject))).toHaveLength(1);
  });

  it('a step that fails beyond its retries stops the workflow at that step and alerts the manager, once; a redrive resumes there', async () => {
    const { engagement, clientEmail } = await engagementOn(faulty);
    faults.fail(engagement.id, 'send-what-we-heard', { when: 'before', error: 'MessageRejected', times: 1 });
    const [invite] = await waitForEmails(faulty, clientEmail, INVITE);
    await postForm(linkIn(invite!), validKickoffForm());
    const execution = await waitForExecutionEnd(faulty, engagement.id);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'MessageRejected', redriveStatus: 'REDRIVABLE' });
    const alerts = await waitFor('the alert to the manager', async () => {
      const found = (await emailsTo(faulty, DEV_PEOPLE.alice.email)).filter((e) => e.body.text?.includes(engagement.id));
      return found.length > 0 ? found : undefined;
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.body.text).toContain('MessageRejected');
    expect(await faulty.deps.store.getEngagement(engagement.id)).toMatchObject({ status: 'stalled', expectationsVersion: 1 });
    const stalled = (await faulty.deps.store.listEvents(engagement.id)).find((e) => e.type === 'workflow-stalled');
    expect(stalled).toMatchObject({ error: 'MessageRejected' });

    await faulty.deps.sfn.send(new RedriveExecutionCommand({ executionArn: execution.executionArn }));
    await waitForEmails(faulty, clientEmail, HEARD);
    expect(await waitForExecutionEnd(faulty, engagement.id)).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(await faulty.deps.store.getEngagement(engagement.id)).toMatchObject({ status: 'expectations-agreed' });
    expect((await emailsTo(faulty, clientEmail)).filter((e) => HEARD.test(e.subject))).toHaveLength(1);
  });

  it('a transient failure of the wait step is retried and the client\'s answer still resumes the workflow', async () => {
    const { engagement, clientEmail } = await engagementOn(faulty);
    faults.fail(engagement.id, 'wait-for-client', { when: 'before', error: 'ThrottlingException', times: 2 });
    const [invite] = await waitForEmails(faulty, clientEmail, INVITE);
    await postForm(linkIn(invite!), validKickoffForm());
    await waitForEmails(faulty, clientEmail, HEARD);
    expect((await waitForExecutionEnd(faulty, engagement.id)).status).toBe('SUCCEEDED');
  });

  it('a correction that lands just as the window closes is not dropped: it gets its own summary', async () => {
    const { engagement, clientEmail } = await engagementOn(faulty);
    const [invite] = await waitForEmails(faulty, clientEmail, INVITE);
    await postForm(linkIn(invite!), validKickoffForm());
    const [heard] = await waitForEmails(faulty, clientEmail, HEARD);
    expect(heard).toBeDefined();
    // The correction is submitted just before "Record expectations agreed" runs (its link is
    // still valid when the client presses the button; the step comes a moment later).
    faults.before(engagement.id, 'finish-kickoff', async () => {
      const request = await faulty.deps.store.getRequest(kickoffRequestId(engagement.id, 1));
      const current = await faulty.deps.store.requireEngagement(engagement.id);
      const { expectations } = parseKickoffForm(validKickoffForm({ 'outcome.successSignal': 'Corrected at the last second' }));
      await submitKickoffAnswer(faulty.deps, { request: request!, engagement: current, expectations });
    });
    const end = await waitForExecutionEnd(faulty, engagement.id);
    expect(end, JSON.stringify(await faulty.deps.store.listEvents(engagement.id))).toMatchObject({ status: 'SUCCEEDED' });
    const summaries = (await emailsTo(faulty, clientEmail)).filter((e) => HEARD.test(e.subject));
    expect(summaries).toHaveLength(2);
    expect(summaries[1]!.body.text).toContain('Corrected at the last second');
    expect(await faulty.deps.store.getEngagement(engagement.id)).toMatchObject({ status: 'expectations-agreed', expectationsVersion: 2 });
  });
});
