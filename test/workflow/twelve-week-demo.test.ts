/**
 * The twelve-week demo `npm start` plays: it runs to close-out on the real stack and leaves
 * behind what the drift reports will show (one delivery confirmed at once, one "not what I
 * needed", one bounced email, one informational update by phone, one bonus within the rule,
 * announced as a bonus and noted by the client, one due date moved with less notice than the
 * client asked for and acknowledged), and the drift report and portfolio that show them, kept
 * current from the table's stream.
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
      // The close-out is its emails: the report to the client and the summary to the manager, each once.
      expect(count('email-sent', (e) => e.type === 'email-sent' && e.purpose === 'close-out-report' && e.recipient === 'client')).toBe(1);
      expect(count('email-sent', (e) => e.type === 'email-sent' && e.purpose === 'close-out-summary' && e.recipient === 'manager')).toBe(1);
      const timeline = await (await fetch(`${stack.appUrl}/manager/engagements/${engagementId}`, { headers: { cookie: `session=${stack.identity.tokenFor('alice')}` } })).text();
      expect(timeline).toContain('Final report to the client');
      expect(timeline).toContain('Final summary for the manager');
      expect((await stack.deps.store.getEngagement(engagementId))?.status).toBe('closed');
      const sends = events.flatMap((e) => (e.type === 'email-sent' ? [`${e.purpose}:${e.ref ?? ''}`] : []));
      expect(new Set(sends).size).toBe(sends.length);

      // One bonus within the rule, announced as a bonus and noted; one due date moved late, and acknowledged.
      expect(events.filter((e) => e.type === 'scope-decision-recorded')).toEqual([expect.objectContaining({ decision: 'bonus', proposed: 'bonus' })]);
      expect(events.filter((e) => e.type === 'scope-decision-recorded' && e.overrideReason !== undefined)).toEqual([]);
      expect(events.filter((e) => e.type === 'scope-decision-announced')).toEqual([expect.objectContaining({ asBonus: true })]);
      expect(events.filter((e) => e.type === 'scope-decision-answered')).toEqual([expect.objectContaining({ answer: 'noted' })]);
      const shift = events.find((e) => e.type === 'deadline-shifted');
      expect(shift).toMatchObject({ milestoneId: 'm3' });
      expect(count('deadline-shift-acknowledged')).toBe(1);
      expect(events.find((e) => e.type === 'checkpoint-recorded' && e.milestoneId === 'm3')).toMatchObject({ slipAnnounced: false, onTime: true });

      // The drift snapshot follows the log through the table's stream, with no refresh by hand.
      await stack.tableStream?.settled();
      const snapshot = await stack.deps.store.getDriftSnapshot(engagementId);
      expect(snapshot?.summary.status).toBe('closed');
      const rejected = snapshot?.report.findings.find((f) => f.kind === 'outcome-rejected');
      expect(rejected?.evidence.some((e) => e.what === 'outcome-rejected')).toBe(true);
      expect(rejected?.cites.length).toBeGreaterThan(0);
      const slip = snapshot?.report.findings.find((f) => f.kind === 'unannounced-slip');
      expect(slip?.explanation.key).toBe('unannounced-slip.late-notice');
      expect(slip?.evidence.some((e) => e.eventId === shift?.id)).toBe(true);
      expect(snapshot?.report.findings.filter((f) => f.kind === 'scope-drift')).toEqual([]);

      const page = await fetch(`${stack.appUrl}/manager/engagements/${engagementId}/drift`, { headers: { cookie: `session=${stack.identity.tokenFor('alice')}` } });
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain('id="point-1"');
      expect(html).toContain('You said');
      const portfolio = await fetch(`${stack.appUrl}/api/portfolio?status=closed`, { headers: { authorization: `Bearer ${stack.identity.tokenFor('hana')}` } });
      const { engagements } = (await portfolio.json()) as { engagements: Array<{ engagementId: string; score: number }> };
      expect(engagements.find((e) => e.engagementId === engagementId)?.score).toBe(snapshot?.summary.score);
    } finally {
      await stack.stop();
    }
  }, 180_000);
});
