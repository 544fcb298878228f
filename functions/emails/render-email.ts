/**
 * The words of each email the system sends, in English and Russian.
 *
 * Contract: `renderEmail(message, locale)` returns a one-line subject, escaped HTML and a
 * plain-text body that says the same. It is pure: the caller supplies every link and instant.
 * Client emails carry a signed link and say it is personal; times are shown with their zone
 * (the client's own zone where we know it, UTC otherwise). Client emails are short and calm;
 * manager emails say what happened and what to do, with the engagement's link. Whatever a
 * person wrote (a question, an answer, an incident's summary, a request beyond the contract, the
 * reason a due date moves) is quoted as it was written.
 */
import type { Locale } from '../domain/engagement.js';
import type { Channel, Expectations } from '../domain/expectations.js';
import {
  describeCheckpoint, describeExpectations, describeScopeDecision, formatDate, formatDateTime, messages,
  type CheckpointResult, type Dimension, type ScopeDecisionFacts,
} from '../i18n.js';
import { composeEmail, type Block, type RenderedEmail } from './compose-email.js';
import type { WarningKind } from '../domain/drift/index.js';

interface ConfirmationRequest {
  clientName: string;
  managerName: string;
  engagementTitle: string;
  milestoneTitle: string;
  /** What the manager recorded with the delivery; may be empty. */
  deliverySummary: string;
  link: string;
  windowEndsAt: string;
  /** The client's zone, for the deadline. */
  timeZone: string;
  statusLink: string;
}

export type EmailMessage =
  | { type: 'kickoff-invite'; clientName: string; managerName: string; engagementTitle: string; link: string; expiresAt: string; statusLink: string }
  | {
    type: 'kickoff-reminder'; clientName: string; managerName: string; engagementTitle: string; link: string;
    expiresAt: string; reminderNumber: number; statusLink: string;
  }
  | {
    type: 'kickoff-escalation'; managerName: string; clientName: string; clientEmail: string; engagementTitle: string;
    remindersSent: number; invitedAt: string; engagementUrl: string;
  }
  | { type: 'workflow-stalled'; workflow: 'kickoff' | 'engagement'; managerName: string; engagementTitle: string; error: string; engagementUrl: string }
  | {
    type: 'what-we-heard'; clientName: string; managerName: string; engagementTitle: string; expectations: Expectations;
    version: number; correctionLink: string; correctionDeadline: string;
    statusLink: string;
  }
  | {
    type: 'client-note'; managerName: string; clientName: string; engagementTitle: string; text: string; page: string;
    engagementUrl: string;
  }
  | {
    /** An informational update, like a pilot's announcement: what happened, what's next, when we speak again. */
    type: 'status-update'; clientName: string; managerName: string; engagementTitle: string;
    /** Since the last update, oldest first; may be empty. */
    done: Array<{ title: string; at: string; what: 'delivered' | 'confirmed' }>;
    /** The milestone being worked on (due is a plain date). */
    now: { title: string; due: string } | undefined;
    /** Deliveries awaiting the client's confirmation. */
    waitingForYou: Array<{ title: string; deliveredAt: string }>;
    nextUpdateBy: string; nextUpdateChannel: Channel; statusLink: string;
    /** The client's zone: every instant is shown in it. */
    timeZone: string;
  }
  | ({ type: 'confirmation-request' } & ConfirmationRequest)
  | ({ type: 'confirmation-follow-up'; followUpNumber: number } & ConfirmationRequest)
  | {
    /** The client wants informational updates on a channel other than email: the manager makes the contact. */
    type: 'manager-task'; managerName: string; clientName: string; engagementTitle: string; channel: Channel; dueAt: string;
    engagementUrl: string;
  }
  | {
    type: 'manager-alert'; managerName: string; clientName: string; engagementTitle: string;
    alert: 'unconfirmed' | 'not-received' | 'not-what-i-needed' | 'bounced' | 'scope-unanswered' | 'shift-unacknowledged';
    milestoneTitle?: string;
    /** The client's own words (a rejection), what the mail system said (a bounce), the request or the reason of a move. */
    text?: string;
    engagementUrl: string;
  }
  | {
    type: 'checkpoint-note'; managerName: string; engagementTitle: string; milestoneTitle: string;
    /** The due date in force (a plain date). */
    due: string;
    result: CheckpointResult; engagementUrl: string;
  }
  | {
    /** To the manager: the client asked a question, and expects the answer by `respondBy`. */
    type: 'client-question'; managerName: string; clientName: string; engagementTitle: string; text: string;
    askedAt: string; respondBy: string; engagementUrl: string;
  }
  | {
    /** To the client: the manager's answer to their question. */
    type: 'question-answer'; clientName: string; managerName: string; engagementTitle: string; question: string; answer: string;
    statusLink: string;
  }
  | {
    /** To the client, at once, when their emergency channel is email: what happened, that we are on it, when they hear next. */
    type: 'incident'; clientName: string; managerName: string; engagementTitle: string; summary: string; statusLink: string;
  }
  | {
    /** To the manager when the client's emergency channel is not email: contact them now on it, then record the contact. */
    type: 'incident-task'; managerName: string; clientName: string; engagementTitle: string; channel: Channel; summary: string;
    engagementUrl: string;
  }
  | {
    /** To the client at close-out: thanks, what they told us at kickoff, what happened, and the one retrospective. */
    type: 'close-out-report'; clientName: string; managerName: string; engagementTitle: string; expectations: Expectations;
    milestones: CloseOutMilestone[];
    /** Absent when the client was surveyed recently (the cool-down): then the email says nothing about a survey. */
    surveyLink?: string;
    statusLink: string;
    /** The client's zone: every instant is shown in it. */
    timeZone: string;
  }
  | {
    /** To the manager at close-out: milestones, checkpoint results, and whether the survey went out. */
    type: 'close-out-summary'; managerName: string; clientName: string; engagementTitle: string;
    milestones: CloseOutMilestone[];
    checkpoints: Array<{ milestoneTitle: string; result: CheckpointResult }>;
    surveySent: boolean; engagementUrl: string;
  }
  | {
    /**
     * To the client, at once (and once more as the reminder): the decision on their request
     * beyond the contract, in the words of their own rule, with the link to answer it.
     */
    type: 'scope-decision'; reminder: boolean; clientName: string; managerName: string; engagementTitle: string;
    /** What they asked for, and when (an instant). */
    summary: string; askedAt: string;
    facts: ScopeDecisionFacts;
    link: string; answerBy: string;
    /** The client's zone, for the instants. */
    timeZone: string;
    statusLink: string;
  }
  | {
    /** To the client, at once (and once more as the reminder): a due date moves, why, and the link to acknowledge it. */
    type: 'deadline-shift-notice'; reminder: boolean; clientName: string; managerName: string; engagementTitle: string;
    milestoneTitle: string;
    /** Plain dates. */
    previousDue: string; newDue: string;
    reason: string;
    /** The notice the client asked for, in days, when this one comes later than that: the email says sorry. */
    lateAgainstNoticeDays?: number;
    link: string; answerBy: string;
    timeZone: string;
    statusLink: string;
  }
  | {
    /** To the manager: what the client chose on a decision (extra pay, the later date, or withdrawing the request). */
    type: 'scope-answer'; managerName: string; clientName: string; engagementTitle: string;
    summary: string;
    /** For the later date (plain dates): whether the milestone could still move to it. */
    choice:
      | { answer: 'extra-pay'; price: string }
      | { answer: 'later-date'; milestoneTitle: string; from: string; to: string; moved: boolean }
      | { answer: 'withdrawn' };
    engagementUrl: string;
  }
  | {
    /** To a manager, once a day at most: the promises to their clients that fall due in the next two days. */
    type: 'pre-drift-digest'; managerName: string;
    engagements: Array<{
      title: string; clientName: string; reportUrl: string;
      due: Array<{ kind: WarningKind; subject: string; deadline: string }>;
    }>;
    /** The zone the deadlines are shown in. */
    timeZone: string;
  };

/**
 * What the final report recalls of the kickoff, kept short: the result the client needed and
 * the pace they asked for, the two things the milestones below can be read against.
 */
const CLOSE_OUT_DIMENSIONS: readonly Dimension[] = ['outcome', 'pace'];

/** One milestone as it ended: the due date in force (a plain date), and the instants of its last delivery and confirmation. */
interface CloseOutMilestone { title: string; due: string; deliveredAt?: string; confirmedAt?: string }

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
          { kind: 'status-link', href: message.statusLink },
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
          { kind: 'status-link', href: message.statusLink },
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
    case 'workflow-stalled':
      return composeEmail({
        locale,
        subject: t.stalled.subject(message.workflow, message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(t.stalled.body(message.workflow, message.engagementTitle, message.error)),
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
          { kind: 'status-link', href: message.statusLink },
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
    case 'status-update':
      return composeEmail({ locale, subject: t.statusUpdate.subject(message.engagementTitle), blocks: statusUpdateBlocks(message, locale) });
    case 'confirmation-request':
    case 'confirmation-follow-up': {
      const c = message.type === 'confirmation-request' ? t.confirmationRequest : t.confirmationFollowUp;
      const opening = message.type === 'confirmation-request'
        ? t.confirmationRequest.intro(message.milestoneTitle, message.engagementTitle)
        : t.confirmationFollowUp.opening(message.followUpNumber, message.milestoneTitle);
      const summary = message.deliverySummary.trim();
      return composeEmail({
        locale,
        subject: c.subject(message.engagementTitle, message.milestoneTitle),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(opening),
          ...(summary === '' ? [] : [{ kind: 'quote', text: summary } satisfies Block]),
          paragraph(t.confirmationRequest.ask),
          { kind: 'button', label: t.confirmationRequest.button, href: message.link },
          paragraph(t.confirmationRequest.by(formatDateTime(message.windowEndsAt, locale, message.timeZone))),
          paragraph(t.confirmationRequest.why),
          paragraph(t.personalLink),
          { kind: 'status-link', href: message.statusLink },
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'manager-task': {
      const channel = messages(locale).channelBy[message.channel];
      return composeEmail({
        locale,
        subject: t.managerTask.subject(message.clientName, message.engagementTitle, channel, formatDate(message.dueAt, locale)),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(t.managerTask.body(message.clientName, message.engagementTitle, channel, formatDateTime(message.dueAt, locale))),
          ...(message.channel === 'email' ? [] : [paragraph(t.managerTask.why(message.clientName))]),
          paragraph(t.managerTask.record),
          { kind: 'button', label: t.managerTask.button, href: message.engagementUrl },
        ],
      });
    }
    case 'manager-alert': {
      const a = t.managerAlert;
      const text = message.text?.trim() ?? '';
      return composeEmail({
        locale,
        subject: a.subject(message.alert, message.clientName, message.engagementTitle, message.milestoneTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(a.body(message.alert, message.clientName, message.milestoneTitle)),
          ...(text === '' ? [] : [paragraph(a.quoteIntro(message.alert)), { kind: 'quote', text } satisfies Block]),
          paragraph(a.advice(message.alert, message.clientName)),
          { kind: 'button', label: a.button, href: message.engagementUrl },
        ],
      });
    }
    case 'checkpoint-note': {
      const n = t.checkpointNote;
      const points = describeCheckpoint(message.result, locale);
      const aligned = points.every((p) => p.level === 'ok');
      const levels = messages(locale).checkpoint.levels;
      return composeEmail({
        locale,
        subject: n.subject(message.milestoneTitle, message.engagementTitle, aligned),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(n.intro(message.milestoneTitle, formatDate(message.due, locale))),
          { kind: 'list', items: points.map((p) => `${levels[p.level]}: ${p.text}.`) },
          paragraph(aligned ? n.allGood : n.evidence),
          { kind: 'button', label: n.button, href: message.engagementUrl },
        ],
      });
    }
    case 'client-question': {
      const q = t.clientQuestion;
      const respondBy = formatDateTime(message.respondBy, locale);
      return composeEmail({
        locale,
        subject: q.subject(message.clientName, message.engagementTitle, respondBy),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(q.intro(message.clientName, message.engagementTitle, formatDateTime(message.askedAt, locale))),
          { kind: 'quote', text: message.text },
          paragraph(q.expects(respondBy)),
          paragraph(q.how),
          { kind: 'button', label: q.button, href: message.engagementUrl },
        ],
      });
    }
    case 'question-answer': {
      const a = t.questionAnswer;
      return composeEmail({
        locale,
        subject: a.subject(message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(a.intro(message.engagementTitle)),
          paragraph(a.asked),
          { kind: 'quote', text: message.question },
          paragraph(a.answer),
          { kind: 'quote', text: message.answer },
          paragraph(a.more),
          { kind: 'button', label: a.button, href: message.statusLink },
          paragraph(t.personalLink),
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'incident': {
      const i = t.incident;
      return composeEmail({
        locale,
        subject: i.subject(message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(i.intro(message.engagementTitle)),
          paragraph(i.what),
          { kind: 'quote', text: message.summary },
          paragraph(i.onIt),
          paragraph(i.status),
          { kind: 'button', label: i.button, href: message.statusLink },
          paragraph(t.personalLink),
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'incident-task': {
      const k = t.incidentTask;
      return composeEmail({
        locale,
        subject: k.subject(message.clientName, message.engagementTitle, message.channel),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(k.body(message.clientName, message.engagementTitle, message.channel)),
          ...(message.channel === 'email' ? [] : [paragraph(k.why(message.clientName, message.channel))]),
          paragraph(k.what),
          { kind: 'quote', text: message.summary },
          paragraph(k.tell),
          paragraph(k.record),
          { kind: 'button', label: k.button, href: message.engagementUrl },
        ],
      });
    }
    case 'close-out-report': {
      const r = t.closeOutReport;
      const day = (instant: string | undefined) => (instant === undefined ? undefined : formatDate(instant, locale, message.timeZone));
      return composeEmail({
        locale,
        subject: r.subject(message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(r.intro(message.engagementTitle)),
          paragraph(r.expectations),
          { kind: 'sections', sections: describeExpectations(message.expectations, locale).filter((x) => CLOSE_OUT_DIMENSIONS.includes(x.dimension)) },
          paragraph(r.happened),
          {
            kind: 'list',
            items: message.milestones.map((ms) => r.milestone(ms.title, formatDate(ms.due, locale), day(ms.deliveredAt), day(ms.confirmedAt))),
          },
          // Within the cool-down the client was asked recently: no survey, and no word about one.
          ...(message.surveyLink === undefined ? [] : [
            paragraph(r.survey),
            { kind: 'button', label: r.button, href: message.surveyLink } satisfies Block,
            paragraph(t.personalLink),
          ]),
          { kind: 'status-link', href: message.statusLink },
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'close-out-summary': {
      const u = t.closeOutSummary;
      const day = (instant: string | undefined) => (instant === undefined ? undefined : formatDate(instant, locale));
      return composeEmail({
        locale,
        subject: u.subject(message.clientName, message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(u.intro(message.clientName, message.engagementTitle)),
          paragraph(u.milestones),
          {
            kind: 'list',
            items: message.milestones.map((ms) => u.milestone(ms.title, formatDate(ms.due, locale), day(ms.deliveredAt), day(ms.confirmedAt))),
          },
          ...(message.checkpoints.length === 0 ? [paragraph(u.noCheckpoints)] : [
            paragraph(u.checkpoints),
            {
              kind: 'list',
              items: message.checkpoints.map((c) =>
                u.checkpoint(c.milestoneTitle, describeCheckpoint(c.result, locale).flatMap((p) => (p.short ? [p.short] : [])))),
            } satisfies Block,
          ]),
          paragraph(u.survey(message.surveySent)),
          { kind: 'button', label: u.button, href: message.engagementUrl },
        ],
      });
    }
    case 'scope-decision': {
      const d = t.scopeDecision;
      const noted = message.facts.decision === 'bonus' || message.facts.decision === 'decline';
      return composeEmail({
        locale,
        subject: message.reminder ? d.reminderSubject(message.engagementTitle) : d.subject(message.engagementTitle, message.facts.decision),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(message.reminder ? d.reminder : d.intro(formatDateTime(message.askedAt, locale, message.timeZone))),
          { kind: 'quote', text: message.summary },
          ...describeScopeDecision(message.facts, locale).map(paragraph),
          ...(noted ? [paragraph(messages(locale).register.explain.askNoted)] : []),
          { kind: 'button', label: noted ? d.buttonNoted : d.buttonChoose, href: message.link },
          paragraph(d.by(formatDateTime(message.answerBy, locale, message.timeZone))),
          paragraph(t.personalLink),
          { kind: 'status-link', href: message.statusLink },
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'deadline-shift-notice': {
      const n = t.deadlineShift;
      const from = formatDate(message.previousDue, locale);
      const to = formatDate(message.newDue, locale);
      return composeEmail({
        locale,
        subject: message.reminder ? n.reminderSubject(message.engagementTitle, message.milestoneTitle) : n.subject(message.engagementTitle, message.milestoneTitle, to),
        blocks: [
          paragraph(t.greeting(message.clientName)),
          paragraph(message.reminder ? n.reminder(message.milestoneTitle, to) : n.intro(message.milestoneTitle, from, to)),
          paragraph(n.why),
          { kind: 'quote', text: message.reason },
          ...(message.lateAgainstNoticeDays === undefined ? [] : [paragraph(messages(locale).register.shiftPage.sorry(message.lateAgainstNoticeDays))]),
          paragraph(n.rest),
          paragraph(n.ask),
          { kind: 'button', label: n.button, href: message.link },
          paragraph(n.by(formatDateTime(message.answerBy, locale, message.timeZone))),
          paragraph(t.personalLink),
          { kind: 'status-link', href: message.statusLink },
          { kind: 'signature', name: message.managerName },
        ],
      });
    }
    case 'scope-answer': {
      const a = t.scopeAnswer;
      const { choice } = message;
      const outcome = choice.answer === 'extra-pay' ? a.extraPay(choice.price)
        : choice.answer === 'withdrawn' ? a.withdrawn
          : choice.moved ? a.laterDate(choice.milestoneTitle, formatDate(choice.from, locale), formatDate(choice.to, locale))
            : a.laterDateMoot(choice.milestoneTitle, formatDate(choice.to, locale));
      return composeEmail({
        locale,
        subject: a.subject(message.clientName, choice.answer, message.engagementTitle),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(a.intro(message.clientName)),
          { kind: 'quote', text: message.summary },
          paragraph(outcome),
          { kind: 'button', label: a.button, href: message.engagementUrl },
        ],
      });
    }
    case 'pre-drift-digest': {
      const d = t.driftDigest;
      const kinds = messages(locale).manager.drift.warningKinds;
      return composeEmail({
        locale,
        subject: d.subject(message.engagements.reduce((n, e) => n + e.due.length, 0)),
        blocks: [
          paragraph(t.greeting(message.managerName)),
          paragraph(d.intro),
          ...message.engagements.flatMap((e): Block[] => [
            paragraph(d.engagement(e.title, e.clientName)),
            { kind: 'list', items: e.due.map((w) => d.item(kinds[w.kind], w.subject, formatDateTime(w.deadline, locale, message.timeZone))) },
            { kind: 'button', label: d.button(e.title), href: e.reportUrl },
          ]),
        ],
      });
    }
  }
}

/**
 * What happened, what comes next, what we wait for from the client, and when and how they
 * hear from us again. Nothing is left out when it is empty: "nothing new" is news too.
 */
function statusUpdateBlocks(message: Extract<EmailMessage, { type: 'status-update' }>, locale: Locale): Block[] {
  const t = messages(locale).email;
  const u = t.statusUpdate;
  const day = (instant: string) => formatDate(instant, locale, message.timeZone);
  const paragraph = (text: string): Block => ({ kind: 'paragraph', text });
  return [
    paragraph(t.greeting(message.clientName)),
    paragraph(u.intro(message.engagementTitle)),
    ...(message.done.length === 0
      ? [paragraph(u.nothingDone)]
      : [paragraph(u.doneIntro), { kind: 'list', items: message.done.map((d) => u.done(d.title, day(d.at), d.what)) } satisfies Block]),
    paragraph(message.now ? u.now(message.now.title, formatDate(message.now.due, locale)) : u.nothingNow),
    ...(message.waitingForYou.length === 0 ? [] : [
      paragraph(u.waitingIntro),
      { kind: 'list', items: message.waitingForYou.map((w) => u.waiting(w.title, day(w.deliveredAt))) } satisfies Block,
    ]),
    paragraph(u.next(formatDateTime(message.nextUpdateBy, locale, message.timeZone), messages(locale).channelBy[message.nextUpdateChannel])),
    { kind: 'button', label: u.button, href: message.statusLink },
    paragraph(t.personalLink),
    { kind: 'signature', name: message.managerName },
  ];
}
