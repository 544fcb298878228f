/**
 * The scope register and a moved due date in a real browser, on phones (360 px wide), the
 * client's without JavaScript: the manager records a request beyond the contract with the
 * form, decides it as the client's rule proposes (the client chooses: extra pay or a later
 * date), tries to move a due date into the past (the problem is shown beside the field) and then
 * moves it; the client opens the decision from the email and accepts the extra cost in one
 * click, acknowledges the new date in one click, and sees both on their status page. Every page
 * passes the accessibility audit; each step leaves a screenshot.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import { parseKickoffForm } from '../../functions/domain/kickoff.js';
import { messages } from '../../functions/i18n.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { statusLink } from '../../functions/use-cases/status-link.js';
import { submitKickoffAnswer } from '../../functions/use-cases/submit-kickoff-answer.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { expectHeading, openBrowser, type TestBrowser } from '../support/browser.js';
import { validKickoffForm } from '../support/fixtures.js';
import { emailsTo, linkIn, waitFor } from '../support/stack.js';

const en = messages('en');
const r = en.register;
const PHONE = { width: 360, height: 740 };

let stack: LocalStack;
let browser: TestBrowser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack(), openBrowser()]);
}, 90_000);
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('the scope register', () => {
  it('a manager records and decides a request and moves a due date on a phone; the client answers both in one click each', async () => {
    const clientEmail = `register-${randomUUID().slice(0, 8)}@example.com`;
    const alice = DEV_PEOPLE.alice;
    const { engagement } = await createEngagement(stack.deps, {
      title: 'Bakery shop relaunch', client: { name: 'Maria', email: clientEmail }, locale: 'en',
      milestones: [{ title: 'Design', due: dayFromNow(20) }, { title: 'Launch', due: dayFromNow(40) }],
    }, { id: alice.sub, email: alice.email, name: alice.name });
    const kickoff = await stack.deps.store.getRequest(kickoffRequestId(engagement.id, 0));
    await submitKickoffAnswer(stack.deps, { request: kickoff!, engagement, expectations: parseKickoffForm(validKickoffForm()).expectations });

    const manager = await browser.newPage({
      viewport: PHONE,
      storageState: { cookies: [{ name: 'session', value: stack.identity.tokenFor('alice'), domain: '127.0.0.1', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }], origins: [] },
    });
    await manager.goto(`${stack.appUrl}/manager/engagements/${engagement.id}`);
    await expectHeading(manager).toBe('Bakery shop relaunch');
    await browser.check(manager, 'engagement with an empty register');

    // Record a request with the form ("when they asked" starts as now, on the client's clock).
    const record = manager.getByRole('form', { name: r.manager.record.title });
    await record.getByLabel(r.manager.record.summary).fill('A blog section with three posts');
    await record.getByLabel(r.manager.record.effort).fill('12');
    await record.getByLabel(r.manager.record.askedBy).fill('Maria');
    await record.getByRole('button', { name: r.manager.record.submit }).click();
    await expect.poll(() => manager.getByText('A blog section with three posts').count()).toBeGreaterThan(0);
    await browser.check(manager, 'request recorded');

    // Decide it as the rule proposes: the client chooses between €900 and "Design" a week later.
    await manager.getByText(r.manager.decide.formLabel('A blog section with three posts')).click();
    const decide = manager.getByRole('form', { name: r.manager.decide.formLabel('A blog section with three posts') });
    await decide.getByLabel(r.manager.decide.price).fill('€900');
    await decide.getByLabel(r.manager.decide.milestone).selectOption('m1');
    await decide.getByLabel(r.manager.decide.shiftDays).fill('7');
    await browser.screenshot(manager, 'decision filled');
    await decide.getByRole('button', { name: r.manager.decide.submit }).click();
    await expect.poll(() => manager.getByText(r.manager.byRule).count()).toBe(1);
    await browser.check(manager, 'decided and announced');

    // Move a due date: first into the past (refused beside the field), then a week later.
    const move = manager.getByRole('form', { name: r.shifts.form.title });
    await move.getByLabel(r.shifts.form.milestone).selectOption('m2');
    await move.getByLabel(r.shifts.form.newDue).fill(dayFromNow(-3));
    await move.getByLabel(r.shifts.form.reason).fill('The photographer is ill');
    await move.getByRole('button', { name: r.shifts.form.submit }).click();
    await expect.poll(() => manager.getByText(en.issues.afterToday).count()).toBeGreaterThan(0);
    await browser.check(manager, 'a move into the past, refused');
    await manager.getByRole('form', { name: r.shifts.form.title }).getByLabel(r.shifts.form.newDue).fill(dayFromNow(47));
    await manager.getByRole('form', { name: r.shifts.form.title }).getByRole('button', { name: r.shifts.form.submit }).click();
    await expect.poll(() => manager.getByText(r.shifts.states.announced).count()).toBe(1);
    await browser.check(manager, 'due date moved');

    // The client, on a phone without JavaScript.
    const client = await browser.newPage({ viewport: PHONE, javaScriptEnabled: false });
    const decision = await waitFor('the decision', async () => (await emailsTo(stack, clientEmail)).find((e) => /please choose/.test(e.subject)));
    await client.goto(linkIn(decision));
    await expectHeading(client).toBe(r.decisionPage.title);
    await browser.check(client, 'the decision, to choose');
    await client.getByRole('button', { name: `${r.answers['extra-pay']} (€900)` }).click();
    await expectHeading(client).toBe(en.clientPages['scope-chosen'].title);
    await browser.check(client, 'extra cost accepted');

    const notice = await waitFor('the notice', async () => (await emailsTo(stack, clientEmail)).find((e) => /moves to/.test(e.subject)));
    await client.goto(linkIn(notice));
    await expectHeading(client).toBe(r.shiftPage.title);
    await browser.check(client, 'the new date, to acknowledge');
    await client.getByRole('button', { name: r.shiftPage.acknowledge }).click();
    await expectHeading(client).toBe(en.clientPages['shift-acknowledged'].title);

    await client.goto(await statusLink(stack.deps, engagement.id));
    await expectHeading(client).toBe(en.statusPage.title);
    expect(await client.getByText(r.status.title).count()).toBe(1);
    expect(await client.getByText(r.answered['extra-pay'], { exact: false }).count()).toBe(1);
    await browser.check(client, 'status page with the register');

    const events = await stack.deps.store.listEvents(engagement.id);
    expect(events.filter((e) => e.type === 'scope-decision-answered')).toEqual([expect.objectContaining({ answer: 'extra-pay' })]);
    expect(events.filter((e) => e.type === 'deadline-shift-acknowledged')).toHaveLength(1);
  }, 120_000);
});
