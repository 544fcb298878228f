/**
 * The stream handler of drift snapshots: which changed items name an engagement to refresh,
 * one refresh per engagement per batch, and failures reported per record so only they retry.
 */
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../functions/deps.js';
import { fixedClock } from '../../functions/domain/clock.js';
import { engagementOfChange, makeRefreshDrift } from '../../functions/handlers/refresh-drift.js';
import { InvalidStepInput } from '../../functions/handlers/step-handler.js';

const record = (pk: string, sk: string, sequence: string) => ({
  eventID: sequence, eventName: 'INSERT', eventSource: 'aws:dynamodb',
  dynamodb: { Keys: { pk: { S: pk }, sk: { S: sk } }, SequenceNumber: sequence, StreamViewType: 'KEYS_ONLY' },
});

describe('engagementOfChange', () => {
  it.each([
    ['an event', 'ENG#bakery-relaunch-2026', 'EVT#2026-03-01T10:00:00.000Z#ab12cd34', 'bakery-relaunch-2026'],
    ['an answer', 'ENG#bakery-relaunch-2026', 'KICKOFF#v0002', 'bakery-relaunch-2026'],
    ['the engagement', 'ENG#bakery-relaunch-2026', 'META', 'bakery-relaunch-2026'],
    ['the snapshot itself', 'ENG#bakery-relaunch-2026', 'DRIFT', undefined],
    ['a send guard', 'ENG#bakery-relaunch-2026', 'SENT#status-update#1', undefined],
    ['a client request', 'REQ#x.kickoff.0', 'REQ', undefined],
    ['a malformed engagement id', 'ENG#../../etc', 'META', undefined],
  ])('%s', (_, pk, sk, expected) => {
    expect(engagementOfChange({ pk, sk })).toBe(expected);
  });
});

describe('makeRefreshDrift', () => {
  function depsRefreshing(failFor: string[]) {
    const refreshed: string[] = [];
    const store = {
      driftSources: async (id: string) => {
        refreshed.push(id);
        if (failFor.includes(id)) throw new Error('throttled');
        return undefined;
      },
      putDriftSnapshot: async () => true,
    };
    return { deps: { store, clock: fixedClock('2026-03-10T07:00:00Z') } as unknown as Deps, refreshed };
  }

  it('refreshes each engagement once however many of its items changed, and reports only failures', async () => {
    const { deps, refreshed } = depsRefreshing(['engagement-b2']);
    const result = await makeRefreshDrift(deps)({
      Records: [
        record('ENG#engagement-a1', 'EVT#1#x', '100'),
        record('ENG#engagement-b2', 'EVT#1#y', '101'),
        record('ENG#engagement-a1', 'META', '102'),
        record('ENG#engagement-b2', 'KICKOFF#v0001', '103'),
        record('ENG#engagement-a1', 'DRIFT', '104'),
      ],
    });
    expect(refreshed).toEqual(['engagement-a1', 'engagement-b2']);
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: '101' }] });
  });

  it('refuses an event that is not a stream batch', async () => {
    const { deps } = depsRefreshing([]);
    await expect(makeRefreshDrift(deps)({ Records: [{ nope: true }] })).rejects.toBeInstanceOf(InvalidStepInput);
  });
});
