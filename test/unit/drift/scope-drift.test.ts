/**
 * Proves the scope-drift rule: a request needs a decision by the end of the second working
 * day after it (client's week and zone: Mon–Fri, Berlin); a decision must follow the
 * engagement's rule or say why not; a bonus must be announced as one.
 */
import { describe, expect, it } from 'vitest';
import { SCOPE_GRACE_WORKING_DAYS, evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, Log, MINUTE, after, answer, input } from './builders.js';

const scope = (log: Log, now = after(30 * DAY)) =>
  evaluate(input({ now, events: log.events, answers: [answer(1, AGREED)] })).findings.filter((f) => f.kind === 'scope-drift');

describe('scope drift: a request without a decision', () => {
  it.each([
    // Wednesday 4 March → Thursday, Friday: decide by the end of Friday 6 March, 23:00Z.
    ['Wednesday, decided at the end of Friday', 0, '2026-03-04T10:00:00Z', '2026-03-06T23:00:00Z'],
    ['Wednesday, decided a minute later', 1, '2026-03-04T10:00:00Z', '2026-03-06T23:01:00Z'],
    // Friday evening in Berlin → Monday, Tuesday.
    ['Friday 22:30 Berlin, decided Tuesday', 0, '2026-03-06T21:30:00Z', '2026-03-10T20:00:00Z'],
    // Saturday → Monday, Tuesday: the end of Tuesday 10 March.
    ['Saturday, decided Wednesday', 1, '2026-03-07T10:00:00Z', '2026-03-11T08:00:00Z'],
  ])('recorded %s: %i finding(s)', (_, count, requestedAt, decidedAt) => {
    const log = new Log();
    log.scopeRequest(requestedAt);
    log.scopeDecision(decidedAt, 'extra-pay');
    const found = scope(log);
    expect(found).toHaveLength(count);
    if (count) expect(found[0]).toMatchObject({ id: 'scope-drift:r1:undecided', severity: 'medium', open: false });
  });

  it('stays open while undecided, and says how long the rule allows', () => {
    expect(SCOPE_GRACE_WORKING_DAYS).toBe(2);
    const log = new Log();
    log.scopeRequest('2026-03-04T10:00:00Z');
    expect(scope(log, '2026-03-06T23:00:00Z')).toEqual([]);
    const [found] = scope(log, '2026-03-06T23:01:00Z');
    expect(found).toMatchObject({ open: true, startedAt: '2026-03-06T23:00:00.000Z' });
    expect(explainEn(found as never)).toBe('The request “A banner for Easter” waited 2 days 14 hours so far for a decision; the rule allows 2 working days');
  });
});

describe('scope drift: a decision against the rule', () => {
  it.each([
    ['as the rule proposed', [], { proposed: 'bonus' }],
    ['overridden with a reason', ['medium'], { proposed: 'extra-pay', overrideReason: 'Long-standing client' }],
    ['different from the proposal, without a reason', ['high'], { proposed: 'extra-pay' }],
  ])('a bonus decided %s: %j', (_, severities, options) => {
    const log = new Log();
    log.scopeRequest(after(DAY));
    log.scopeDecision(after(DAY + MINUTE), 'bonus', options);
    log.announced(after(DAY + 2 * MINUTE), true);
    expect(scope(log).map((f) => f.severity)).toEqual(severities);
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.scopeRequest(after(DAY));
    log.scopeDecision(after(DAY + MINUTE), 'decline', { proposed: 'bonus', overrideReason: 'Out of season' });
    expect(explainEn(scope(log)[0] as never)).toBe('Request r1 was decided as decline where the rule proposed bonus, because: Out of season');
  });
});

describe('scope drift: a bonus not announced as one', () => {
  it.each([
    ['announced as a bonus the next day', [], (l: Log) => l.announced('2026-03-05T10:00:00Z', true)],
    ['announced, but not as a bonus', ['scope-drift.bonus-not-announced-as-bonus'], (l: Log) => l.announced('2026-03-05T10:00:00Z', false)],
    ['not announced by the end of Friday', ['scope-drift.bonus-unannounced'], () => undefined],
  ])('a bonus decided on Wednesday, %s', (_, keys, announce) => {
    const log = new Log();
    log.scopeRequest('2026-03-04T09:00:00Z');
    log.scopeDecision('2026-03-04T10:00:00Z', 'bonus');
    announce(log);
    expect(scope(log).map((f) => f.explanation.key)).toEqual(keys);
  });

  it('opens when the announcement deadline passes and closes when it is announced as a bonus', () => {
    const log = new Log();
    log.scopeRequest('2026-03-04T09:00:00Z');
    log.scopeDecision('2026-03-04T10:00:00Z', 'bonus');
    log.announced('2026-03-09T10:00:00Z', true);
    expect(scope(log)[0]).toMatchObject({ startedAt: '2026-03-06T23:00:00.000Z', closedAt: '2026-03-09T10:00:00.000Z', severity: 'low' });
  });
});
