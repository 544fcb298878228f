/**
 * Real Chromium for the browser tests: Debian's `chromium` (or `CHROMIUM_PATH`) driven by
 * playwright-core, an axe-core audit of every page, and a full-page screenshot of every step.
 *
 * Contract: `openBrowser()` launches one headless Chromium (one per test file; `close()` it in
 * `afterAll`). `newPage(options)` opens a page in a new context with those options (viewport,
 * `javaScriptEnabled`…); a context is a browser profile of its own (cookies), so keep one per
 * person and reuse it across their steps. `check(page, step)` saves
 * `test-results/screenshots/<test>/<nn>-<step>.png` (the run keeps them for people to look at;
 * the folder is gitignored), then runs axe with the WCAG 2.0, 2.1 and 2.2 A and AA rules and
 * throws, listing each one, when any violation is serious or critical; `screenshot(page, step)`
 * only saves the picture. `expectHeading(page)` waits for the page's `<h1>` to read as expected
 * (a click that submits a form returns before the next page is shown).
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type axe from 'axe-core';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/**
 * As root on a closed network: no sandbox, no GPU, and nothing that phones home (Chromium's
 * background connections are refused here, many at a time, and slow the start). Playwright
 * gives each launch a fresh, empty user-data-dir of its own and deletes it on close.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
];

/** axe-core's minified build: the same engine as `axe.source`, in half the bytes to send and parse on every page. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const AUDIT_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const BLOCKING = new Set(['serious', 'critical']);

type Violation = Pick<axe.Result, 'id' | 'impact' | 'help' | 'helpUrl'> & { nodes: Array<{ target: unknown; failureSummary?: string }> };

export interface TestBrowser {
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /** A screenshot of the page as it is, then its accessibility audit. */
  check(page: Page, step: string): Promise<void>;
  /** Only the screenshot: for a page already checked, once the person has typed into it. */
  screenshot(page: Page, step: string): Promise<void>;
  close(): Promise<void>;
}

/** The page's main heading, polled: `await expectHeading(page).toBe('Thank you')`. */
export const expectHeading = (page: Page) =>
  expect.poll(async () => (await page.getByRole('heading', { level: 1 }).textContent({ timeout: 10_000 }))?.trim(), { timeout: 10_000 });

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);

export async function openBrowser(): Promise<TestBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const withoutScripts = new WeakSet<Page>();
  const stepsOf = new Map<string, number>();
  let auditPage: Page | undefined;

  /**
   * Where axe runs. The pages' Content-Security-Policy allows no script at all, but
   * `page.evaluate` goes through the DevTools protocol, which CSP does not govern: axe runs in
   * the page under its real policy, so no `bypassCSP`. A page opened with JavaScript disabled
   * cannot run axe (its promises never settle), so a copy of its document, with the one
   * `<style>` it carries, is audited in a page of the same size that may run scripts.
   */
  async function auditTarget(page: Page): Promise<Page> {
    if (!withoutScripts.has(page)) return page;
    auditPage ??= await (await browser.newContext()).newPage();
    const viewport = page.viewportSize();
    if (viewport) await auditPage.setViewportSize(viewport);
    await auditPage.setContent(await page.content());
    return auditPage;
  }

  async function audit(page: Page): Promise<Violation[]> {
    const target = await auditTarget(page);
    await target.evaluate(AXE_SOURCE);
    const violations = await target.evaluate((tags) => {
      const engine = (globalThis as unknown as { axe: typeof axe }).axe;
      return engine.run({ runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })));
    }, AUDIT_TAGS);
    return violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  }

  async function screenshot(page: Page, step: string) {
    const test = slug(expect.getState().currentTestName ?? 'browser');
    const folder = `${SCREENSHOTS}${test}`;
    const n = (stepsOf.get(test) ?? 0) + 1;
    // A test's folder holds the steps of its latest run only.
    if (n === 1) rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    stepsOf.set(test, n);
    await page.screenshot({ path: `${folder}/${String(n).padStart(2, '0')}-${slug(step)}.png`, fullPage: true });
  }

  return {
    async newPage(options = {}) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      if (options.javaScriptEnabled === false) withoutScripts.add(page);
      return page;
    },

    screenshot,

    async check(page, step) {
      await screenshot(page, step);
      const blocking = await audit(page);
      if (blocking.length > 0) {
        const list = blocking.map((v) => [
          `- ${v.id} (${v.impact}): ${v.help} <${v.helpUrl}>`,
          ...v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
        ].join('\n')).join('\n');
        throw new Error(`"${step}" (${page.url()}) has ${blocking.length} serious or critical accessibility violation(s):\n${list}`);
      }
    },

    close: () => browser.close(),
  };
}
