/**
 * The drift pages: one engagement's drift report, and the portfolio heatmap for heads of
 * delivery. Server-rendered, no JavaScript, no style attributes: bars and the history chart
 * are inline SVG styled by `PAGE_CSS` classes.
 *
 * Contract:
 * - `DriftReportPage` shows the overall score and one bar per dimension (the number always in
 *   text), the score history as a chart whose every point links (`#point-N`, 1-based) to its
 *   explanation below it, then one section per dimension with the dimension as its id
 *   (`#pace`): open findings, then closed ones, each with its severity, sentence, start and
 *   end, evidence and the client's own words it cites; the promises coming due; when it was
 *   computed; the CSV and JSON downloads. Without a snapshot it says the report is being
 *   prepared.
 * - `PortfolioPage` shows a GET filter form (a manager, open or closed, grouped or not), a
 *   summary per manager, a legend of the score bands, then either one page of rows as a
 *   heatmap table, saying how many it shows and how many the filter keeps in all, with a link
 *   to the next page (its cursor) and, past the first, back to the first, both keeping the
 *   filter; or, grouped, one section per manager with their totals, their most-drifting rows
 *   and a link to all of them. Each cell links to its dimension's findings.
 * - `chartGeometry(history)` maps the history (oldest first) to the chart's coordinates: time
 *   left to right across the plot, score 100 at the top and 0 at the bottom; `scoreBand` gives
 *   the band (1 worst … 5 best) a score is coloured by.
 * - Findings are told in English (`explainEn`), like the rest of the manager's interface;
 *   everything typed by a person (titles, names, the client's words) is text, escaped by JSX.
 */
import type { Engagement, Locale } from '../../domain/engagement.js';
import type { DriftSnapshot, DriftSummary, HistoryPoint } from '../../domain/drift-snapshot.js';
import {
  DIMENSIONS, explainEn,
  type Citation, type CitationValue, type Dimension, type Finding, type Warning,
} from '../../domain/drift/index.js';
import { dateFormat, formatDate, formatDateTime, messages, type Messages } from '../../i18n.js';
import {
  engagementsInAll, portfolioHref, PORTFOLIO_GROUP_SIZE, PORTFOLIO_PAGE_SIZE, PORTFOLIO_STATUSES, type ManagerGroup, type PortfolioView,
} from '../portfolio-query.js';
import { Layout } from './layout.js';

const DEFAULT_LOCALE: Locale = 'en';

/** The bands a score is coloured by, from the lowest score up: 0–39, 40–59, 60–74, 75–89, 90–100. */
const BAND_FLOORS = [0, 40, 60, 75, 90] as const;
export type ScoreBand = 1 | 2 | 3 | 4 | 5;

export function scoreBand(score: number): ScoreBand {
  return Math.max(1, BAND_FLOORS.filter((floor) => score >= floor).length) as ScoreBand;
}

export interface ChartBox {
  width: number;
  height: number;
  /** Room around the plot for the axes' labels. */
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** In SVG user units; the stylesheet scales the text to the screen. */
export const CHART_BOX: ChartBox = { width: 600, height: 260, left: 52, right: 20, top: 14, bottom: 44 };
const Y_TICKS = [0, 25, 50, 75, 100];
const X_TICKS = 4;

export interface ChartGeometry {
  points: Array<{ x: number; y: number }>;
  /** A step line: each score holds until the next point. */
  line: string;
  yTicks: Array<{ y: number; score: number }>;
  xTicks: Array<{ x: number; at: string }>;
}

const tenth = (n: number) => Math.round(n * 10) / 10;

export function chartGeometry(history: ReadonlyArray<Pick<HistoryPoint, 'at' | 'score'>>, box: ChartBox = CHART_BOX): ChartGeometry {
  const plotWidth = box.width - box.left - box.right;
  const plotHeight = box.height - box.top - box.bottom;
  const yOf = (score: number) => tenth(box.top + ((100 - Math.min(100, Math.max(0, score))) / 100) * plotHeight);
  const yTicks = Y_TICKS.map((score) => ({ score, y: yOf(score) }));
  if (history.length === 0) return { points: [], line: '', yTicks, xTicks: [] };
  const times = history.map((p) => Date.parse(p.at));
  const first = Math.min(...times);
  const span = Math.max(...times) - first;
  // One moment (or several at the same instant) sits in the middle.
  const xOf = (ms: number) => tenth(box.left + (span === 0 ? plotWidth / 2 : ((ms - first) / span) * plotWidth));
  const points = history.map((p, i) => ({ x: xOf(times[i] as number), y: yOf(p.score) }));
  const line = points.map((p, i) => (i === 0 ? `M${p.x} ${p.y}` : `H${p.x} V${p.y}`)).join(' ');
  const tickTimes = span === 0 ? [first] : Array.from({ length: X_TICKS }, (_, i) => first + (span * i) / (X_TICKS - 1));
  return { points, line, yTicks, xTicks: tickTimes.map((ms) => ({ x: xOf(ms), at: new Date(ms).toISOString() })) };
}

/**
 * "Mar 12, 14:00 UTC": the chart's moments, short enough for a list; on the axis, where the
 * chart's description names the zone, "Mar 12, 14:00" or, over days, "Mar 12".
 */
function shortDateTime(iso: string, locale: Locale, parts: 'with-zone' | 'time' | 'date' = 'with-zone'): string {
  const time = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } as const;
  return dateFormat(`short-${parts}`, locale, {
    day: 'numeric', month: 'short', timeZone: 'UTC',
    ...(parts === 'date' ? {} : time),
    ...(parts === 'with-zone' ? { timeZoneName: 'short' } : {}),
  }).format(new Date(iso));
}

/** "−12", "+5": how a move changed the score (a deduction taking more points lowers it). */
const scoreChange = (points: number) => (points > 0 ? `−${points}` : `+${-points}`);

/** Fields whose value is the client's own free text, in their language. */
const CLIENT_WORDS = new Set(['outcome.businessResult', 'outcome.successSignal']);

function citedValue(field: string, value: CitationValue, m: Messages): string {
  if (Array.isArray(value)) return value.map((day) => (m.weekdays as Record<string, { short: string } | undefined>)[day]?.short ?? day).join(', ');
  if (typeof value === 'number') {
    if (field.endsWith('Hours')) return m.units.hours(value);
    if (field.endsWith('Days')) return m.units.days(value);
    return String(value);
  }
  if (typeof value === 'string' && field.startsWith('channels.')) return (m.channels as Record<string, string | undefined>)[value] ?? value;
  if (typeof value === 'string' && field === 'scope.largerRequests') {
    return (m.largerRequests as Record<string, { label: string } | undefined>)[value]?.label ?? value;
  }
  return String(value);
}

/** "You said: update cadence = 7 days (version 2, February 3, 2026); …" */
function Citations(props: { cites: readonly Citation[]; m: Messages; locale: Locale; clientLocale: Locale }) {
  const { m, locale } = props;
  const d = m.manager.drift;
  if (props.cites.length === 0) return null;
  return (
    <p class="detail">
      <strong>{d.youSaid}</strong>{' '}
      {props.cites.map((cite, i) => {
        const field = (d.citedFields as Record<string, string | undefined>)[cite.field] ?? cite.field;
        const value = citedValue(cite.field, cite.value, m);
        return (
          <>
            {i > 0 ? '; ' : ''}
            {field} = {CLIENT_WORDS.has(cite.field) ? <>“<span lang={props.clientLocale}>{value}</span>”</> : value}
            {' '}({d.citedVersion(cite.version, formatDate(cite.statedAt, locale))})
          </>
        );
      })}
    </p>
  );
}

function Bar({ score }: { score: number }) {
  return (
    <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <rect class="track" width="100" height="10" />
      <rect class={`fill b${scoreBand(score)}`} width={Math.min(100, Math.max(0, score))} height="10" />
    </svg>
  );
}

function HistoryChart(props: { history: readonly HistoryPoint[]; m: Messages; locale: Locale }) {
  const { history, locale } = props;
  const c = props.m.manager.drift.chart;
  const geometry = chartGeometry(history);
  const first = history[0];
  const last = history.at(-1);
  if (!first || !last) return null;
  const box = CHART_BOX;
  const spansDays = Date.parse(last.at) - Date.parse(first.at) >= 2 * 86_400_000;
  const tickLabel = (at: string) => shortDateTime(at, locale, spansDays ? 'date' : 'time');
  const anchor = (i: number, n: number) => (n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle');
  return (
    <svg class="chart" viewBox={`0 0 ${box.width} ${box.height}`} role="group" aria-labelledby="chart-title" aria-describedby="chart-desc">
      <title id="chart-title">{c.title}</title>
      <desc id="chart-desc">{c.desc(history.length, shortDateTime(first.at, locale), shortDateTime(last.at, locale))}</desc>
      {geometry.yTicks.map((tick) => (
        <>
          <line class="grid" x1={box.left} x2={box.width - box.right} y1={tick.y} y2={tick.y} />
          <text x={box.left - 8} y={tick.y} text-anchor="end" dominant-baseline="middle" aria-hidden="true">{tick.score}</text>
        </>
      ))}
      <line class="axis" x1={box.left} x2={box.width - box.right} y1={box.height - box.bottom} y2={box.height - box.bottom} />
      {geometry.xTicks.map((tick, i) => (
        <text x={tick.x} y={box.height - box.bottom + 28} text-anchor={anchor(i, geometry.xTicks.length)} aria-hidden="true">{tickLabel(tick.at)}</text>
      ))}
      <path class="line" d={geometry.line} />
      {history.map((point, i) => {
        const xy = geometry.points[i];
        if (!xy) return null;
        const label = `${shortDateTime(point.at, locale)} — ${c.score(point.score)}`;
        return (
          <a href={`#point-${i + 1}`} aria-label={label}>
            <title>{label}</title>
            <circle class="pt" cx={xy.x} cy={xy.y} r="7" />
          </a>
        );
      })}
    </svg>
  );
}

/** Each point of the chart, with what moved the score there and the findings' sentences. */
function PointExplanations(props: { history: readonly HistoryPoint[]; findings: readonly Finding[]; m: Messages; locale: Locale }) {
  const { m, locale } = props;
  const c = m.manager.drift.chart;
  const byId = new Map(props.findings.map((f) => [f.id, f]));
  const moveText = (move: HistoryPoint['moves'][number]) => {
    const finding = byId.get(move.findingId);
    const what = c.move(scoreChange(move.points), m.dimensions[move.dimension].title.toLowerCase());
    return `${what}: ${finding ? explainEn(finding) : move.findingId}`;
  };
  return (
    <>
      <h3 id="points">{c.explained}</h3>
      <ol class="plain card points" aria-labelledby="points">
        {props.history.map((point, i) => {
          const head = `${shortDateTime(point.at, locale)} — ${c.score(point.score)}`;
          return (
            <li id={`point-${i + 1}`}>
              {point.moves.length === 0 ? `${head}: ${i === 0 ? c.start : c.unchanged}`
                : point.moves.length === 1 ? `${head}: ${point.moves.map(moveText).join('')}`
                  : <>{head}:<ul>{point.moves.map((move) => <li>{moveText(move)}</li>)}</ul></>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

function FindingItem(props: { finding: Finding; m: Messages; locale: Locale; clientLocale: Locale }) {
  const { finding, m, locale } = props;
  const d = m.manager.drift;
  return (
    <li>
      <p class="detail">
        <span class={`badge sev-${finding.severity}`}>{d.severity[finding.severity]}</span>
        {' '}
        <span class="muted">{m.dimensions[finding.dimension].title}</span>
      </p>
      <p class="detail"><strong>{explainEn(finding)}</strong></p>
      <p class="detail muted">
        {d.started(formatDateTime(finding.startedAt, locale))}
        {' · '}
        {finding.closedAt ? d.closedOn(formatDateTime(finding.closedAt, locale)) : d.stillOpen}
      </p>
      <Citations cites={finding.cites} m={m} locale={locale} clientLocale={props.clientLocale} />
      {finding.evidence.length > 0 ? (
        <>
          <p class="detail">{d.evidence}</p>
          <ul class="evidence">
            {finding.evidence.map((e) => <li><code>{e.what}</code> <time datetime={e.at}>{formatDateTime(e.at, locale)}</time></li>)}
          </ul>
        </>
      ) : null}
    </li>
  );
}

function DimensionFindings(props: { dimension: Dimension; score: number; findings: readonly Finding[]; m: Messages; locale: Locale; clientLocale: Locale }) {
  const { dimension, m } = props;
  const d = m.manager.drift;
  const open = props.findings.filter((f) => f.open);
  const closed = props.findings.filter((f) => !f.open);
  const item = (finding: Finding) => <FindingItem finding={finding} m={m} locale={props.locale} clientLocale={props.clientLocale} />;
  return (
    <section id={dimension} aria-labelledby={`${dimension}-title`}>
      <h3 id={`${dimension}-title`}>{d.dimensionHeading(m.dimensions[dimension].title, props.score)}</h3>
      {props.findings.length === 0 ? <p>{d.noFindings}</p> : (
        <>
          {open.length > 0 ? <><h4>{d.open}</h4><ul class="plain card">{open.map(item)}</ul></> : null}
          {closed.length > 0 ? <><h4>{d.closed}</h4><ul class="plain card">{closed.map(item)}</ul></> : null}
        </>
      )}
    </section>
  );
}

function WarningItem(props: { warning: Warning; subject: string | undefined; engagement: Engagement; m: Messages; locale: Locale }) {
  const { warning, subject, m, locale } = props;
  const d = m.manager.drift;
  // The engagement itself is the subject of update and silence warnings: its title adds nothing.
  const named = subject !== undefined && warning.subject !== props.engagement.id;
  return (
    <li>
      <strong>{d.warningKinds[warning.kind]}</strong>
      {named ? <>: “{subject}”</> : null}
      {' — '}
      <time datetime={warning.deadline}>{d.deadline(formatDateTime(warning.deadline, locale))}</time>
      <Citations cites={warning.cites} m={m} locale={locale} clientLocale={props.engagement.locale} />
    </li>
  );
}

export interface DriftReportPageProps {
  engagement: Engagement;
  /** Undefined while the first snapshot is being computed. */
  snapshot?: DriftSnapshot;
  locale?: Locale;
}

export function DriftReportPage(props: DriftReportPageProps) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  const m = messages(locale);
  const d = m.manager.drift;
  const { engagement, snapshot } = props;
  const base = `/manager/engagements/${encodeURIComponent(engagement.id)}`;
  const back = <p><a href={base}>{d.back(engagement.title)}</a></p>;
  if (!snapshot) {
    return (
      <Layout locale={locale} title={d.title(engagement.title)}>
        {back}
        <h1>{d.title(engagement.title)}</h1>
        <p class="notice">{d.preparing}</p>
        <p>{d.preparingBody}</p>
      </Layout>
    );
  }
  const { report, history, warnings } = snapshot;
  return (
    <Layout locale={locale} title={d.title(engagement.title)}>
      {back}
      <h1>{d.title(engagement.title)}</h1>
      <p class="muted">{engagement.client.name} · <span class={`badge ${engagement.status}`}>{m.manager.status[engagement.status]}</span></p>
      {report.note ? <p class="notice">{explainEn({ explanation: report.note })}</p> : null}

      <div class="card">
        <p class="overall">{d.score}: <strong>{d.outOf(report.score)}</strong></p>
        <Bar score={report.score} />
        <h2 class="sub">{d.byDimension}</h2>
        <ul class="plain dims">
          {DIMENSIONS.map((dimension) => {
            const open = report.findings.filter((f) => f.dimension === dimension && f.open).length;
            return (
              <li>
                <a href={`#${dimension}`}>{m.dimensions[dimension].title}</a>
                {': '}
                <strong>{d.outOf(report.dimensions[dimension])}</strong>
                {open > 0 ? <span class="muted"> · {d.openCount(open)}</span> : null}
                <Bar score={report.dimensions[dimension]} />
              </li>
            );
          })}
        </ul>
      </div>

      {history.length > 0 ? (
        <>
          <h2 id="history">{d.chart.title}</h2>
          <HistoryChart history={history} m={m} locale={locale} />
          <PointExplanations history={history} findings={report.findings} m={m} locale={locale} />
        </>
      ) : null}

      <h2 id="findings">{d.findings}</h2>
      {DIMENSIONS.map((dimension) => (
        <DimensionFindings
          dimension={dimension}
          score={report.dimensions[dimension]}
          findings={report.findings.filter((f) => f.dimension === dimension)}
          m={m}
          locale={locale}
          clientLocale={engagement.locale}
        />
      ))}

      <h2 id="warnings">{d.warnings}</h2>
      {warnings.length === 0 ? <p>{d.noWarnings}</p> : (
        <>
          <p>{d.warningsIntro}</p>
          <ul class="plain card" aria-labelledby="warnings">
            {warnings.map((warning) => <WarningItem warning={warning} subject={snapshot.subjects[warning.subject]} engagement={engagement} m={m} locale={locale} />)}
          </ul>
        </>
      )}

      <p class="muted">{d.computedAt(formatDateTime(report.at, locale))}</p>
      <h2 id="downloads">{d.downloads}</h2>
      <ul aria-labelledby="downloads">
        <li><a href={`${base}/drift/findings.csv`} download>{d.csv}</a></li>
        <li><a href={`${base}/drift/findings.json`} download>{d.json}</a></li>
      </ul>
      {back}
    </Layout>
  );
}

const driftHref = (engagementId: string, dimension?: Dimension) =>
  `/manager/engagements/${encodeURIComponent(engagementId)}/drift${dimension ? `#${dimension}` : ''}`;

function HeatCell(props: { score: number; href: string; label: string }) {
  return (
    <td class={`heat b${scoreBand(props.score)}`}>
      <a href={props.href}><span class="vh">{props.label}: </span>{props.score}</a>
    </td>
  );
}

function EngagementTable(props: { rows: readonly DriftSummary[]; withManager: boolean; caption: string; m: Messages }) {
  const { m } = props;
  const p = m.manager.portfolio;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={props.caption}>
      <table>
        <caption class="vh">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{p.columns.engagement}</th>
            <th scope="col">{p.columns.client}</th>
            {props.withManager ? <th scope="col">{p.columns.manager}</th> : null}
            <th scope="col">{p.columns.status}</th>
            <th scope="col" class="num">{p.columns.score}</th>
            {DIMENSIONS.map((dimension) => <th scope="col" class="num">{m.dimensions[dimension].title}</th>)}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row"><a href={driftHref(row.engagementId)}>{row.title}</a></th>
              <td>{row.clientName}</td>
              {props.withManager ? <td>{row.managerName}</td> : null}
              <td><span class={`badge ${row.status}`}>{m.manager.status[row.status]}</span></td>
              <HeatCell score={row.score} href={driftHref(row.engagementId)} label={`${row.title}, ${p.columns.score}`} />
              {DIMENSIONS.map((dimension) => (
                <HeatCell
                  score={row.dimensions[dimension]}
                  href={driftHref(row.engagementId, dimension)}
                  label={`${row.title}, ${m.dimensions[dimension].title}`}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ManagerSummaries(props: { view: PortfolioView; m: Messages }) {
  const p = props.m.manager.portfolio;
  const { summaries, query } = props.view;
  if (summaries.length === 0) return <p>{p.none}</p>;
  return (
    <div class="table-wrap" tabindex={0} role="region" aria-label={p.managersLabel}>
      <table>
        <caption class="vh">{p.managersLabel}</caption>
        <thead>
          <tr>
            <th scope="col">{p.columns.manager}</th>
            <th scope="col" class="num">{p.columns.engagements}</th>
            <th scope="col" class="num">{p.columns.mean}</th>
            <th scope="col" class="num">{p.columns.withOpen}</th>
          </tr>
        </thead>
        <tbody>
          {summaries.map((s) => (
            <tr>
              <th scope="row"><a href={portfolioHref({ status: query.status, manager: s.managerId })}>{s.managerName}</a></th>
              <td class="num">{s.engagements}</td>
              <td class={`heat b${scoreBand(s.meanScore)}`}>{s.meanScore}</td>
              <td class="num">{s.withOpenFindings}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One page of the list, with the way on (a cursor) and back to the first page. */
function PortfolioList(props: { view: PortfolioView; rows: readonly DriftSummary[]; next: string | undefined; m: Messages }) {
  const { m, rows, next } = props;
  const p = m.manager.portfolio;
  const { query } = props.view;
  const later = query.after !== undefined;
  return (
    <>
      {rows.length === 0 ? <p>{later ? p.end : p.none}</p> : (
        <>
          <p class="muted">
            {later ? p.shownMore(rows.length) : p.shown(rows.length)}
            {' '}
            {p.inAll(engagementsInAll(props.view.summaries), query.status)}
          </p>
          <EngagementTable rows={rows} withManager caption={p.tableLabel} m={m} />
        </>
      )}
      {later || next !== undefined ? (
        <nav class="pager" aria-label={p.pages}>
          {later ? <a href={portfolioHref(query)}>{p.first}</a> : null}
          {next !== undefined ? <a href={portfolioHref(query, next)} rel="next">{p.next(PORTFOLIO_PAGE_SIZE)}</a> : null}
        </nav>
      ) : null}
    </>
  );
}

/** One section per manager: their totals, their most-drifting engagements, a link to all of them. */
function PortfolioGroups(props: { view: PortfolioView; groups: readonly ManagerGroup[]; m: Messages }) {
  const { m, groups } = props;
  const p = m.manager.portfolio;
  const { query } = props.view;
  if (groups.length === 0) return <p>{p.none}</p>;
  return (
    <>
      <p class="muted">{p.shownGrouped(PORTFOLIO_GROUP_SIZE)} {p.inAll(engagementsInAll(props.view.summaries), query.status)}</p>
      {groups.map(({ manager, rows }) => (
        <section aria-labelledby={`manager-${manager.managerId}`}>
          <h3 id={`manager-${manager.managerId}`}>{manager.managerName}</h3>
          <p class="muted">{p.groupSummary(manager.engagements, manager.meanScore, manager.withOpenFindings)}</p>
          <EngagementTable rows={rows} withManager={false} caption={`${p.tableLabel}: ${manager.managerName}`} m={m} />
          {manager.engagements > rows.length ? (
            <p><a href={portfolioHref({ status: query.status, manager: manager.managerId })}>{p.allOf(manager.engagements, manager.managerName)}</a></p>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function PortfolioPage(props: { view: PortfolioView; locale?: Locale }) {
  const locale = props.locale ?? DEFAULT_LOCALE;
  const m = messages(locale);
  const p = m.manager.portfolio;
  const { view } = props;
  const { query, content } = view;
  return (
    <Layout locale={locale} title={p.title}>
      <div class="wide">
        <p><a href="/manager">{m.manager.back}</a></p>
        <h1>{p.title}</h1>
        <p>{p.intro}</p>

        <form method="get" action="/manager/portfolio" class="card filter" aria-labelledby="filter">
          <h2 id="filter" class="sub">{p.filter}</h2>
          <div class="row">
            <div class="field">
              <label for="f-manager">{p.manager}</label>
              <select id="f-manager" name="manager">
                <option value="" selected={query.manager === undefined}>{p.anyManager}</option>
                {view.managers.map((manager) => <option value={manager.id} selected={manager.id === query.manager}>{manager.name}</option>)}
              </select>
            </div>
            <div class="field">
              <label for="f-status">{p.status}</label>
              <select id="f-status" name="status">
                {PORTFOLIO_STATUSES.map((state) => <option value={state} selected={state === query.status}>{p.statuses[state]}</option>)}
              </select>
            </div>
          </div>
          <div class="choice field">
            <input type="checkbox" id="f-group" name="group" value="manager" checked={query.group === 'manager'} />
            <label for="f-group">{p.group}</label>
          </div>
          <div class="actions"><button type="submit">{p.apply}</button></div>
        </form>

        <h2 id="managers">{p.managers}</h2>
        <ManagerSummaries view={view} m={m} />

        <h2 id="engagements">{p.tableLabel}</h2>
        <p class="muted">{p.legend}:</p>
        <ul class="legend">
          {p.bands.map((band, i) => <li><span class={`swatch heat b${i + 1}`} aria-hidden="true" /> {band}</li>)}
        </ul>
        {content.kind === 'grouped'
          ? <PortfolioGroups view={view} groups={content.groups} m={m} />
          : <PortfolioList view={view} rows={content.page.rows} next={content.page.next} m={m} />}
      </div>
    </Layout>
  );
}
