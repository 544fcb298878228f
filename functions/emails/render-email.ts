/**
 * The words of each email the system sends, in English and Russian.
 *
 * Contract: `renderEmail(message, locale)` returns a one-line subject, escaped HTML and a
 * plain-text body that says the same. It is pure: the caller supplies every link and instant.
 * Client emails carry a signed link and say it is personal; times are shown with their zone
 * (the client's own zone where we know it, UTC otherwise).
 */
import type { Locale } from '../domain/engagement.js';
import type { Expectations } from '../domain/expectations.js';
import { describeExpectations, formatDateTime, messages } from '../i18n.js';
import { composeEmail, type Block, type RenderedEmail } from './compose-email.js';

export type EmailMessage =
  | { type: 'kickoff-invite'; clientName: string; managerName: string; engagementTitle: string; link: string; expiresAt: string }
  | {
    type: 'kickoff-reminder'; clientName: string; managerName: string; engagementTitle: string; link: string;
    expiresAt: string; reminderNumber: number;
  }
  | {
    type: 'kickoff-escalation'; managerName: string; clientName: string; clientEmail: string; engagementTitle: string;
    remindersSent: number; invitedAt: string; engagementUrl: string;
  }
  | { type: 'kickoff-stalled'; managerName: string; engagementTitle: string; error: string; engagementUrl: string }
  | {
    type: 'what-we-heard'; clientName: string; managerName: string; engagementTitle: string; expectations: Expectations;
    version: number; correctionLink: string; correctionDeadline: string;
  }
  | {
    type: 'client-note'; managerName: string; clientName: string; engagementTitle: string; text: string; page: string;
    engagementUrl: string;
  };

export function renderEmail(message: EmailMessage, locale: Locale): RenderedEmail {
  const t = messages(locale).email;
  const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
  switch (message.type) {
    case 'kickoff-invite':
      return composeEmail({
        locale,
        subject: t.invite.subject(message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          ...t.invite.body(message.engagementTitle).map(paragraph),
          { kind: 'button', label: t.invite.button, href: message.link },
          paragraph(t.invite.personal(formatDateTime(message.expiresAt, locale))),
          { kind: 'signature', name: message.managerName },
        ],
      });
    case 'kickoff-reminder':
      return composeEmail({
        locale,
        subject: t.reminder.subject(message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(t.reminder.opening(message.reminderNumber, message.engagementTitle)),
          paragraph(t.reminder.why),
          { kind: 'button', label: t.invite.button, href: message.link },
          paragraph(t.invite.personal(formatDateTime(message.expiresAt, locale))),
          { kind: 'signature', name: message.managerName },
        ],
      });
    case 'kickoff-escalation':
      return composeEmail({
        locale,
        subject: t.escalation.subject(message.clientName, message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(t.escalation.body(message.clientName, message.clientEmail, message.engagementTitle)),
          paragraph(t.escalation.history(formatDateTime(message.invitedAt, locale), message.remindersSent)),
          paragraph(t.escalation.advice),
          { kind: 'button', label: t.escalation.button, href: message.engagementUrl },
        ],
      });
    case 'kickoff-stalled':
      return composeEmail({
        locale,
        subject: t.stalled.subject(message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(t.stalled.body(message.engagementTitle, message.error)),
          paragraph(t.stalled.advice),
          { kind: 'button', label: t.stalled.button, href: message.engagementUrl },
        ],
      });
    case 'what-we-heard': {
      // The deadline is shown in the client's own time zone: they just told us which it is.
      const deadline = formatDateTime(message.correctionDeadline, locale, message.expectations.process.workingHours.timeZone);
      return composeEmail({
        locale,
        subject: t.whatWeHeard.subject(message.engagementTitle, message.version),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(message.version > 1
            ? t.whatWeHeard.introUpdated(message.engagementTitle, message.version)
            : t.whatWeHeard.intro(message.engagementTitle)),
          { kind: 'sections', sections: describeExpectations(message.expectations, locale) },
          paragraph(t.whatWeHeard.correct(deadline)),
          { kind: 'button', label: t.whatWeHeard.button, href: message.correctionLink },
          paragraph(t.whatWeHeard.allGood),
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'client-note':
      return composeEmail({
        locale,
        subject: t.clientNote.subject(message.clientName, message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(t.clientNote.intro(message.clientName, message.page)),
          { kind: 'quote', text: message.text },
          { kind: 'button', label: t.clientNote.button, href: message.engagementUrl },
        ],
      });
  }
}
