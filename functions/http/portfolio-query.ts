/**
 * The portfolio's query and the pure parts of its answer: which part of the portfolio a head
 * of delivery asked for (open or closed engagements, everyone's or one manager's, grouped by
 * manager or not, after a cursor), the managers' summaries for it, and its addresses. The store
 * answers with pages of an index and the managers' totals; nothing here reads the store.
 *
 * Contract:
 * - `portfolioQuerySchema` reads the query string; an absent or empty field takes its default
 *   (every manager, open engagements: everything not closed, not grouped, the first page); a
 *   cursor (`after`) is one the store gave as a page's `next`;
 * - `isGrouped(query)`: grouping by manager applies to everyone's engagements; with a manager
 *   chosen the view is that manager's list. A grouped view has no pages, so it ignores `after`;
 * - `managerSummaries(totals, query)` are the managers' totals for the query's state, by name:
 *   every manager with engagements in that state, or only the chosen one; `engagementsInAll`
 *   adds their counts up (the number of engagements the filter keeps);
 * - `managerChoices(totals)` is every manager with engagements (either state), by name;
 * - `portfolioHref(query, after)` is the address of the view with the query's filter (not its
 *   cursor), starting after `after` when given, naming only what differs from the defaults.
 */
import * as z from 'zod';
import {
  portfolioCursorSchema, PORTFOLIO_STATES,
  type DriftTotals, type ManagerTotals, type PortfolioPage,
} from '../adapters/drift-snapshots.js';
import type { DriftSummary } from '../domain/drift-snapshot.js';

/** Rows on one page of the list. */
export const PORTFOLIO_PAGE_SIZE = 200;
/** Each manager's engagements shown when grouped: those with the most drift. */
export const PORTFOLIO_GROUP_SIZE = 10;

/** The status filter's choices: the store's portfolio indexes, open (the default) or closed. */
export const PORTFOLIO_STATUSES = PORTFOLIO_STATES;

/** A form's empty field means "no choice". */
const blankAsAbsent = (value: unknown) => (value === '' ? undefined : value);

export const portfolioQuerySchema = z.object({
  manager: z.preprocess(blankAsAbsent, z.string().max(128).optional()),
  status: z.preprocess(blankAsAbsent, z.enum(PORTFOLIO_STATUSES).default('open')),
  group: z.preprocess(blankAsAbsent, z.enum(['manager']).optional()),
  after: z.preprocess(blankAsAbsent, portfolioCursorSchema.optional()),
});
export type PortfolioQuery = z.infer<typeof portfolioQuerySchema>;

/** One manager's totals for one state. */
export interface ManagerDrift extends DriftTotals {
  managerId: string;
  managerName: string;
}

/** One manager's section of the grouped view: their totals and their most-drifting engagements. */
export interface ManagerGroup {
  manager: ManagerDrift;
  rows: DriftSummary[];
}

/** What the portfolio page and API show for a query. */
export interface PortfolioView {
  query: PortfolioQuery;
  /** The manager filter's choices. */
  managers: Array<{ id: string; name: string }>;
  /** Per manager, for the query's state (only the chosen manager, if any), by name. */
  summaries: ManagerDrift[];
  content: { kind: 'list'; page: PortfolioPage } | { kind: 'grouped'; groups: ManagerGroup[] };
}

export const isGrouped = (query: PortfolioQuery): boolean => query.group === 'manager' && query.manager === undefined;

export function managerSummaries(totals: readonly ManagerTotals[], query: Pick<PortfolioQuery, 'manager' | 'status'>): ManagerDrift[] {
  const state = query.status;
  return totals
    .filter((t) => t[state].engagements > 0 && (query.manager === undefined || t.managerId === query.manager))
    .map((t) => ({ managerId: t.managerId, managerName: t.managerName, ...t[state] }));
}

export const engagementsInAll = (summaries: readonly ManagerDrift[]): number => summaries.reduce((sum, s) => sum + s.engagements, 0);

export const managerChoices = (totals: readonly ManagerTotals[]): Array<{ id: string; name: string }> =>
  totals.map((t) => ({ id: t.managerId, name: t.managerName }));

export function portfolioHref(query: Omit<PortfolioQuery, 'after'>, after?: string): string {
  const params = new URLSearchParams();
  if (query.manager !== undefined) params.set('manager', query.manager);
  if (query.status !== 'open') params.set('status', query.status);
  if (query.group) params.set('group', query.group);
  if (after !== undefined) params.set('after', after);
  const search = params.toString();
  return search ? `/manager/portfolio?${search}` : '/manager/portfolio';
}
