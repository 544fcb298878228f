/**
 * Properties of the drift engine over generated engagements: random expectations (zones with
 * and without DST, any working week), up to three versions, milestones, and logs of every event
 * type with joined message, question and request ids. Whatever the input: scores stay within
 * 0–100 and are traced to the point; the order of the log changes nothing; an informational
 * touchpoint never adds a silence; every citation is the client's own word in a version that
 * was in force during the finding; every piece of evidence is an event of the log; the history
 * ends at the report. Runs are bounded so the file takes seconds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagementSchema, type Engagement } from '../../functions/domain/engagement.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { CHANNELS, LARGER_REQUEST_HANDLING, WEEKDAYS, expectationsSchema } from '../../functions/domain/expectations.js';
import { kickoffAnswerSchema, type KickoffAnswer } from '../../functions/domain/kickoff.js';
import { DIMENSIONS, evaluate, scoreHistory, upcoming, type DriftInput } from '../../functions/domain/drift/index.js';

const RUNS = { numRuns: 200 };
const MINUTE = 60_000;
const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T00:00:00Z');
const ENGAGEMENT = 'property-engagement';

const instant = (fromDays: number, toDays: number) =>
  fc.integer({ min: fromDays * 1440, max: toDays * 1440 }).map((m) => new Date(T0 + m * MINUTE).toISOString());
const date = fc.integer({ min: -5, max: 70 }).map((d) => new Date(T0 + d * DAY).toISOString().slice(0, 10));

const expectations = fc.record({
  timeZone: fc.constantFrom('Europe/Berlin', 'America/New_York', 'America/Santiago', 'Asia/Tokyo', 'UTC'),
  start: fc.constantFrom('07:30', '09:00', '10:00'),
  end: fc.constantFrom('17:00', '18:00', '20:15'),
  days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
  cadence: fc.integer({ min: 1, max: 10 }),
  beyondCadence: fc.integer({ min: 0, max: 10 }),
  response: fc.integer({ min: 1, max: 72 }),
  notice: fc.integer({ min: 0, max: 7 }),
  tolerance: fc.integer({ min: 0, max: 4 }),
  regular: fc.constantFrom(...CHANNELS),
  informational: fc.constantFrom(...CHANNELS),
  emergency: fc.constantFrom(...CHANNELS),
  window: fc.integer({ min: 1, max: 10 }),
  bonus: fc.integer({ min: 0, max: 8 }),
  larger: fc.constantFrom(...LARGER_REQUEST_HANDLING),
}).map((r) => expectationsSchema.parse({
  process: {
    involvement: 'informed', milestoneApprovalRequired: true, decisionMaker: 'Maria',
    workingHours: { start: r.start, end: r.end, days: r.days, timeZone: r.timeZone },
  },
  pace: {
    updateCadenceDays: r.cadence, maxSilenceDays: r.cadence + r.beyondCadence, responseTimeHours: r.response,
    slipNoticeDays: r.notice, dueDateToleranceDays: r.tolerance,
  },
  channels: { regular: r.regular, informational: r.informational, emergency: r.emergency },
  outcome: { businessResult: 'More cake orders', successSignal: 'Orders double', confirmationWindowDays: r.window },
  scope: { bonusUpToHours: r.bonus, largerRequests: r.larger, alwaysDeclined: '' },
}));

const answers = fc.array(fc.tuple(expectations, fc.integer({ min: -2 * 1440, max: 40 * 1440 })), { minLength: 1, maxLength: 3 })
  .map((versions) => [...versions]
    .sort((a, b) => a[1] - b[1])
    .map(([e, minutes], i): KickoffAnswer => kickoffAnswerSchema.parse({
      engagementId: ENGAGEMENT, version: i + 1, round: i, contactEmail: 'maria@example.com', expectations: e,
      submittedAt: new Date(T0 + minutes * MINUTE).toISOString(),
    })));

const engagement = fc.array(date, { minLength: 1, maxLength: 3 }).map((dues): Engagement => engagementSchema.parse({
  id: ENGAGEMENT, title: 'Relaunch', client: { name: 'Maria', email: 'maria@example.com' },
  manager: { id: 'mgr', email: 'mgr@agency.example', name: 'Alice' }, locale: 'en',
  milestones: dues.map((due, i) => ({ id: `m${i + 1}`, title: `Milestone ${i + 1}`, due })),
  kickoff: { reminderEverySeconds: 3600, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
  status: 'expectations-agreed', expectationsVersion: 1, createdAt: '2026-02-20T00:00:00Z',
}));

const kind = fc.constantFrom('regular', 'informational', 'emergency');
const milestone = fc.constantFrom('m1', 'm2', 'm3');
const messageId = fc.constantFrom('msg-1', 'msg-2', 'msg-3', 'msg-4', 'msg-5');
const question = fc.constantFrom('q1', 'q2');
const request = fc.constantFrom('r1', 'r2');
const decision = fc.constantFrom('bonus', 'extra-pay', 'deadline-shift', 'decline');

// Emails, their outcomes and contacts are what most logs are made of: weighted up.
const eventFields = fc.oneof(
  {
    arbitrary: fc.record({
      type: fc.constant('email-sent'), purpose: fc.constantFrom('status-update', 'checkpoint-note', 'confirmation-request', 'what-we-heard', 'manager-alert'),
      recipient: fc.constantFrom('client', 'client', 'manager'), to: fc.constant('maria@example.com'), messageId, kind, channel: fc.constant('email'),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ type: fc.constant('email-outcome'), messageId, outcome: fc.constantFrom('delivered', 'bounced', 'complained', 'rejected', 'opened') }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('touchpoint-recorded'), kind, channel: fc.constantFrom(...CHANNELS), summary: fc.constant('Call'), by: fc.constant('mgr') }), weight: 2 },
  fc.record({ type: fc.constant('milestone-delivered'), milestoneId: milestone, summary: fc.constant('Files') }),
  fc.record({ type: fc.constant('outcome-confirmed'), milestoneId: milestone }),
  fc.record({ type: fc.constant('outcome-rejected'), milestoneId: milestone, reason: fc.constantFrom('not-received', 'not-what-i-needed') }),
  fc.record({ type: fc.constant('deadline-shifted'), milestoneId: milestone, previousDue: date, newDue: date, reason: fc.constant('Photos late') }),
  fc.record({ type: fc.constant('client-question'), questionId: question, text: fc.constant('When?') }),
  fc.record({ type: fc.constant('question-answered'), questionId: question, by: fc.constant('mgr') }),
  fc.record({ type: fc.constant('scope-request-recorded'), scopeRequestId: request, summary: fc.constant('Banner'), effortHours: fc.integer({ min: 0, max: 20 }), askedBy: fc.constant('Maria') }),
  fc.record({ type: fc.constant('scope-decision-recorded'), scopeRequestId: request, decision, proposed: decision, overrideReason: fc.option(fc.constant('Goodwill'), { nil: undefined }) }),
  fc.record({ type: fc.constant('scope-decision-announced'), scopeRequestId: request, asBonus: fc.boolean() }),
);

const events = fc.array(fc.tuple(eventFields, instant(-3, 65)), { maxLength: 40, size: 'max' })
  .map((list) => list.map(([fields, at], i): EngagementEvent => engagementEventSchema.parse(
    Object.fromEntries(Object.entries({ id: `e${i + 1}`, engagementId: ENGAGEMENT, at, ...fields }).filter(([, v]) => v !== undefined)),
  )));

const driftInput = fc.record({ engagement, answers, events, now: instant(0, 70).map((at) => new Date(at)) })
  .map((r): DriftInput => r);

/** The value at a dotted path of a version's expectations, read without the engine's help. */
const valueAt = (root: unknown, path: string) =>
  path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);

describe('drift engine properties', () => {
  it('keeps every score within 0–100, and traces each dimension\'s loss to its deductions exactly', () => {
    fc.assert(fc.property(driftInput, (input) => {
      const report = evaluate(input);
      for (const dimension of DIMENSIONS) {
        const score = report.dimensions[dimension];
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        const lost = report.deductions.filter((d) => d.dimension === dimension).reduce((sum, d) => sum + d.points, 0);
        expect(lost).toBe(100 - score);
      }
      expect(report.score).toBe(Math.round(DIMENSIONS.reduce((sum, d) => sum + report.dimensions[d], 0) / 5));
      expect(report.deductions.every((d) => d.points > 0 && report.findings.some((f) => f.id === d.findingId && f.dimension === d.dimension))).toBe(true);
      expect(new Set(report.findings.map((f) => f.id)).size).toBe(report.findings.length);
    }), RUNS);
  });

  it('gives the same report, history and warnings whatever the order of events and answers', () => {
    fc.assert(fc.property(driftInput, fc.array(fc.double({ noNaN: true }), { minLength: 45, maxLength: 45 }), (input, keys) => {
      const shuffle = <T>(list: readonly T[]) => list.map((item, i) => ({ item, key: keys[i % keys.length] as number, i }))
        .sort((a, b) => a.key - b.key || b.i - a.i).map((x) => x.item);
      const shuffled = { ...input, events: shuffle(input.events), answers: shuffle(input.answers) };
      expect(evaluate(shuffled)).toEqual(evaluate(input));
      expect(scoreHistory(shuffled)).toEqual(scoreHistory(input));
      expect(upcoming(shuffled)).toEqual(upcoming(input));
    }), RUNS);
  });

  it('never adds a silence, nor lowers the pace score, when an informational email reaches the client', () => {
    fc.assert(fc.property(driftInput, instant(-3, 70), (input, at) => {
      const touch = engagementEventSchema.parse({
        id: 'added', engagementId: ENGAGEMENT, at, type: 'email-sent', purpose: 'status-update', recipient: 'client',
        to: 'maria@example.com', messageId: 'added-message', kind: 'informational', channel: 'email',
      });
      const before = evaluate(input);
      const after = evaluate({ ...input, events: [...input.events, touch] });
      const silencesBefore = before.findings.filter((f) => f.kind === 'silence');
      for (const silence of after.findings.filter((f) => f.kind === 'silence')) {
        // Either the same silence (shorter or equal), or the later part of a silence the
        // touchpoint split: then a silence was already running when this one started.
        const same = silencesBefore.some((f) => f.id === silence.id);
        const within = silence.id === `silence:${new Date(at).toISOString()}`
          && silencesBefore.some((f) => f.startedAt <= silence.startedAt && (f.open || (f.closedAt as string) >= silence.startedAt));
        expect(same || within, silence.id).toBe(true);
      }
      expect(after.dimensions.pace).toBeGreaterThanOrEqual(before.dimensions.pace);
    }), RUNS);
  });

  it('cites only what the client said, in a version in force during the finding, with evidence from the log', () => {
    fc.assert(fc.property(driftInput, (input) => {
      const report = evaluate(input);
      const ids = new Set(input.events.map((e) => e.id));
      const versions = [...input.answers].sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
      for (const finding of report.findings) {
        expect(finding.cites.length).toBeGreaterThan(0);
        for (const citation of finding.cites) {
          const index = versions.findIndex((a) => a.version === citation.version);
          const version = versions[index] as KickoffAnswer;
          expect(version.submittedAt).toBe(citation.statedAt);
          expect(valueAt(version.expectations, citation.field)).toEqual(citation.value);
          const from = Date.parse(version.submittedAt);
          const until = versions[index + 1] ? Date.parse((versions[index + 1] as KickoffAnswer).submittedAt) : Number.POSITIVE_INFINITY;
          const end = Date.parse(finding.closedAt ?? report.at);
          expect(from <= end && until > Date.parse(finding.startedAt), `${finding.id} cites v${citation.version}`).toBe(true);
        }
        for (const evidence of finding.evidence) if (evidence.eventId !== undefined) expect(ids.has(evidence.eventId)).toBe(true);
        expect(finding.startedAt <= report.at).toBe(true);
        if (finding.closedAt) expect(finding.startedAt <= finding.closedAt && finding.closedAt <= report.at).toBe(true);
      }
    }), RUNS);
  });

  it('ends the history with the report, in time order, every point within 0–100', () => {
    fc.assert(fc.property(driftInput, (input) => {
      const history = scoreHistory(input);
      const report = evaluate(input);
      expect(history.at(-1)).toEqual({ at: report.at, score: report.score, dimensions: report.dimensions, deductions: report.deductions });
      for (let i = 1; i < history.length; i += 1) expect((history[i - 1]?.at ?? '') < (history[i]?.at ?? '')).toBe(true);
      for (const point of history) for (const dimension of DIMENSIONS) {
        expect(point.dimensions[dimension]).toBeGreaterThanOrEqual(0);
        expect(point.deductions.filter((d) => d.dimension === dimension).reduce((s, d) => s + d.points, 0)).toBe(100 - point.dimensions[dimension]);
      }
    }), RUNS);
  });

  it('warns only of deadlines still ahead, soonest first', () => {
    fc.assert(fc.property(driftInput, (input) => {
      const warnings = upcoming(input);
      const now = input.now.toISOString();
      expect(warnings.every((w) => w.deadline > now)).toBe(true);
      expect(warnings.map((w) => w.deadline)).toEqual([...warnings.map((w) => w.deadline)].sort());
    }), RUNS);
  });
});
