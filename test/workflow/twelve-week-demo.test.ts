/**
 * The twelve-week demo `npm start` plays: it runs to close-out on the real stack and leaves
 * behind what the drift reports will show (one delivery confirmed at once, one "not what I
 * needed", one bounced email, one informational update by phone).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_SPEED, playTwelveWeekDemo } from '../../local/twelve-week-demo.js';
import { startLocalStack } from '../../local/stack.js';

const dataDir = mkdtempSync(join(tmpdir(), 'twelve-week-demo-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('twelve-week demo', () => {
  it('plays an engagement from kickoff to close-out and leaves its story in the log', async () => {
    const engagementId = await playTwelveWeekDemo(dataDir, () => undefined);
    const stack = await startLocalStack({ dataDir, speed: DEMO_SPEED });
    try {
      const events = await stack.deps.store.listEvents(engagementId);
      const count = (type: string, extra: (e: (typeof events)[number]) => boolean = () => true) => events.filter((e) => e.type === type && extra(e)).length;
      expect(count('outcome-confirmed')).toBe(4);
      expect(count('outcome-rejected', (e) => e.type === 'outcome-rejected' && e.reason === 'not-what-i-needed')).toBe(1);
      expect(count('email-outcome', (e) => e.type === 'email-outcome' && e.outcome === 'bounced')).toBe(1);
      expect(count('touchpoint-recorded', (e) => e.type === 'touchpoint-recorded' && e.channel === 'phone' && e.kind === 'informational')).toBe(1);
      expect(count('engagement-closed')).toBe(1);
      expect((await stack.deps.store.getEngagement(engagementId))?.status).toBe('closed');
      const sends = events.flatMap((e) => (e.type === 'email-sent' ? [`${e.purpose}:${e.ref ?? ''}`] : []));
      expect(new Set(sends).size).toBe(sends.length);
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
