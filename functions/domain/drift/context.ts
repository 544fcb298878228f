/**
 * What every rule reads: the engagement, the facts from its log, the client's terms over time
 * and "now", plus the two views of communication several rules share.
 *
 * Contract: `contextOf` returns nothing when the client had stated no expectations by "now";
 * there is then nothing to drift from.
 */
import type { Engagement } from '../engagement.js';
import type { CommunicationKind, Channel } from '../expectations.js';
import type { EmailPurpose } from '../events.js';
import { factsOf, type Facts, type Timed } from './log.js';
import { timelineOf, type Timeline } from './terms.js';
import type { DriftInput } from './types.js';

export interface RuleContext {
  engagement: Engagement;
  facts: Facts;
  timeline: Timeline;
  now: number;
  /** Informational touchpoints that reached the client, in order. */
  informational: Timed[];
  /** Contacts with the client whose channel and hour their terms govern, in order. */
  contacts: Contact[];
}

export interface Contact {
  t: Timed;
  kind: CommunicationKind;
  channel: Channel;
}

/**
 * The kickoff is run by email by design (the client has no account, only links), and "what
 * we heard" answers the client's own submission the moment it arrives: holding those to the
 * channel and hours the client chose in that very form would flag the product itself.
 */
const KICKOFF_PURPOSES: ReadonlySet<EmailPurpose> = new Set(['kickoff-invite', 'kickoff-reminder', 'what-we-heard']);

export function contextOf(input: DriftInput): RuleContext | undefined {
  const now = input.now.getTime();
  const timeline = timelineOf(input.answers, now);
  if (!timeline) return undefined;
  const facts = factsOf(input.events, now);

  const informational: Timed[] = [];
  const contacts: Contact[] = [];
  for (const t of facts.all) {
    const { e } = t;
    if (e.type === 'email-sent' && e.recipient === 'client') {
      // "Sent" is not "received": a message that bounced or was refused informed nobody.
      if (e.kind === 'informational' && !facts.failedMessages.has(e.messageId)) informational.push(t);
      // An email is an email, whatever channel field the event carries.
      if (!KICKOFF_PURPOSES.has(e.purpose)) contacts.push({ t, kind: e.kind, channel: 'email' });
    } else if (e.type === 'touchpoint-recorded') {
      if (e.kind === 'informational') informational.push(t);
      contacts.push({ t, kind: e.kind, channel: e.channel });
    }
  }
  return { engagement: input.engagement, facts, timeline, now, informational, contacts };
}
