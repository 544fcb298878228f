/**
 * Proves the silence rule: stretches without an informational touchpoint that reached the
 * client, from the first statement of expectations to now, against the cadence (low) and the
 * longest accepted silence (high); exactly at a limit is no drift, a minute past it is; the
 * cost grows by full days over; the cadence in force at each moment is the one cited.
 */
import { describe, expect, it } from 'vitest';
import { SILENCE_POINTS_PER_DAY, evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, HOUR, Log, MINUTE, after, answer, input } from './builders.js';

const silences = (log: Log, now: string, answers = [answer(1, AGREED)]) =>
  evaluate(input({ now, events: log.events, answers })).findings.filter((f) => f.kind === 'silence');

describe('silence', () => {
  it.each([
    ['exactly the 7-day cadence', 7 * DAY, []],
    ['the cadence and a minute', 7 * DAY + MINUTE, ['low']],
    ['exactly the 10-day limit', 10 * DAY, ['low']],
    ['the limit and a minute', 10 * DAY + MINUTE, ['high']],
  ])('an open silence of %s since agreement: %j', (_, length, severities) => {
    const found = silences(new Log(), after(length));
    expect(found.map((f) => f.severity)).toEqual(severities);
    if (severities.length) expect(found[0]).toMatchObject({ id: `silence:${AGREED}`, open: true, startedAt: after(7 * DAY) });
  });

  it('closes a silence at the touchpoint that ends it, and opens none after a fresh one', () => {
    const log = new Log();
    log.email(after(8 * DAY));
    const found = silences(log, after(12 * DAY));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ open: false, closedAt: after(8 * DAY), severity: 'low' });
    expect(found[0]?.evidence).toEqual([
      { at: AGREED, what: 'expectations-agreed' },
      { eventId: 'e1', at: after(8 * DAY), what: 'email-sent' },
    ]);
  });

  it.each([
    ['an informational email that was delivered', (log: Log) => { log.email(after(5 * DAY), { messageId: 'm-1' }); log.outcome(after(5 * DAY + MINUTE), 'm-1', 'delivered'); }, 0],
    ['a recorded informational call', (log: Log) => { log.touchpoint(after(5 * DAY), 'informational', 'phone'); }, 0],
    ['an informational email that bounced', (log: Log) => { log.email(after(5 * DAY), { messageId: 'm-1' }); log.outcome(after(5 * DAY + MINUTE), 'm-1', 'bounced'); }, 1],
    ['an informational email marked as spam', (log: Log) => { log.email(after(5 * DAY), { messageId: 'm-1' }); log.outcome(after(6 * DAY), 'm-1', 'complained'); }, 1],
    ['a regular email', (log: Log) => { log.email(after(5 * DAY), { kind: 'regular' }); }, 1],
    ['an informational email to the manager', (log: Log) => { log.email(after(5 * DAY), { recipient: 'manager' }); }, 1],
    ['a recorded regular meeting', (log: Log) => { log.touchpoint(after(5 * DAY), 'regular', 'meeting'); }, 1],
  ])('%s on day 5 of 9: %i silence(s)', (_, record, count) => {
    const log = new Log();
    record(log);
    expect(silences(log, after(9 * DAY))).toHaveLength(count);
  });

  it('costs 1 point per full day beyond the cadence and 2 more per full day beyond the limit', () => {
    const report = evaluate(input({ now: after(13 * DAY + 5 * HOUR) }));
    const [silence] = report.findings;
    // 6 full days beyond 7, 3 full days beyond 10.
    expect(report.deductions).toEqual([{ findingId: silence?.id, dimension: 'pace', points: 6 * SILENCE_POINTS_PER_DAY.overCadence + 3 * SILENCE_POINTS_PER_DAY.overLongest }]);
    expect(report.dimensions.pace).toBe(88);
  });

  it('cites the cadence in force: a shorter one stated mid-silence makes it overdue from then', () => {
    const answers = [answer(1, AGREED), answer(2, after(4 * DAY), { pace: { updateCadenceDays: 3, maxSilenceDays: 20 } })];
    const found = silences(new Log(), after(5 * DAY), answers);
    expect(found).toHaveLength(1);
    expect(found[0]?.startedAt).toBe(after(4 * DAY));
    expect(found[0]?.cites).toEqual([{ field: 'pace.updateCadenceDays', value: 3, version: 2, statedAt: after(4 * DAY) }]);
  });

  it('says nothing before the client has stated expectations, and measures from then', () => {
    expect(silences(new Log(), after(30 * DAY), [answer(1, after(29 * DAY))])).toEqual([]);
    const evaluated = evaluate(input({ now: after(-1 * DAY), answers: [answer(1, AGREED)] }));
    expect(evaluated).toMatchObject({ findings: [], score: 100, note: { key: 'no-expectations' } });
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.touchpoint(after(11 * DAY), 'informational', 'email');
    expect(explainEn(silences(log, after(12 * DAY))[0] as never)).toBe('Silence of 11 days against your 10-day limit');
    expect(explainEn(silences(new Log(), after(8 * DAY))[0] as never)).toBe('Silence of 8 days so far against your 7-day update cadence');
  });
});
