/**
 * Proves the drift pages render what a manager needs without scripts or style attributes: the
 * chart maps time left to right and score top (100) to bottom (0), every chart point links to
 * its explanation, each dimension's findings sit under the id the portfolio links to, the
 * client's words come out escaped, and the portfolio's cells carry their number, band and
 * link; the portfolio says how many rows it shows of how many, pages by cursor (on, and back
 * to the first page) keeping the filter, and, grouped, gives each manager their totals, their
 * most-drifting rows and a link to all of them.
 */
import { describe, expect, it } from 'vitest';
import { driftSnapshot, type DriftSummary } from '../../functions/domain/drift-snapshot.js';
import { DIMENSIONS, explainEn } from '../../functions/domain/drift/index.js';
import { engagementSchema } from '../../functions/domain/engagement.js';
import { portfolioQuerySchema } from '../../functions/http/portfolio-query.js';
import {
  CHART_BOX, chartGeometry, DriftReportPage, PortfolioPage, scoreBand,
} from '../../functions/http/views/drift-pages.js';
import { answer, engagement, Log } from './drift/builders.js';

const render = (node: unknown): string => String(node);
const SCRIPT = '<script>alert(1)</script>';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

const box = { width: 200, height: 120, left: 20, right: 10, top: 10, bottom: 10 };
const plot = { left: 20, right: 190, top: 10, bottom: 110 };

describe('chartGeometry', () => {
  const history = [
    { at: '2026-03-01T00:00:00Z', score: 100 },
    { at: '2026-03-02T00:00:00Z', score: 50 },
    { at: '2026-03-11T00:00:00Z', score: 0 },
  ];

  it('puts the first moment at the left edge, the last at the right, and the rest in proportion to time', () => {
    expect(chartGeometry(history, box).points.map((p) => p.x)).toEqual([plot.left, 37, plot.right]);
  });

  it('puts 100 at the top of the plot and 0 at the bottom', () => {
    expect(chartGeometry(history, box).points.map((p) => p.y)).toEqual([plot.top, 60, plot.bottom]);
  });

  it('keeps scores outside 0–100 inside the plot', () => {
    const ys = chartGeometry([{ at: history[0]!.at, score: 140 }, { at: history[1]!.at, score: -5 }], box).points.map((p) => p.y);
    expect(ys).toEqual([plot.top, plot.bottom]);
  });

  it('draws a step line: each score holds until the next moment', () => {
    expect(chartGeometry(history, box).line).toBe('M20 10 H37 V60 H190 V110');
  });

  it('centres a single moment, with one date on the axis', () => {
    const single = chartGeometry([{ at: '2026-03-01T12:00:00Z', score: 84 }], box);
    expect(single.points).toEqual([{ x: 105, y: 26 }]);
    expect(single.xTicks).toEqual([{ x: 105, at: '2026-03-01T12:00:00.000Z' }]);
  });

  it('labels the score axis every 25 points and the time axis at both ends and between', () => {
    const geometry = chartGeometry(history, box);
    expect(geometry.yTicks).toEqual([
      { score: 0, y: 110 }, { score: 25, y: 85 }, { score: 50, y: 60 }, { score: 75, y: 35 }, { score: 100, y: 10 },
    ]);
    expect(geometry.xTicks.map((t) => t.x)).toEqual([20, 76.7, 133.3, 190]);
    expect(geometry.xTicks[0]?.at).toBe('2026-03-01T00:00:00.000Z');
    expect(geometry.xTicks.at(-1)?.at).toBe('2026-03-11T00:00:00.000Z');
  });

  it('has nothing to draw without history', () => {
    expect(chartGeometry([], box)).toMatchObject({ points: [], line: '', xTicks: [] });
  });

  it('fits the default box', () => {
    for (const p of chartGeometry(history).points) {
      expect(p.x).toBeGreaterThanOrEqual(CHART_BOX.left);
      expect(p.x).toBeLessThanOrEqual(CHART_BOX.width - CHART_BOX.right);
      expect(p.y).toBeGreaterThanOrEqual(CHART_BOX.top);
      expect(p.y).toBeLessThanOrEqual(CHART_BOX.height - CHART_BOX.bottom);
    }
  });
});

describe('scoreBand', () => {
  it.each([[0, 1], [39, 1], [40, 2], [59, 2], [60, 3], [74, 3], [75, 4], [89, 4], [90, 5], [100, 5], [-3, 1]])('%i → band %i', (score, band) => {
    expect(scoreBand(score)).toBe(band);
  });
});

/** A client who wrote a script into their expected outcome rejected a delivery; a call went by the wrong channel. */
function reportCase() {
  const base = engagement([{ title: `Menu ${SCRIPT}`, due: '2026-03-10' }, { title: 'Launch', due: '2026-05-01' }]);
  const withTitle = engagementSchema.parse({ ...base, title: `Bakery ${SCRIPT}` });
  const log = new Log();
  log.touchpoint('2026-03-02T10:00:00Z', 'informational', 'phone');
  log.delivered('2026-03-03T10:00:00Z', 'm1');
  log.rejected('2026-03-05T10:00:00Z', 'm1');
  const answers = [answer(1, '2026-02-25T09:00:00Z', { outcome: { businessResult: `More orders ${SCRIPT}` } })];
  const snapshot = driftSnapshot(withTitle, answers, log.events, new Date('2026-03-25T12:00:00Z'));
  return { engagement: withTitle, snapshot, html: render(<DriftReportPage engagement={withTitle} snapshot={snapshot} />) };
}

describe('DriftReportPage', () => {
  const { engagement: eng, snapshot, html } = reportCase();

  it('is a script-free page with no style attributes', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|\sstyle=/i);
  });

  it('escapes the titles and the client\'s words', () => {
    expect(html).toContain(`Drift report: Bakery ${ESCAPED_SCRIPT}`);
    expect(html).toContain(`Menu ${ESCAPED_SCRIPT}`);
    expect(html).toContain(`More orders ${ESCAPED_SCRIPT}`);
  });

  it('shows the overall score and each dimension\'s, as text', () => {
    expect(html).toContain(`Alignment score: <strong>${snapshot.report.score} of 100</strong>`);
    for (const dimension of DIMENSIONS) {
      expect(html).toMatch(new RegExp(`<a href="#${dimension}">[^<]+</a>: <strong>${snapshot.report.dimensions[dimension]} of 100</strong>`));
    }
  });

  it('gives each dimension a section under its own id, the one the portfolio links to', () => {
    for (const dimension of DIMENSIONS) expect(html).toContain(`<section id="${dimension}"`);
  });

  it('links every chart point to its explanation, in a labelled SVG with a title and description', () => {
    expect(html).toMatch(/<svg class="chart" viewBox="0 0 600 260" role="group" aria-labelledby="chart-title" aria-describedby="chart-desc"><title id="chart-title">/);
    expect(html).toContain('<desc id="chart-desc">');
    snapshot.history.forEach((_, i) => {
      expect(html).toContain(`<a href="#point-${i + 1}"`);
      expect(html).toContain(`<li id="point-${i + 1}">`);
    });
    expect(html).not.toContain(`#point-${snapshot.history.length + 1}"`);
  });

  it('explains a point by what moved there, with the finding\'s sentence', () => {
    const rejection = snapshot.report.findings.find((f) => f.kind === 'outcome-rejected');
    const index = snapshot.history.findIndex((p) => p.moves.some((m) => m.findingId === rejection?.id));
    const item = html.match(new RegExp(`<li id="point-${index + 1}">(.*?)</li>`))?.[1];
    expect(item).toContain('−20 on outcome: You said “Menu &lt;script&gt;');
  });

  it('shows each finding with its severity, sentence, start, evidence and the expectation it cites', () => {
    const wrong = snapshot.report.findings.find((f) => f.kind === 'wrong-channel');
    expect(wrong).toBeDefined();
    expect(html).toContain(`<strong>${explainEn(wrong!)}</strong>`);
    expect(html).toContain('<span class="badge sev-low">Low</span>');
    expect(html).toContain('Started March 2, 2026 at 10:00 AM UTC · closed March 2, 2026 at 10:00 AM UTC');
    expect(html).toContain('<strong>You said:</strong> channel for informational updates = Email (version 1, February 25, 2026)');
    expect(html).toContain('<code>touchpoint-recorded</code> <time datetime="2026-03-02T10:00:00Z">');
  });

  it('lists open findings before closed ones within a dimension', () => {
    const pace = html.slice(html.indexOf('<section id="pace"'), html.indexOf('<section id="channels"'));
    expect(pace).toContain('<h4>Open</h4>');
    expect(html.slice(html.indexOf('<section id="channels"'), html.indexOf('<section id="outcome"'))).toContain('<h4>Closed</h4>');
  });

  it('lists the promises coming due with their deadlines and what they cite', () => {
    expect(snapshot.warnings.length).toBeGreaterThan(0);
    expect(html).toContain('<strong>Delivery due, with the tolerance</strong>: “Launch” — <time datetime="2026-05-03T22:00:00.000Z">by May 3, 2026');
    expect(html).toContain('acceptable delay = 2\u00a0days (version 1, February 25, 2026)');
  });

  it('says when it was computed, and links to the downloads and back to the engagement', () => {
    expect(html).toContain('Computed at March 25, 2026 at 12:00 PM UTC.');
    expect(html).toContain(`href="/manager/engagements/${eng.id}/drift/findings.csv"`);
    expect(html).toContain(`href="/manager/engagements/${eng.id}/drift/findings.json"`);
    expect(html).toContain(`<a href="/manager/engagements/${eng.id}">Back to “Bakery ${ESCAPED_SCRIPT}”</a>`);
  });

  it('says the report is being prepared when there is no snapshot yet', () => {
    const preparing = render(<DriftReportPage engagement={eng} />);
    expect(preparing).toContain('This drift report is being prepared.');
    expect(preparing).not.toContain('<svg');
  });

  it('says why the report is empty before the client stated expectations', () => {
    const empty = driftSnapshot(eng, [], [], new Date('2026-03-25T12:00:00Z'));
    expect(render(<DriftReportPage engagement={eng} snapshot={empty} />)).toContain('No expectations stated yet, so nothing can drift');
  });
});

describe('PortfolioPage', () => {
  const zero = { process: 0, pace: 0, channels: 0, outcome: 0, scope: 0 };
  const summary = (n: number, managerId: string, managerName: string, score: number): DriftSummary => ({
    engagementId: `eng-${String(n).padStart(5, '0')}`, title: `Shop ${n} ${SCRIPT}`, clientName: `Client ${n}`,
    managerId, managerName, managerEmail: `${managerId}@agency.example`, status: 'expectations-agreed', at: '2026-03-25T12:00:00Z',
    score, dimensions: { process: 100, pace: score, channels: 65, outcome: 45, scope: 20 }, openFindings: { ...zero, pace: 1 }, findings: { ...zero, pace: 1 },
  });
  const alice = { managerId: 'dev-alice', managerName: 'Alice Morgan', engagements: 2138, meanScore: 52, withOpenFindings: 900 };
  const boris = { managerId: 'dev-boris', managerName: `Boris ${SCRIPT}`, engagements: 202, meanScore: 81, withOpenFindings: 12 };
  const chen = { managerId: 'dev-chen', managerName: 'Chen Li', engagements: 4, meanScore: 95, withOpenFindings: 0 };
  const summaries = [alice, boris, chen];
  const managers = summaries.map((s) => ({ id: s.managerId, name: s.managerName }));
  const rows = Array.from({ length: 200 }, (_, n) => summary(n, n % 2 ? 'dev-boris' : 'dev-alice', n % 2 ? boris.managerName : alice.managerName, Math.floor(n / 5)));
  const NEXT = '039#eng-00199';

  /** The list: one page of `rows` (with `next` when more follow) for the query's fields. */
  const list = (fields: Record<string, string>, page: { rows: DriftSummary[]; next?: string } = { rows, next: NEXT }, locale?: 'en' | 'ru') => {
    const query = portfolioQuerySchema.parse(fields);
    const kept = summaries.filter((s) => query.manager === undefined || s.managerId === query.manager);
    return render(<PortfolioPage view={{ query, managers, summaries: kept, content: { kind: 'list', page } }} locale={locale} />);
  };
  const grouped = (fields: Record<string, string> = { group: 'manager' }) => {
    const groups = summaries.map((manager) => ({ manager, rows: rows.filter((r) => r.managerId === manager.managerId).slice(0, 10) }));
    groups[2] = { manager: chen, rows: [summary(900, 'dev-chen', 'Chen Li', 90), summary(901, 'dev-chen', 'Chen Li', 92), summary(902, 'dev-chen', 'Chen Li', 97), summary(903, 'dev-chen', 'Chen Li', 99)] };
    return render(<PortfolioPage view={{ query: portfolioQuerySchema.parse(fields), managers, summaries, content: { kind: 'grouped', groups } }} />);
  };

  it('is a script-free page whose names come out escaped', () => {
    for (const html of [list({}), grouped()]) {
      expect(html).not.toMatch(/<script|\sstyle=/i);
      expect(html).toContain(`Shop 0 ${ESCAPED_SCRIPT}`);
      expect(html).toContain(`Boris ${ESCAPED_SCRIPT}`);
    }
  });

  it('colours each dimension cell by band, with its number and a link to that dimension\'s findings', () => {
    const html = list({});
    expect(html).toContain('<td class="heat b3"><a href="/manager/engagements/eng-00000/drift#channels"><span class="vh">');
    expect(html).toMatch(/<td class="heat b2"><a href="\/manager\/engagements\/eng-00000\/drift#outcome"><span class="vh">[^<]*<\/span>45<\/a><\/td>/);
    expect(html).toMatch(/<td class="heat b1"><a href="\/manager\/engagements\/eng-00000\/drift#scope"><span class="vh">[^<]*<\/span>20<\/a><\/td>/);
  });

  it('scrolls the wide table inside a focusable, labelled region', () => {
    expect(list({})).toMatch(/<div class="table-wrap" tabindex="0" role="region" aria-label="Engagements, most drift first">/);
  });

  it('says how many rows it shows and how many the filter keeps in all: everyone\'s, or one manager\'s', () => {
    expect(list({})).toContain('<p class="muted">200 engagements, most drift first. 2,344 open engagements in all.</p>');
    expect(list({ manager: 'dev-boris', status: 'closed' })).toContain('200 engagements, most drift first. 202 closed engagements in all.');
    expect(list({}, { rows: rows.slice(0, 1) })).toContain('1 engagement, most drift first.');
  });

  it('links to the next page by its cursor, keeping the filter, with no page numbers', () => {
    const html = list({ manager: 'dev-alice', status: 'closed' });
    expect(html).toContain('<nav class="pager" aria-label="Pages"><a href="/manager/portfolio?manager=dev-alice&amp;status=closed&amp;after=039%23eng-00199" rel="next">Next 200</a></nav>');
    expect(html).not.toContain('Back to the first page');
    expect(html).not.toMatch(/page=|Previous/);
  });

  it('past the first page, says it continues and links back to the first page with the same filter', () => {
    const html = list({ status: 'closed', after: '020#eng-00099' });
    expect(html).toContain('200 more, continuing from the previous page. 2,344 closed engagements in all.');
    expect(html).toContain('<a href="/manager/portfolio?status=closed">Back to the first page</a><a href="/manager/portfolio?status=closed&amp;after=039%23eng-00199" rel="next">Next 200</a>');
  });

  it('on the last page, links back but not on; past it, says there are no more', () => {
    const last = list({ after: '020#eng-00099' }, { rows: rows.slice(0, 44) });
    expect(last).toContain('44 more, continuing from the previous page.');
    expect(last).toContain('<nav class="pager" aria-label="Pages"><a href="/manager/portfolio">Back to the first page</a></nav>');
    expect(last).not.toContain('rel="next"');
    const past = list({ after: '099#eng-02343' }, { rows: [] });
    expect(past).toContain('No more engagements: the previous page was the last.');
    expect(past).toContain('<a href="/manager/portfolio">Back to the first page</a>');
  });

  it('has no pager when everything fits on one page, and says so when nothing matches', () => {
    expect(list({}, { rows: rows.slice(0, 3) })).not.toContain('class="pager"');
    expect(list({ manager: 'nobody' }, { rows: [] })).toContain('No engagement with a drift report matches this filter.');
  });

  it('offers open and closed only, and keeps the chosen filter in the form', () => {
    const html = list({ manager: 'dev-chen', status: 'closed', group: 'manager' });
    expect(html).toContain('<option value="dev-chen" selected="">Chen Li</option>');
    expect(html).toContain('<select id="f-status" name="status"><option value="open">Open (all but closed)</option><option value="closed" selected="">Closed</option></select>');
    expect(html).toMatch(/<input type="checkbox" id="f-group" name="group" value="manager" checked=""/);
  });

  it('summarises each manager at the top from their totals, each linking to their engagements in the state', () => {
    expect(list({})).toContain('<th scope="row"><a href="/manager/portfolio?manager=dev-alice">Alice Morgan</a></th><td class="num">2138</td><td class="heat b2">52</td><td class="num">900</td>');
    expect(list({ status: 'closed' })).toContain('<a href="/manager/portfolio?manager=dev-chen&amp;status=closed">Chen Li</a>');
  });

  it('grouped, gives each manager a section with their totals, their most-drifting rows and a link to all of them', () => {
    const html = grouped({ group: 'manager', status: 'closed' });
    expect(html).toContain('For each manager, up to 10 engagements with the most drift. 2,344 closed engagements in all.');
    expect(html).toContain('<h3 id="manager-dev-alice">Alice Morgan</h3><p class="muted">2,138 engagements, mean score 52, 900 with open findings</p>');
    expect(html).toContain('<a href="/manager/portfolio?manager=dev-alice&amp;status=closed">All 2,138 of Alice Morgan’s engagements</a>');
    expect(html).toContain(`All 202 of Boris ${ESCAPED_SCRIPT}’s engagements`);
    expect(html.match(/<table>/g)).toHaveLength(4);
    const alicesTable = html.slice(html.indexOf('<h3 id="manager-dev-alice">'), html.indexOf('<h3 id="manager-dev-boris">'));
    expect(alicesTable.match(/<tr>/g)).toHaveLength(11);
    expect(html).not.toContain('class="pager"');
  });

  it('grouped, links to no more of a manager\'s engagements when all of them are shown', () => {
    const html = grouped();
    expect(html).toContain('<h3 id="manager-dev-chen">Chen Li</h3><p class="muted">4 engagements, mean score 95, 0 with open findings</p>');
    expect(html).not.toContain('All 4 of Chen Li');
  });

  it('speaks Russian, numbers grouped the Russian way', () => {
    const html = list({}, { rows, next: NEXT }, 'ru');
    expect(html).toContain('Проектов на странице: 200, сначала с наибольшими расхождениями. Всего открытых проектов: 2\u00a0344.');
    expect(html).toContain('rel="next">Следующие 200</a>');
  });
});
