/**
 * Proves what the report rests on: the client's versions apply from when they were stated
 * (never before, never one stated after "now"); the order of answers and events does not
 * matter; nothing after "now" counts; and a finding keeps its id as the log grows.
 */
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, after, answer, input } from './builders.js';

function busyLog() {
  const log = new Log();
  log.email(after(DAY), { kind: 'regular', messageId: 'a' });
  log.outcome(after(DAY + HOUR), 'a', 'bounced');
  log.touchpoint(after(5 * DAY), 'informational', 'phone');
  log.question(after(6 * DAY));
  log.delivered(after(9 * DAY));
  log.rejected(after(10 * DAY));
  log.scopeRequest(after(11 * DAY));
  log.scopeDecision(after(12 * DAY), 'bonus', { proposed: 'extra-pay' });
  log.shifted(after(13 * DAY), '2026-04-30', '2026-05-10', 'm2');
  return log;
}
const milestones = [{ due: '2026-03-20' }, { due: '2026-04-30' }];

describe('versions and determinism', () => {
  it('gives the same report whatever the order of answers and events', () => {
    const answers = [answer(1, AGREED), answer(2, after(4 * DAY), { pace: { updateCadenceDays: 2, maxSilenceDays: 3 } })];
    const events = busyLog().events;
    const forward = evaluate(input({ now: after(40 * DAY), events, answers, milestones }));
    const backward = evaluate(input({ now: after(40 * DAY), events: [...events].reverse(), answers: [...answers].reverse(), milestones }));
    expect(backward).toEqual(forward);
    expect(forward.findings.length).toBeGreaterThan(5);
  });

  it('uses only versions stated by now, and says which is in force', () => {
    const answers = [answer(1, AGREED), answer(2, after(10 * DAY))];
    expect(evaluate(input({ now: after(9 * DAY), answers })).expectationsVersion).toBe(1);
    expect(evaluate(input({ now: after(10 * DAY), answers })).expectationsVersion).toBe(2);
  });

  it('leaves out events after now', () => {
    const log = busyLog();
    const early = evaluate(input({ now: after(7 * DAY), events: log.events, milestones }));
    const cut = evaluate(input({ now: after(7 * DAY), events: log.events.filter((e) => Date.parse(e.at) <= Date.parse(after(7 * DAY))), milestones }));
    expect(early).toEqual(cut);
  });

  it('keeps a finding\'s id as events arrive', () => {
    const log = new Log();
    log.question(after(DAY));
    const open = evaluate(input({ now: after(3 * DAY), events: log.events })).findings;
    log.answered(after(4 * DAY));
    log.email(after(4 * DAY));
    const closed = evaluate(input({ now: after(5 * DAY), events: log.events })).findings;
    expect(open.map((f) => [f.id, f.open])).toEqual([['slow-response:q1', true]]);
    expect(closed.map((f) => [f.id, f.open])).toEqual([['slow-response:q1', false]]);
  });
});
