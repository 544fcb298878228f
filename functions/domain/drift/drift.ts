/**
 * A finding as the rules build it: the public `Finding` plus what it costs over time, which
 * the score at any moment (and so the score history) is computed from.
 *
 * Contract: a finding's id is its kind and its subject, nothing that changes as later events
 * arrive. Its severity can rise over time (steps); its cost follows its severity, except where
 * a rule measures how far over a limit it went (silence). All instants are at or before "now".
 */
import { iso, isoOf } from './instants.js';
import type { Timed } from './log.js';
import { DIMENSION_OF, type Citation, type Evidence, type Explanation, type Finding, type FindingKind, type Severity } from './types.js';

/** Points a finding of each severity takes off its dimension. */
export const SEVERITY_POINTS: Record<Severity, number> = { low: 5, medium: 10, high: 20 };

export interface CostStep {
  readonly at: number;
  readonly points: number;
}

export interface Drift {
  readonly finding: Finding;
  readonly startedMs: number;
  /** When it closed; undefined while it is open. */
  readonly closedMs: number | undefined;
  /** Its cost from each instant on, in time order; the first step is at its start. */
  readonly costs: readonly CostStep[];
}

// Classes, not literals, for what lives as long as an evaluation: see "Allocation" in index.ts.
class MadeDrift implements Drift {
  constructor(readonly finding: Finding, readonly startedMs: number, readonly closedMs: number | undefined, readonly costs: readonly CostStep[]) {}
}

class Cost implements CostStep {
  constructor(readonly at: number, readonly points: number) {}
}

export const costStep = (at: number, points: number): CostStep => new Cost(at, points);

export const eventEvidence = (t: Timed): Evidence => ({ eventId: t.e.id, at: t.e.at, what: t.e.type });
export const momentEvidence = (ms: number, what: string): Evidence => ({ at: iso(ms), what });

/** An instant in ms, or an event of the log (its instant), whose own ISO string a finding can reuse. */
export type Instant = number | Timed;

const msOf = (instant: Instant): number => (typeof instant === 'number' ? instant : instant.ms);
const isoOfInstant = (instant: Instant): string => (typeof instant === 'number' ? iso(instant) : isoOf(instant.e.at, instant.ms));

export function drift(args: {
  kind: FindingKind;
  subject: string;
  /** Severity from each instant on; the first is the start. */
  steps: ReadonlyArray<{ at: Instant; severity: Severity }>;
  /** When it closed (the event that closed it); undefined while it is open. */
  closedAt?: Instant | undefined;
  cites: readonly Citation[];
  evidence: readonly Evidence[];
  explanation: Explanation;
  /** Cost over time when it is not the severity's points. */
  costs?: readonly CostStep[];
}): Drift {
  const first = args.steps[0] as { at: Instant; severity: Severity };
  const last = args.steps[args.steps.length - 1] as { at: Instant; severity: Severity };
  const startedMs = msOf(first.at);
  const closedMs = args.closedAt === undefined ? undefined : msOf(args.closedAt);
  // Writing instants is a large part of building a finding: one that closes as it starts
  // shares the string, and one at an event reuses the event's own.
  const startedAt = isoOfInstant(first.at);
  const id = `${args.kind}:${args.subject}`;
  const dimension = DIMENSION_OF[args.kind];
  const severity = last.severity;
  // The finding outlives the rules, so it is made of copies (the citations are shared, made
  // once per version): the rules' literals, and `made`, are gone in a moment, and copies have
  // no allocation site (see "Allocation" in index.ts).
  const cites = args.cites.slice();
  const evidence = args.evidence.map((e) => ({ ...e }));
  const explanation = { ...args.explanation, params: { ...args.explanation.params } };
  const made: Finding = args.closedAt === undefined
    ? { id, kind: args.kind, dimension, severity, cites, evidence, startedAt, open: true, explanation }
    : {
      id, kind: args.kind, dimension, severity, cites, evidence, startedAt, open: false, explanation,
      closedAt: closedMs === startedMs ? startedAt : isoOfInstant(args.closedAt),
    };
  const finding: Finding = { ...made };
  const costs = args.costs ?? args.steps.map((s) => new Cost(msOf(s.at), SEVERITY_POINTS[s.severity]));
  return new MadeDrift(finding, startedMs, closedMs, costs);
}
