/**
 * A finding as the rules build it: the public `Finding` plus what it costs over time, which
 * the score at any moment (and so the score history) is computed from.
 *
 * Contract: a finding's id is its kind and its subject, nothing that changes as later events
 * arrive. Its severity can rise over time (steps); its cost follows its severity, except where
 * a rule measures how far over a limit it went (silence). All instants are at or before "now".
 */
import type { Timed } from './log.js';
import { DIMENSION_OF, type Citation, type Evidence, type Explanation, type Finding, type FindingKind, type Severity } from './types.js';

/** Points a finding of each severity takes off its dimension. */
export const SEVERITY_POINTS: Record<Severity, number> = { low: 5, medium: 10, high: 20 };

export interface CostStep {
  at: number;
  points: number;
}

export interface Drift {
  finding: Finding;
  startedMs: number;
  closedMs?: number;
  /** Its cost from each instant on, in time order; the first step is at its start. */
  costs: CostStep[];
}

export const iso = (ms: number): string => new Date(ms).toISOString();

export const eventEvidence = (t: Timed): Evidence => ({ eventId: t.e.id, at: t.e.at, what: t.e.type });
export const momentEvidence = (ms: number, what: string): Evidence => ({ at: iso(ms), what });

export function drift(args: {
  kind: FindingKind;
  subject: string;
  /** Severity from each instant on; the first is the start. */
  steps: ReadonlyArray<{ at: number; severity: Severity }>;
  closedAt?: number;
  cites: Citation[];
  evidence: Evidence[];
  explanation: Explanation;
  /** Cost over time when it is not the severity's points. */
  costs?: CostStep[];
}): Drift {
  const first = args.steps[0] as { at: number; severity: Severity };
  const last = args.steps[args.steps.length - 1] as { at: number; severity: Severity };
  const startedAt = iso(first.at);
  const finding: Finding = {
    id: `${args.kind}:${args.subject}`,
    kind: args.kind,
    dimension: DIMENSION_OF[args.kind],
    severity: last.severity,
    cites: args.cites,
    evidence: args.evidence,
    startedAt,
    open: args.closedAt === undefined,
    explanation: args.explanation,
  };
  // Formatting instants is a large part of building a finding; one that closes as it starts shares it.
  if (args.closedAt !== undefined) finding.closedAt = args.closedAt === first.at ? startedAt : iso(args.closedAt);
  const costs = args.costs ?? args.steps.map((s) => ({ at: s.at, points: SEVERITY_POINTS[s.severity] }));
  const made: Drift = { finding, startedMs: first.at, costs };
  if (args.closedAt !== undefined) made.closedMs = args.closedAt;
  return made;
}
