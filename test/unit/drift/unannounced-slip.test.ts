/**
 * Proves the unannounced-slip rule: a move must be announced by the end of the due date minus
 * the client's notice period (in their zone); a later notice is medium, one after the due date
 * high; a due date (plus tolerance) passing with no delivery and no notice is high and open.
 * A later date the client chose themselves, on a scope decision, needs no notice.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, Log, answer, input } from './builders.js';

// m1 is due 2026-04-30 with 5 days' notice: announce by the end of 25 April in Berlin (22:00Z).
const slips = (log: Log, now = '2026-06-01T00:00:00Z', answers = [answer(1, AGREED)]) =>
  evaluate(input({ now, events: log.events, answers })).findings.filter((f) => f.kind === 'unannounced-slip');

describe('unannounced slip', () => {
  it.each([
    ['well ahead', '2026-04-20T09:00:00Z', undefined],
    ['exactly at the end of the notice period', '2026-04-25T22:00:00Z', undefined],
    ['one minute later', '2026-04-25T22:01:00Z', 'medium'],
    ['on the due date itself', '2026-04-30T21:59:00Z', 'medium'],
    ['after the due date had ended', '2026-04-30T22:01:00Z', 'high'],
  ])('a move announced %s: %s', (_, noticeAt, severity) => {
    const log = new Log();
    log.shifted(noticeAt, '2026-04-30', '2026-05-20');
    log.delivered('2026-05-19T10:00:00Z');
    const found = slips(log);
    expect(found.map((f) => f.severity)).toEqual(severity ? [severity] : []);
    if (severity) expect(found[0]).toMatchObject({ id: 'unannounced-slip:m1:plan', startedAt: new Date(noticeAt).toISOString(), open: false });
  });

  it.each([
    ['the manager, announced one minute late', 'medium', { shiftId: 's1' }, '2026-04-25T22:01:00Z'],
    ['the manager, announced after the due date had ended', 'high', { shiftId: 's1' }, '2026-04-30T22:01:00Z'],
    ['the client, one minute after the notice period', 'no finding', { scopeRequestId: 'r1' }, '2026-04-25T22:01:00Z'],
    ['the client, on the due date itself', 'no finding', { scopeRequestId: 'r1' }, '2026-04-30T21:59:00Z'],
    ['the client, after the due date had ended', 'no finding', { scopeRequestId: 'r1' }, '2026-04-30T22:01:00Z'],
  ])('a later date chosen by %s: %s', (_, expected, by, movedAt) => {
    const log = new Log();
    log.shifted(movedAt, '2026-04-30', '2026-05-20', 'm1', by);
    log.delivered('2026-05-19T10:00:00Z');
    expect(slips(log).map((f) => f.severity)).toEqual(expected === 'no finding' ? [] : [expected]);
  });

  it('still finds a silent slip the client\'s later choice of date ends, as no notice', () => {
    const log = new Log();
    log.shifted('2026-05-05T09:00:00Z', '2026-04-30', '2026-05-20', 'm1', { scopeRequestId: 'r1' });
    const found = slips(log, '2026-05-10T00:00:00Z');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', startedAt: '2026-05-02T22:00:00.000Z', closedAt: '2026-05-05T09:00:00.000Z', open: false });
    expect(found[0]?.explanation.key).toBe('unannounced-slip.no-notice');
  });

  it('needs no notice for a delivery within the tolerance', () => {
    const log = new Log();
    log.delivered('2026-05-02T21:00:00Z');
    expect(slips(log)).toEqual([]);
  });

  it.each([
    ['exactly when the tolerance ends', 0, '2026-05-02T22:00:00Z'],
    ['one minute after', 1, '2026-05-02T22:01:00Z'],
  ])('with no delivery and no notice, evaluated %s: %i open finding(s)', (_, count, now) => {
    const found = slips(new Log(), now);
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatchObject({ severity: 'high', open: true, startedAt: '2026-05-02T22:00:00.000Z' });
  });

  it('closes a silent slip when the client is finally told, as one finding', () => {
    const log = new Log();
    log.shifted('2026-05-05T09:00:00Z', '2026-04-30', '2026-05-20');
    const found = slips(log, '2026-05-10T00:00:00Z');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'high', startedAt: '2026-05-02T22:00:00.000Z', closedAt: '2026-05-05T09:00:00.000Z', open: false });
    expect(found[0]?.evidence.map((e) => e.what)).toEqual(['due-date-passed', 'deadline-shifted']);
  });

  it('judges each due date in the chain: a well-announced move, then a silent one', () => {
    const log = new Log();
    log.shifted('2026-04-01T09:00:00Z', '2026-04-30', '2026-05-20');
    const found = slips(log, '2026-06-01T00:00:00Z');
    expect(found.map((f) => f.id)).toEqual(['unannounced-slip:m1:e1']);
    expect(found[0]?.explanation.params).toMatchObject({ due: '2026-05-20' });
  });

  it('judges the notice by the notice period in force when it was given, and cites that version', () => {
    const log = new Log();
    log.shifted('2026-04-24T09:00:00Z', '2026-04-30', '2026-05-20');
    log.delivered('2026-05-19T10:00:00Z');
    // Six days ahead is enough under version 1 (5 days), not under version 2 (10 days).
    expect(slips(log, '2026-06-01T00:00:00Z', [answer(1, AGREED)])).toEqual([]);
    const answers = [answer(1, AGREED), answer(2, '2026-04-10T08:00:00Z', { pace: { slipNoticeDays: 10 } })];
    expect(slips(log, '2026-06-01T00:00:00Z', answers)[0]?.cites).toContainEqual(
      { field: 'pace.slipNoticeDays', value: 10, version: 2, statedAt: '2026-04-10T08:00:00Z' });
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.shifted('2026-04-28T22:00:00Z', '2026-04-30', '2026-05-20');
    log.delivered('2026-05-19T10:00:00Z');
    expect(explainEn(slips(log)[0] as never))
      .toBe('The move of “Milestone 1” from 2026-04-30 to 2026-05-20 was announced 2 days before the due date; you asked for 5 days of notice');
  });
});
