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
import { byTime, type EventOf, type Message, type Timed } from '../log.js';
import { CHANNEL_FIELD, cite } from '../terms.js';
import type { Evidence } from '../types.js';

/** When a message reached the client: when its arrival was first reported, but never before it was sent. */
const arrival = (m: Message): Timed => ((m.arrival as Timed).ms < m.send.ms ? m.send : m.arrival as Timed);
const arrivedMs = (m: Message): number => arrival(m).ms;

/** Whether `a` reached the client before `b`: by arrival, then by send, then by report. */
const reachedBefore = (a: Message, b: Message): boolean =>
  arrivedMs(a) !== arrivedMs(b) ? arrivedMs(a) < arrivedMs(b)
    : a.send.ms !== b.send.ms ? a.send.ms < b.send.ms
      : byTime(a.arrival as Timed, b.arrival as Timed) < 0;

export function notReceived(ctx: RuleContext): Drift[] {
  const { messages, failed } = ctx.facts;
  if (failed.length === 0) return [];

  // Messages that reached the client, by send time, and from each on, the first of it and all
  // later ones to reach the client: that answers "the first email sent after t that reached
  // the client".
  const reached: Message[] = [];
  for (let i = 0; i < messages.length; i += 1) {
    const message = messages[i] as Message;
    if (message.arrival && !message.failure) reached.push(message);
  }
  const firstFrom: Message[] = reached.slice();
  for (let i = firstFrom.length - 2; i >= 0; i -= 1) {
    const later = firstFrom[i + 1] as Message;
    if (reachedBefore(later, firstFrom[i] as Message)) firstFrom[i] = later;
  }
  const firstReachSentAfter = (ms: number) => {
    let low = 0;
    let high = reached.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((reached[mid] as Message).send.ms > ms) high = mid;
      else low = mid + 1;
    }
    return firstFrom[low];
  };

  const found: Drift[] = [];
  for (const message of failed) {
    const { send } = message;
    const failure = message.failure as Timed<EventOf<'email-outcome'>>;
    const terms = ctx.timeline.at(failure.ms);
    if (!terms) continue;
    const recovered = firstReachSentAfter(failure.ms);
    const evidence: Evidence[] = [eventEvidence(send), eventEvidence(failure)];
    if (recovered) evidence.push(eventEvidence(recovered.arrival as Timed));
    found.push(drift({
      kind: 'not-received',
      subject: failure.e.messageId,
      steps: [{ at: failure, severity: failure.e.outcome === 'complained' ? 'medium' : 'high' }],
      closedAt: recovered && arrival(recovered),
      cites: [cite(terms, CHANNEL_FIELD[send.e.kind])],
      evidence,
      explanation: { key: 'not-received', params: { outcome: failure.e.outcome, kind: send.e.kind, purpose: send.e.purpose, sentAt: send.e.at } },
    }));
  }
  return found;
}
