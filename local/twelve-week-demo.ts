/**
 * The twelve-week demo: one engagement with four milestones, played from kickoff to close-out
 * on the real stack with time running 150,000 times faster (about a minute). The script acts
 * as the client and the manager through the same HTTP routes a person uses; only the bounce is
 * the world's doing, reported through the same recorder SES events reach on AWS.
 *
 * What it leaves behind: one delivery confirmed at once, one "not what I needed" then fixed, one
 * bounced status update, one informational update by phone, one small extra request done as a
 * bonus within the client's rule (announced as a bonus, and noted by the client), one due date
 * moved with less notice than the client asked for (which the drift report shows as an
 * unannounced slip; the client acknowledges it), and the close-out.
 */
import { kickoffFormValues } from '../functions/domain/kickoff.js';
import { expectationsSchema } from '../functions/domain/expectations.js';
import { makeRecordEmailEvent } from '../functions/handlers/record-email-event.js';
import { createEngagement } from '../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from './identity.js';
import { inbox } from './ses.js';
import { startLocalStack, type LocalStack } from './stack.js';

export const DEMO_SPEED = 150_000;
const DAY = 86_400_000;
const CLIENT = { name: 'Nadia Okafor', email: 'nadia.okafor@atlas-logistics.example', organisation: 'Atlas Logistics' };

const expectations = expectationsSchema.parse({
  process: {
    involvement: 'involved', milestoneApprovalRequired: true,
    workingHours: { start: '08:00', end: '17:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'Europe/London' },
    decisionMaker: 'Nadia Okafor, head of operations',
  },
  pace: { updateCadenceDays: 7, maxSilenceDays: 10, responseTimeHours: 8, slipNoticeDays: 5, dueDateToleranceDays: 1 },
  channels: { regular: 'meeting', informational: 'email', emergency: 'phone' },
  outcome: {
    businessResult: 'Customers track their own shipments, so our phone line stops drowning in "where is my parcel" calls',
    successSignal: 'Tracking calls drop by half within a month of launch', confirmationWindowDays: 5,
  },
  scope: { bonusUpToHours: 4, largerRequests: 'client-chooses', alwaysDeclined: 'Changes to the warehouse system' },
});

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`the demo timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function post(url: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
  return fetch(url, { method: 'POST', body, redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
}

/** Plays the demo on a stack of its own (same data folder); returns the engagement id. */
export async function playTwelveWeekDemo(dataDir: string, log: (line: string) => void): Promise<string> {
  const stack = await startLocalStack({ dataDir, speed: DEMO_SPEED, ports: { inbox: 0, app: 0 } });
  try {
    return await playTwelveWeekDemoOn(stack, log);
  } finally {
    await stack.stop();
  }
}

/** Plays the demo on a running stack (at `DEMO_SPEED`), e.g. one whose usage a benchmark meters; returns the engagement id. */
export async function playTwelveWeekDemoOn(stack: LocalStack, log: (line: string) => void): Promise<string> {
  const alice = DEV_PEOPLE.alice;
  const start = stack.clock.now().getTime();
  const weeks = (n: number) => new Date(start + n * 7 * DAY);
  const atWeek = (n: number) => until(`week ${n}`, async () => (stack.clock.now() >= weeks(n) ? true : undefined), 60_000);
  const api = (path: string, body: unknown) => fetch(`${stack.appUrl}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor('alice')}` },
  });
  const eventsOf = (id: string) => stack.deps.store.listEvents(id);
  const linkOf = (email: { body: { text?: string } }) => email.body.text?.match(/http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9._-]+/)?.[0] as string;
  const emailToClient = (what: string, subject: RegExp) => until(what, async () =>
    (await inbox(stack.sesEndpoint)).find((e) => e.destination.to.includes(CLIENT.email) && subject.test(e.subject)));

  const { engagement } = await createEngagement(stack.deps, {
    title: 'Client portal for Atlas Logistics', client: CLIENT, locale: 'en',
    milestones: [3, 6, 9, 12].map((w, i) => ({
      title: ['Discovery and sitemap', 'Shipment tracking', 'Notifications', 'Launch'][i] as string,
      due: weeks(w).toISOString().slice(0, 10),
    })),
  }, { id: alice.sub, email: alice.email, name: alice.name }, 'atlas-twelve-week-demo');
  log('  kickoff: the client answers the form');
  const invite = await until('the kickoff invite', async () =>
    (await inbox(stack.sesEndpoint)).find((e) => e.destination.to.includes(CLIENT.email)));
  await post(invite.body.text?.match(/http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9._-]+/)?.[0] as string, kickoffFormValues(expectations));

  const deliverAndAnswer = async (milestoneId: string, summary: string, answer: Record<string, string>) => {
    await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId, summary });
    const request = await until(`the confirmation request for ${milestoneId}`, async () =>
      (await inbox(stack.sesEndpoint)).find((e) => e.body.text?.includes(summary)));
    const link = request.body.text?.match(/http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9._-]+/)?.[0] as string;
    await post(link, answer);
  };

  await atWeek(2);
  log('  week 2: a small extra request, done as a bonus by the client\'s rule and announced as one; the client notes it');
  const recorded = await api(`/api/engagements/${engagement.id}/scope-requests`, { summary: 'A printable label for each shipment', effortHours: 3, askedBy: 'Nadia Okafor' });
  const { scopeRequestId } = (await recorded.json()) as { scopeRequestId: string };
  await api(`/api/engagements/${engagement.id}/scope-requests/${scopeRequestId}/decision`, {});
  await post(linkOf(await emailToClient('the bonus', /included as a bonus/)), { answer: 'noted' });

  await atWeek(3);
  log('  week 3: "Discovery and sitemap" delivered and confirmed');
  await deliverAndAnswer('m1', 'Sitemap and discovery notes (week 3)', { answer: 'works' });

  await atWeek(4);
  log('  week 4: an informational update by phone, recorded by the manager');
  const local = new Date(stack.clock.now().getTime() - 2 * 3_600_000).toISOString().slice(0, 16);
  await post(`${stack.appUrl}/manager/engagements/${engagement.id}/touchpoints`,
    { kind: 'informational', channel: 'phone', at: local, summary: 'Walked Nadia through the tracking prototype' },
    { cookie: `session=${stack.identity.tokenFor('alice')}`, origin: stack.appUrl });

  await atWeek(6);
  log('  week 6: "Shipment tracking" delivered; the client says it is not what they needed');
  await deliverAndAnswer('m2', 'Tracking pages, first version (week 6)', { answer: 'not-what-i-needed', reason: 'Customers cannot search by order number' });

  log('  week 6: a status update bounces');
  const update = await until('a status update', async () =>
    (await eventsOf(engagement.id)).find((e) => e.type === 'email-sent' && e.purpose === 'status-update'));
  if (update.type === 'email-sent') {
    await makeRecordEmailEvent(stack.deps)({
      source: 'aws.ses', time: stack.clock.now().toISOString(),
      detail: { eventType: 'Bounce', bounce: { bounceType: 'Permanent' }, mail: { messageId: update.messageId, timestamp: update.at, destination: [CLIENT.email], tags: { engagement: [engagement.id] } } },
    });
  }

  await atWeek(7);
  log('  week 7: "Shipment tracking" delivered again, and confirmed');
  await deliverAndAnswer('m2', 'Tracking pages with order-number search (week 7)', { answer: 'works' });
  await until('three days before "Notifications" is due', async () => (stack.clock.now() >= new Date(weeks(9).getTime() - 3 * DAY) ? true : undefined), 60_000);
  log('  week 8: "Notifications" moves a week, told three days ahead where the client asked for five; the client acknowledges it');
  await api(`/api/engagements/${engagement.id}/deadline-shifts`, {
    milestoneId: 'm3', newDue: weeks(10).toISOString().slice(0, 10), reason: 'The SMS provider needs another week to approve our sender name',
  });
  await post(linkOf(await emailToClient('the notice of the new date', /moves to/)), {});
  await atWeek(10);
  log('  week 10: "Notifications" delivered and confirmed');
  await deliverAndAnswer('m3', 'Email and SMS notifications (week 10)', { answer: 'works' });
  await atWeek(12);
  log('  week 12: "Launch" delivered and confirmed; the engagement closes out');
  await deliverAndAnswer('m4', 'The portal is live (week 12)', { answer: 'works' });
  // The close-out is its emails, in the inbox and on the timeline; the `closed` status follows them.
  const closeOut = ['close-out-report', 'close-out-summary'];
  await until('the close-out report and summary', async () => {
    const events = await eventsOf(engagement.id);
    const sent = events.flatMap((e) => (e.type === 'email-sent' && closeOut.includes(e.purpose) ? [e.messageId] : []));
    const delivered = new Set((await inbox(stack.sesEndpoint)).map((e) => e.messageId));
    const done = sent.length === closeOut.length && sent.every((id) => delivered.has(id)) && events.some((e) => e.type === 'engagement-closed');
    return done ? true : undefined;
  });
  return engagement.id;
}
