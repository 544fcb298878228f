/**
 * What the drift pages read: one engagement's drift report, its score history and its
 * warnings, computed once when the log changes and stored, so no page view recomputes it.
 *
 * Contract:
 * - `driftSnapshot(engagement, answers, events, now)` is pure: the same input gives the same
 *   snapshot;
 * - the history keeps only the moments the score or a sub-score moved (plus the first and the
 *   last), each with the deductions that moved there, so a chart can explain every point
 *   against the report's findings (every finding id it names is one of the report's);
 * - the summary (`DriftSummary`) is the small part the portfolio lists and the digest reads;
 * - `subjects` names, in words, what each warning is about.
 */
import type { Engagement, EngagementStatus } from './engagement.js';
import type { EngagementEvent } from './events.js';
import type { KickoffAnswer } from './kickoff.js';
import {
  DIMENSIONS, evaluate, scoreHistory, upcoming,
  type Deduction, type Dimension, type DimensionScores, type DriftReport, type Warning,
} from './drift/index.js';

/** One point of the chart: the score then, and what moved it since the previous point. */
export interface HistoryPoint {
  at: string;
  score: number;
  dimensions: DimensionScores;
  /** Per finding, the points it takes now minus what it took at the previous point (≠ 0). */
  moves: Deduction[];
}

export type DimensionCounts = Record<Dimension, number>;

/** The few facts about an engagement's drift a list needs. */
export interface DriftSummary {
  engagementId: string;
  title: string;
  clientName: string;
  managerId: string;
  managerName: string;
  managerEmail: string;
  status: EngagementStatus;
  /** When the snapshot was computed. */
  at: string;
  score: number;
  dimensions: DimensionScores;
  /** Open findings per dimension. */
  openFindings: DimensionCounts;
  /** All findings (open and closed) per dimension. */
  findings: DimensionCounts;
  /** The earliest deadline among the warnings, if any promise is pending. */
  nextDeadline?: string;
}

export interface DriftSnapshot {
  summary: DriftSummary;
  report: DriftReport;
  history: HistoryPoint[];
  warnings: Warning[];
  /** What each warning's subject is, in words: a milestone's title, a question, a request. */
  subjects: Record<string, string>;
}

/** Longest label kept for a subject (a question can be long; the label only names it). */
const SUBJECT_LABEL_MAX = 140;
const shortened = (text: string) => (text.length > SUBJECT_LABEL_MAX ? `${text.slice(0, SUBJECT_LABEL_MAX - 1)}…` : text);

function subjectsOf(engagement: Engagement, events: readonly EngagementEvent[], warnings: readonly Warning[]): Record<string, string> {
  const wanted = new Set(warnings.map((w) => w.subject));
  const subjects: Record<string, string> = {};
  const name = (id: string, label: string) => { if (wanted.has(id)) subjects[id] = shortened(label.replace(/\s+/g, ' ').trim()); };
  name(engagement.id, engagement.title);
  for (const m of engagement.milestones) name(m.id, m.title);
  for (const e of events) {
    if (e.type === 'client-question') name(e.questionId, e.text);
    if (e.type === 'scope-request-recorded') name(e.scopeRequestId, e.summary);
  }
  return subjects;
}

const counts = (): DimensionCounts => ({ process: 0, pace: 0, channels: 0, outcome: 0, scope: 0 });

/** The moments the score moved, each with what moved it. */
export function chartOf(points: ReturnType<typeof scoreHistory>): HistoryPoint[] {
  const chart: HistoryPoint[] = [];
  /** The deductions at the last point kept: moves are measured from there. */
  let before = new Map<string, Deduction>();
  points.forEach((point, index) => {
    const previous = chart[chart.length - 1];
    const moved = !previous || previous.score !== point.score || DIMENSIONS.some((dim) => previous.dimensions[dim] !== point.dimensions[dim]);
    if (!moved && index !== points.length - 1) return;
    const now = new Map(point.deductions.map((d) => [d.findingId, d]));
    const moves: Deduction[] = [];
    for (const [id, d] of now) {
      const delta = d.points - (before.get(id)?.points ?? 0);
      if (delta !== 0) moves.push({ findingId: id, dimension: d.dimension, points: delta });
    }
    for (const [id, d] of before) if (!now.has(id)) moves.push({ findingId: id, dimension: d.dimension, points: -d.points });
    before = now;
    chart.push({ at: point.at, score: point.score, dimensions: { ...point.dimensions }, moves });
  });
  return chart;
}

export function driftSnapshot(engagement: Engagement, answers: readonly KickoffAnswer[], events: readonly EngagementEvent[], now: Date): DriftSnapshot {
  const input = { engagement, answers, events, now };
  const report = evaluate(input);
  const warnings = upcoming(input);
  const openFindings = counts();
  const findings = counts();
  for (const f of report.findings) {
    findings[f.dimension] += 1;
    if (f.open) openFindings[f.dimension] += 1;
  }
  const nextDeadline = warnings[0]?.deadline;
  return {
    summary: {
      engagementId: engagement.id,
      title: engagement.title,
      clientName: engagement.client.name,
      managerId: engagement.manager.id,
      managerName: engagement.manager.name,
      managerEmail: engagement.manager.email,
      status: engagement.status,
      at: report.at,
      score: report.score,
      dimensions: report.dimensions,
      openFindings,
      findings,
      ...(nextDeadline ? { nextDeadline } : {}),
    },
    report,
    history: chartOf(scoreHistory(input)),
    warnings,
    subjects: subjectsOf(engagement, events, warnings),
  };
}
