/**
 * The drift report, its exports and the portfolio, as pages (session cookie) and API (bearer
 * token). Mounted by `managerRoutes` after its sign-in middleware, so every route here has an
 * identity.
 *
 * Contract:
 * - an engagement the caller may not see is "not found" (404), as on every engagement route;
 * - before the first snapshot exists the report page says it is being prepared (200); the
 *   exports and the API answer 503 with `Retry-After`, since the file does not exist yet;
 * - the portfolio (page and API) is for heads of delivery only: anyone else gets 403;
 * - a filter the portfolio can't read (a bad cursor included) is a 400 naming the field;
 * - a portfolio view reads the managers' totals and one page of an index (200 rows), or,
 *   grouped, one page of 10 per manager, in parallel, however many engagements there are; the API answers
 *   `{ engagements, next?, managers }`, grouped `{ groups: [{ ...totals, engagements }], managers }`,
 *   `managers` being the totals for the state asked for.
 */
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps.js';
import type { Engagement } from '../domain/engagement.js';
import type { DriftReport } from '../domain/drift/index.js';
import { ROLES } from './auth.js';
import { CSV_CONTENT_TYPE, driftJson, findingsAttachment, findingsCsv, findingsJson } from './drift-exports.js';
import { parseOrInvalid } from './errors.js';
import type { ManagerEnv } from './manager-routes.js';
import {
  isGrouped, managerChoices, managerSummaries, PORTFOLIO_GROUP_SIZE, PORTFOLIO_PAGE_SIZE, portfolioQuerySchema,
  type PortfolioQuery, type PortfolioView,
} from './portfolio-query.js';
import { DriftReportPage, PortfolioPage } from './views/drift-pages.js';
import { ManagerMessagePage } from './views/manager-pages.js';

type VisibleEngagement = (c: Context<ManagerEnv>) => Promise<Engagement | undefined>;

/** How long to wait before asking again for a snapshot still being computed. */
const RETRY_AFTER_SECONDS = '5';

export function driftRoutes(deps: Pick<Deps, 'store'>, visibleEngagement: VisibleEngagement) {
  const app = new Hono<ManagerEnv>();
  const isHeadOfDelivery = (c: Context<ManagerEnv>) => c.get('identity').groups.includes(ROLES.headOfDelivery);

  /** The engagement (if the caller may see it) and its snapshot (if one was computed yet). */
  async function driftOf(c: Context<ManagerEnv>) {
    const engagement = await visibleEngagement(c);
    return engagement ? { engagement, snapshot: await deps.store.getDriftSnapshot(engagement.id) } : undefined;
  }

  const notFoundJson = (c: Context<ManagerEnv>) => c.json({ error: 'NotFound', message: 'no such engagement' }, 404);
  const notReadyJson = (c: Context<ManagerEnv>) => {
    c.header('Retry-After', RETRY_AFTER_SECONDS);
    return c.json({ error: 'InProgress', message: 'the drift report is being prepared; ask again in a few seconds' }, 503);
  };
  const csvFile = (c: Context<ManagerEnv>, report: DriftReport) => c.body(findingsCsv(report), 200, {
    'content-type': CSV_CONTENT_TYPE,
    'content-disposition': findingsAttachment(report.engagementId, 'csv'),
  });

  app.get('/manager/engagements/:id/drift', async (c) => {
    const found = await driftOf(c);
    if (!found) return c.html(<ManagerMessagePage kind="not-found" />, 404);
    return c.html(<DriftReportPage engagement={found.engagement} snapshot={found.snapshot} />);
  });

  for (const format of ['csv', 'json'] as const) {
    app.get(`/manager/engagements/:id/drift/findings.${format}`, async (c) => {
      const found = await driftOf(c);
      if (!found) return c.html(<ManagerMessagePage kind="not-found" />, 404);
      if (!found.snapshot) {
        c.header('Retry-After', RETRY_AFTER_SECONDS);
        return c.html(<DriftReportPage engagement={found.engagement} />, 503);
      }
      const { report } = found.snapshot;
      if (format === 'csv') return csvFile(c, report);
      c.header('content-disposition', findingsAttachment(report.engagementId, 'json'));
      return c.json(findingsJson(report));
    });
  }

  app.get('/api/engagements/:id/drift', async (c) => {
    const found = await driftOf(c);
    if (!found) return notFoundJson(c);
    return found.snapshot ? c.json(driftJson(found.snapshot)) : notReadyJson(c);
  });

  app.get('/api/engagements/:id/drift/findings.csv', async (c) => {
    const found = await driftOf(c);
    if (!found) return notFoundJson(c);
    return found.snapshot ? csvFile(c, found.snapshot.report) : notReadyJson(c);
  });

  /**
   * The portfolio a query asks for, in a bounded number of small Queries: the managers' totals
   * and one page of the list, or the totals and each manager's most-drifting engagements.
   */
  async function portfolioOf(query: PortfolioQuery): Promise<PortfolioView> {
    const state = query.status;
    if (isGrouped(query)) {
      const totals = await deps.store.managerTotals();
      const summaries = managerSummaries(totals, query);
      const groups = await Promise.all(summaries.map(async (manager) => ({
        manager,
        rows: (await deps.store.portfolioPage({ state, managerId: manager.managerId, limit: PORTFOLIO_GROUP_SIZE })).rows,
      })));
      return { query, managers: managerChoices(totals), summaries, content: { kind: 'grouped', groups } };
    }
    const [totals, page] = await Promise.all([
      deps.store.managerTotals(),
      deps.store.portfolioPage({ state, managerId: query.manager, after: query.after, limit: PORTFOLIO_PAGE_SIZE }),
    ]);
    return { query, managers: managerChoices(totals), summaries: managerSummaries(totals, query), content: { kind: 'list', page } };
  }

  app.get('/manager/portfolio', async (c) => {
    if (!isHeadOfDelivery(c)) return c.html(<ManagerMessagePage kind="portfolio-forbidden" />, 403);
    const query = parseOrInvalid(portfolioQuerySchema, c.req.query());
    return c.html(<PortfolioPage view={await portfolioOf(query)} />);
  });

  app.get('/api/portfolio', async (c) => {
    if (!isHeadOfDelivery(c)) return c.json({ error: 'Forbidden', message: 'the portfolio is for heads of delivery' }, 403);
    const { summaries: managers, content } = await portfolioOf(parseOrInvalid(portfolioQuerySchema, c.req.query()));
    if (content.kind === 'grouped') {
      return c.json({ groups: content.groups.map(({ manager, rows }) => ({ ...manager, engagements: rows })), managers });
    }
    const { rows, next } = content.page;
    return c.json({ engagements: rows, ...(next === undefined ? {} : { next }), managers });
  });

  return app;
}
