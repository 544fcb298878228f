/**
 * The drift report, its exports and the portfolio over real HTTP on the local stack. Alice's
 * engagement drifts (a status call by phone where the client chose email, a delivery the
 * client rejected, three weeks of silence); Boris's is fine. Proves: the report shows the
 * score, each finding's sentence and the client's words it cites, escaped, with a chart whose
 * points link to their explanations; before a snapshot exists it says it is being prepared;
 * someone else's report is not found; the portfolio is for heads of delivery, most drift first,
 * filtered and grouped by manager, with each manager's totals, paged 200 at a time by a cursor
 * (a bad one is a 400 naming `after`); the CSV is quoted, formula-safe and an attachment; the
 * API answers with the report, warnings and history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kickoffRequestId } from '../../functions/domain/client-request.js';
import { driftSnapshot } from '../../functions/domain/drift-snapshot.js';
import type { Engagement } from '../../functions/domain/engagement.js';
import type { Expectations } from '../../functions/domain/expectations.js';
import type { DriftReport } from '../../functions/domain/drift/index.js';
import { FINDINGS_CSV_HEADER } from '../../functions/http/drift-exports.js';
import { refreshDriftSnapshot } from '../../functions/use-cases/refresh-drift.js';
import type { DevPerson } from '../../local/identity.js';
import { startLocalStack, type LocalStack } from '../../local/stack.js';
import { validExpectations } from '../support/fixtures.js';

const DAY = 86_400_000;
const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';
const FORMULA = '=HYPERLINK("http://evil.example")';

let stack: LocalStack;
let drifting: Engagement;
let fine: Engagement;

const inAMonth = () => new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);

function api(path: string, as: DevPerson) {
  return fetch(`${stack.appUrl}${path}`, { headers: { authorization: `Bearer ${stack.identity.tokenFor(as)}` } });
}

function page(path: string, as: DevPerson) {
  return fetch(`${stack.appUrl}${path}`, { headers: { cookie: `session=${stack.identity.tokenFor(as)}` } });
}

async function createEngagement(as: DevPerson, title: string): Promise<Engagement> {
  const response = await fetch(`${stack.appUrl}/api/engagements`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${stack.identity.tokenFor(as)}` },
    body: JSON.stringify({
      title, client: { name: 'Maria', email: 'maria@example.com' }, locale: 'en',
      milestones: [{ title: `Menu ${SCRIPT}`, due: inAMonth() }, { title: 'Launch', due: inAMonth() }],
    }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { engagement: Engagement }).engagement;
}

/** The client's kickoff answer, as if they had sent it at `at`. */
async function stateExpectations(engagement: Engagement, at: Date, expectations: Expectations) {
  await stack.deps.store.recordKickoffAnswer({
    request: { id: kickoffRequestId(engagement.id, 0), engagementId: engagement.id, purpose: 'kickoff', round: 0, status: 'open', createdAt: engagement.createdAt },
    engagement,
    answer: { engagementId: engagement.id, version: 1, round: 0, contactEmail: engagement.client.email, expectations, submittedAt: at.toISOString(), locale: 'en' },
  });
}

beforeAll(async () => {
  // Snapshots are refreshed by hand here, so "before the first snapshot" is a state that lasts;
  // the refresh from the table's stream is proven with the twelve-week demo.
  stack = await startLocalStack({ driftReports: false });
  const now = stack.clock.now().getTime();
  const ago = (days: number) => new Date(now - days * DAY);

  drifting = await createEngagement('alice', `Relaunch ${SCRIPT}`);
  const words = validExpectations();
  await stateExpectations(drifting, ago(30), { ...words, outcome: { ...words.outcome, businessResult: `${FORMULA} ${SCRIPT}` } });
  const id = drifting.id;
  await stack.deps.store.appendEvent({ type: 'touchpoint-recorded', engagementId: id, kind: 'informational', channel: 'phone', summary: 'Status call', by: 'dev-alice' }, ago(21));
  await stack.deps.store.appendEvent({ type: 'milestone-delivered', engagementId: id, milestoneId: 'm1', summary: 'The menu page' }, ago(15));
  // Half a day off the silence's daily steps, so the rejection moves the score on its own.
  await stack.deps.store.appendEvent({ type: 'outcome-rejected', engagementId: id, milestoneId: 'm1', reason: 'not-what-i-needed' }, ago(13.5));
  await refreshDriftSnapshot(stack.deps, id);

  fine = await createEngagement('boris', 'Quiet shop');
  await stateExpectations(fine, ago(1), validExpectations());
  await refreshDriftSnapshot(stack.deps, fine.id);
});
afterAll(() => stack?.stop());

async function reportOf(engagement: Engagement): Promise<DriftReport> {
  const snapshot = await stack.deps.store.getDriftSnapshot(engagement.id);
  if (!snapshot) throw new Error(`no snapshot for ${engagement.id}`);
  return snapshot.report;
}

describe('the drift report page', () => {
  it('shows the score, each finding\'s sentence and the client\'s words it cites, all escaped', async () => {
    const report = await reportOf(drifting);
    const response = await page(`/manager/engagements/${drifting.id}/drift`, 'alice');
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(report.score).toBeLessThan(100);
    expect(html).toContain(`Alignment score: <strong>${report.score} of 100</strong>`);
    expect(html).toContain(`Drift report: Relaunch ${ESCAPED_SCRIPT}`);
    expect(html).toContain('<strong>An informational contact went by phone; you chose email</strong>');
    expect(html).toContain(`<strong>You said “Menu ${ESCAPED_SCRIPT}” is not what you needed</strong>`);
    expect(html).toContain('channel for informational updates = Email (version 1,');
    expect(html).toContain(`the result they need = “<span lang="en">=HYPERLINK(&quot;http://evil.example&quot;) ${ESCAPED_SCRIPT}</span>”`);
    expect(html).not.toMatch(/<script|\sstyle=/i);
  });

  it('draws the history with every point linked to its explanation', async () => {
    const snapshot = await stack.deps.store.getDriftSnapshot(drifting.id);
    const html = await (await page(`/manager/engagements/${drifting.id}/drift`, 'alice')).text();

    expect(html).toMatch(/<svg class="chart" viewBox="[^"]+" role="group" aria-labelledby="chart-title" aria-describedby="chart-desc"><title id="chart-title">Score over time<\/title><desc id="chart-desc">/);
    expect(snapshot?.history.length).toBeGreaterThan(2);
    snapshot?.history.forEach((_, i) => {
      expect(html).toContain(`<a href="#point-${i + 1}"`);
      expect(html).toContain(`<li id="point-${i + 1}">`);
    });
    expect(html).toMatch(/<li id="point-\d+">[^<]+ — score \d+: −20 on outcome: You said “Menu &lt;script&gt;/);
  });

  it('gives each dimension\'s findings the id the portfolio links to, and lists the promises coming due', async () => {
    const html = await (await page(`/manager/engagements/${drifting.id}/drift`, 'alice')).text();

    for (const dimension of ['process', 'pace', 'channels', 'outcome', 'scope']) expect(html).toContain(`<section id="${dimension}"`);
    expect(html).toContain('<strong>Delivery due, with the tolerance</strong>: “Launch”');
    expect(html).toMatch(/Computed at [^<]+ UTC\./);
    expect(html).toContain(`href="/manager/engagements/${drifting.id}/drift/findings.csv"`);
    expect(html).toContain(`href="/manager/engagements/${drifting.id}"`);
  });

  it('says the report is being prepared before its first snapshot (200, not 500)', async () => {
    const fresh = await createEngagement('alice', 'Brand new');
    const response = await page(`/manager/engagements/${fresh.id}/drift`, 'alice');

    expect(response.status).toBe(200);
    expect(await response.text()).toContain('This drift report is being prepared.');
    const apiResponse = await api(`/api/engagements/${fresh.id}/drift`, 'alice');
    expect(apiResponse.status).toBe(503);
    expect(apiResponse.headers.get('retry-after')).toBe('5');
    expect(await apiResponse.json()).toMatchObject({ error: 'InProgress' });
    expect((await page(`/manager/engagements/${fresh.id}/drift/findings.csv`, 'alice')).status).toBe(503);
  });

  it('is not found for another manager, as every engagement route, but open to the head of delivery', async () => {
    expect((await page(`/manager/engagements/${fine.id}/drift`, 'alice')).status).toBe(404);
    expect((await page(`/manager/engagements/${fine.id}/drift/findings.csv`, 'alice')).status).toBe(404);
    expect((await api(`/api/engagements/${fine.id}/drift`, 'alice')).status).toBe(404);
    expect((await page('/manager/engagements/not-an-id!/drift', 'alice')).status).toBe(404);
    expect((await page(`/manager/engagements/${fine.id}/drift`, 'hana')).status).toBe(200);
  });

  it('is linked from the engagement page, and the home page shows each engagement\'s score', async () => {
    const report = await reportOf(drifting);
    const engagementPage = await (await page(`/manager/engagements/${drifting.id}`, 'alice')).text();
    const home = await (await page('/manager', 'alice')).text();

    expect(engagementPage).toContain(`<a href="/manager/engagements/${drifting.id}/drift">`);
    expect(home).toContain(`<a href="/manager/engagements/${drifting.id}/drift">Alignment score ${report.score} of 100</a>`);
    expect(home).not.toContain('/manager/portfolio');
    expect(await (await page('/manager', 'hana')).text()).toContain('<a href="/manager/portfolio">');
  });
});

describe('the portfolio', () => {
  interface ManagerJson { managerId: string; managerName: string; engagements: number; meanScore: number; withOpenFindings: number }
  interface ListJson { engagements: Array<{ engagementId: string; score: number; managerId: string }>; next?: string; managers: ManagerJson[] }

  it('is for heads of delivery only', async () => {
    expect((await page('/manager/portfolio', 'alice')).status).toBe(403);
    expect((await api('/api/portfolio', 'boris')).status).toBe(403);
    expect(await (await api('/api/portfolio', 'alice')).json()).toMatchObject({ error: 'Forbidden' });
  });

  it('shows open engagements, most drift first, each cell linking to its dimension\'s findings', async () => {
    const response = await page('/manager/portfolio', 'hana');
    const html = await response.text();

    expect(response.status).toBe(200);
    expect(html.indexOf(`Relaunch ${ESCAPED_SCRIPT}`)).toBeGreaterThan(-1);
    expect(html.indexOf('Quiet shop')).toBeGreaterThan(html.indexOf(`Relaunch ${ESCAPED_SCRIPT}`));
    expect(html).toContain('2 engagements, most drift first. 2 open engagements in all.');
    expect(html).toMatch(new RegExp(`<td class="heat b\\d"><a href="/manager/engagements/${drifting.id}/drift#outcome">`));
    expect(html).toMatch(/<div class="table-wrap" tabindex="0" role="region" aria-label="[^"]+">/);
    expect(html).not.toContain('class="pager"');
    expect(html).not.toMatch(/<script|\sstyle=/i);
  });

  it('filters by manager and by status', async () => {
    const boris = await (await page('/manager/portfolio?manager=dev-boris', 'hana')).text();
    expect(boris).toContain('Quiet shop');
    expect(boris).not.toContain(`Relaunch ${ESCAPED_SCRIPT}`);
    expect(boris).toContain('1 engagement, most drift first. 1 open engagement in all.');
    const closed = await (await page('/manager/portfolio?status=closed', 'hana')).text();
    expect(closed).not.toContain('Quiet shop');
    expect(closed).not.toContain(`Relaunch ${ESCAPED_SCRIPT}`);
    expect(await (await page('/manager/portfolio?manager=dev-boris&status=closed', 'hana')).text())
      .toContain('No engagement with a drift report matches this filter.');
  });

  it('groups by manager, each with their count, mean score and open findings, and their engagements', async () => {
    const fineScore = (await reportOf(fine)).score;
    const html = await (await page('/manager/portfolio?group=manager', 'hana')).text();

    expect(html).toContain('<h3 id="manager-dev-alice">Alice Morgan</h3>');
    expect(html).toMatch(new RegExp(`<h3 id="manager-dev-boris">Boris Ivanov</h3><p class="muted">1 engagement, mean score ${fineScore}, \\d with open findings</p>`));
    expect(html.indexOf('Quiet shop')).toBeGreaterThan(html.indexOf('<h3 id="manager-dev-boris">'));

    const body = (await (await api('/api/portfolio?group=manager', 'hana')).json()) as { groups: Array<ManagerJson & { engagements: Array<{ engagementId: string }> }>; managers: ManagerJson[] };
    expect(body.groups.map((g) => [g.managerId, g.engagements.map((e) => e.engagementId)])).toEqual([['dev-alice', [drifting.id]], ['dev-boris', [fine.id]]]);
    expect(body.groups[1]).toMatchObject({ managerName: 'Boris Ivanov', engagements: [expect.anything()], meanScore: fineScore });
    expect(body.managers.map((m) => m.managerId)).toEqual(['dev-alice', 'dev-boris']);
  });

  it('answers 400 naming the field to a filter it cannot read, a bad cursor included', async () => {
    expect((await page('/manager/portfolio?status=sideways', 'hana')).status).toBe(400);
    expect((await page('/manager/portfolio?after=page-2', 'hana')).status).toBe(400);
    for (const [query, field] of [['status=all', 'status'], ['after=page-2', 'after'], ['after=999%23nope', 'after']] as const) {
      const response = await api(`/api/portfolio?${query}`, 'hana');
      expect(response.status).toBe(400);
      expect(((await response.json()) as { issues: Array<{ field: string }> }).issues[0]?.field).toBe(field);
    }
  });

  it('answers the API with the rows, most drift first, and each manager\'s totals for the state', async () => {
    const response = await api('/api/portfolio', 'hana');
    const body = (await response.json()) as ListJson;

    const scores = body.engagements.map((e) => e.score);
    expect(response.status).toBe(200);
    expect(body.engagements.map((e) => e.engagementId)).toEqual([drifting.id, fine.id]);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    expect(body).not.toHaveProperty('next');
    expect(body.managers).toEqual([
      { managerId: 'dev-alice', managerName: 'Alice Morgan', engagements: 1, meanScore: (await reportOf(drifting)).score, withOpenFindings: 1 },
      { managerId: 'dev-boris', managerName: 'Boris Ivanov', engagements: 1, meanScore: (await reportOf(fine)).score, withOpenFindings: expect.any(Number) },
    ]);
  });

  describe('paged by cursor', () => {
    /** One manager's closed engagements: more than a page of 200, scores with ties. */
    const PAGED = 205;
    const ids: string[] = [];

    beforeAll(async () => {
      const now = stack.clock.now();
      const manager = { id: 'dev-pat', name: 'Pat Pager', email: 'pat@agency.example' };
      const snapshots = Array.from({ length: PAGED }, (_, n) => {
        const engagement: Engagement = { ...fine, id: `paged-${String(n).padStart(4, '0')}`, title: `Paged ${n}`, status: 'closed', manager };
        const snapshot = driftSnapshot(engagement, [], [], now);
        return { ...snapshot, summary: { ...snapshot.summary, score: (n * 37) % 50 } };
      });
      let next = 0;
      await Promise.all(Array.from({ length: 16 }, async () => {
        for (let i = next++; i < snapshots.length; i = next++) await stack.deps.store.putDriftSnapshot(snapshots[i]!);
      }));
      ids.push(...snapshots.map((s) => s.summary).sort((a, b) => a.score - b.score || a.engagementId.localeCompare(b.engagementId)).map((s) => s.engagementId));
    });

    it('gives one manager\'s engagements 200 at a time through the API, the cursor leading on to the rest', async () => {
      const first = (await (await api('/api/portfolio?manager=dev-pat&status=closed', 'hana')).json()) as ListJson;
      expect(first.engagements).toHaveLength(200);
      expect(first.next).toEqual(expect.any(String));
      expect(first.managers).toEqual([{ managerId: 'dev-pat', managerName: 'Pat Pager', engagements: PAGED, meanScore: expect.any(Number), withOpenFindings: 0 }]);

      const rest = (await (await api(`/api/portfolio?manager=dev-pat&status=closed&after=${encodeURIComponent(first.next!)}`, 'hana')).json()) as ListJson;
      expect(rest.engagements).toHaveLength(PAGED - 200);
      expect(rest).not.toHaveProperty('next');
      expect([...first.engagements, ...rest.engagements].map((e) => e.engagementId)).toEqual(ids);
    });

    it('links the page to the next one, which links back to the first, both keeping the filter', async () => {
      const first = await (await page('/manager/portfolio?manager=dev-pat&status=closed', 'hana')).text();
      expect(first).toContain(`200 engagements, most drift first. ${PAGED} closed engagements in all.`);
      const href = first.match(/<a href="([^"]+)" rel="next">Next 200<\/a>/)?.[1]?.replaceAll('&amp;', '&');
      expect(href).toMatch(/^\/manager\/portfolio\?manager=dev-pat&status=closed&after=\d{3}%23paged-\d{4}$/);

      const second = await (await page(href!, 'hana')).text();
      expect(second).toContain(`5 more, continuing from the previous page. ${PAGED} closed engagements in all.`);
      expect(second).toContain('<nav class="pager" aria-label="Pages"><a href="/manager/portfolio?manager=dev-pat&amp;status=closed">Back to the first page</a></nav>');
      for (const id of ids.slice(200)) expect(second).toContain(`/manager/engagements/${id}/drift#`);
      expect(second).not.toContain(`/manager/engagements/${ids[0]}/drift`);
    });

    it('grouped, shows the manager\'s 10 most-drifting engagements and links to all of them', async () => {
      const html = await (await page('/manager/portfolio?status=closed&group=manager', 'hana')).text();
      const section = html.slice(html.indexOf('<h3 id="manager-dev-pat">'));
      for (const id of ids.slice(0, 10)) expect(section).toContain(`/manager/engagements/${id}/drift"`);
      expect(section).not.toContain(`/manager/engagements/${ids[10]}/drift"`);
      expect(section).toContain(`<a href="/manager/portfolio?manager=dev-pat&amp;status=closed">All ${PAGED} of Pat Pager’s engagements</a>`);
    });
  });
});

describe('exports', () => {
  /** Fields of a CSV record, as RFC 4180 reads them. */
  const fields = (record: string) => [...record.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)]
    .map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"'));

  it.each([
    ['the page, with the session cookie', () => page(`/manager/engagements/${drifting.id}/drift/findings.csv`, 'alice')],
    ['the API, with a bearer token', () => api(`/api/engagements/${drifting.id}/drift/findings.csv`, 'alice')],
  ])('gives the findings as a CSV attachment from %s', async (_, get) => {
    const report = await reportOf(drifting);
    const response = await get();
    const text = await response.text();
    const records = text.replace(/^\uFEFF/, '').split('\r\n').filter((r) => r !== '');

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${drifting.id}-findings.csv"`);
    expect(records[0]).toBe(FINDINGS_CSV_HEADER.join(','));
    expect(records).toHaveLength(report.findings.length + 1);
    const rejected = records.find((r) => r.startsWith('outcome-rejected:')) as string;
    expect(rejected).toContain(`"'=HYPERLINK(""http://evil.example"") ${SCRIPT}; `);
    expect(fields(rejected)[FINDINGS_CSV_HEADER.indexOf('cited value')]).toMatch(/^'=HYPERLINK\("http:\/\/evil\.example"\) <script>/);
  });

  it('gives the findings as JSON, each with its sentence', async () => {
    const response = await page(`/manager/engagements/${drifting.id}/drift/findings.json`, 'alice');
    const body = (await response.json()) as { engagementId: string; findings: Array<{ kind: string; sentence: string }> };

    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${drifting.id}-findings.json"`);
    expect(body.engagementId).toBe(drifting.id);
    expect(body.findings.find((f) => f.kind === 'wrong-channel')?.sentence).toBe('An informational contact went by phone; you chose email');
  });

  it('answers the drift API with the report, the warnings and the history', async () => {
    const response = await api(`/api/engagements/${drifting.id}/drift`, 'alice');
    const body = (await response.json()) as { report: DriftReport; warnings: Array<{ kind: string; deadline: string }>; history: Array<{ at: string; score: number; moves: unknown[] }> };

    expect(response.status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['history', 'report', 'warnings']);
    expect(body.report).toEqual(await reportOf(drifting));
    expect(body.warnings.map((w) => w.kind)).toContain('delivery-due');
    expect(body.history.at(-1)?.score).toBe(body.report.score);
  });

  it('does not take the session cookie on the API', async () => {
    const response = await fetch(`${stack.appUrl}/api/engagements/${drifting.id}/drift`, { headers: { cookie: `session=${stack.identity.tokenFor('alice')}` } });
    expect(response.status).toBe(401);
  });
});
