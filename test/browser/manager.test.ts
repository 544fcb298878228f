/**
 * A manager's day in a real browser: sign in by clicking through the sign-in page, create an
 * engagement with the form, record a delivery, read the engagement's drift report once the
 * client has said the delivery is not what they needed; then the head of delivery signs in and
 * reads the portfolio. Proves: sign-in takes each person where they were going, the created
 * engagement and the recorded delivery show on the engagement page, the report (refreshed from
 * the table's stream) shows the rejection citing what the client said they need, and the
 * portfolio lists the engagement. Every page passes the accessibility audit; each step leaves a
 * screenshot.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../functions/i18n.js';
import { DEV_PEOPLE, type DevPerson } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { expectHeading, openBrowser, type TestBrowser } from '../support/browser.js';
import { validExpectations, validKickoffForm } from '../support/fixtures.js';
import { linkIn, postForm, waitFor, waitForEmails } from '../support/stack.js';

const mm = messages('en').manager;
const TITLE = 'Bakery shop relaunch';

let stack: LocalStack;
let browser: TestBrowser;
beforeAll(async () => {
  // An hour passes in a second, so the client's correction window (its shortest, an hour)
  // closes at once and the engagement workflow asks the client about the delivery.
  [stack, browser] = await Promise.all([
    startLocalStack({ speed: 3600, settings: { KICKOFF_CORRECTION_WINDOW_SECONDS: '3600' } }),
    openBrowser(),
  ]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

/** From a page that asks to sign in, through the development identity's page, as `person`. */
async function signIn(page: Page, person: DevPerson) {
  await expectHeading(page).toBe(mm.pages.unauthorized.title);
  await browser.check(page, 'sign-in required');
  await page.getByRole('link', { name: mm.signIn }).click();
  await expectHeading(page).toBe('Sign in (local development)');
  await browser.check(page, 'development sign-in');
  await page.getByRole('button', { name: DEV_PEOPLE[person].name }).click();
}

const dayFromNow = (days: number) => new Date(stack.clock.now().getTime() + days * 86_400_000).toISOString().slice(0, 10);

describe('managers', () => {
  it('a manager signs in, creates an engagement, records a delivery and reads its drift report; the head of delivery reads the portfolio', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const clientEmail = `bakery-${randomUUID().slice(0, 8)}@example.com`;

    await page.goto(`${stack.appUrl}/manager`);
    await signIn(page, 'alice');
    await expectHeading(page).toBe(mm.homeTitle);
    expect(await page.getByText(mm.signedInAs(DEV_PEOPLE.alice.name, DEV_PEOPLE.alice.email)).isVisible()).toBe(true);
    await browser.check(page, 'engagements');

    // Create the engagement with the form.
    await page.getByLabel(mm.fields.title, { exact: true }).fill(TITLE);
    await page.getByLabel(mm.fields['client.name'], { exact: true }).fill('Maria Petrova');
    await page.getByLabel(mm.fields['client.email'], { exact: true }).fill(clientEmail);
    await page.getByLabel(mm.fields.locale, { exact: true }).selectOption('en');
    for (const [n, title, due] of [[1, 'Design', dayFromNow(20)], [2, 'Launch', dayFromNow(40)]] as const) {
      const row = page.getByRole('group', { name: mm.milestone(n), exact: true });
      // Rows after the first are marked "(optional)" beside their labels.
      await row.getByLabel(mm.milestoneTitle).fill(title);
      await row.getByLabel(mm.milestoneDue).fill(due);
    }
    await browser.screenshot(page, 'new engagement filled');
    await page.getByRole('button', { name: mm.create }).click();
    await expectHeading(page).toBe(TITLE);
    expect(await page.getByText(mm.status['awaiting-kickoff']).isVisible()).toBe(true);
    await browser.check(page, 'engagement created');

    // The client answers the kickoff from the invitation (outside this browser).
    const [invite] = await waitForEmails(stack, clientEmail, /expect/i);
    expect((await postForm(linkIn(invite!), validKickoffForm())).status).toBe(200);

    // Record the delivery of the first milestone.
    const design = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Design', exact: true }) });
    await design.getByText(mm.delivery.open).click();
    const form = page.getByRole('form', { name: mm.delivery.formLabel('Design') });
    await form.getByLabel(mm.delivery.summary, { exact: true }).fill('Shop mock-ups: https://figma.example/bakery');
    await browser.check(page, 'delivery form');
    await form.getByRole('button', { name: mm.delivery.submit }).click();
    await expect.poll(() => design.getByText(mm.milestoneStates['awaiting-confirmation']).isVisible(), { timeout: 10_000 }).toBe(true);
    await browser.check(page, 'delivery recorded');

    // The client says it is not what they needed (outside this browser).
    const [request] = await waitForEmails(stack, clientEmail, /reach you/i);
    expect((await postForm(linkIn(request!), { answer: 'not-what-i-needed', reason: 'The cake order form is missing' })).status).toBe(200);

    // The drift report, once the refresher has caught up with the table's stream.
    await page.goto(`${stack.appUrl}/manager`);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('link', { name: mm.driftLink }).click();
    await expectHeading(page).toBe(mm.drift.title(TITLE));
    const finding = page.getByText('You said “Design” is not what you needed');
    await waitFor('the drift report to show the rejection', async () => {
      await stack.tableStream?.settled();
      await page.reload();
      return (await finding.count()) > 0 ? true : undefined;
    }, 30_000);
    expect(await page.getByText(mm.drift.preparing).count()).toBe(0);
    expect(await finding.first().isVisible()).toBe(true);
    // The finding cites what the client said they need, in their own words.
    expect(await page.getByText(validExpectations().outcome.businessResult).first().isVisible()).toBe(true);
    await browser.check(page, 'drift report');

    // The head of delivery, in a browser of her own, goes straight to the portfolio.
    const head = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await head.goto(`${stack.appUrl}/manager/portfolio`);
    await signIn(head, 'hana');
    await expectHeading(head).toBe(mm.portfolio.title);
    const row = head.getByRole('row').filter({ has: head.getByRole('rowheader', { name: TITLE }) });
    expect(await row.getByText(DEV_PEOPLE.alice.name).isVisible()).toBe(true);
    await browser.check(head, 'portfolio');

    // Alice signs out on her shared computer: the next sign-in asks who she is again.
    await page.goto(`${stack.appUrl}/manager`);
    await page.getByRole('button', { name: mm.signOut }).click();
    await page.goto(`${stack.appUrl}/manager`);
    await expectHeading(page).toBe(mm.pages.unauthorized.title);
    await page.getByRole('link', { name: mm.signIn }).click();
    await expectHeading(page).toBe('Sign in (local development)');
  }, 120_000);
});
