/**
 * Wrong channel (channels): a communication of one kind made on a channel other than the one
 * the client chose for that kind (`channels.regular|informational|emergency`).
 *
 * Contract: emails to the client are on the email channel; recorded contacts on theirs. Each
 * such contact is one finding at that instant (subject: the event), judged by the terms in
 * force then. Severity follows what was at stake: an emergency on the wrong channel is high
 * (they wanted a call and got an email), a regular contact medium, an informational one low.
 * Emails that ask the client to answer by a signed link are not judged (see `LINK_PURPOSES`).
 */
import type { EmailPurpose } from '../../events.js';
import type { CommunicationKind } from '../../expectations.js';
import type { RuleContext } from '../context.js';
import { drift, eventEvidence, type Drift } from '../drift.js';
import { channelOf, type Contact } from '../log.js';
import { CHANNEL_FIELD, cite } from '../terms.js';
import type { Severity } from '../types.js';

const SEVERITY: Record<CommunicationKind, Severity> = { emergency: 'high', regular: 'medium', informational: 'low' };

/**
 * Emails that ask the client to answer by a signed link: a delivery to confirm, a scope
 * decision to choose on, a moved due date to acknowledge. The product sends them by email
 * whatever channel the client chose, because the one-click answer needs the link; no manager
 * chose that channel. They still count as contact for the other rules.
 */
const LINK_PURPOSES: ReadonlySet<EmailPurpose> = new Set([
  'confirmation-request', 'confirmation-follow-up',
  'scope-decision', 'scope-decision-reminder',
  'deadline-shift-notice', 'deadline-shift-reminder',
]);

export function wrongChannels(ctx: RuleContext): Drift[] {
  const found: Drift[] = [];
  const { contacts } = ctx.facts;
  for (let i = 0; i < contacts.length; i += 1) {
    const t = contacts[i] as Contact;
    if (t.e.type === 'email-sent' && LINK_PURPOSES.has(t.e.purpose)) continue;
    const terms = ctx.timeline.at(t.ms);
    if (!terms) continue;
    const kind = t.e.kind;
    const channel = channelOf(t);
    const expected = terms.expectations.channels[kind];
    if (channel === expected) continue;
    found.push(drift({
      kind: 'wrong-channel',
      subject: t.e.id,
      steps: [{ at: t, severity: SEVERITY[kind] }],
      closedAt: t,
      cites: [cite(terms, CHANNEL_FIELD[kind])],
      evidence: [eventEvidence(t)],
      explanation: { key: 'wrong-channel', params: { kind, used: channel, expected } },
    }));
  }
  return found;
}
