/**
 * The scope register: requests beyond the contract, each decided by the engagement's own rule
 * (or against it, with a written reason), announced to the client, and answered by them in one
 * click. Predictability over heroics: the same request gets the same decision whatever the mood.
 *
 * Contract (pure):
 * - `proposeDecision(rule, request)`: a request of a kind the client's rule always declines →
 *   decline; else effort within `bonusUpToHours` (inclusive; a limit of 0 means no bonus work
 *   at all, as the kickoff form tells the client) → bonus; else the rule's handling of larger
 *   requests (`client-chooses`, `extra-pay`, `deadline-shift` or `decline`).
 * - `checkDecision(...)`: the manager's decision, checked against the proposal and the
 *   engagement: a decision other than the proposal needs a written reason (and one that agrees
 *   with it takes none, so the drift report never reads a confirmation as an override); extra
 *   pay needs a price; a deadline shift needs a milestone and a later date. It returns the
 *   fields of the `scope-decision-recorded` event, or throws `InvalidInput` naming each field.
 * - `scopeRegister(...)`: every request of the log with its decision, announcement, reminder,
 *   the manager's alert and the client's answer, and its state: undecided → decided (not yet
 *   announced) → announced → reminded → awaiting the client (their window closed) / answered.
 *   The first record, decision, announcement and answer of a request count; a request is
 *   decided once (see `use-cases/scope-register.ts`).
 * - `answersFor(decision)`: what the client may answer: "noted" for a bonus or a decline; extra
 *   pay, a later date or withdrawing the request, as the decision offers.
 */
import { noticeProgress, noticeState, sendTimes, type NoticeProgress, type NoticeState } from './client-notices.js';
import { InvalidInput, type FieldIssue } from './errors.js';
import type { EngagementEvent, ScopeAnswer, ScopeDecision } from './events.js';
import type { ScopeRule } from './expectations.js';
import { checkNewDue, shiftedDue } from './deadline-shifts.js';
import type { MilestoneStatus } from './milestones.js';

/** Beyond this, an estimate is a project of its own, not a request. */
export const MAX_EFFORT_HOURS = 1000;

export interface RequestToDecide {
  effortHours: number;
  /** The manager marked it as of a kind the client's rule always declines. */
  ofDeclinedKind: boolean;
}

export function proposeDecision(rule: ScopeRule, request: RequestToDecide): ScopeDecision {
  if (request.ofDeclinedKind) return 'decline';
  if (rule.bonusUpToHours > 0 && request.effortHours <= rule.bonusUpToHours) return 'bonus';
  return rule.largerRequests;
}

/** Why the rule proposes what it does: which part of the client's rule applies. */
export type RuleReason = 'declined-kind' | 'within-bonus' | 'larger';

export function ruleReason(rule: ScopeRule, request: RequestToDecide): RuleReason {
  if (request.ofDeclinedKind) return 'declined-kind';
  return rule.bonusUpToHours > 0 && request.effortHours <= rule.bonusUpToHours ? 'within-bonus' : 'larger';
}

const offersPrice = (decision: ScopeDecision) => decision === 'extra-pay' || decision === 'client-chooses';
const offersShift = (decision: ScopeDecision) => decision === 'deadline-shift' || decision === 'client-chooses';

export function answersFor(decision: ScopeDecision): ScopeAnswer[] {
  switch (decision) {
    case 'bonus':
    case 'decline': return ['noted'];
    case 'extra-pay': return ['extra-pay', 'withdrawn'];
    case 'deadline-shift': return ['later-date', 'withdrawn'];
    case 'client-chooses': return ['extra-pay', 'later-date', 'withdrawn'];
  }
}

/**
 * What a manager decides, once the edge has parsed it (`decision` absent: confirm the
 * proposal). A later date is a new due date, or a number of days added to the one in force.
 */
export interface DecisionInput {
  decision?: ScopeDecision;
  overrideReason?: string;
  price?: string;
  shift?: { milestoneId: string; newDue: string } | { milestoneId: string; days: number };
}

export interface DecidedFields {
  decision: ScopeDecision;
  proposed: ScopeDecision;
  overrideReason?: string;
  price?: string;
  shiftMilestoneId?: string;
  shiftPreviousDue?: string;
  shiftNewDue?: string;
}

export function checkDecision(args: {
  proposed: ScopeDecision;
  input: DecisionInput;
  /** Where each milestone stands, for the later date a shift offers. */
  milestones: readonly MilestoneStatus[];
  /** Today where the client is (ISO date). */
  today: string;
}): DecidedFields {
  const { proposed, input } = args;
  const decision = input.decision ?? proposed;
  const issues: FieldIssue[] = [];
  let shiftTo: { status: MilestoneStatus; newDue: string } | undefined;
  if (decision !== proposed && !input.overrideReason) issues.push({ field: 'overrideReason', message: 'required to override the rule' });
  if (decision === proposed && input.overrideReason) issues.push({ field: 'overrideReason', message: 'only when overriding the rule' });
  if (offersPrice(decision) && !input.price) issues.push({ field: 'price', message: 'required for extra pay' });
  if (!offersPrice(decision) && input.price) issues.push({ field: 'price', message: 'only for extra pay' });
  if (offersShift(decision)) {
    if (!input.shift) {
      issues.push({ field: 'milestoneId', message: 'required for a deadline shift' });
    } else {
      const { shift } = input;
      const status = args.milestones.find((s) => s.milestone.id === shift.milestoneId);
      if (!status) {
        issues.push({ field: 'milestoneId', message: 'must be a milestone of this engagement' });
      } else {
        const newDue = 'days' in shift ? shiftedDue(status.due, shift.days) : shift.newDue;
        issues.push(...checkNewDue({ status, newDue, today: args.today }).map((i) => ('days' in shift && i.field === 'newDue' ? { ...i, field: 'shiftDays' } : i)));
        shiftTo = { status, newDue };
      }
    }
  } else if (input.shift) {
    issues.push({ field: 'milestoneId', message: 'only for a deadline shift' });
  }
  if (issues.length > 0) throw new InvalidInput(issues);
  return {
    decision,
    proposed,
    ...(decision !== proposed ? { overrideReason: input.overrideReason } : {}),
    ...(offersPrice(decision) ? { price: input.price } : {}),
    ...(shiftTo ? { shiftMilestoneId: shiftTo.status.milestone.id, shiftPreviousDue: shiftTo.status.due, shiftNewDue: shiftTo.newDue } : {}),
  };
}

/** Whether a decision posted again is the one that stands (a double click), field by field. */
export function sameDecision(standing: DecidedFields, posted: DecidedFields): boolean {
  const keys: Array<keyof DecidedFields> = ['decision', 'proposed', 'overrideReason', 'price', 'shiftMilestoneId', 'shiftPreviousDue', 'shiftNewDue'];
  return keys.every((k) => standing[k] === posted[k]);
}

export type ScopeRequestState = 'undecided' | 'decided' | NoticeState;

export interface ScopeRequestEntry {
  scopeRequestId: string;
  summary: string;
  effortHours: number;
  askedBy: string;
  /** When the client asked. */
  askedAt: string;
  ofDeclinedKind: boolean;
  decision?: DecidedFields & { decidedAt: string; by?: string };
  announcedAt?: string;
  /** Whether the announcement said it is a bonus. */
  asBonus?: boolean;
  progress: NoticeProgress;
  answer?: { answer: ScopeAnswer; at: string };
  state: ScopeRequestState;
}

const byTime = (a: EngagementEvent, b: EngagementEvent) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

/** The register of one engagement, oldest request first. `windowDays` is the client's confirmation window. */
export function scopeRegister(args: { events: readonly EngagementEvent[]; windowDays: number | undefined; now: Date }): ScopeRequestEntry[] {
  const entries = new Map<string, ScopeRequestEntry>();
  const ordered = [...args.events].sort(byTime);
  for (const e of ordered) {
    if (e.type !== 'scope-request-recorded' || entries.has(e.scopeRequestId)) continue;
    entries.set(e.scopeRequestId, {
      scopeRequestId: e.scopeRequestId, summary: e.summary, effortHours: e.effortHours, askedBy: e.askedBy, askedAt: e.at,
      ofDeclinedKind: e.ofDeclinedKind === true, progress: {}, state: 'undecided',
    });
  }
  for (const e of ordered) {
    if (e.type === 'scope-decision-recorded') {
      const entry = entries.get(e.scopeRequestId);
      if (!entry || entry.decision) continue;
      entry.decision = {
        decision: e.decision, proposed: e.proposed, decidedAt: e.at,
        ...(e.overrideReason !== undefined ? { overrideReason: e.overrideReason } : {}),
        ...(e.price !== undefined ? { price: e.price } : {}),
        ...(e.shiftMilestoneId !== undefined ? { shiftMilestoneId: e.shiftMilestoneId } : {}),
        ...(e.shiftPreviousDue !== undefined ? { shiftPreviousDue: e.shiftPreviousDue } : {}),
        ...(e.shiftNewDue !== undefined ? { shiftNewDue: e.shiftNewDue } : {}),
        ...(e.by !== undefined ? { by: e.by } : {}),
      };
    } else if (e.type === 'scope-decision-announced') {
      const entry = entries.get(e.scopeRequestId);
      if (!entry?.decision || entry.announcedAt) continue;
      entry.announcedAt = e.at;
      entry.asBonus = e.asBonus;
    } else if (e.type === 'scope-decision-answered') {
      const entry = entries.get(e.scopeRequestId);
      if (!entry?.decision || entry.answer) continue;
      entry.answer = { answer: e.answer, at: e.at };
    }
  }
  const sent = sendTimes(ordered);
  for (const entry of entries.values()) {
    entry.progress = noticeProgress({ kind: 'scope-decision', id: entry.scopeRequestId }, sent);
    entry.state = !entry.decision ? 'undecided'
      : !entry.announcedAt ? 'decided'
        : noticeState({ issuedAt: entry.announcedAt, answered: entry.answer !== undefined, progress: entry.progress, windowDays: args.windowDays, now: args.now });
  }
  return [...entries.values()];
}

/** The later date a decision offers, against the due date in force when it was decided, if it offers one. */
export function offeredShift(decision: DecidedFields): { milestoneId: string; previousDue: string; newDue: string } | undefined {
  const { shiftMilestoneId, shiftPreviousDue, shiftNewDue } = decision;
  return shiftMilestoneId && shiftPreviousDue && shiftNewDue ? { milestoneId: shiftMilestoneId, previousDue: shiftPreviousDue, newDue: shiftNewDue } : undefined;
}
