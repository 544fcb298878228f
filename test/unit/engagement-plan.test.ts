/**
 * Proves what the engagement workflow does next, from the log alone: confirmations first,
 * then checkpoints, then the informational update the cadence calls for, and otherwise how
 * long to wait.
 */
import { describe, expect, it } from 'vitest';
import { planEngagement } from '../../functions/domain/engagement.js';
import { checkpointResult, CONTINUE_AFTER_MS, MAX_WAIT_MS, planNextStep, type PlanInput } from '../../functions/domain/engagement-plan.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { validExpectations } from '../support/fixtures.js';

const DAY = 86_400_000;
const start = new Date('2026-03-02T10:00:00Z');
const engagement = planEngagement({
  input: {
    title: 'Relaunch', client: { name: 'Maria', email: 'maria@example.com' }, locale: 'en',
    milestones: [{ title: 'Design', due: '2026-03-20' }, { title: 'Launch', due: '2026-04-30' }],
  },
  manager: { id: 'mgr', email: 'm@agency.example', name: 'M' },
  id: 'abcdef12-3456', now: start,
  kickoff: { reminderEverySeconds: 3600, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
});

let n = 0;
function event(at: Date, fields: Record<string, unknown>): EngagementEvent {
  n += 1;
  return engagementEventSchema.parse({ id: `e${n}`, engagementId: engagement.id, at: at.toISOString(), ...fields });
}
const after = (days: number) => new Date(start.getTime() + days * DAY);
const sent = (days: number, purpose: string, ref?: string, kind = 'regular', messageId = `msg-${days}-${purpose}`) =>
  event(after(days), { type: 'email-sent', purpose, recipient: purpose.startsWith('manager') ? 'manager' : 'client', to: 'maria@example.com', messageId, kind, channel: 'email', ...(ref ? { ref } : {}) });
const delivered = (days: number, milestoneId = 'm1') => event(after(days), { type: 'milestone-delivered', milestoneId, summary: 'Figma file' });

function plan(days: number, events: EngagementEvent[], expectations = validExpectations()): ReturnType<typeof planNextStep> {
  const input: PlanInput = { engagement, expectations, expectationsSince: start.toISOString(), events, now: after(days) };
  return planNextStep(input);
}

describe('confirmation of a delivery', () => {
  it('asks the client to confirm a new delivery at once', () => {
    expect(plan(3, [delivered(3)])).toEqual({ action: 'request-confirmation', milestoneId: 'm1', delivery: 1 });
  });

  it('follows up once, halfway through the client\'s confirmation window (5 days)', () => {
    const events = [delivered(3), sent(3, 'confirmation-request', 'm1#1')];
    expect(plan(5.49, events).action).toBe('wait');
    expect(plan(5.5, events)).toEqual({ action: 'follow-up-confirmation', milestoneId: 'm1', delivery: 1 });
    expect(plan(6, [...events, sent(5.5, 'confirmation-follow-up', 'm1#1')]).action).toBe('wait');
  });

  it('alerts the manager once when the window closes without an answer', () => {
    const events = [delivered(3), sent(3, 'confirmation-request', 'm1#1'), sent(5.5, 'confirmation-follow-up', 'm1#1')];
    expect(plan(8, events)).toEqual({ action: 'alert-unconfirmed', milestoneId: 'm1', delivery: 1 });
    expect(plan(8.1, [...events, sent(8, 'manager-alert', 'unconfirmed:m1#1')]).action).not.toBe('alert-unconfirmed');
  });

  it('waits until the follow-up is due', () => {
    const step = plan(4.8, [delivered(3), sent(3, 'confirmation-request', 'm1#1')]);
    expect(step).toMatchObject({ action: 'wait', until: after(5.5).toISOString() });
  });

  it('asks again after a redelivery of a milestone the client rejected', () => {
    const events = [
      delivered(3), sent(3, 'confirmation-request', 'm1#1'),
      event(after(4), { type: 'outcome-rejected', milestoneId: 'm1', reason: 'not-what-i-needed', text: 'Wrong colours' }),
      sent(4, 'manager-alert', 'not-what-i-needed:m1#1'),
      delivered(6),
    ];
    expect(plan(6, events)).toEqual({ action: 'request-confirmation', milestoneId: 'm1', delivery: 2 });
  });

  it('asks nothing more once the client confirmed', () => {
    const events = [delivered(3), sent(3, 'confirmation-request', 'm1#1'), event(after(4), { type: 'outcome-confirmed', milestoneId: 'm1' })];
    expect(plan(4.5, events).action).toBe('wait');
  });
});

describe('checkpoints', () => {
  it('records a checkpoint right after a due date (the end of 20 March in Berlin, where the client is), once', () => {
    const quiet = [sent(18, 'status-update', undefined, 'informational')];
    expect(plan(18.5, quiet)).toMatchObject({ action: 'wait', until: '2026-03-20T23:00:00.000Z' });
    expect(plan(19, quiet)).toEqual({ action: 'checkpoint', milestoneId: 'm1' });
    const recorded = [...quiet, event(after(19), { type: 'checkpoint-recorded', milestoneId: 'm1', delivered: false, onTime: false, slipAnnounced: false, cadenceKept: true, confirmed: false })];
    // Recorded but its note never went out (the step died between the two): not done yet.
    expect(plan(19, recorded)).toEqual({ action: 'checkpoint', milestoneId: 'm1' });
    expect(plan(19, [...recorded, sent(19, 'checkpoint-note', 'm1')]).action).toBe('wait');
  });

  it('follows a shifted due date', () => {
    const events = [sent(18, 'status-update', undefined, 'informational'), event(after(10), { type: 'deadline-shifted', milestoneId: 'm1', previousDue: '2026-03-20', newDue: '2026-03-27', reason: 'Content late' })];
    expect(plan(19, events).action).toBe('wait');
    expect(plan(26, [...events, sent(25, 'status-update', undefined, 'informational')])).toEqual({ action: 'checkpoint', milestoneId: 'm1' });
  });
});

describe('informational updates (the client\'s cadence: 7 days)', () => {
  it('sends a status update by email when the cadence is reached, not before', () => {
    expect(plan(6.9, []).action).toBe('wait');
    expect(plan(7, [])).toEqual({ action: 'status-update', dueAt: after(7).toISOString() });
  });

  it('counts any informational contact: a recorded call resets the clock', () => {
    const events = [event(after(5), { type: 'touchpoint-recorded', kind: 'informational', channel: 'phone', summary: 'All fine', by: 'mgr' })];
    expect(plan(7, events).action).toBe('wait');
    expect(plan(12, events).action).toBe('status-update');
  });

  it('does not count an update that bounced', () => {
    const events = [sent(5, 'status-update', undefined, 'informational', 'bounced-1'), event(after(5.1), { type: 'email-outcome', messageId: 'bounced-1', outcome: 'bounced' })];
    // First the manager hears that it bounced (owed until sent), then the update is due again.
    expect(plan(7, events)).toMatchObject({ action: 'send-owed-message', message: { kind: 'not-received-alert', ref: 'bounced:bounced-1' } });
    expect(plan(7, [...events, sent(5.1, 'manager-alert', 'bounced:bounced-1')]).action).toBe('status-update');
  });

  it('gives the manager a task when the client wants updates by phone, once per due date', () => {
    const byPhone = { ...validExpectations(), channels: { ...validExpectations().channels, informational: 'phone' as const } };
    expect(plan(7, [], byPhone)).toEqual({ action: 'manager-task', dueAt: after(7).toISOString(), channel: 'phone' });
    expect(plan(7.5, [sent(7, 'manager-task', after(7).toISOString())], byPhone).action).toBe('wait');
  });
});

describe('messages owed by the log', () => {
  it('sends a message a request logged but never sent before anything else', () => {
    const question = event(after(2), { type: 'client-question', questionId: 'q1', text: 'When?' });
    const events = [delivered(1, 'm1'), question];
    expect(plan(2.1, events)).toEqual({ action: 'send-owed-message', message: { kind: 'client-question', eventId: question.id, ref: 'q1' } });
    expect(plan(2.1, [...events, sent(2.1, 'client-question', 'q1')])).toEqual({ action: 'request-confirmation', milestoneId: 'm1', delivery: 1 });
  });
});

describe('long engagements', () => {
  it('hands over to a new execution once this one has followed the engagement for 300 days, not before', () => {
    const startedAt = (days: number) => ({ executionStartedAt: after(-days).toISOString() });
    const input = (days: number): PlanInput => ({ engagement, expectations: validExpectations(), expectationsSince: start.toISOString(), events: [], now: after(0), ...startedAt(days) });
    expect(planNextStep(input(299.9)).action).toBe('wait');
    expect(planNextStep(input(300))).toEqual({ action: 'continue-afresh' });
  });

  it('never sleeps past the year an execution may live: the longest wait plus the hand-over margin stays within it', () => {
    expect(CONTINUE_AFTER_MS + MAX_WAIT_MS).toBeLessThan(365 * DAY);
  });
});

describe('completion', () => {
  it('closes out, then completes, when every milestone is confirmed, even before the due dates', () => {
    const events = [
      delivered(3, 'm1'), sent(3, 'confirmation-request', 'm1#1'), event(after(4), { type: 'outcome-confirmed', milestoneId: 'm1' }),
      delivered(5, 'm2'), sent(5, 'confirmation-request', 'm2#1'),
    ];
    expect(plan(5.5, events).action).toBe('wait');
    const confirmed = [...events, event(after(6), { type: 'outcome-confirmed', milestoneId: 'm2' })];
    expect(plan(6.5, confirmed)).toEqual({ action: 'close-out' });
    expect(plan(6.6, [...confirmed, event(after(6.5), { type: 'engagement-closed', surveySent: true })])).toEqual({ action: 'complete' });
  });

  it('waits for the next thing due, but never longer than a week (news wakes it sooner)', () => {
    const waited = plan(0, []);
    expect(waited).toMatchObject({ action: 'wait' });
    expect(waited.action === 'wait' && waited.waitSeconds).toBeLessThanOrEqual(MAX_WAIT_MS / 1000);
    expect(waited.action === 'wait' && waited.waitSeconds).toBeGreaterThan(86_400);
  });
});

describe('checkpoint results', () => {
  const input = (events: EngagementEvent[], days: number): PlanInput =>
    ({ engagement, expectations: validExpectations(), expectationsSince: start.toISOString(), events, now: after(days) });

  it('judges a delivery within the tolerance as on time, and a move told late as unannounced', () => {
    // Due 20 March (Berlin), tolerance 2 days, notice 5 days.
    expect(checkpointResult(input([delivered(20)], 21), 'm1')).toMatchObject({ delivered: true, onTime: true, slipAnnounced: null });
    expect(checkpointResult(input([delivered(23)], 23.5), 'm1')).toMatchObject({ onTime: false });
    const lateNotice = event(after(16), { type: 'deadline-shifted', milestoneId: 'm1', previousDue: '2026-03-20', newDue: '2026-03-27', reason: 'x' });
    const earlyNotice = event(after(10), { type: 'deadline-shifted', milestoneId: 'm1', previousDue: '2026-03-20', newDue: '2026-03-27', reason: 'x' });
    expect(checkpointResult(input([lateNotice], 26), 'm1')?.slipAnnounced).toBe(false);
    expect(checkpointResult(input([earlyNotice], 26), 'm1')?.slipAnnounced).toBe(true);
    const clientChoseLate = { ...lateNotice, scopeRequestId: 'sr-1' };
    expect(checkpointResult(input([clientChoseLate], 26), 'm1')?.slipAnnounced).toBe(true);
  });

  it('says the cadence was kept only when the last informational contact is within it', () => {
    expect(checkpointResult(input([sent(18, 'status-update', undefined, 'informational')], 19), 'm1')?.cadenceKept).toBe(true);
    expect(checkpointResult(input([], 19), 'm1')?.cadenceKept).toBe(false);
  });
});
