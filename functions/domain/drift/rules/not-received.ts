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
import { cite } from '../terms.js';
import type { Evidence } from '../types.js';

export function notReceived(ctx: RuleContext): Drift[] {
  const { clientEmails, failedMessages, arrivals } = ctx.facts;
  if (failedMessages.size === 0) return [];
  const clientMessages = new Map<string, (typeof clientEmails)[number]>();
  for (const send of clientEmails) if (!clientMessages.has(send.e.messageId)) clientMessages.set(send.e.messageId, send);
  const reachedMessages = new Map<string, (typeof arrivals)[number]>();
  for (const arrival of arrivals) if (!reachedMessages.has(arrival.e.messageId)) reachedMessages.set(arrival.e.messageId, arrival);
  // For "the first email sent after t that reached the client": reaching outcomes by send time,
  // with the earliest arrival among all sends from each one on. A message arrives when its
  // delivery or opening is reported, but never before it was sent.
  const reached = [...reachedMessages.entries()]
    .flatMap(([messageId, outcome]) => {
      const send = clientMessages.get(messageId);
      return send && !failedMessages.has(messageId) ? [{ sentMs: send.ms, arrivedMs: Math.max(send.ms, outcome.ms), outcome }] : [];
    })
    .sort((a, b) => a.sentMs - b.sentMs);
  const earliestFrom = new Array<(typeof reached)[number] | undefined>(reached.length + 1);
  for (let i = reached.length - 1; i >= 0; i -= 1) {
    const here = reached[i] as (typeof reached)[number];
    const later = earliestFrom[i + 1];
    earliestFrom[i] = later && later.arrivedMs < here.arrivedMs ? later : here;
  }
  const firstReachSentAfter = (ms: number) => {
    let low = 0;
    let high = reached.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((reached[mid] as (typeof reached)[number]).sentMs > ms) high = mid;
      else low = mid + 1;
    }
    return earliestFrom[low];
  };

  const found: Drift[] = [];
  for (const [messageId, failure] of failedMessages) {
    const send = clientMessages.get(messageId);
    const terms = ctx.timeline.at(failure.ms);
    if (!send || !terms) continue;
    const recovered = firstReachSentAfter(failure.ms);
    const evidence: Evidence[] = [eventEvidence(send), eventEvidence(failure)];
    if (recovered) evidence.push(eventEvidence(recovered.outcome));
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
