/**
 * Fixtures for the drift engine's tests, built through the domain's zod schemas so every value
 * is one the system could really hold: expectations (varied from a valid base), answer
 * versions, an engagement with milestones, and an event log with readable ids.
 */
import { engagementSchema, type Engagement } from '../../../functions/domain/engagement.js';
import { engagementEventSchema, type EngagementEvent } from '../../../functions/domain/events.js';
import { expectationsSchema, type Expectations } from '../../../functions/domain/expectations.js';
import { kickoffAnswerSchema, type KickoffAnswer } from '../../../functions/domain/kickoff.js';
import type { DriftInput } from '../../../functions/domain/drift/index.js';
import { validExpectations } from '../../support/fixtures.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const ENGAGEMENT_ID = 'bakery-relaunch-2026';

type Sections = Omit<Expectations, 'process'> & { process: Omit<Expectations['process'], 'workingHours'> };
export interface ExpectationChanges {
  workingHours?: Partial<Expectations['process']['workingHours']>;
  pace?: Partial<Expectations['pace']>;
  channels?: Partial<Expectations['channels']>;
  outcome?: Partial<Expectations['outcome']>;
  scope?: Partial<Expectations['scope']>;
  process?: Partial<Sections['process']>;
}

/**
 * The valid base (Europe/Berlin, Mon–Fri 09:00–18:00; cadence 7, longest silence 10, response
 * 24 h, slip notice 5, tolerance 2 days; regular by meeting, informational by email,
 * emergencies by phone; 5-day confirmation window; bonus up to 4 h) with the given changes.
 */
export function expectations(changes: ExpectationChanges = {}): Expectations {
  const base = validExpectations();
  return expectationsSchema.parse({
    process: { ...base.process, ...changes.process, workingHours: { ...base.process.workingHours, ...changes.workingHours } },
    pace: { ...base.pace, ...changes.pace },
    channels: { ...base.channels, ...changes.channels },
    outcome: { ...base.outcome, ...changes.outcome },
    scope: { ...base.scope, ...changes.scope },
  });
}

export function answer(version: number, submittedAt: string, changes: ExpectationChanges = {}): KickoffAnswer {
  return kickoffAnswerSchema.parse({
    engagementId: ENGAGEMENT_ID, version, round: version - 1, contactEmail: 'maria@example.com',
    expectations: expectations(changes), submittedAt,
  });
}

export function engagement(milestones: Array<{ title?: string; due: string }> = [{ due: '2026-04-30' }]): Engagement {
  return engagementSchema.parse({
    id: ENGAGEMENT_ID,
    title: 'Bakery relaunch',
    client: { name: 'Maria Petrova', email: 'maria@example.com' },
    manager: { id: 'dev-alice', email: 'alice@agency.example', name: 'Alice' },
    locale: 'en',
    milestones: milestones.map((m, i) => ({ id: `m${i + 1}`, title: m.title ?? `Milestone ${i + 1}`, due: m.due })),
    kickoff: { reminderEverySeconds: 259200, maxReminders: 2, maxEscalations: 3, correctionWindowSeconds: 604800 },
    status: 'expectations-agreed',
    expectationsVersion: 1,
    createdAt: '2026-02-20T09:00:00Z',
  });
}

/** An event log under construction; each event gets the next id (`e1`, `e2`…) unless named. */
export class Log {
  readonly events: EngagementEvent[] = [];

  add(at: string, fields: Record<string, unknown>, id = `e${this.events.length + 1}`): EngagementEvent {
    const event = engagementEventSchema.parse({ id, engagementId: ENGAGEMENT_ID, at, ...fields });
    this.events.push(event);
    return event;
  }

  email(at: string, options: { kind?: string; purpose?: string; recipient?: string; messageId?: string; id?: string } = {}) {
    const id = options.id ?? `e${this.events.length + 1}`;
    return this.add(at, {
      type: 'email-sent', purpose: options.purpose ?? 'status-update', recipient: options.recipient ?? 'client',
      to: 'maria@example.com', messageId: options.messageId ?? `msg-${id}`, kind: options.kind ?? 'informational', channel: 'email',
    }, id);
  }

  outcome(at: string, messageId: string, outcome: 'delivered' | 'bounced' | 'complained' | 'rejected' | 'opened') {
    return this.add(at, { type: 'email-outcome', messageId, outcome });
  }

  touchpoint(at: string, kind = 'informational', channel = 'email', id?: string) {
    return this.add(at, { type: 'touchpoint-recorded', kind, channel, summary: 'Status call', by: 'dev-alice' }, id);
  }

  delivered(at: string, milestoneId = 'm1') {
    return this.add(at, { type: 'milestone-delivered', milestoneId, summary: 'Shared the Figma file' });
  }

  confirmed(at: string, milestoneId = 'm1') {
    return this.add(at, { type: 'outcome-confirmed', milestoneId });
  }

  rejected(at: string, milestoneId = 'm1', reason: 'not-received' | 'not-what-i-needed' = 'not-what-i-needed') {
    return this.add(at, { type: 'outcome-rejected', milestoneId, reason });
  }

  /** A due date moved: by the manager (`shiftId`), or by the client's choice on a scope decision (`scopeRequestId`). */
  shifted(at: string, previousDue: string, newDue: string, milestoneId = 'm1', by: { shiftId?: string; scopeRequestId?: string } = {}) {
    return this.add(at, { type: 'deadline-shifted', milestoneId, previousDue, newDue, reason: 'Waiting for photos', ...by });
  }

  question(at: string, questionId = 'q1') {
    return this.add(at, { type: 'client-question', questionId, text: 'When do we see the menu page?' });
  }

  answered(at: string, questionId = 'q1') {
    return this.add(at, { type: 'question-answered', questionId, by: 'dev-alice' });
  }

  scopeRequest(at: string, scopeRequestId = 'r1', effortHours = 2) {
    return this.add(at, { type: 'scope-request-recorded', scopeRequestId, summary: 'A banner for Easter', effortHours, askedBy: 'Maria' });
  }

  scopeDecision(at: string, decision: string, options: { scopeRequestId?: string; proposed?: string; overrideReason?: string } = {}) {
    return this.add(at, {
      type: 'scope-decision-recorded', scopeRequestId: options.scopeRequestId ?? 'r1', decision, proposed: options.proposed ?? decision,
      ...(options.overrideReason === undefined ? {} : { overrideReason: options.overrideReason }),
    });
  }

  announced(at: string, asBonus: boolean, scopeRequestId = 'r1') {
    return this.add(at, { type: 'scope-decision-announced', scopeRequestId, asBonus });
  }
}

/** Agreed on Monday 2 March 2026, 10:00 UTC (11:00 in Berlin): the default first answer. */
export const AGREED = '2026-03-02T10:00:00.000Z';

export function input(args: {
  now: string;
  events?: EngagementEvent[];
  answers?: KickoffAnswer[];
  milestones?: Array<{ title?: string; due: string }>;
}): DriftInput {
  return {
    engagement: engagement(args.milestones),
    answers: args.answers ?? [answer(1, AGREED)],
    events: args.events ?? [],
    now: new Date(args.now),
  };
}

/** `AGREED` plus a duration, as an ISO instant. */
export const after = (ms: number, from = AGREED): string => new Date(Date.parse(from) + ms).toISOString();
