/**
 * The drift engine's vocabulary: what goes in (an engagement, every version of the client's
 * expectations, the event log, "now") and what comes out (findings, deductions, scores, a
 * score history and warnings before a promise breaks).
 *
 * Contract: everything that comes out is plain data (JSON-safe). Findings explain themselves
 * as a key with parameters, not prose, so each page renders them in the reader's language;
 * every finding cites the client's own words (field, value, version, when they said it) and
 * the events that break them.
 */
import type { Engagement } from '../engagement.js';
import type { EngagementEvent } from '../events.js';
import type { KickoffAnswer } from '../kickoff.js';
import type { CitedField } from './terms.js';

export const DIMENSIONS = ['process', 'pace', 'channels', 'outcome', 'scope'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_KINDS = [
  'late-delivery',
  'unannounced-slip',
  'silence',
  'wrong-channel',
  'outside-hours',
  'outcome-unconfirmed',
  'outcome-rejected',
  'not-received',
  'scope-drift',
  'slow-response',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Which sub-score each kind of finding lowers. */
export const DIMENSION_OF: Record<FindingKind, Dimension> = {
  'late-delivery': 'pace',
  'unannounced-slip': 'pace',
  silence: 'pace',
  'wrong-channel': 'channels',
  'outside-hours': 'process',
  'outcome-unconfirmed': 'outcome',
  'outcome-rejected': 'outcome',
  'not-received': 'channels',
  'scope-drift': 'scope',
  'slow-response': 'pace',
};

export interface DriftInput {
  engagement: Engagement;
  /** Every version of the client's expectations, in any order. */
  answers: readonly KickoffAnswer[];
  /** The engagement's log, in any order; the result does not depend on it. Ids are unique. */
  events: readonly EngagementEvent[];
  now: Date;
}

export type CitationValue = string | number | boolean | readonly string[];

/** The client's own words: one field of one version of their expectations. */
export interface Citation {
  field: CitedField;
  value: CitationValue;
  version: number;
  statedAt: string;
}

/** One fact behind a finding: an event from the log, or a moment it implies (a due date passing). */
export interface Evidence {
  eventId?: string;
  at: string;
  /** The event's type, or the name of the moment (`due-date-passed`, `expectations-agreed`…). */
  what: string;
}

export const EXPLANATION_KEYS = [
  'late-delivery.delivered',
  'late-delivery.undelivered',
  'unannounced-slip.late-notice',
  'unannounced-slip.no-notice',
  'silence.cadence',
  'silence.max',
  'wrong-channel',
  'outside-hours.hours',
  'outside-hours.day-off',
  'outcome-unconfirmed',
  'outcome-rejected.not-received',
  'outcome-rejected.not-what-i-needed',
  'not-received',
  'scope-drift.undecided',
  'scope-drift.override',
  'scope-drift.bonus-unannounced',
  'scope-drift.bonus-not-announced-as-bonus',
  'slow-response',
  'no-expectations',
] as const;
export type ExplanationKey = (typeof EXPLANATION_KEYS)[number];

/** What a page needs to say it in any language: a message key and its values. */
export interface Explanation {
  key: ExplanationKey;
  params: Record<string, string | number>;
}

export interface Finding {
  /** Derived from the kind and the subject, so a finding keeps its id as events arrive. */
  id: string;
  kind: FindingKind;
  dimension: Dimension;
  severity: Severity;
  cites: Citation[];
  evidence: Evidence[];
  startedAt: string;
  open: boolean;
  closedAt?: string;
  explanation: Explanation;
}

/** Points one finding takes off one sub-score: the trace behind every number. */
export interface Deduction {
  findingId: string;
  dimension: Dimension;
  points: number;
}

export type DimensionScores = Record<Dimension, number>;

export interface DriftReport {
  engagementId: string;
  at: string;
  /** The version of the expectations in force at `at`, if the client has stated any yet. */
  expectationsVersion?: number;
  /** The overall alignment score, 0–100: the rounded mean of the five sub-scores. */
  score: number;
  dimensions: DimensionScores;
  deductions: Deduction[];
  /** Oldest first (by start, then id). */
  findings: Finding[];
  /** Why the report is empty, when it is. */
  note?: Explanation;
}

/** The score at one moment of the engagement, with the deductions in force then. */
export interface ScorePoint {
  at: string;
  score: number;
  dimensions: DimensionScores;
  deductions: readonly Deduction[];
}

export const WARNING_KINDS = [
  'informational-update',
  'longest-silence',
  'slip-notice',
  'delivery-due',
  'confirmation-window',
  'response-due',
  'scope-decision',
  'bonus-announcement',
] as const;
export type WarningKind = (typeof WARNING_KINDS)[number];

/** A promise that has not broken yet, and the moment it will unless something happens. */
export interface Warning {
  kind: WarningKind;
  /** What it is about: a milestone, question or scope request id, or the decision's event id. */
  subject: string;
  deadline: string;
  cites: Citation[];
}
