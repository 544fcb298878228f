/**
 * Proves which messages the log owes: each event that calls for a message (a rejection, a bounce
 * of a client email, a question, a note, an answer, an incident) owes it until its send is
 * logged, once however often the event repeats, and the engagement workflow's plan sends what is
 * owed before anything else.
 */
import { describe, expect, it } from 'vitest';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { clientNoteRef, owedMessages } from '../../functions/domain/owed-messages.js';

let n = 0;
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 10, minutes)).toISOString();
function event(minutes: number, fields: Record<string, unknown>): EngagementEvent {
  n += 1;
  return engagementEventSchema.parse({ id: `e${n}`, engagementId: 'eng-1', at: at(minutes), ...fields });
}
const sent = (minutes: number, purpose: string, ref: string | undefined, recipient = 'manager', messageId = `msg-${minutes}`) =>
  event(minutes, { type: 'email-sent', purpose, recipient, to: 'x@example.com', messageId, kind: 'regular', channel: 'email', ...(ref ? { ref } : {}) });

describe('messages owed by the log', () => {
  it.each([
    ['a rejection of a delivery', [event(1, { type: 'milestone-delivered', milestoneId: 'm1', summary: 'x' }), event(2, { type: 'outcome-rejected', milestoneId: 'm1', reason: 'not-what-i-needed' })], 'rejection-alert', 'not-what-i-needed:m1#1', 'manager-alert'],
    ['a client question', [event(1, { type: 'client-question', questionId: 'q1', text: 'When?' })], 'client-question', 'q1', 'client-question'],
    ['a client note', [event(1, { type: 'client-note', text: 'Thanks', page: 'status' })], 'client-note', clientNoteRef('eng-1', 'status', 'Thanks'), 'client-note'],
    ['a manager answer', [event(1, { type: 'client-question', questionId: 'q1', text: 'When?' }), sent(1, 'client-question', 'q1'), event(2, { type: 'question-answered', questionId: 'q1', by: 'mgr', text: 'Friday' })], 'question-answer', 'q1', 'question-answer'],
    ['an incident', [event(1, { type: 'incident-opened', incidentId: 'i1', summary: 'Site down' })], 'incident', 'i1', 'incident'],
  ])('%s owes its message until its send is logged', (_what, events, kind, ref, purpose) => {
    const owed = owedMessages(events as EngagementEvent[], 'email');
    expect(owed).toEqual([{ kind, eventId: (events as EngagementEvent[]).at(-1)?.id, ref }]);
    expect(owedMessages([...(events as EngagementEvent[]), sent(3, purpose as string, ref as string)], 'email')).toEqual([]);
  });

  it('owes the manager an alert for a client email that bounced, once for two reports, and none for a manager email', () => {
    const toClient = sent(1, 'status-update', '2026-03-09', 'client', 'to-client');
    const toManager = sent(1, 'checkpoint-note', 'm1', 'manager', 'to-manager');
    const events = [toClient, toManager,
      event(2, { type: 'email-outcome', messageId: 'to-client', outcome: 'bounced' }),
      event(3, { type: 'email-outcome', messageId: 'to-client', outcome: 'complained' }),
      event(2, { type: 'email-outcome', messageId: 'to-manager', outcome: 'bounced' })];
    expect(owedMessages(events, 'email')).toEqual([{ kind: 'not-received-alert', eventId: events[2]?.id, ref: 'bounced:to-client' }]);
    expect(owedMessages([event(1, { type: 'email-outcome', messageId: 'to-client', outcome: 'delivered' }), toClient], 'email')).toEqual([]);
  });

  it('counts the delivery a rejection is about: the second delivery owes its own alert', () => {
    const events = [
      event(1, { type: 'milestone-delivered', milestoneId: 'm1', summary: 'x' }), event(2, { type: 'outcome-rejected', milestoneId: 'm1', reason: 'not-received' }),
      sent(3, 'manager-alert', 'not-received:m1#1'),
      event(4, { type: 'milestone-delivered', milestoneId: 'm1', summary: 'y' }), event(5, { type: 'outcome-rejected', milestoneId: 'm1', reason: 'not-received' }),
    ];
    expect(owedMessages(events, 'email').map((m) => m.ref)).toEqual(['not-received:m1#2']);
  });

  it('gives an incident to the manager as a task when the client wants emergencies by phone', () => {
    const incident = event(1, { type: 'incident-opened', incidentId: 'i1', summary: 'Site down' });
    expect(owedMessages([incident], 'phone')).toHaveLength(1);
    expect(owedMessages([incident, sent(2, 'manager-task', 'incident:i1')], 'phone')).toEqual([]);
    // Emailed to the client is not the phone call the client asked for.
    expect(owedMessages([incident, sent(2, 'incident', 'i1', 'client')], 'phone')).toHaveLength(1);
  });

  it('forwards the same note written twice once, and a note forwarded before notes had a ref is not owed', () => {
    const note = () => event(1, { type: 'client-note', text: 'Thanks', page: 'status' });
    expect(owedMessages([note(), note()], 'email')).toHaveLength(1);
    expect(owedMessages([note(), sent(1, 'client-note', undefined)], 'email')).toEqual([]);
    expect(owedMessages([sent(0, 'client-note', undefined), note()], 'email')).toHaveLength(1);
  });

  it('owes no answer email for a question closed without words', () => {
    expect(owedMessages([event(1, { type: 'question-answered', questionId: 'q1', by: 'mgr' })], 'email')).toEqual([]);
  });

  it('tells different notes apart by their words and page', () => {
    const refs = new Set([clientNoteRef('e', 'status', 'a'), clientNoteRef('e', 'status', 'b'), clientNoteRef('e', 'survey', 'a'), clientNoteRef('f', 'status', 'a')]);
    expect(refs.size).toBe(4);
  });
});
