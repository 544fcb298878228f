/**
 * Proves the warnings before drift: each open promise with its deadline under the terms in
 * force, sorted; and that each deadline is exactly when the matching finding starts if nothing
 * happens in between.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, upcoming } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, MINUTE, after, answer, input } from './builders.js';

const milestones = [{ due: '2026-03-20' }, { due: '2026-04-30' }];

function scenario() {
  const log = new Log();
  log.email(after(2 * DAY));
  log.delivered(after(3 * DAY), 'm1');
  log.question(after(3 * DAY + HOUR));
  log.scopeRequest(after(3 * DAY + 2 * HOUR));
  return log;
}

describe('upcoming', () => {
  it('lists each promise about to break, soonest first', () => {
    const warnings = upcoming(input({ now: after(3 * DAY + 3 * HOUR), events: scenario().events, milestones }));
    expect(warnings.map((w) => [w.kind, w.subject, w.deadline])).toEqual([
      ['response-due', 'q1', after(4 * DAY + HOUR)],
      ['scope-decision', 'r1', '2026-03-09T23:00:00.000Z'], // Thursday → Friday, Monday, in Berlin
      ['confirmation-window', 'm1', after(8 * DAY)],
      ['informational-update', 'bakery-relaunch-2026', after(9 * DAY)],
      ['slip-notice', 'm2', '2026-04-25T22:00:00.000Z'],
      ['delivery-due', 'm2', '2026-05-02T22:00:00.000Z'],
    ]);
    expect(warnings.find((w) => w.kind === 'response-due')?.cites).toEqual([{ field: 'pace.responseTimeHours', value: 24, version: 1, statedAt: AGREED }]);
  });

  it('warns of the longest silence once the cadence has passed', () => {
    const warnings = upcoming(input({ now: after(8 * DAY), milestones: [{ due: '2026-12-01' }] }));
    expect(warnings.find((w) => w.subject === 'bakery-relaunch-2026')).toMatchObject({ kind: 'longest-silence', deadline: after(10 * DAY) });
  });

  it('gives each deadline as the moment its finding starts when nothing happens', () => {
    const start = after(3 * DAY + 3 * HOUR);
    const events = scenario().events;
    for (const warning of upcoming(input({ now: start, events, milestones }))) {
      const atDeadline = evaluate(input({ now: warning.deadline, events, milestones }));
      const justAfter = evaluate(input({ now: new Date(Date.parse(warning.deadline) + MINUTE).toISOString(), events, milestones }));
      const started = (r: typeof atDeadline) => r.findings.filter((f) => f.startedAt === warning.deadline);
      expect(started(atDeadline), `${warning.kind} at its deadline`).toEqual([]);
      // The last day to announce a slip passes without a finding: only a late notice would be one.
      if (warning.kind !== 'slip-notice') expect(started(justAfter).length, `${warning.kind} a minute later`).toBeGreaterThan(0);
    }
  });

  it('is empty before any expectations', () => {
    expect(upcoming(input({ now: after(DAY), answers: [answer(1, after(2 * DAY))] }))).toEqual([]);
  });
});
