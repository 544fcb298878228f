/**
 * Proves how the engagement workflow treats notices that wait for the client's click (a scope
 * decision, a moved due date), from the log alone: it sends one a failure kept from going
 * out; reminds once, exactly halfway through the client's window (5 days here), never twice;
 * alerts the manager once when the window closes; stops at the client's answer; and waits in
 * between until the next of those moments.
 */
import { describe, expect, it } from 'vitest';
import type { NoticeRef } from '../../functions/domain/client-notices.js';
import { planEngagement } from '../../functions/domain/engagement.js';
import { planNextStep } from '../../functions/domain/engagement-plan.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { validExpectations } from '../support/fixtures.js';

const DAY = 86_400_000;
const start = new Date('2026-03-02T10:00:00Z');
const engagement = planEngagement({
  input: {
    title: 'Relaunch', client: { name: 'Maria', email: 'maria@example.com' }, locale: 'en',
    milestones: [{ title: 'Design', due: '2026-04-20' }, { title: 'Launch', due: '2026-04-30' }],
  },
  manager: { id: 'mgr', email: 'm@agency.example', name: 'M' },
  id: 'abcdef12-3456', now: start,
  kickoff: { reminderEverySeconds: 3600, maxReminders: 1, maxEscalations: 1, correctionWindowSeconds: 3600 },
});

let n = 0;
const after = (days: number) => new Date(start.getTime() + days * DAY);
function event(days: number, fields: Record<string, unknown>): EngagementEvent {
  n += 1;
  return engagementEventSchema.parse({ id: `e${n}`, engagementId: engagement.id, at: after(days).toISOString(), ...fields });
}
const sent = (days: number, purpose: string, ref: string) => event(days, {
  type: 'email-sent', purpose, recipient: purpose === 'manager-alert' ? 'manager' : 'client', to: 'x@example.com', messageId: `m${n}`, kind: 'regular', channel: 'email', ref,
});
// An informational contact every day keeps status updates out of the way.
const quiet = (days: number) => Array.from({ length: Math.ceil(days) + 1 }, (_, d) => event(d, {
  type: 'touchpoint-recorded', kind: 'informational', channel: 'phone', summary: 'Daily call', by: 'mgr',
}));
const plan = (days: number, events: EngagementEvent[]) =>
  planNextStep({ engagement, expectations: validExpectations(), expectationsSince: start.toISOString(), events: [...quiet(days), ...events], now: after(days) });

describe('a scope decision', () => {
  const notice: NoticeRef = { kind: 'scope-decision', id: 'r1' };
  const recorded = event(1, { type: 'scope-request-recorded', scopeRequestId: 'r1', summary: 'Banner', effortHours: 10, askedBy: 'Maria' });
  const decided = event(1, { type: 'scope-decision-recorded', scopeRequestId: 'r1', decision: 'extra-pay', proposed: 'client-chooses', overrideReason: 'x', price: '€1' });
  const announced = [sent(1, 'scope-decision', 'r1'), event(1, { type: 'scope-decision-announced', scopeRequestId: 'r1', asBonus: false })];

  it('is announced by the workflow when announcing it at once failed', () => {
    expect(plan(1, [recorded, decided])).toEqual({ action: 'send-notice', notice });
  });

  it('is not planned at all before it is decided', () => {
    expect(plan(1, [recorded]).action).toBe('wait');
  });

  it('gets its one reminder exactly halfway through the client\'s 5-day window, and waits until then', () => {
    const events = [recorded, decided, ...announced];
    expect(plan(3.49, events)).toMatchObject({ action: 'wait', until: after(3.5).toISOString() });
    expect(plan(3.5, events)).toEqual({ action: 'remind-notice', notice });
  });

  it('is not reminded twice, and alerts the manager once when the window closes', () => {
    const reminded = [recorded, decided, ...announced, sent(3.5, 'scope-decision-reminder', 'r1')];
    expect(plan(5.5, reminded)).toMatchObject({ action: 'wait', until: after(6).toISOString() });
    expect(plan(6, reminded)).toEqual({ action: 'alert-unanswered-notice', notice });
    expect(plan(6.5, [...reminded, sent(6, 'manager-alert', 'scope-unanswered:r1')]).action).toBe('wait');
  });

  it('alerts without a reminder when the window closed while the workflow was not running', () => {
    expect(plan(7, [recorded, decided, ...announced])).toEqual({ action: 'alert-unanswered-notice', notice });
  });

  it('asks nothing more once the client answered', () => {
    const answered = event(2, { type: 'scope-decision-answered', scopeRequestId: 'r1', answer: 'withdrawn' });
    expect(plan(3.5, [recorded, decided, ...announced, answered]).action).toBe('wait');
    expect(plan(8, [recorded, decided, ...announced, answered]).action).toBe('wait');
  });
});

describe('a moved due date', () => {
  const notice: NoticeRef = { kind: 'deadline-shift', id: 's1' };
  const moved = event(2, { type: 'deadline-shifted', milestoneId: 'm2', previousDue: '2026-04-30', newDue: '2026-05-15', reason: 'Photos late', shiftId: 's1' });

  it('has its notice sent by the workflow when sending it at once failed', () => {
    expect(plan(2, [moved])).toEqual({ action: 'send-notice', notice });
  });

  it('is reminded halfway, then alerted once; an acknowledgement ends it', () => {
    const told = [moved, sent(2, 'deadline-shift-notice', 's1')];
    expect(plan(4.5, told)).toEqual({ action: 'remind-notice', notice });
    const reminded = [...told, sent(4.5, 'deadline-shift-reminder', 's1')];
    expect(plan(7, reminded)).toEqual({ action: 'alert-unanswered-notice', notice });
    const acknowledged = event(3, { type: 'deadline-shift-acknowledged', shiftId: 's1', milestoneId: 'm2' });
    expect(plan(7, [...told, acknowledged]).action).toBe('wait');
  });

  it('needs no notice when the client chose the later date themselves', () => {
    const chosen = event(2, { type: 'deadline-shifted', milestoneId: 'm2', previousDue: '2026-04-30', newDue: '2026-05-15', reason: 'Blog', scopeRequestId: 'r1' });
    expect(plan(2, [chosen]).action).toBe('wait');
  });
});
