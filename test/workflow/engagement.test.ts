/**
 * The engagement workflow end to end, after a real kickoff: deliveries the client confirms or
 * rejects by link, follow-ups and the manager's alert when nobody answers, status updates at
 * the client's cadence, and completion once every milestone is confirmed. Time runs 100,000
 * times faster (a day takes under a second).
 */
import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmRequestId } from '../../functions/domain/client-request.js';
import { clientNoteRef } from '../../functions/domain/owed-messages.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, postForm, waitFor, waitForEmails } from '../support/stack.js';

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack({
    speed: 100_000,
    settings: { KICKOFF_REMINDER_EVERY_SECONDS: '7200', KICKOFF_MAX_REMINDERS: '1', KICKOFF_MAX_ESCALATIONS: '1', KICKOFF_CORRECTION_WINDOW_SECONDS: '7200' },
  });
});
afterAll(() => stack?.stop());

const alice = DEV_PEOPLE.alice;
const api = (path: string, body: unknown) => fetch(`${stack.appUrl}${path}`, {
  method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor('alice')}` },
});

/** An engagement through its kickoff, with the given answers, until the engagement workflow runs. */
async function agreedEngagement(answers: Record<string, string> = {}, dueInDays: [number, number] = [20, 40]) {
  const clientEmail = `delivery-${randomUUID().slice(0, 8)}@example.com`;
  const day = (n: number) => new Date(stack.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Relaunch', client: { name: 'Maria', email: clientEmail }, locale: 'en',
    milestones: [{ title: 'Design', due: day(dueInDays[0]) }, { title: 'Launch', due: day(dueInDays[1]) }],
  }, { id: alice.sub, email: alice.email, name: alice.name });
  const [invite] = await waitForEmails(stack, clientEmail, /expect/i);
  expect((await postForm(linkIn(invite!), validKickoffForm(answers))).status).toBe(200);
  await waitFor('the engagement workflow to start', async () => {
    const arn = `${stack.stepFunctions.stateMachineArn('engagement').replace(':stateMachine:', ':execution:')}:engagement-${engagement.id}`;
    return stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: arn })).then(() => true, () => undefined);
  });
  return { engagement, clientEmail };
}

const CONFIRM = /reach you/i;

describe('engagement workflow', () => {
  it('asks the client to confirm a delivery, and "it works" completes the milestone', async () => {
    const { engagement, clientEmail } = await agreedEngagement({ 'outcome.confirmationWindowDays': '5' });
    expect((await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary: 'Figma file: https://figma.example/x' })).status).toBe(201);

    const [request] = await waitForEmails(stack, clientEmail, CONFIRM);
    const page = await fetch(linkIn(request!));
    expect(await page.text()).toContain('Figma file');
    expect((await postForm(linkIn(request!), { answer: 'works' })).status).toBe(200);

    const events = await waitFor('the confirmation in the log', async () => {
      const log = await stack.deps.store.listEvents(engagement.id);
      return log.some((e) => e.type === 'outcome-confirmed') ? log : undefined;
    });
    expect(events.filter((e) => e.type === 'email-sent' && e.purpose === 'confirmation-request')).toHaveLength(1);
    expect((await postForm(linkIn(request!), { answer: 'not-received' })).status).toBe(409);
  });

  it('"not what I needed" reopens the milestone and alerts the manager at once', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary: 'Wireframes' });
    const [request] = await waitForEmails(stack, clientEmail, CONFIRM);
    const missingReason = await postForm(linkIn(request!), { answer: 'not-what-i-needed' });
    expect(missingReason.status).toBe(400);
    expect((await postForm(linkIn(request!), { answer: 'not-what-i-needed', reason: 'The mobile layout is missing' })).status).toBe(200);
    const alert = await waitFor('the manager alert', async () =>
      (await emailsTo(stack, alice.email)).find((e) => e.body.text?.includes(engagement.id) && e.body.text.includes('mobile layout')));
    expect(alert).toBeDefined();
  });

  it('follows up, then alerts the manager when the client does not answer in their window', async () => {
    const { engagement, clientEmail } = await agreedEngagement({ 'outcome.confirmationWindowDays': '2' });
    await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary: 'Design system' });
    await waitForEmails(stack, clientEmail, CONFIRM, 2);
    await waitFor('the unconfirmed alert', async () => {
      const log = await stack.deps.store.listEvents(engagement.id);
      return log.some((e) => e.type === 'email-sent' && e.purpose === 'manager-alert' && e.ref?.startsWith('unconfirmed:')) ? true : undefined;
    });
    const requests = (await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'email-sent' && (e.purpose === 'confirmation-request' || e.purpose === 'confirmation-follow-up'));
    expect(requests.map((e) => e.type === 'email-sent' && e.purpose)).toEqual(['confirmation-request', 'confirmation-follow-up']);
  });

  it('a milestone whose due date passes undelivered gets a checkpoint that says so, and the manager a note', async () => {
    const { engagement } = await agreedEngagement({ 'pace.dueDateToleranceDays': '0' }, [1, 40]);
    const checkpoint = await waitFor('the checkpoint of the first milestone', async () =>
      (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'checkpoint-recorded' && e.milestoneId === 'm1'), 30_000);
    expect(checkpoint).toMatchObject({ delivered: false, onTime: false, confirmed: false });
    const note = await waitFor('the checkpoint note', async () =>
      (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'email-sent' && e.purpose === 'checkpoint-note'));
    expect(note).toMatchObject({ recipient: 'manager', ref: 'm1' });
  });

  it('keeps the client informed at their cadence, with a link to where things stand', async () => {
    const { engagement, clientEmail } = await agreedEngagement({ 'pace.updateCadenceDays': '2', 'pace.maxSilenceDays': '3' });
    const [update] = await waitForEmails(stack, clientEmail, /update|where things stand|status/i);
    const status = await fetch(linkIn(update!));
    expect(status.status).toBe(200);
    expect(await status.text()).toContain('Design');
    const sentBefore = (await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'email-sent' && e.purpose === 'status-update').length;
    expect(sentBefore).toBeGreaterThanOrEqual(1);
  });

  it('sends what a request logged and then died before sending (a question, a note, a rejection\'s alert), each once', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary: 'Wireframes' });
    const [confirm] = await waitForEmails(stack, clientEmail, CONFIRM);
    const request = await stack.deps.store.getRequest(confirmRequestId(engagement.id, 'm1', 1));
    // Arrange: the log holds three facts whose emails never went out, as if each request died right after its write.
    const now = stack.clock.now();
    await stack.deps.store.appendEvent({ type: 'client-question', engagementId: engagement.id, questionId: 'q-lost', text: 'Is the staging site ready?' }, now);
    await stack.deps.store.appendEvent({ type: 'client-note', engagementId: engagement.id, text: 'Our CEO loves the colours', page: 'status' }, now);
    await stack.deps.store.recordAnswer(request!, { type: 'outcome-rejected', engagementId: engagement.id, milestoneId: 'm1', reason: 'not-received' }, now);
    expect(confirm).toBeDefined();

    // Act: the workflow's next plan (its wait looks for news logged since it planned).
    const owed = ['client-question:q-lost', `client-note:${clientNoteRef(engagement.id, 'status', 'Our CEO loves the colours')}`, 'manager-alert:not-received:m1#1'];
    const log = await waitFor('the three owed emails', async () => {
      const events = await stack.deps.store.listEvents(engagement.id);
      const sent = events.flatMap((e) => (e.type === 'email-sent' ? [`${e.purpose}:${e.ref ?? ''}`] : []));
      return owed.every((key) => sent.includes(key)) ? sent : undefined;
    }, 30_000);

    // Assert: each went to the manager once.
    for (const key of owed) expect(log.filter((k) => k === key)).toHaveLength(1);
    // (The daily digest may quote the open question too; it is not the question's own email.)
    const toManager = (await emailsTo(stack, alice.email)).filter((e) => !/^Due in the next/.test(e.subject));
    expect(toManager.filter((e) => e.body.text?.includes('Is the staging site ready?'))).toHaveLength(1);
    expect(toManager.filter((e) => e.body.text?.includes('Our CEO loves the colours'))).toHaveLength(1);
  });

  async function deliverAndConfirmAll(engagementId: string, clientEmail: string, milestoneIds: string[]) {
    for (const milestoneId of milestoneIds) {
      const summary = `Delivery of ${milestoneId} (${engagementId.slice(0, 8)})`;
      await api(`/api/engagements/${engagementId}/deliveries`, { milestoneId, summary });
      const request = await waitFor(`the request for ${milestoneId}`, async () =>
        (await emailsTo(stack, clientEmail)).find((e) => CONFIRM.test(e.subject) && e.body.text?.includes(summary)));
      expect((await postForm(linkIn(request), { answer: 'works' })).status).toBe(200);
    }
  }

  it('closes out once every milestone is confirmed: a report for each side, one survey, and the workflow completes', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    await deliverAndConfirmAll(engagement.id, clientEmail, ['m1', 'm2']);
    const done = await waitFor('the engagement workflow to complete', async () => {
      const arn = `${stack.stepFunctions.stateMachineArn('engagement').replace(':stateMachine:', ':execution:')}:engagement-${engagement.id}`;
      const execution = await stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      return execution.status === 'RUNNING' ? undefined : execution;
    });
    expect(done.status).toBe('SUCCEEDED');
    expect((await stack.deps.store.getEngagement(engagement.id))?.status).toBe('closed');

    const log = await stack.deps.store.listEvents(engagement.id);
    expect(log.filter((e) => e.type === 'engagement-closed')).toEqual([expect.objectContaining({ surveySent: true })]);
    const sent = log.flatMap((e) => (e.type === 'email-sent' ? [e.purpose] : []));
    expect(sent.filter((p) => p === 'close-out-report')).toHaveLength(1);
    expect(sent.filter((p) => p === 'close-out-summary')).toHaveLength(1);

    const report = await waitFor('the close-out report', async () => {
      const reportSent = (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'email-sent' && e.purpose === 'close-out-report');
      return reportSent?.type === 'email-sent' ? (await emailsTo(stack, clientEmail)).find((e) => e.messageId === reportSent.messageId) : undefined;
    });
    const links = report?.body.text?.match(/http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9._-]+/g) ?? [];
    const survey = await (async () => {
      for (const link of links) if ((await (await fetch(link)).text()).includes('name="rating"')) return link;
      return undefined;
    })();
    expect(survey).toBeDefined();
    expect((await postForm(survey!, { rating: '9', recommend: 'yes' })).status).toBe(400);
    expect((await postForm(survey!, { rating: '5', recommend: 'yes', keep: 'The weekly notes' })).status).toBe(200);
    expect((await postForm(survey!, { rating: '1', recommend: 'no' })).status).toBe(409);
    const answers = (await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'survey-answered');
    expect(answers).toEqual([expect.objectContaining({ rating: 5, recommend: 'yes', keep: 'The weekly notes' })]);
  });

  it('does not survey the same contact again within the cool-down', async () => {
    const first = await agreedEngagement();
    await deliverAndConfirmAll(first.engagement.id, first.clientEmail, ['m1', 'm2']);
    await waitFor('the first close-out', async () =>
      ((await stack.deps.store.getEngagement(first.engagement.id))?.status === 'closed' ? true : undefined));
    const alice2 = { id: alice.sub, email: alice.email, name: alice.name };
    const day = (n: number) => new Date(stack.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const { engagement: second } = await createEngagement(stack.deps, {
      title: 'Second project', client: { name: 'Maria', email: first.clientEmail }, locale: 'en',
      milestones: [{ title: 'Only', due: day(20) }],
    }, alice2);
    const invite = await waitFor('the second invite', async () =>
      (await emailsTo(stack, first.clientEmail)).find((e) => e.subject.includes('Second project')));
    expect((await postForm(linkIn(invite), validKickoffForm())).status).toBe(200);
    await waitFor('the second engagement workflow', async () => {
      const arn = `${stack.stepFunctions.stateMachineArn('engagement').replace(':stateMachine:', ':execution:')}:engagement-${second.id}`;
      return stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: arn })).then(() => true, () => undefined);
    });
    await deliverAndConfirmAll(second.id, first.clientEmail, ['m1']);
    const closed = await waitFor('the second close-out', async () =>
      (await stack.deps.store.listEvents(second.id)).find((e) => e.type === 'engagement-closed'));
    expect(closed).toMatchObject({ surveySent: false });
  });
});

describe('delivery events', () => {
  it('a bounced client email is recorded once, alerts the manager, and does not count as contact', async () => {
    const label = randomUUID().slice(0, 8);
    const clientEmail = `bounce+${label}@simulator.amazonses.com`;
    const { engagement } = await createEngagement(stack.deps, {
      title: `Bouncing ${label}`, client: { name: 'Maria', email: clientEmail }, locale: 'en',
      milestones: [{ title: 'Design', due: new Date(stack.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10) }],
    }, { id: alice.sub, email: alice.email, name: alice.name });
    const log = await waitFor('the bounce in the log', async () => {
      const events = await stack.deps.store.listEvents(engagement.id);
      return events.some((e) => e.type === 'email-outcome' && e.outcome === 'bounced') ? events : undefined;
    });
    const invite = log.find((e) => e.type === 'email-sent' && e.purpose === 'kickoff-invite');
    expect(log.filter((e) => e.type === 'email-outcome')).toEqual([expect.objectContaining({ outcome: 'bounced', messageId: invite?.type === 'email-sent' ? invite.messageId : 'missing' })]);
    const alert = await waitFor('the manager alert', async () =>
      (await emailsTo(stack, alice.email)).find((e) => e.body.text?.includes(engagement.id) && /bounce|did not reach|not reach/i.test(`${e.subject} ${e.body.text}`)));
    expect(alert).toBeDefined();
  });

  it('a bounce that arrives before its send is logged is still recorded, once, and alerts the manager once', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    const { makeRecordEmailEvent } = await import('../../functions/handlers/record-email-event.js');
    const record = makeRecordEmailEvent(stack.deps);
    const messageId = `early-${randomUUID()}`;
    const bounce = {
      source: 'aws.ses', time: new Date().toISOString(),
      detail: { eventType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail: { messageId, timestamp: new Date().toISOString(), destination: [clientEmail], tags: { engagement: [engagement.id] } } },
    };
    const [first, second] = await Promise.all([record(bounce), record(bounce)]);
    expect([first, second].filter((r) => r.recorded)).toHaveLength(1);
    const events = await stack.deps.store.listEvents(engagement.id);
    expect(events.filter((e) => e.type === 'email-outcome' && e.messageId === messageId)).toHaveLength(1);
    const alerts = events.filter((e) => e.type === 'email-sent' && e.purpose === 'manager-alert' && e.ref === `bounced:${messageId}`);
    expect(alerts).toHaveLength(1);
  });

  it('ignores SES events of messages that are not ours, and refuses events that are not SES events', async () => {
    const { makeRecordEmailEvent } = await import('../../functions/handlers/record-email-event.js');
    const record = makeRecordEmailEvent(stack.deps);
    expect(await record({ source: 'aws.ses', time: new Date().toISOString(), detail: { eventType: 'Delivery', mail: { messageId: 'x', timestamp: 'now', destination: [], tags: {} } } })).toEqual({ recorded: false });
    await expect(record({ source: 'evil', detail: {} })).rejects.toMatchObject({ name: 'InvalidStepInput' });
  });

  it('a delivered email is recorded as delivered, and the same event twice is recorded once', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    const delivered = await waitFor('a delivery event', async () =>
      (await stack.deps.store.listEvents(engagement.id)).find((e) => e.type === 'email-outcome' && e.outcome === 'delivered'));
    expect(delivered.type === 'email-outcome' && delivered.messageId).toBeTruthy();
    const { makeRecordEmailEvent } = await import('../../functions/handlers/record-email-event.js');
    const again = makeRecordEmailEvent(stack.deps);
    const messageId = delivered.type === 'email-outcome' ? delivered.messageId : '';
    const event = { source: 'aws.ses', time: new Date().toISOString(), detail: { eventType: 'Delivery', mail: { messageId, timestamp: new Date().toISOString(), destination: [clientEmail], tags: { engagement: [engagement.id] } } } };
    expect(await again(event)).toEqual({ recorded: false });
    const outcomes = (await stack.deps.store.listEvents(engagement.id)).filter((e) => e.type === 'email-outcome' && e.messageId === messageId && e.outcome === 'delivered');
    expect(outcomes).toHaveLength(1);
  });
});

describe('long engagements', () => {
  let short: LocalStack;
  beforeAll(async () => {
    short = await startLocalStack({
      speed: 100_000,
      settings: {
        KICKOFF_REMINDER_EVERY_SECONDS: '7200', KICKOFF_MAX_REMINDERS: '1', KICKOFF_MAX_ESCALATIONS: '1',
        KICKOFF_CORRECTION_WINDOW_SECONDS: '7200', ENGAGEMENT_CYCLES_PER_EXECUTION: '3',
      },
    });
  });
  afterAll(() => short?.stop());

  const executionArn = (engagementId: string, suffix: string) =>
    `${short.stepFunctions.stateMachineArn('engagement').replace(':stateMachine:', ':execution:')}:engagement-${engagementId}${suffix}`;

  it('continues in a new execution after its cycles, and nothing is lost or sent twice', async () => {
    const clientEmail = `long-${randomUUID().slice(0, 8)}@example.com`;
    const day = (n: number) => new Date(short.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
    const { engagement } = await createEngagement(short.deps, {
      title: 'Long', client: { name: 'Maria', email: clientEmail }, locale: 'en',
      milestones: [{ title: 'Design', due: day(60) }],
    }, { id: alice.sub, email: alice.email, name: alice.name });
    const [invite] = await waitForEmails(short, clientEmail, /expect/i);
    // A daily update keeps the loop turning daily, so the cycles run out within the test.
    await postForm(linkIn(invite!), validKickoffForm({ 'pace.updateCadenceDays': '1' }));

    const third = await waitFor('the third generation', () =>
      short.deps.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(engagement.id, '-g3') })).then((e) => e, () => undefined), 30_000);
    expect(third.status).toBe('RUNNING');
    const first = await short.deps.sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(engagement.id, '') }));
    expect(first.status).toBe('SUCCEEDED');

    const deliver = await fetch(`${short.appUrl}/api/engagements/${engagement.id}/deliveries`, {
      method: 'POST', body: JSON.stringify({ milestoneId: 'm1', summary: 'All of it' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${short.identity.tokenFor('alice')}` },
    });
    expect(deliver.status).toBe(201);
    const [request] = await waitForEmails(short, clientEmail, CONFIRM);
    expect((await postForm(linkIn(request!), { answer: 'works' })).status).toBe(200);
    await waitFor('completion', async () => {
      const events = await short.deps.store.listEvents(engagement.id);
      return events.some((e) => e.type === 'outcome-confirmed') ? true : undefined;
    });
    const log = await short.deps.store.listEvents(engagement.id);
    const sends = log.filter((e) => e.type === 'email-sent').map((e) => (e.type === 'email-sent' ? `${e.purpose}:${e.ref ?? ''}` : ''));
    expect(new Set(sends).size).toBe(sends.length);
  });
});
