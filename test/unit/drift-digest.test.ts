/**
 * Proves the digest's selection (what falls due within two days, nothing for closed
 * engagements, no digest when nothing is due, one per manager, ordered) and the schedule's
 * day arithmetic across time zones and daylight saving.
 */
import { describe, expect, it } from 'vitest';
import { DIGEST_HORIZON_HOURS, digestDay, digestsOf, nextDigestAt } from '../../functions/domain/drift-digest.js';
import type { DriftSnapshot } from '../../functions/domain/drift-snapshot.js';
import type { Warning } from '../../functions/domain/drift/index.js';

const NOW = new Date('2026-03-10T07:00:00.000Z');
const inHours = (h: number) => new Date(NOW.getTime() + h * 3_600_000).toISOString();
const warning = (subject: string, hours: number, kind: Warning['kind'] = 'delivery-due'): Warning => ({ kind, subject, deadline: inHours(hours), cites: [] });

function snapshot(id: string, managerId: string, warnings: Warning[], status: DriftSnapshot['summary']['status'] = 'expectations-agreed') {
  const zero = { process: 0, pace: 0, channels: 0, outcome: 0, scope: 0 };
  return {
    summary: {
      engagementId: id, title: `Title ${id}`, clientName: `Client ${id}`, managerId, managerName: `Name ${managerId}`, managerEmail: `${managerId}@agency.example`,
      status, at: NOW.toISOString(), score: 90, dimensions: { process: 100, pace: 90, channels: 100, outcome: 100, scope: 100 }, openFindings: zero, findings: zero,
    },
    warnings,
    subjects: Object.fromEntries(warnings.map((w) => [w.subject, `the ${w.subject}`])),
  } satisfies Pick<DriftSnapshot, 'summary' | 'warnings' | 'subjects'>;
}

describe('digestsOf', () => {
  it.each([
    ['one minute ahead', 1 / 60, true],
    ['exactly at the horizon', DIGEST_HORIZON_HOURS, true],
    ['one minute past the horizon', DIGEST_HORIZON_HOURS + 1 / 60, false],
    ['already passed (a finding, not a warning)', -1, false],
    ['exactly now', 0, false],
  ])('a deadline %s is %s in the digest', (_, hours, included) => {
    const digests = digestsOf([snapshot('e1', 'alice', [warning('m1', hours)])], NOW);
    expect(digests.length === 1).toBe(included);
  });

  it('sends nothing for closed engagements, and nothing to a manager with nothing due', () => {
    expect(digestsOf([snapshot('e1', 'alice', [warning('m1', 5)], 'closed'), snapshot('e2', 'boris', [warning('m1', 100)])], NOW)).toEqual([]);
  });

  it('gathers each manager\'s engagements into one digest, soonest first, with subjects in words', () => {
    const digests = digestsOf([
      snapshot('e1', 'boris', [warning('m2', 30), warning('q1', 2, 'response-due')]),
      snapshot('e2', 'alice', [warning('m1', 10)]),
      snapshot('e3', 'boris', [warning('m1', 1)]),
    ], NOW);
    expect(digests.map((d) => [d.managerId, d.managerEmail, d.engagements.map((e) => e.engagementId)])).toEqual([
      ['alice', 'alice@agency.example', ['e2']],
      ['boris', 'boris@agency.example', ['e3', 'e1']],
    ]);
    expect(digests[1]?.engagements[1]?.due.map((d) => [d.warning.kind, d.subject])).toEqual([['response-due', 'the q1'], ['delivery-due', 'the m2']]);
  });
});

describe('the digest schedule', () => {
  it.each([
    ['2026-03-10T07:00:00Z', 'UTC', '2026-03-10'],
    ['2026-03-10T23:30:00Z', 'Europe/Berlin', '2026-03-11'],
    ['2026-03-10T03:00:00Z', 'America/New_York', '2026-03-09'],
  ])('a run scheduled at %s in %s belongs to %s', (at, zone, day) => {
    expect(digestDay(new Date(at), zone)).toBe(day);
  });

  it.each([
    ['before the hour: today', '2026-03-10T05:00:00Z', 'UTC', 7, '2026-03-10T07:00:00.000Z'],
    ['exactly at the hour: tomorrow', '2026-03-10T07:00:00Z', 'UTC', 7, '2026-03-11T07:00:00.000Z'],
    ['Berlin, the night summer time starts', '2026-03-28T12:00:00Z', 'Europe/Berlin', 7, '2026-03-29T05:00:00.000Z'],
    ['Berlin, in winter', '2026-01-05T12:00:00Z', 'Europe/Berlin', 7, '2026-01-06T06:00:00.000Z'],
  ])('the next run, %s', (_, now, zone, hour, expected) => {
    expect(nextDigestAt(new Date(now), zone, hour).toISOString()).toBe(expected);
  });
});
