/**
 * Proves the not-received rule: a failure outcome joined to its email by message id; only
 * emails to the client count; a bounce or refusal is high, a complaint medium; it closes once a
 * later email reaches the client.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, after, answer, input } from './builders.js';

const notReceived = (log: Log, now = after(10 * DAY)) =>
  evaluate(input({ now, events: log.events, answers: [answer(1, AGREED)] })).findings.filter((f) => f.kind === 'not-received');

describe('not received', () => {
  it.each([
    ['bounced', ['high']],
    ['rejected', ['high']],
    ['complained', ['medium']],
    ['delivered', []],
    ['opened', []],
  ] as const)('an email to the client that %s: %j', (outcome, severities) => {
    const log = new Log();
    log.email(after(DAY), { messageId: 'ses-1', kind: 'regular' });
    log.outcome(after(DAY + HOUR), 'ses-1', outcome);
    const found = notReceived(log);
    expect(found.map((f) => f.severity)).toEqual(severities);
    if (severities.length) {
      expect(found[0]).toMatchObject({ id: 'not-received:ses-1', open: true, startedAt: after(DAY + HOUR) });
      expect(found[0]?.cites).toEqual([{ field: 'channels.regular', value: 'meeting', version: 1, statedAt: AGREED }]);
      expect(found[0]?.evidence.map((e) => e.eventId)).toEqual(['e1', 'e2']);
    }
  });

  it('leaves emails to the manager out', () => {
    const log = new Log();
    log.email(after(DAY), { messageId: 'ses-1', recipient: 'manager', purpose: 'manager-alert' });
    log.outcome(after(DAY + HOUR), 'ses-1', 'bounced');
    expect(notReceived(log)).toEqual([]);
  });

  it('closes when a later email reaches the client, not when an earlier one does', () => {
    const log = new Log();
    log.email(after(DAY), { messageId: 'before' });
    log.email(after(2 * DAY), { messageId: 'ses-1' });
    log.outcome(after(2 * DAY + HOUR), 'ses-1', 'bounced');
    log.outcome(after(2 * DAY + 2 * HOUR), 'before', 'delivered');
    expect(notReceived(log)[0]?.open).toBe(true);
    log.email(after(3 * DAY), { messageId: 'after' });
    log.outcome(after(3 * DAY + HOUR), 'after', 'opened');
    expect(notReceived(log)[0]).toMatchObject({ open: false, closedAt: after(3 * DAY + HOUR) });
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.email('2026-03-03T09:00:00.000Z', { messageId: 'ses-1' });
    log.outcome(after(DAY + HOUR), 'ses-1', 'bounced');
    expect(explainEn(notReceived(log)[0] as never)).toBe('An informational email (status-update) sent 2026-03-03T09:00:00.000Z bounced: it did not reach you as sent');
  });
});
