/**
 * Clients answer a delivery in a real browser. Two engagements are driven, as a manager and a
 * client would, to a recorded delivery (created through the API, kickoff answered, delivery
 * recorded); then one client confirms "it works" on a desktop and the other, on a phone, says
 * "not what I needed" (first forgetting the reason, which the page asks for). Proves: the page
 * shows what was delivered, each answer is confirmed on the page and lands in the log, the
 * missing reason is shown beside its field, and the manager is alerted with the client's words.
 * Every page passes the accessibility audit; each step leaves a screenshot.
 */
import { randomUUID } from 'node:crypto';
import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engagement } from '../../functions/domain/engagement.js';
import { messages } from '../../functions/i18n.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { expectHeading, openBrowser, type TestBrowser } from '../support/browser.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, postForm, waitFor, waitForEmails } from '../support/stack.js';

const en = messages('en');
const c = en.confirmation;
const CONFIRM = /reach you/i;

let stack: LocalStack;
let browser: TestBrowser;

function api(path: string, body: unknown) {
  return fetch(`${stack.appUrl}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor('alice')}` },
  });
}

interface Delivered { engagement: Engagement; clientEmail: string; confirmationLink: string }

/** An engagement through its kickoff to a recorded delivery of its first milestone, and the link the client got. */
async function deliveredEngagement(clientName: string, summary: string): Promise<Delivered> {
  const clientEmail = `${clientName.toLowerCase()}-${randomUUID().slice(0, 8)}@example.com`;
  const due = new Date(stack.clock.now().getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
  const created = await api('/api/engagements', {
    title: `Shop for ${clientName}`, client: { name: clientName, email: clientEmail }, locale: 'en',
    milestones: [{ title: 'Design', due }, { title: 'Launch', due }],
  });
  expect(created.status).toBe(201);
  const { engagement } = (await created.json()) as { engagement: Engagement };
  const [invite] = await waitForEmails(stack, clientEmail, /expect/i);
  expect((await postForm(linkIn(invite!), validKickoffForm({ 'outcome.confirmationWindowDays': '30' }))).status).toBe(200);
  // The delivery is news for the engagement workflow, which starts once the correction window closes.
  await waitFor('the engagement workflow to start', async () => {
    const arn = `${stack.stepFunctions.stateMachineArn('engagement').replace(':stateMachine:', ':execution:')}:engagement-${engagement.id}`;
    return stack.deps.sfn.send(new DescribeExecutionCommand({ executionArn: arn })).then(() => true, () => undefined);
  });
  expect((await api(`/api/engagements/${engagement.id}/deliveries`, { milestoneId: 'm1', summary })).status).toBe(201);
  const [request] = await waitForEmails(stack, clientEmail, CONFIRM);
  return { engagement, clientEmail, confirmationLink: linkIn(request!) };
}

let works: Delivered;
let notNeeded: Delivered;

beforeAll(async () => {
  // An hour passes in a second: the correction window (its shortest, an hour) closes at once,
  // while the client's 30-day confirmation window stays open far longer than the test.
  [stack, browser] = await Promise.all([
    startLocalStack({ speed: 3600, settings: { KICKOFF_CORRECTION_WINDOW_SECONDS: '3600' } }),
    openBrowser(),
  ]);
  [works, notNeeded] = await Promise.all([
    deliveredEngagement('Maria', 'Figma file with the new home page'),
    deliveredEngagement('Oleg', 'Wireframes of the checkout'),
  ]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const logOf = (engagement: Engagement) => stack.deps.store.listEvents(engagement.id);

describe('a client answers a delivery', () => {
  it('confirms "it works" on a desktop, and the milestone is done', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(works.confirmationLink);
    await expectHeading(page).toBe(c.title);
    expect(await page.getByText('Figma file with the new home page').isVisible()).toBe(true);
    await browser.check(page, 'confirmation request');

    await page.getByRole('radio', { name: c.answers.works.label }).check();
    await page.getByRole('button', { name: c.submit }).click();

    await expectHeading(page).toBe(en.clientPages['confirmation-received'].title);
    expect(await page.getByText(en.clientPages['confirmation-received'].body[0]!).isVisible()).toBe(true);
    await browser.check(page, 'confirmation received');
    expect((await logOf(works.engagement)).filter((e) => e.type === 'outcome-confirmed')).toEqual([expect.objectContaining({ milestoneId: 'm1' })]);
  }, 60_000);

  it('says "not what I needed" on a phone, is asked for the reason, and the manager hears it', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    await page.goto(notNeeded.confirmationLink);
    await expectHeading(page).toBe(c.title);
    await browser.check(page, 'confirmation request on a phone');

    await page.getByRole('radio', { name: c.answers['not-what-i-needed'].label }).check();
    await page.getByRole('button', { name: c.submit }).click();
    await expect.poll(() => page.title(), { timeout: 10_000 }).toMatch(new RegExp(`^${en.errors.titlePrefix}`));
    expect(await page.getByRole('alert').getByRole('heading', { name: en.errors.summaryTitle }).isVisible()).toBe(true);
    const reason = page.getByLabel(c.reason.label, { exact: true });
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('radio', { name: c.answers['not-what-i-needed'].label }).isChecked()).toBe(true);
    await browser.check(page, 'reason missing');
    expect((await logOf(notNeeded.engagement)).some((e) => e.type === 'outcome-rejected')).toBe(false);

    await reason.fill('The checkout has no delivery-date step');
    await page.getByRole('button', { name: c.submit }).click();

    await expectHeading(page).toBe(en.clientPages['rejection-received'].title);
    expect(await page.getByText(en.clientPages['rejection-received'].body[0]!).isVisible()).toBe(true);
    await browser.check(page, 'rejection received');
    expect((await logOf(notNeeded.engagement)).find((e) => e.type === 'outcome-rejected'))
      .toMatchObject({ milestoneId: 'm1', reason: 'not-what-i-needed', text: 'The checkout has no delivery-date step' });
    const alert = await waitFor('the manager alert with the client\'s words', async () => (await emailsTo(stack, DEV_PEOPLE.alice.email))
      .find((e) => e.body.text?.includes(notNeeded.engagement.id) && e.body.text.includes('The checkout has no delivery-date step')));
    expect(alert.subject).toContain('Oleg');
  }, 60_000);
});
