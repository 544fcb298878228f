/**
 * The scope register and moved due dates end to end, on the real local stack after a real
 * kickoff: a decision is announced to the client at once, they answer in one click and it is
 * recorded (the later date they choose moves the milestone); an unanswered decision gets one
 * reminder halfway through the client's window, then shows as "awaiting the client" and alerts
 * the manager once; a due date moved with less notice than the client asked for is what the
 * drift engine's unannounced slip reports, the client acknowledges it, and the workflow follows
 * the new date. Time runs 100,000 times faster (a day takes under a second).
 */
import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftedDue } from '../../functions/domain/deadline-shifts.js';
import { evaluate } from '../../functions/domain/drift/index.js';
import { milestoneStatuses } from '../../functions/domain/milestones.js';
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
const day = (n: number) => new Date(stack.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
const eventsOf = (id: string) => stack.deps.store.listEvents(id);

/** An engagement through its kickoff (bonus up to 4 h, larger requests: the client chooses), with the engagement workflow running. */
async function agreedEngagement(answers: Record<string, string> = {}, dueInDays: [number, number] = [20, 40]) {
  const clientEmail = `scope-${randomUUID().slice(0, 8)}@example.com`;
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

async function recordRequest(engagementId: string, summary: string, effortHours: number): Promise<string> {
  const response = await api(`/api/engagements/${engagementId}/scope-requests`, { summary, effortHours, askedBy: 'Maria' });
  expect(response.status).toBe(201);
  return ((await response.json()) as { scopeRequestId: string }).scopeRequestId;
}

describe('scope decisions', () => {
  it('announces a bonus as a bonus at once, and records the client\'s "noted"', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    const id = await recordRequest(engagement.id, 'A second banner size', 2);
    expect((await api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, {})).status).toBe(201);

    const [announcement] = await waitForEmails(stack, clientEmail, /included as a bonus/);
    expect(announcement!.body.text).toContain('A second banner size');
    expect(announcement!.body.text).toContain('not the new normal');
    expect((await eventsOf(engagement.id)).filter((e) => e.type === 'scope-decision-announced')).toEqual([expect.objectContaining({ scopeRequestId: id, asBonus: true })]);

    const link = linkIn(announcement!);
    const page = await fetch(link);
    expect(await page.text()).toContain('value="noted"');
    expect((await postForm(link, { answer: 'noted' })).status).toBe(200);
    expect((await postForm(link, { answer: 'noted' })).status).toBe(409);
    expect((await eventsOf(engagement.id)).filter((e) => e.type === 'scope-decision-answered')).toEqual([expect.objectContaining({ answer: 'noted' })]);
  });

  it('lets the client choose the later date in one click: the milestone moves, the manager is told, and the plan follows', async () => {
    const { engagement, clientEmail } = await agreedEngagement();
    const id = await recordRequest(engagement.id, 'A blog section', 16);
    const due = engagement.milestones[0]!.due;
    const decided = await api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, { price: '€800', milestoneId: 'm1', shiftDays: 7 });
    expect(decided.status).toBe(201);
    expect(((await decided.json()) as { decision: { decision: string } }).decision.decision).toBe('client-chooses');

    const [announcement] = await waitForEmails(stack, clientEmail, /please choose/);
    expect(announcement!.body.text).toContain('€800');
    expect((await postForm(linkIn(announcement!), { answer: 'later-date' })).status).toBe(200);

    const events = await eventsOf(engagement.id);
    const shifted = events.find((e) => e.type === 'deadline-shifted');
    expect(shifted).toMatchObject({ milestoneId: 'm1', previousDue: due, scopeRequestId: id });
    expect(milestoneStatuses(engagement, events).find((s) => s.milestone.id === 'm1')?.due).toBe(shifted?.type === 'deadline-shifted' ? shifted.newDue : '');
    await waitFor('the manager to hear of the choice', async () =>
      (await emailsTo(stack, alice.email)).find((e) => e.subject.includes('chose the later date') && e.body.text?.includes(engagement.id)));
  });

  it('reminds once halfway through the client\'s window, then shows "awaiting the client" and alerts the manager once', async () => {
    const { engagement, clientEmail } = await agreedEngagement({ 'outcome.confirmationWindowDays': '2' });
    const id = await recordRequest(engagement.id, 'A newsletter template', 30);
    expect((await api(`/api/engagements/${engagement.id}/scope-requests/${id}/decision`, { price: '€1,200', milestoneId: 'm2', newDue: day(60) })).status).toBe(201);

    await waitForEmails(stack, clientEmail, /Reminder: .*waiting for your answer/);
    await waitFor('the manager\'s alert', async () =>
      ((await eventsOf(engagement.id)).some((e) => e.type === 'email-sent' && e.ref === `scope-unanswered:${id}`) ? true : undefined), 30_000);

    const register = await fetch(`${stack.appUrl}/api/engagements/${engagement.id}/register`, { headers: { authorization: `Bearer ${stack.identity.tokenFor('alice')}` } });
    const { requests } = (await register.json()) as { requests: Array<{ scopeRequestId: string; state: string }> };
    expect(requests.find((r) => r.scopeRequestId === id)?.state).toBe('awaiting-client');
    const sends = (await eventsOf(engagement.id)).flatMap((e) => (e.type === 'email-sent' && e.ref === id ? [e.purpose] : []));
    expect(sends).toEqual(['scope-decision', 'scope-decision-reminder']);
  });
});

describe('moved due dates', () => {
  it('tells the client at once; a move with less notice than they asked for is the drift report\'s unannounced slip; they acknowledge it', async () => {
    // The client wants 5 days' notice; "Design" is due in 3 days.
    const { engagement, clientEmail } = await agreedEngagement({ 'pace.slipNoticeDays': '5' }, [3, 40]);
    const newDue = day(10);
    const moved = await api(`/api/engagements/${engagement.id}/deadline-shifts`, { milestoneId: 'm1', newDue, reason: 'The photos arrive late' });
    expect(moved.status).toBe(201);

    const [notice] = await waitForEmails(stack, clientEmail, /moves to/);
    expect(notice!.body.text).toContain('The photos arrive late');
    expect(notice!.body.text).toMatch(/5\s+days of notice/);
    expect((await postForm(linkIn(notice!), {})).status).toBe(200);
    expect((await postForm(linkIn(notice!), {})).status).toBe(409);

    const [events, answer] = await Promise.all([eventsOf(engagement.id), stack.deps.store.latestKickoffAnswer(engagement.id)]);
    const shift = events.find((e) => e.type === 'deadline-shifted');
    expect(events.filter((e) => e.type === 'deadline-shift-acknowledged')).toHaveLength(1);
    const report = evaluate({ engagement, answers: [answer!], events, now: stack.clock.now() });
    const slip = report.findings.find((f) => f.kind === 'unannounced-slip');
    expect(slip?.explanation.key).toBe('unannounced-slip.late-notice');
    expect(slip?.evidence.some((e) => e.eventId === shift?.id)).toBe(true);
  });

  it('moves the checkpoint to the new date', async () => {
    // Far enough ahead that a slow kickoff (a real second is more than a day here) cannot pass it.
    const { engagement } = await agreedEngagement({ 'pace.slipNoticeDays': '0' }, [12, 40]);
    const oldDue = engagement.milestones[0]!.due;
    const newDue = shiftedDue(oldDue, 3);
    expect((await api(`/api/engagements/${engagement.id}/deadline-shifts`, { milestoneId: 'm1', newDue, reason: 'Waiting for content' })).status).toBe(201);
    const checkpoint = await waitFor('the checkpoint of the moved milestone', async () =>
      (await eventsOf(engagement.id)).find((e) => e.type === 'checkpoint-recorded' && e.milestoneId === 'm1'), 60_000);
    // Recorded only after the end of the new due date where the client is (Europe/Berlin), not at the old one.
    expect(Date.parse(checkpoint.at)).toBeGreaterThan(Date.parse(`${newDue}T00:00:00+01:00`));
    expect(checkpoint).toMatchObject({ slipAnnounced: true });
  }, 90_000);
});
