/**
 * Proves the two outcome rules: a delivery waits for the client's verdict within their
 * confirmation window (5 days here), exactly at the end is still in time; a rejection is high
 * and stays open until the client confirms that milestone.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, Log, MINUTE, after, answer, input } from './builders.js';

const DELIVERED = after(10 * DAY);
const ofKind = (log: Log, kind: string, now = after(30 * DAY), answers = [answer(1, AGREED)]) =>
  evaluate(input({ now, events: log.events, answers, milestones: [{ due: '2026-06-30', title: 'Online shop' }] }))
    .findings.filter((f) => f.kind === kind);

describe('outcome unconfirmed', () => {
  it.each([
    ['confirmed on the last instant of the window', 0, (l: Log) => l.confirmed(after(5 * DAY, DELIVERED))],
    ['confirmed a minute after it', 1, (l: Log) => l.confirmed(after(5 * DAY + MINUTE, DELIVERED))],
    ['rejected within it (a verdict, found separately)', 0, (l: Log) => l.rejected(after(2 * DAY, DELIVERED))],
    ['never answered', 1, () => undefined],
  ])('%s: %i finding(s)', (_, count, verdict) => {
    const log = new Log();
    log.delivered(DELIVERED);
    verdict(log);
    const found = ofKind(log, 'outcome-unconfirmed');
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatchObject({ id: 'outcome-unconfirmed:e1', severity: 'medium', startedAt: after(5 * DAY, DELIVERED) });
  });

  it('is open while the client has said nothing, and not before the window ends', () => {
    const log = new Log();
    log.delivered(DELIVERED);
    expect(ofKind(log, 'outcome-unconfirmed', after(5 * DAY, DELIVERED))).toEqual([]);
    expect(ofKind(log, 'outcome-unconfirmed', after(6 * DAY, DELIVERED))[0]).toMatchObject({ open: true });
  });

  it('counts each delivery: a redelivery supersedes an unanswered one and waits anew', () => {
    const log = new Log();
    log.delivered(DELIVERED);
    log.delivered(after(7 * DAY, DELIVERED));
    const found = ofKind(log, 'outcome-unconfirmed', after(20 * DAY, DELIVERED));
    expect(found.map((f) => [f.id, f.open])).toEqual([['outcome-unconfirmed:e1', false], ['outcome-unconfirmed:e2', true]]);
  });

  it('cites the window of the version in force when it ran out', () => {
    const log = new Log();
    log.delivered(DELIVERED);
    const answers = [answer(1, AGREED), answer(2, after(DAY, DELIVERED), { outcome: { confirmationWindowDays: 2 } })];
    const found = ofKind(log, 'outcome-unconfirmed', after(3 * DAY, DELIVERED), answers);
    expect(found[0]?.startedAt).toBe(after(2 * DAY, DELIVERED));
    expect(found[0]?.cites).toEqual([{ field: 'outcome.confirmationWindowDays', value: 2, version: 2, statedAt: after(DAY, DELIVERED) }]);
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.delivered(DELIVERED);
    log.confirmed(after(6 * DAY, DELIVERED));
    expect(explainEn(ofKind(log, 'outcome-unconfirmed')[0] as never)).toBe('“Online shop” waited 6 days for your confirmation against your 5-day window');
  });
});

describe('outcome rejected', () => {
  it('is high and open until a later confirmation of that milestone', () => {
    const log = new Log();
    log.delivered(DELIVERED);
    log.rejected(after(DAY, DELIVERED), 'm1', 'not-received');
    expect(ofKind(log, 'outcome-rejected', after(3 * DAY, DELIVERED))[0]).toMatchObject({ id: 'outcome-rejected:e2', severity: 'high', open: true });
    log.delivered(after(3 * DAY, DELIVERED));
    log.confirmed(after(4 * DAY, DELIVERED));
    expect(ofKind(log, 'outcome-rejected')[0]).toMatchObject({ open: false, closedAt: after(4 * DAY, DELIVERED) });
  });

  it('quotes the result the client said they need, from the version in force', () => {
    const log = new Log();
    log.delivered(DELIVERED);
    log.rejected(after(DAY, DELIVERED));
    const [found] = ofKind(log, 'outcome-rejected');
    expect(found?.cites.map((c) => [c.field, c.version])).toEqual([['outcome.businessResult', 1], ['outcome.successSignal', 1]]);
    expect(found?.cites[0]?.value).toBe('More online orders for our bakery, especially for cakes');
    expect(explainEn(found as never)).toBe('You said “Online shop” is not what you needed');
  });

  it('ignores a rejection before the client stated expectations', () => {
    const log = new Log();
    log.rejected(after(-DAY));
    expect(ofKind(log, 'outcome-rejected')).toEqual([]);
  });
});
