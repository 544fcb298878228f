/**
 * The client's terms over time: which version of their expectations was in force at any
 * instant, and when a promise measured against those terms first broke.
 *
 * Contract: a version applies from its `submittedAt` until the next one; before the first
 * there are no terms and nothing can drift. Versions submitted after "now" do not exist yet.
 * A threshold that depends on the terms is crossed at the first instant t at which t is past
 * the threshold computed with the terms in force at t, so a finding always cites the version
 * the client had stated when the promise broke, and never one stated later.
 */
import type { CommunicationKind, Expectations } from '../expectations.js';
import type { KickoffAnswer } from '../kickoff.js';
import { instantMs } from './instants.js';
import { clockMs } from '../zoned-time.js';
import type { Citation, CitationValue } from './types.js';

export interface Terms {
  version: number;
  statedAt: string;
  /** When this version took effect, in ms. */
  from: number;
  expectations: Expectations;
  /** The working hours as ms since local midnight, read once: every contact is checked against them. */
  workingDay: { startMs: number; endMs: number };
  /** This version's citations, each made once and shared by every finding and warning citing it. */
  citations: Map<CitedField, Citation>;
}

/** The fields a finding can cite, each read from one version of the expectations. */
const CITABLE = {
  'process.workingHours.start': (e) => e.process.workingHours.start,
  'process.workingHours.end': (e) => e.process.workingHours.end,
  'process.workingHours.days': (e) => e.process.workingHours.days,
  'process.workingHours.timeZone': (e) => e.process.workingHours.timeZone,
  'pace.updateCadenceDays': (e) => e.pace.updateCadenceDays,
  'pace.maxSilenceDays': (e) => e.pace.maxSilenceDays,
  'pace.responseTimeHours': (e) => e.pace.responseTimeHours,
  'pace.slipNoticeDays': (e) => e.pace.slipNoticeDays,
  'pace.dueDateToleranceDays': (e) => e.pace.dueDateToleranceDays,
  'channels.regular': (e) => e.channels.regular,
  'channels.informational': (e) => e.channels.informational,
  'channels.emergency': (e) => e.channels.emergency,
  'outcome.businessResult': (e) => e.outcome.businessResult,
  'outcome.successSignal': (e) => e.outcome.successSignal,
  'outcome.confirmationWindowDays': (e) => e.outcome.confirmationWindowDays,
  'scope.bonusUpToHours': (e) => e.scope.bonusUpToHours,
  'scope.largerRequests': (e) => e.scope.largerRequests,
} satisfies Record<string, (e: Expectations) => CitationValue>;

export type CitedField = keyof typeof CITABLE;

/** The field in which the client chose the channel for each kind of communication. */
export const CHANNEL_FIELD = {
  regular: 'channels.regular', informational: 'channels.informational', emergency: 'channels.emergency',
} as const satisfies Record<CommunicationKind, CitedField>;

export function cite(terms: Terms, field: CitedField): Citation {
  let citation = terms.citations.get(field);
  if (!citation) {
    citation = { field, value: CITABLE[field](terms.expectations), version: terms.version, statedAt: terms.statedAt };
    terms.citations.set(field, citation);
  }
  return citation;
}

export interface Crossing {
  at: number;
  terms: Terms;
  /** The threshold under those terms (earlier than `at` when new terms made it overdue at once). */
  threshold: number;
}

/** A deadline set by one version of the terms for one subject (a due date, the moment a wait began). */
export type Threshold<A> = (terms: Terms, anchor: A) => number;

export interface Timeline {
  versions: readonly Terms[];
  /** When the client first stated expectations. */
  agreedAt: number;
  at(ms: number): Terms | undefined;
  /**
   * The first instant in [from, until) past `threshold(terms in force, anchor)`, or nothing
   * when the promise held until `until` (a threshold reached exactly at `until` still held).
   */
  crossing<A>(from: number, until: number, threshold: Threshold<A>, anchor: A): Crossing | undefined;
  /** The parts of [from, until) during which the threshold was past: for measuring how far over. */
  pastThreshold<A>(from: number, until: number, threshold: Threshold<A>, anchor: A): Array<[number, number]>;
}

export function timelineOf(answers: readonly KickoffAnswer[], now: number): Timeline | undefined {
  const versions: Terms[] = answers
    .map((a): Terms => ({
      version: a.version, statedAt: a.submittedAt, from: instantMs(a.submittedAt), expectations: a.expectations,
      workingDay: { startMs: clockMs(a.expectations.process.workingHours.start), endMs: clockMs(a.expectations.process.workingHours.end) },
      citations: new Map(),
    }))
    .filter((t) => t.from <= now)
    .sort((a, b) => a.from - b.from || a.version - b.version);
  const first = versions[0];
  if (!first) return undefined;

  const indexAt = (ms: number): number => {
    let low = 0;
    let high = versions.length - 1;
    if (ms < first.from) return -1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((versions[mid] as Terms).from <= ms) low = mid;
      else high = mid - 1;
    }
    return low;
  };

  // Each version's stretch of [from, until) is [max(from, its start), min(until, the next start)).
  // Plain loops below, not callbacks: this runs for every gap, question and delivery.
  const endOf = (i: number, until: number) => Math.min(until, versions[i + 1]?.from ?? Number.POSITIVE_INFINITY);

  return {
    versions,
    agreedAt: first.from,
    at: (ms) => versions[indexAt(ms)],
    crossing(from, until, threshold, anchor) {
      for (let i = Math.max(0, indexAt(from)); i < versions.length; i += 1) {
        const terms = versions[i] as Terms;
        const start = Math.max(from, terms.from);
        if (start >= until) return undefined;
        const limit = threshold(terms, anchor);
        const at = Math.max(limit, start);
        if (at < endOf(i, until)) return { at, terms, threshold: limit };
      }
      return undefined;
    },
    pastThreshold(from, until, threshold, anchor) {
      const parts: Array<[number, number]> = [];
      for (let i = Math.max(0, indexAt(from)); i < versions.length; i += 1) {
        const terms = versions[i] as Terms;
        const start = Math.max(from, terms.from);
        if (start >= until) break;
        const past = Math.max(threshold(terms, anchor), start);
        const end = endOf(i, until);
        if (past < end) parts.push([past, end]);
      }
      return parts;
    },
  };
}
