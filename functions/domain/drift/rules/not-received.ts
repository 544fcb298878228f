/**
 * Not received (channels): an email to the client that bounced, was refused, or that the
 * client marked as spam. "Sent" is not "received".
 *
 * Contract: a failure outcome is joined to its send by message id; only messages to the client
 * count. One finding per message (its first failure), cited against the channel the client
 * chose for that kind of communication, in the terms in force when the failure came back. A
 * bounce or refusal (nothing arrived) is high; a complaint (it arrived, unwanted) is medium.
 * It stays open until a later email reaches the client (delivered or opened), proving the
 * route works again.
 */
import type { RuleContext } from '../context.js';
import { drift, eventEvidence, type Drift } from '../drift.js';
import type { EventOf, Timed } from '../log.js';
import { cite } from '../terms.js';
import type { Evidence } from '../types.js';

export function notReceived(ctx: RuleContext): Drift[] {
  const { clientEmails, failedMessages, arrivals } = ctx.facts;
  if (failedMessages.size === 0) return [];
  const sends = new Map<string, Timed<EventOf<'email-sent'>>>();
  for (const send of clientEmails) if (!sends.has(send.e.messageId)) sends.set(send.e.messageId, send);

  // Messages that reached the client, by send time: each arrives when its delivery or opening
  // is reported, but never before it was sent. From each one on, the earliest arrival among it
  // and all later sends answers "the first email sent after t that reached the client".
  const reached: Array<{ sentMs: number; arrivedMs: number; report: Timed }> = [];
  for (const report of arrivals) {
    const send = sends.get(report.e.messageId);
    if (send && !failedMessages.has(report.e.messageId)) reached.push({ sentMs: send.ms, arrivedMs: Math.max(send.ms, report.ms), report });
  }
  reached.sort((a, b) => a.sentMs - b.sentMs);
  for (let i = reached.length - 2; i >= 0; i -= 1) {
    const here = reached[i] as (typeof reached)[number];
    const later = reached[i + 1] as (typeof reached)[number];
    if (later.arrivedMs < here.arrivedMs) reached[i] = { ...here, arrivedMs: later.arrivedMs, report: later.report };
  }
  const firstReachSentAfter = (ms: number) => {
    let low = 0;
    let high = reached.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((reached[mid] as (typeof reached)[number]).sentMs > ms) high = mid;
      else low = mid + 1;
    }
    return reached[low];
  };

  const found: Drift[] = [];
  for (const [messageId, failure] of failedMessages) {
    const send = sends.get(messageId);
    const terms = ctx.timeline.at(failure.ms);
    if (!send || !terms) continue;
    const recovered = firstReachSentAfter(failure.ms);
    const evidence: Evidence[] = [eventEvidence(send), eventEvidence(failure)];
    if (recovered) evidence.push(eventEvidence(recovered.report));
    found.push(drift({
      kind: 'not-received',
      subject: messageId,
      steps: [{ at: failure.ms, severity: failure.e.outcome === 'complained' ? 'medium' : 'high' }],
      ...(recovered ? { closedAt: recovered.arrivedMs } : {}),
      cites: [cite(terms, `channels.${send.e.kind}`)],
      evidence,
      explanation: { key: 'not-received', params: { outcome: failure.e.outcome, kind: send.e.kind, purpose: send.e.purpose, sentAt: send.e.at } },
    }));
  }
  return found;
}
