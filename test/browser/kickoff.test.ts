/**
 * A client answers the kickoff in a real browser as on a small phone: 360 × 740, JavaScript
 * off, switching the form to Russian. Proves: the form works without scripts and in Russian,
 * the client sees that the answers arrived, "what we heard" comes back in Russian with what they
 * typed, and its correction link opens the form prefilled, takes one changed answer and sends a
 * second summary. Every page passes the accessibility audit; each step leaves a screenshot.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messages } from '../../functions/i18n.js';
import { createEngagement } from '../../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { expectHeading, openBrowser, type TestBrowser } from '../support/browser.js';
import { linkIn, waitForEmails } from '../support/stack.js';

const ru = messages('ru');
const INVITE = /tell us what you expect/i;
const HEARD = /Что мы услышали/;

let stack: LocalStack;
let browser: TestBrowser;
beforeAll(async () => {
  [stack, browser] = await Promise.all([startLocalStack(), openBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const field = (page: Page, name: keyof typeof ru.fields) => page.getByLabel(ru.fields[name].label, { exact: true });

/**
 * The en/ru switch, as a client uses it. A correction link does not say which language the
 * client answered in, so it may open in the engagement's language: then they switch again.
 */
async function inRussian(page: Page) {
  if (await page.locator('html').getAttribute('lang') !== 'ru') {
    await page.getByRole('navigation', { name: messages('en').language.label }).getByRole('link', { name: 'Русский' }).click();
  }
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('ru');
}

async function fillKickoff(page: Page) {
  await page.getByRole('radio', { name: ru.involvement.informed.label }).check();
  await page.getByRole('radio', { name: ru.approval.yes }).check();
  await field(page, 'process.workingHours.start').fill('10:00');
  await field(page, 'process.workingHours.end').fill('19:00');
  for (const day of ['mon', 'tue', 'wed', 'thu', 'fri'] as const) await page.getByRole('checkbox', { name: ru.weekdays[day].long }).check();
  await field(page, 'process.workingHours.timeZone').fill('Europe/Moscow');
  await field(page, 'process.decisionMaker').fill('Анна Петрова, руководитель отдела маркетинга');
  await field(page, 'pace.updateCadenceDays').fill('7');
  await field(page, 'pace.maxSilenceDays').fill('10');
  await field(page, 'pace.responseTimeHours').fill('24');
  await field(page, 'pace.slipNoticeDays').fill('5');
  await field(page, 'pace.dueDateToleranceDays').fill('2');
  await field(page, 'channels.regular').selectOption({ label: ru.channels.meeting });
  await field(page, 'channels.informational').selectOption({ label: ru.channels.email });
  await field(page, 'channels.emergency').selectOption({ label: ru.channels.phone });
  await field(page, 'outcome.businessResult').fill('Больше онлайн-заказов тортов в нашей пекарне');
  await field(page, 'outcome.successSignal').fill('Онлайн-заказы тортов удвоятся за три месяца');
  await field(page, 'outcome.confirmationWindowDays').fill('5');
  await field(page, 'scope.bonusUpToHours').fill('4');
  await page.getByRole('radio', { name: ru.largerRequests['client-chooses'].label }).check();
}

describe('kickoff on a phone, without JavaScript, in Russian', () => {
  it('answers, gets "what we heard", corrects one answer and gets the updated summary', async () => {
    // Arrange: the manager set the engagement up in English; the client reads Russian.
    const clientEmail = `klient-${randomUUID().slice(0, 8)}@example.com`;
    const alice = DEV_PEOPLE.alice;
    await createEngagement(stack.deps, {
      title: 'Перезапуск сайта', client: { name: 'Мария', email: clientEmail }, locale: 'en',
      milestones: [{ title: 'Дизайн', due: new Date(stack.clock.now().getTime() + 30 * 86_400_000).toISOString().slice(0, 10) }],
    }, { id: alice.sub, email: alice.email, name: alice.name });
    const [invite] = await waitForEmails(stack, clientEmail, INVITE);
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false, locale: 'ru-RU' });

    // Act: open the invitation's link, switch to Russian, answer.
    await page.goto(linkIn(invite!));
    await expectHeading(page).toBe(messages('en').kickoff.title);
    await browser.check(page, 'kickoff form in English');
    await inRussian(page);
    await expectHeading(page).toBe(ru.kickoff.title);
    await browser.check(page, 'kickoff form in Russian');
    await fillKickoff(page);
    await browser.screenshot(page, 'kickoff form filled');
    await page.getByRole('button', { name: ru.kickoff.submit }).click();

    // Assert: the client is told, in Russian, that the answers arrived; the summary follows.
    await expectHeading(page).toBe(ru.clientPages['answer-received'].title);
    expect(await page.getByText(ru.clientPages['answer-received'].body[0]!).isVisible()).toBe(true);
    await browser.check(page, 'answers received');
    const [heard] = await waitForEmails(stack, clientEmail, HEARD);
    expect(heard!.body.text).toContain('Онлайн-заказы тортов удвоятся за три месяца');

    // Act: follow the correction link and change one answer.
    await page.goto(linkIn(heard!));
    await inRussian(page);
    await expectHeading(page).toBe(ru.kickoff.correctionTitle);
    expect(await field(page, 'outcome.successSignal').inputValue()).toBe('Онлайн-заказы тортов удвоятся за три месяца');
    expect(await field(page, 'process.workingHours.timeZone').inputValue()).toBe('Europe/Moscow');
    await browser.check(page, 'correction form, prefilled');
    await field(page, 'outcome.successSignal').fill('Заказы тортов от офисов каждую неделю');
    await page.getByRole('button', { name: ru.kickoff.submitCorrection }).click();

    // Assert: the correction is confirmed on the page, and the second summary carries it.
    await expectHeading(page).toBe(ru.clientPages['correction-received'].title);
    await browser.check(page, 'correction received');
    const summaries = await waitForEmails(stack, clientEmail, HEARD, 2);
    expect(summaries[1]!.subject).toMatch(/обновлено/);
    expect(summaries[1]!.body.text).toContain('Заказы тортов от офисов каждую неделю');
    expect(summaries[1]!.body.text).not.toContain('удвоятся за три месяца');
  }, 90_000);
});
