/**
 * Proves the portfolio's query reads the query string with its defaults (open engagements,
 * every manager, the first page), takes only a cursor the store could have given, groups only
 * everyone's engagements; that the managers' summaries come from their totals for the state
 * asked for; and that each address keeps the filter and reads back as the same query.
 */
import { describe, expect, it } from 'vitest';
import type { ManagerTotals } from '../../functions/adapters/drift-snapshots.js';
import {
  engagementsInAll, isGrouped, managerChoices, managerSummaries, portfolioHref, portfolioQuerySchema, type PortfolioQuery,
} from '../../functions/http/portfolio-query.js';

const query = (fields: Record<string, string> = {}): PortfolioQuery => portfolioQuerySchema.parse(fields);
const CURSOR = '042#eng-00017';

describe('portfolioQuerySchema', () => {
  it('defaults to open engagements of every manager, not grouped, the first page', () => {
    expect(query()).toEqual({ status: 'open' });
    expect(query({ manager: '', status: '', group: '', after: '' })).toEqual({ status: 'open' });
  });

  it('reads every choice', () => {
    expect(query({ manager: 'dev-alice', status: 'closed', group: 'manager', after: CURSOR }))
      .toEqual({ manager: 'dev-alice', status: 'closed', group: 'manager', after: CURSOR });
  });

  it.each([
    ['status', { status: 'all' }],
    ['status', { status: 'stalled' }],
    ['group', { group: 'client' }],
    ['manager', { manager: 'x'.repeat(129) }],
    ['after', { after: 'page-2' }],
    ['after', { after: '42#eng-00017' }],
    ['after', { after: '042#ENG-00017' }],
    ['after', { after: '042#eng' }],
  ])('refuses a bad %s (%j)', (field, fields) => {
    const parsed = portfolioQuerySchema.safeParse(fields);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([field]);
  });
});

describe('isGrouped', () => {
  it('groups everyone\'s engagements by manager, but one manager\'s are their list', () => {
    expect(isGrouped(query({ group: 'manager' }))).toBe(true);
    expect(isGrouped(query({ group: 'manager', status: 'closed' }))).toBe(true);
    expect(isGrouped(query({ group: 'manager', manager: 'dev-alice' }))).toBe(false);
    expect(isGrouped(query())).toBe(false);
  });
});

describe('the managers\' summaries', () => {
  const totals: ManagerTotals[] = [
    {
      managerId: 'dev-alice', managerName: 'Alice Morgan',
      open: { engagements: 2340, meanScore: 61, withOpenFindings: 800 }, closed: { engagements: 12, meanScore: 88, withOpenFindings: 1 },
    },
    {
      managerId: 'dev-boris', managerName: 'Boris Ivanov',
      open: { engagements: 0, meanScore: 100, withOpenFindings: 0 }, closed: { engagements: 3, meanScore: 70, withOpenFindings: 2 },
    },
    {
      managerId: 'dev-chen', managerName: 'Chen Li',
      open: { engagements: 7, meanScore: 45, withOpenFindings: 7 }, closed: { engagements: 0, meanScore: 100, withOpenFindings: 0 },
    },
  ];

  it('gives each manager with engagements in the state their totals for it, in the store\'s order (by name)', () => {
    expect(managerSummaries(totals, query())).toEqual([
      { managerId: 'dev-alice', managerName: 'Alice Morgan', engagements: 2340, meanScore: 61, withOpenFindings: 800 },
      { managerId: 'dev-chen', managerName: 'Chen Li', engagements: 7, meanScore: 45, withOpenFindings: 7 },
    ]);
    expect(managerSummaries(totals, query({ status: 'closed' })).map((s) => s.managerId)).toEqual(['dev-alice', 'dev-boris']);
  });

  it('keeps only the chosen manager, and none for a manager without engagements in the state', () => {
    expect(managerSummaries(totals, query({ manager: 'dev-chen' }))).toEqual([
      { managerId: 'dev-chen', managerName: 'Chen Li', engagements: 7, meanScore: 45, withOpenFindings: 7 },
    ]);
    expect(managerSummaries(totals, query({ manager: 'dev-boris' }))).toEqual([]);
    expect(managerSummaries(totals, query({ manager: 'nobody' }))).toEqual([]);
  });

  it('adds up the engagements the filter keeps: everyone\'s, or one manager\'s', () => {
    expect(engagementsInAll(managerSummaries(totals, query()))).toBe(2347);
    expect(engagementsInAll(managerSummaries(totals, query({ status: 'closed' })))).toBe(15);
    expect(engagementsInAll(managerSummaries(totals, query({ manager: 'dev-alice' })))).toBe(2340);
    expect(engagementsInAll([])).toBe(0);
  });

  it('offers every manager with engagements, open or closed, as a filter choice', () => {
    expect(managerChoices(totals)).toEqual([
      { id: 'dev-alice', name: 'Alice Morgan' }, { id: 'dev-boris', name: 'Boris Ivanov' }, { id: 'dev-chen', name: 'Chen Li' },
    ]);
  });
});

describe('portfolioHref', () => {
  it.each([
    [{}, undefined, '/manager/portfolio'],
    [{ status: 'closed' }, undefined, '/manager/portfolio?status=closed'],
    [{}, CURSOR, '/manager/portfolio?after=042%23eng-00017'],
    [{ manager: 'dev-alice', status: 'closed' }, CURSOR, '/manager/portfolio?manager=dev-alice&status=closed&after=042%23eng-00017'],
    [{ manager: 'dev-alice', group: 'manager' }, undefined, '/manager/portfolio?manager=dev-alice&group=manager'],
    [{ manager: 'a&b=c' }, undefined, '/manager/portfolio?manager=a%26b%3Dc'],
  ])('%j after %s → %s', (fields, after, href) => {
    expect(portfolioHref(query(fields as Record<string, string>), after)).toBe(href);
  });

  it('reads back as the same filter, continuing after the cursor', () => {
    const filter = query({ manager: 'a&b=c #1', status: 'closed', group: 'manager' });
    const href = portfolioHref(filter, CURSOR);
    const read = portfolioQuerySchema.parse(Object.fromEntries(new URL(href, 'http://localhost').searchParams));
    expect(read).toEqual({ ...filter, after: CURSOR });
  });
});
