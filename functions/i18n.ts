/**
 * Everything a person reads, in English and Russian: labels and help for each kickoff field
 * and enum value, page and email copy, validation messages, and the plain-words summary of a
 * client's expectations.
 *
 * Contract:
 * - `messages(locale)` returns the dictionary; the Russian one is typed as the English one, so
 *   a key missing from (or extra in) either fails to compile.
 * - `describeExpectations(e, locale)` gives the five dimensions, in order, as titled lists of
 *   label/value pairs. The "what we heard" email and the manager's page both show it, so the
 *   client and the manager read the same words.
 * - `issueText(message, locale)` turns a domain validation message into a sentence for a person.
 * - `describeCheckpoint(result, locale)` gives what a milestone checkpoint found, point by point,
 *   each marked ok / to watch / drift, so the manager's email and timeline say the same.
 * - Dates are formatted with `Intl.DateTimeFormat` in the locale, in UTC unless a zone is given,
 *   and always name the zone so nobody guesses.
 */
import type { EngagementStatus, Locale } from './domain/engagement.js';
import type { DeadlineShiftState } from './domain/deadline-shifts.js';
import type { EmailPurpose, EngagementEvent, ScopeAnswer, ScopeDecision } from './domain/events.js';
import type {
  Channel,
  CommunicationKind,
  Expectations,
  INVOLVEMENT_LEVELS,
  LARGER_REQUEST_HANDLING,
} from './domain/expectations.js';
import { WEEKDAYS } from './domain/expectations.js';
import type { MilestoneState } from './domain/milestones.js';
import type { RuleReason, ScopeRequestState } from './domain/scope-register.js';
import type { CitedField, Severity, WarningKind } from './domain/drift/index.js';

export const DIMENSIONS = ['process', 'pace', 'channels', 'outcome', 'scope'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
type Involvement = (typeof INVOLVEMENT_LEVELS)[number];
type Weekday = (typeof WEEKDAYS)[number];
type LargerRequests = (typeof LARGER_REQUEST_HANDLING)[number];
type ConfirmationAnswer = 'works' | 'not-received' | 'not-what-i-needed';
type Rejection = 'not-received' | 'not-what-i-needed';
type ManagerAlert = 'unconfirmed' | 'not-received' | 'not-what-i-needed' | 'bounced' | 'scope-unanswered' | 'shift-unacknowledged';
/** What the manager hears of a client's choice on a scope decision ("noted" tells them nothing new). */
type ScopeChoice = Exclude<ScopeAnswer, 'noted'>;
/** The retrospective's answers, as the `survey-answered` event holds them. */
export type Recommendation = Extract<EngagementEvent, { type: 'survey-answered' }>['recommend'];
export type SurveyRating = 1 | 2 | 3 | 4 | 5;

interface Choice { label: string; help: string }
interface Field { label: string; help?: string }
interface Page {
  title: string;
  body: string[];
  /** The body to show instead when the page can name the client's manager. */
  withManager?: (managerName: string) => string[];
}

type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

/** "1 day", "5 дней": the number and the noun form its plural rule asks for. */
function counter(locale: Locale, forms: PluralForms): (n: number) => string {
  const rules = new Intl.PluralRules(locale);
  // No grouping: "2000 символов" reads better in a sentence than "2 000".
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
  // A no-break space keeps "5 days" together when a phone wraps the line.
  return (n) => `${numbers.format(n)}\u00a0${forms[rules.select(n)] ?? forms.other}`;
}

/** Where a client left a note, for the pages the HTTP layer names; other pages by their name. */
const EN_NOTE_PLACES: Record<string, string> = {
  kickoff: 'on the kickoff form',
  correction: 'while correcting what we heard',
  confirmation: 'while answering about a delivery',
  status: 'on their status page',
  survey: 'on the close-out survey',
  scope: 'while answering about a request beyond the contract',
  shift: 'while acknowledging a new due date',
};
const RU_NOTE_PLACES: Record<string, string> = {
  kickoff: 'в анкете',
  correction: 'при исправлении сводки',
  confirmation: 'при ответе о сданном результате',
  status: 'на странице «Как идут дела»',
  survey: 'в итоговом опросе',
  scope: 'при ответе о запросе сверх договора',
  shift: 'при подтверждении нового срока',
};
const enNotePlace = (page: string) => EN_NOTE_PLACES[page] ?? `on the “${page}” page`;
const ruNotePlace = (page: string) => RU_NOTE_PLACES[page] ?? `на странице «${page}»`;

const enDays = counter('en', { one: 'day', other: 'days' });
const enHours = counter('en', { one: 'hour', other: 'hours' });
const enChars = counter('en', { one: 'character', other: 'characters' });
const enReminders = counter('en', { one: 'reminder', other: 'reminders' });
const enTimes = counter('en', { one: 'time', other: 'times' });
/** A milestone named in a sentence, or "a delivery" when the message is not about one. */
const enWhat = (milestone: string | undefined) => (milestone === undefined ? 'a delivery' : `“${milestone}”`);
/** What the manager does, now, to reach a client on the channel they chose for emergencies. */
const EN_REACH_NOW: Record<Channel, (clientName: string) => string> = {
  email: (name) => `email ${name} now`,
  phone: (name) => `call ${name} now`,
  chat: (name) => `message ${name} now in a chat or messenger`,
  meeting: (name) => `meet ${name} now (video or in person)`,
};
/** The channel a client chose, as the object of "chose …". */
const EN_CHOSE: Record<Channel, string> = { email: 'email', phone: 'a phone call', chat: 'a chat or messenger', meeting: 'a meeting' };
const capitalise = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

const en = {
  language: { label: 'Language', en: 'English', ru: 'Русский' },
  layout: { skipLink: 'Skip to main content' },
  optional: 'optional',
  units: { days: enDays, hours: enHours, daySuffix: 'days', hourSuffix: 'hours' },

  dimensions: {
    process: { title: 'Process', intro: 'How you want to work with us.' },
    pace: { title: 'Pace', intro: 'How often you want news, and how fast you expect answers.' },
    channels: { title: 'Channels', intro: 'How to reach you, for each kind of message.' },
    outcome: { title: 'Outcome', intro: 'Why you hired us: the result you need in your own business.' },
    scope: { title: 'Scope', intro: 'What happens with requests beyond the contract.' },
  } satisfies Record<Dimension, { title: string; intro: string }>,

  fields: {
    'process.involvement': { label: 'How involved do you want to be?' },
    'process.milestoneApprovalRequired': { label: 'Must you approve each milestone before we move on?' },
    'process.workingHours.start': { label: 'From' },
    'process.workingHours.end': { label: 'Until' },
    'process.workingHours.days': { label: 'Working days' },
    'process.workingHours.timeZone': { label: 'Time zone', help: 'Start typing a region or city, for example Europe/Berlin.' },
    'process.decisionMaker': {
      label: 'Who makes the final decisions on your side?',
      help: 'A name and a role, for example “Anna Petrova, head of marketing”.',
    },
    'pace.updateCadenceDays': {
      label: 'How often do you want status news?',
      help: 'A short note on where things stand, even when all is well.',
    },
    'pace.maxSilenceDays': {
      label: 'What is the longest you accept hearing nothing from us?',
      help: 'At least as long as the interval above.',
    },
    'pace.responseTimeHours': {
      label: 'How quickly do you expect an answer to your questions?',
      help: 'In hours: 24 is one day.',
    },
    'pace.slipNoticeDays': {
      label: 'If a deadline has to move, how many days in advance do you want to know?',
      help: '0 if hearing on the day itself is enough.',
    },
    'pace.dueDateToleranceDays': {
      label: 'How many days late is still acceptable to you?',
      help: '0 if deadlines must be met exactly.',
    },
    'channels.regular': { label: 'Regular communication', help: 'Plans, syncs and working discussions.' },
    'channels.informational': { label: 'Informational updates', help: 'Status news and “all is well” notes.' },
    'channels.emergency': { label: 'Emergencies', help: 'Incidents, and anything that is urgent for you.' },
    'outcome.businessResult': {
      label: 'What result do you need in your own business?',
      help: 'Not what we will do, but what should change for you. Someone who buys a drill wants a picture on the wall.',
    },
    'outcome.successSignal': {
      label: 'How will you know you got it?',
      help: 'Something you can see: a number, an event, a reaction from your customers.',
    },
    'outcome.confirmationWindowDays': {
      label: 'After each delivery, how many days do you need to confirm it does what you need?',
      help: 'We ask you to confirm each delivery, because sent is not the same as received.',
    },
    'scope.bonusUpToHours': {
      label: 'Small extra requests: how many hours of work may we simply do, as a bonus?',
      help: 'We always tell you when something was a bonus. 0 means every extra request gets its own decision.',
    },
    'scope.largerRequests': { label: 'How should we handle larger requests beyond the contract?' },
    'scope.alwaysDeclined': {
      label: 'Is there anything we should always say no to?',
      help: 'For example: “no work at weekends”, “no changes to the brand book”.',
    },
    note: {
      label: 'Anything else you want to tell us?',
      help: 'An idea, a worry, or something unrelated to this page. It goes straight to your manager.',
    },
  } satisfies Record<string, Field>,

  involvement: {
    'hands-off': { label: 'Hands-off', help: 'Just deliver the result; ask me only when you must.' },
    informed: { label: 'Informed', help: 'Keep me posted; I step in when a decision is needed.' },
    involved: { label: 'Involved', help: 'I want to take part in the key decisions.' },
    'co-creating': { label: 'Co-creating', help: 'I want to work on it together with your team.' },
  } satisfies Record<Involvement, Choice>,

  approval: { yes: 'Yes, wait for my approval', no: 'No, carry on unless I object' },

  workingHours: {
    heading: 'When can we contact you?',
    help: 'Outside these hours we contact you only in an emergency.',
  },

  channels: {
    email: 'Email',
    phone: 'Phone call',
    chat: 'Chat or messenger',
    meeting: 'Meeting (video or in person)',
  } satisfies Record<Channel, string>,

  /** A channel inside a sentence: "You will hear from us … by phone." */
  channelBy: {
    email: 'by email',
    phone: 'by phone',
    chat: 'in a chat or messenger',
    meeting: 'at a meeting (video or in person)',
  } satisfies Record<Channel, string>,

  /** Where a milestone stands, in the client's words. */
  milestoneStates: {
    planned: 'Planned',
    'in-progress': 'In progress',
    'awaiting-confirmation': 'Delivered — awaiting your confirmation',
    confirmed: 'Confirmed',
    reopened: 'Reopened',
  } satisfies Record<MilestoneState, string>,

  weekdays: {
    mon: { short: 'Mon', long: 'Monday' },
    tue: { short: 'Tue', long: 'Tuesday' },
    wed: { short: 'Wed', long: 'Wednesday' },
    thu: { short: 'Thu', long: 'Thursday' },
    fri: { short: 'Fri', long: 'Friday' },
    sat: { short: 'Sat', long: 'Saturday' },
    sun: { short: 'Sun', long: 'Sunday' },
  } satisfies Record<Weekday, { short: string; long: string }>,

  largerRequests: {
    'client-chooses': { label: 'Ask me each time', help: 'Show me the options (extra pay, a later deadline, or not doing it) and I choose.' },
    'extra-pay': { label: 'Extra pay', help: 'Quote the extra work and do it once I agree.' },
    'deadline-shift': { label: 'Move the deadline', help: 'Do it within the budget and move the deadline.' },
    decline: { label: 'Decline', help: 'Stick to the contract and say no.' },
  } satisfies Record<LargerRequests, Choice>,

  kickoff: {
    title: 'Your expectations for this project',
    correctionTitle: 'Correct what we heard',
    intro: (clientName: string, managerName: string, engagementTitle: string) =>
      `Hello ${clientName}. Before work on “${engagementTitle}” starts, ${managerName} would like to know how you want it to run.`,
    correctionIntro: (clientName: string, engagementTitle: string) =>
      `Hello ${clientName}, thank you for checking what we heard about “${engagementTitle}”.`,
    why: 'It takes about five minutes. We write your answers down, send you a summary of what we heard, and hold ourselves to it.',
    correctionNotice: 'You are correcting the summary of what we heard. Change whatever is not right and send the form again; we will send you the updated summary.',
    prefilled: {
      'this-engagement': 'This is what you told us; change anything that is no longer right.',
      'earlier-engagement': 'We filled this in from what you told us on an earlier project — confirm or change it.',
    },
    choose: 'Choose…',
    submit: 'Send my answers',
    submitCorrection: 'Send my correction',
  },

  errors: {
    summaryTitle: 'Please check your answers',
    summaryIntro: 'Some answers need another look:',
    titlePrefix: 'Error: ',
    hiddenPrefix: 'Error:',
  },

  issues: {
    required: 'This is required.',
    number: 'Enter a number.',
    whole: 'Enter a whole number.',
    atLeast: (amount: string) => `Enter at least ${amount}.`,
    atMost: (amount: string) => `Enter at most ${amount}.`,
    notNegative: 'This cannot be less than zero.',
    time: 'Enter a time such as 09:00.',
    timeZone: 'Choose a time zone from the list, such as Europe/Berlin.',
    workingDay: 'Choose at least one working day.',
    hoursOrder: 'The working day must end after it starts.',
    silence: 'The longest silence cannot be shorter than the interval between status news.',
    tooLong: (max: number) => `This is too long: at most ${enChars(max)}.`,
    control: 'Remove the special control characters.',
    singleLine: 'Keep this on one line.',
    email: 'Enter an email address such as name@example.com.',
    choose: 'Choose one of the options.',
    date: 'Enter a date.',
    pastDate: 'The date must not be in the past.',
    milestoneMin: 'Add at least one milestone.',
    milestoneMax: 'Add at most 50 milestones.',
    dateTime: 'Enter a date and a time.',
    future: 'This cannot be in the future.',
    milestone: 'Choose a milestone of this engagement.',
    rating: 'Choose a number from 1 to 5.',
    effort: 'Enter the hours as a number, such as 1.5.',
    effortPositive: 'Enter more than 0 hours.',
    overrideRequired: 'Write why you decide other than the rule proposes.',
    overrideOnly: 'Leave this empty when you follow the rule: it is only for overriding it.',
    priceRequired: 'Enter the price the client will pay, such as “€400”.',
    priceOnly: 'A price belongs only to extra pay, or to a choice for the client.',
    shiftRequired: 'Choose the milestone that moves, and by how much.',
    shiftOnly: 'A milestone moves only with a later deadline, or a choice for the client.',
    shiftEither: 'Give the number of days or the new date, not both.',
    delivered: 'This milestone is already delivered, so its due date cannot move.',
    afterToday: 'The new date must be after today, in the client’s time zone.',
    laterThanDue: 'The new date must be later than the current due date.',
    tooFar: 'The new date can be at most two years ahead.',
    beforeStart: 'This cannot be before the engagement started.',
    noDeclinedKind: 'The client named nothing they always decline.',
    fallback: (message: string) => `${message.charAt(0).toUpperCase()}${message.slice(1)}.`,
  },

  summary: {
    involvement: 'Involvement',
    approval: 'Milestone approval',
    workingHours: 'Working hours',
    decisionMaker: 'Final decisions',
    statusNews: 'Status news',
    responses: 'Answers to questions',
    slipNotice: 'Notice before a deadline moves',
    tolerance: 'Acceptable delay',
    kinds: {
      regular: 'Regular (plans, syncs)',
      informational: 'Informational (status news)',
      emergency: 'Emergencies',
    } satisfies Record<CommunicationKind, string>,
    businessResult: 'The result you need',
    successSignal: 'How you will know',
    confirmationWindow: 'Time to confirm a delivery',
    bonus: 'Small extra requests',
    largerRequests: 'Larger requests',
    alwaysDeclined: 'Always declined',
    nothingNamed: 'Nothing named',
    hours: (days: string, start: string, end: string, timeZone: string) => `${days}, ${start}–${end} (${timeZone})`,
    statusNewsValue: (cadenceDays: number, maxSilenceDays: number) =>
      `${cadenceDays === 1 ? 'every day' : `every ${enDays(cadenceDays)}`}, never more than ${enDays(maxSilenceDays)} of silence`,
    responsesValue: (hours: number) => `within ${enHours(hours)}`,
    slipNoticeValue: (days: number) => (days === 0 ? 'on the day at the latest' : `at least ${enDays(days)} before`),
    toleranceValue: (days: number) => (days === 0 ? 'none: on the due date' : `up to ${enDays(days)}`),
    bonusValue: (hours: number) =>
      (hours === 0 ? 'no bonus work: each one gets its own decision' : `done as a bonus up to ${enHours(hours)}, and announced as one`),
  },

  clientPages: {
    'answer-received': {
      title: 'Thank you, we have your answers',
      body: [
        'We’ll send you a summary of what we heard within minutes.',
        'If anything in it is not right, you can correct it with the link in that email.',
      ],
    },
    'correction-received': {
      title: 'Thank you, we have your correction',
      body: ['We’ll send you the updated summary of what we heard within minutes.'],
    },
    'already-received': {
      title: 'We already have your answers',
      body: [
        'Your answers reached us earlier, so nothing was sent again.',
        'If something has changed since, let your manager know.',
      ],
    },
    closed: {
      title: 'This form is closed',
      body: ['This form no longer takes answers.', 'Please contact your manager; they will be glad to help.'],
    },
    'link-tampered': {
      title: 'This link is not valid',
      body: [
        'The link may have been copied incompletely. Try opening it again from the email.',
        'If it still does not work, ask your manager for a new link.',
      ],
    },
    'link-expired': {
      title: 'This link has expired',
      body: ['For your security, links stop working after a while.', 'Please ask your manager for a new link.'],
    },
    'not-found': {
      title: 'Page not found',
      body: ['There is nothing at this address. Please check that the link was copied completely.'],
    },
    'note-received': {
      title: 'Thank you for your message',
      body: ['It went to your manager, who will read it.'],
    },
    'bad-request': {
      title: 'We could not process this request',
      body: ['Please go back and try again. If it keeps happening, let your manager know.'],
    },
    'too-large': {
      title: 'This is more than we can take at once',
      body: ['What you sent is larger than 64 KB. Please shorten it and send it again.'],
    },
    'status-takes-no-answers': {
      title: 'This page takes no answers',
      body: ['It shows where things stand. To ask a question or to write to your manager, use the forms on that page.'],
    },
    'questions-on-status-page': {
      title: 'Questions are asked from the page where things stand',
      body: ['Please open that page with the link at the end of any of our emails, and ask your question there.'],
    },
    'server-error': {
      title: 'Something went wrong on our side',
      body: ['Please try again in a few minutes. If it keeps happening, let your manager know.'],
    },
    'confirmation-received': {
      title: 'Thank you for confirming',
      body: ['The milestone is done: your confirmation is what closes it.', 'Your manager sees your answer straight away.'],
    },
    'rejection-received': {
      title: 'Thank you for telling us',
      body: [
        'Your manager has been told and will contact you.',
        'Nothing is closed until you confirm that it works for you.',
      ],
    },
    'confirmation-already': {
      title: 'You have already answered',
      body: ['You already answered for this delivery, so nothing changed.', 'If something has changed since, let your manager know.'],
    },
    'confirmation-superseded': {
      title: 'There is a newer delivery',
      body: [
        'This milestone was delivered again after this email was sent, so this link no longer takes answers.',
        'Please use the link in the latest email about it.',
      ],
    },
    'question-received': {
      title: 'Thank you for your question',
      body: ['Your question went to your manager; you will get the answer by email.'],
      withManager: (managerName: string) => [`Your question went to ${managerName}; you will get the answer by email.`],
    },
    'survey-received': {
      title: 'Thank you for your answers',
      body: ['Your manager will read them.', 'Thank you for working with us.'],
      withManager: (managerName: string) => [`${managerName} will read them.`, 'Thank you for working with us.'],
    },
    'survey-closed': {
      title: 'This survey is closed',
      body: [
        'This survey no longer takes answers, or you have already answered it, so nothing changed.',
        'If you want to tell us something, let your manager know.',
      ],
    },
    'scope-noted': {
      title: 'Thank you',
      body: ['We have noted that you read our decision.', 'Your manager sees it straight away.'],
    },
    'scope-chosen': {
      title: 'Thank you for your choice',
      body: ['Your manager has been told and goes ahead as you chose.', 'Where things stand is always behind the link in our emails.'],
    },
    'scope-later-date': {
      title: 'Thank you: the later date is set',
      body: ['The due date has moved as you chose; the page where things stand shows it.', 'Your manager has been told.'],
    },
    'scope-withdrawn': {
      title: 'Your request is withdrawn',
      body: ['Nothing is done about it, and nothing changes in the plan.', 'Your manager has been told.'],
    },
    'scope-already-answered': {
      title: 'You have already answered',
      body: ['You already answered about this request, so nothing changed.', 'If something has changed since, let your manager know.'],
    },
    'shift-acknowledged': {
      title: 'Thank you for acknowledging the new date',
      body: ['Your manager sees it straight away.'],
    },
    'shift-already-acknowledged': {
      title: 'You have already acknowledged it',
      body: ['You already acknowledged this new date, so nothing changed.', 'If something has changed since, let your manager know.'],
    },
  } satisfies Record<string, Page>,

  clientDetails: { engagement: 'Project', version: 'Version of your answers' },
  noteForm: { submit: 'Send message' },

  confirmation: {
    title: 'Confirm a delivery',
    intro: (milestoneTitle: string, engagementTitle: string) =>
      `We delivered “${milestoneTitle}” for “${engagementTitle}”. Please tell us whether it reached you and whether it does what you need.`,
    why: 'We count a milestone as done only when you confirm it, because sent is not the same as received.',
    details: { engagement: 'Project', milestone: 'Milestone', deliveredAt: 'Delivered', summary: 'What was delivered' },
    answer: 'Did you receive it, and does it do what you need?',
    answers: {
      works: { label: 'I received it and it does what I need', help: 'The milestone is done.' },
      'not-received': { label: 'I did not receive it', help: 'We find out where it got lost and deliver it again.' },
      'not-what-i-needed': { label: 'I received it, but it is not what I needed', help: 'Your manager contacts you to put it right.' },
    } satisfies Record<ConfirmationAnswer, Choice>,
    reason: {
      label: 'What is missing or wrong?',
      help: 'Required if it is not what you needed; otherwise you may leave it empty.',
    },
    submit: 'Send my answer',
  },

  statusPage: {
    title: 'Where things stand',
    details: { engagement: 'Project', manager: 'Your manager' },
    milestones: 'Milestones',
    due: (date: string) => `due ${date}`,
    deliveredOn: (date: string) => `Delivered on ${date}.`,
    confirmedOn: (date: string) => `You confirmed it on ${date}.`,
    awaitingHelp: 'Please tell us whether it reached you and does what you need: the email we sent with it has a link for that.',
    reopenedHelp: 'You told us it did not reach you or is not what you needed; we are putting it right.',
    nextUpdate: 'When you will hear from us',
    nextUpdateText: (when: string, channel: string) => `By ${when}, ${channel}.`,
    noNextUpdate: 'No further update is scheduled.',
    expectations: 'What you told us at kickoff',
    expectationsIntro: 'We hold ourselves to this. If something has changed, tell us in the box below.',
    noExpectations: 'You have not told us your expectations yet.',
    questions: 'Your questions',
    questionStates: { open: 'Waiting for an answer', answered: 'Answered' },
    askedOn: (date: string) => `You asked on ${date}.`,
    /** With the written answer after it, or alone when the answer came another way. */
    answeredOn: (date: string, withText: boolean) => `Answered on ${date}${withText ? ':' : '.'}`,
    ask: {
      title: 'Ask us a question',
      label: 'Your question',
      help: (responseTimeHours: number | undefined) => (responseTimeHours === undefined
        ? 'Your manager answers by email.'
        : `Your manager answers by email within ${enHours(responseTimeHours)}, as you asked.`),
      submit: 'Send my question',
    },
  },

  /** The retrospective at close-out: only what the kickoff never asked. */
  survey: {
    title: 'How did we do?',
    intro: (managerName: string, engagementTitle: string) =>
      `“${engagementTitle}” is complete. ${managerName} would like to know how it went for you.`,
    short: 'It takes two minutes, and it asks nothing you have already told us.',
    rating: {
      label: 'How well did we keep to what you expected?',
      help: '1 means not at all, 5 means fully.',
      options: { 1: '1 — Not at all', 2: '2 — Mostly not', 3: '3 — Partly', 4: '4 — Mostly', 5: '5 — Fully' } satisfies Record<SurveyRating, string>,
    },
    recommend: {
      label: 'Would you recommend us?',
      options: { yes: 'Yes', maybe: 'Maybe', no: 'No' } satisfies Record<Recommendation, string>,
    },
    keep: 'What should we keep doing?',
    change: 'What should we do differently?',
    submit: 'Send my answers',
  },

  /** What a milestone checkpoint found: one sentence per point, and a short word for the timeline. */
  checkpoint: {
    delivery: (delivered: boolean, onTime: boolean): string => (delivered
      ? (onTime ? 'Delivered on time, within the client’s tolerance' : 'Delivered late, beyond the client’s tolerance')
      : (onTime ? 'Not delivered yet, but still within the client’s tolerance' : 'Not delivered, and past the client’s tolerance')),
    slip: (announced: boolean): string => (announced
      ? 'The deadline move was announced with the notice the client asked for'
      : 'The deadline moved without the notice the client asked for'),
    cadence: (kept: boolean): string => (kept
      ? 'The client heard from us as often as they asked'
      : 'The client went without news for longer than they accept'),
    confirmed: (confirmed: boolean): string => (confirmed
      ? 'The client confirmed it does what they need'
      : 'The client has not confirmed it yet'),
    levels: { ok: 'OK', watch: 'To watch', drift: 'Drift' },
    short: {
      notDelivered: 'not delivered yet',
      late: 'late',
      slip: 'deadline move not announced in time',
      silence: 'silence beyond the cadence',
      unconfirmed: 'not confirmed yet',
    },
  },

  /** The scope register and moved due dates: the words the client and the manager both read. */
  register: {
    decisions: {
      bonus: 'A bonus',
      'extra-pay': 'Extra pay',
      'deadline-shift': 'A later deadline',
      decline: 'Declined',
      'client-chooses': 'The client chooses',
    } satisfies Record<ScopeDecision, string>,
    /** The same decisions, as the client reads them about their own request. */
    clientDecisions: {
      bonus: 'A bonus',
      'extra-pay': 'Extra pay',
      'deadline-shift': 'A later deadline',
      decline: 'Declined',
      'client-chooses': 'You choose',
    } satisfies Record<ScopeDecision, string>,
    /** The client's one-click answers, as buttons. */
    answers: {
      noted: 'Noted',
      'extra-pay': 'I accept the extra cost',
      'later-date': 'I accept the later date',
      withdrawn: 'I withdraw the request',
    } satisfies Record<ScopeAnswer, string>,
    /** The same answers, told afterwards ("the client …", "you …"). */
    answered: {
      noted: 'noted the decision',
      'extra-pay': 'accepted the extra cost',
      'later-date': 'chose the later date',
      withdrawn: 'withdrew the request',
    } satisfies Record<ScopeAnswer, string>,
    /** A decision in plain words, for the client (see `describeScopeDecision`). */
    explain: {
      estimate: (hours: number) => `We estimate it at ${enHours(hours)} of work.`,
      bonus: 'We include it as a bonus: no charge, and no deadline moves.',
      bonusRule: (limit: number) => `You told us at kickoff that small extras of up to ${enHours(limit)} are done this way, and announced as a bonus.`,
      notTheNorm: 'It is a bonus, not the new normal: each new request gets its own decision, by the same rule.',
      decline: 'We will not take this on.',
      declinedKind: (kinds: string) => `You asked us at kickoff to always decline: “${kinds}”.`,
      larger: (limit: number, handling: string) =>
        `${limit > 0 ? `It is more than the ${enHours(limit)} of small extras we include as a bonus` : 'Your rule includes no bonus work'}, and for larger requests you told us at kickoff: “${handling}”`,
      why: (reason: string) => `Why: ${reason}`,
      extraPay: (price: string) => `We can do it for extra pay: ${price}.`,
      later: (milestone: string, from: string, to: string) => `We can do it within the budget if “${milestone}” moves from ${from} to ${to}.`,
      chooses: (price: string, milestone: string, from: string, to: string) =>
        `You choose: we do it for extra pay (${price}), or within the budget if “${milestone}” moves from ${from} to ${to}; or you withdraw the request.`,
      askNoted: 'Please let us know you have read this: it takes one click.',
      askChoice: 'Please choose with one click.',
    },
    /** What a decision costs the client, in money or time. */
    costs: {
      bonus: 'nothing: a bonus, not the new normal',
      decline: 'nothing: it will not be done',
      price: (price: string) => `extra pay of ${price}`,
      shift: (milestone: string, from: string, to: string) => `“${milestone}” moves from ${from} to ${to}`,
      either: (price: string, shift: string) => `either extra pay of ${price}, or ${shift}`,
      withdrawn: 'nothing: the request was withdrawn',
    },
    manager: {
      title: 'Requests beyond the contract',
      intro: 'Each request gets the decision the client’s own rule gives, and the client is told at once. Override the rule only with a written reason: the drift report shows it.',
      rule: 'The client’s rule',
      noRule: 'The client has not stated their rule yet: requests can be recorded once they answer the kickoff form.',
      closed: 'The engagement is closed: no more requests are recorded.',
      none: 'No requests recorded yet.',
      states: {
        undecided: 'Waiting for your decision',
        decided: 'Decided, not announced yet',
        announced: 'Announced: waiting for the client',
        reminded: 'Reminded: waiting for the client',
        'awaiting-client': 'Awaiting the client',
        answered: 'Answered by the client',
      } satisfies Record<ScopeRequestState, string>,
      asked: (by: string, date: string) => `Asked by ${by} on ${date}`,
      effort: (hours: number) => `Estimated effort: ${enHours(hours)}.`,
      declinedKind: 'Marked as of a kind the client always declines.',
      proposed: (decision: string) => `The rule proposes: ${decision.toLowerCase()}`,
      because: (reason: RuleReason, limit: number, handling: string): string => ({
        'declined-kind': 'a kind the client always declines',
        'within-bonus': `within the ${enHours(limit)} the client accepts as a bonus`,
        larger: `${limit > 0 ? `more than the ${enHours(limit)} bonus` : 'no bonus work in the rule'}; larger requests: ${handling}`,
      })[reason],
      decided: (decision: string, date: string) => `Decided: ${decision.toLowerCase()}, on ${date}.`,
      byRule: 'As the rule proposes.',
      overridden: (proposed: string) => `Overrides the rule, which proposed ${proposed.toLowerCase()}. The reason:`,
      cost: (cost: string) => `Cost to the client: ${cost}.`,
      announced: (date: string, asBonus: boolean) => `Announced to the client on ${date}${asBonus ? ', as a bonus' : ''}.`,
      reminded: (date: string) => `Reminded on ${date}.`,
      answerBy: (date: string) => `The client’s answer is expected by ${date}.`,
      awaiting: (date: string) => `No answer within the client’s window, which closed on ${date}.`,
      answer: (answer: ScopeAnswer, date: string) => `The client ${en.register.answered[answer]} on ${date}.`,
      record: {
        title: 'Record a request',
        intro: 'Something the client asked for that the contract does not cover. Record it when it is asked: the rule gives its decision, and the drift report counts the time until you decide.',
        summary: 'What the client asked for',
        summaryHelp: 'The client reads this in the announcement of the decision.',
        effort: 'Estimated effort',
        effortHelp: 'In hours: 1.5 is an hour and a half.',
        askedBy: 'Who asked',
        askedByHelp: 'A name and, if useful, a role.',
        at: 'When they asked',
        atHelp: (timeZone: string) => `As the client’s clock read it, in their time zone (${timeZone}).`,
        declinedKind: (kinds: string) => `It is of a kind the client always declines: “${kinds}”`,
        submit: 'Record the request',
      },
      decide: {
        formLabel: (summary: string) => `Decide on “${summary}”`,
        decision: 'Decision',
        decisionHelp: 'The rule’s proposal is preselected. Anything else overrides the rule and needs a reason.',
        overrideReason: 'Why you override the rule',
        overrideReasonHelp: 'Only when the decision differs from the rule’s proposal. The drift report shows it; for a decline, the client reads it as the reason.',
        price: 'Price of the extra work',
        priceHelp: 'For extra pay, or when the client chooses: as the client will read it, for example “€400”.',
        milestone: 'Milestone that moves',
        milestoneHelp: 'For a later deadline, or when the client chooses.',
        none: 'None',
        shiftDays: 'Move it by (days)',
        newDue: 'Or to this date',
        shiftHelp: 'Give the number of days or the new date, not both.',
        submit: 'Decide and tell the client',
      },
    },
    shifts: {
      title: 'Deadline shifts',
      intro: (noticeDays: number | undefined) => (noticeDays === undefined
        ? 'Move a due date as soon as you know: the client gets the notice at once and acknowledges it with one click.'
        : `Move a due date as soon as you know: the client gets the notice at once and acknowledges it with one click. They asked to know ${noticeDays === 0 ? 'on the day at the latest' : `at least ${enDays(noticeDays)} before`}.`),
      none: 'No due date has moved.',
      move: (milestone: string, from: string, to: string) => `“${milestone}”: from ${from} to ${to}`,
      told: (date: string, days: number) =>
        `The client was told on ${date}, ${days > 0 ? `${enDays(days)} before the old due date` : days === 0 ? 'on the old due date itself' : `${enDays(-days)} after it`}.`,
      late: (asked: number) => `That is later than the ${enDays(asked)} of notice the client asked for: the drift report shows it as an unannounced slip.`,
      chosenByClient: 'Chosen by the client for a request beyond the contract.',
      states: {
        'notice-pending': 'Notice not sent yet',
        'chosen-by-client': 'Chosen by the client',
        announced: 'Waiting for the client’s acknowledgement',
        reminded: 'Reminded: waiting for the client',
        'awaiting-client': 'Not acknowledged: awaiting the client',
        answered: 'Acknowledged by the client',
      } satisfies Record<DeadlineShiftState, string>,
      acknowledged: (date: string) => `Acknowledged by the client on ${date}.`,
      form: {
        title: 'Move a due date',
        intro: 'The client gets the notice by email at once, in their language, with the old and the new date and your reason.',
        milestone: 'Milestone',
        newDue: 'New due date',
        reason: 'Why it moves',
        reasonHelp: 'The client reads this as you write it.',
        submit: 'Move it and tell the client',
      },
    },
    /** The client's own register, on their status page. */
    status: {
      title: 'Your requests beyond the contract',
      intro: 'What you asked for beyond the contract, what we decided by the rule you gave us, and what it costs you.',
      asked: (date: string) => `You asked on ${date}.`,
      pending: 'Our decision follows shortly, by the rule you gave us.',
      decision: (decision: string) => `Our decision: ${decision.toLowerCase()}.`,
      cost: (cost: string) => `What it costs you: ${cost}.`,
      yourAnswer: (answer: string, date: string) => `On ${date} you ${answer}.`,
      waiting: 'We are waiting for your answer.',
      answerNow: 'Answer now',
      shifts: 'Moved due dates',
      shift: (milestone: string, from: string, to: string) => `“${milestone}”: from ${from} to ${to}`,
      toldOn: (date: string) => `We told you on ${date}.`,
      acknowledgedOn: (date: string) => `You acknowledged it on ${date}.`,
      chosenByYou: 'You chose this later date for one of your requests.',
      acknowledgeNow: 'Acknowledge the new date',
    },
    /** The page behind the link in a decision's email. */
    decisionPage: {
      title: 'Your request beyond the contract',
      intro: (engagementTitle: string) => `Here is our decision on your request for “${engagementTitle}”.`,
      details: { engagement: 'Project', request: 'Your request', asked: 'You asked on', decision: 'Our decision', cost: 'What it costs you' },
      answerBy: (date: string) => `Please answer by ${date}.`,
      answered: (answer: string, date: string) => `On ${date} you ${answer}. Nothing more is needed.`,
    },
    /** The page behind the link in the notice of a moved due date. */
    shiftPage: {
      title: 'A due date moves',
      intro: (milestone: string, engagementTitle: string) => `The due date of “${milestone}” in “${engagementTitle}” moves.`,
      details: { engagement: 'Project', milestone: 'Milestone', from: 'Old due date', to: 'New due date', reason: 'Why', told: 'We told you on' },
      sorry: (asked: number) => `We are sorry to tell you later than the ${enDays(asked)} of notice you asked for.`,
      ask: 'Please acknowledge the new date: it takes one click.',
      acknowledge: 'I acknowledge the new date',
      acknowledged: (date: string) => `You acknowledged it on ${date}. Nothing more is needed.`,
    },
  },

  manager: {
    homeTitle: 'Your engagements',
    signedInAs: (name: string, email: string) => `Signed in as ${name} (${email})`,
    signOut: 'Sign out',
    noEngagements: 'No engagements yet. Create the first one below.',
    created: (date: string) => `Created ${date}`,
    newTitle: 'New engagement',
    newIntro: 'The client gets the kickoff form by email as soon as you create the engagement.',
    fields: {
      title: 'Engagement title',
      'client.name': 'Client’s name',
      'client.email': 'Client’s email',
      'client.organisation': 'Organisation',
      locale: 'Client’s language',
    },
    milestones: 'Milestones',
    milestonesHelp: 'Fill in at least one; leave the rows you don’t need empty.',
    milestone: (n: number) => `Milestone ${n}`,
    milestoneTitle: 'Title',
    milestoneDue: 'Due date',
    create: 'Create and send the kickoff form',
    status: {
      'awaiting-kickoff': 'Waiting for kickoff answers',
      'kickoff-answered': 'Kickoff answered',
      'expectations-agreed': 'Expectations agreed',
      'kickoff-unanswered': 'No kickoff answers',
      stalled: 'Stopped on an error',
      closed: 'Closed',
    } satisfies Record<EngagementStatus, string>,
    back: 'All engagements',
    client: 'Client',
    clientLanguage: 'Language',
    milestoneDueOn: (date: string) => `due ${date}`,
    milestoneDueShifted: (date: string, planned: string) => `due ${date}, moved from ${planned}`,
    milestoneStates: {
      planned: 'Planned',
      'in-progress': 'In progress',
      'awaiting-confirmation': 'Delivered — awaiting the client’s confirmation',
      confirmed: 'Confirmed by the client',
      reopened: 'Reopened by the client',
    } satisfies Record<MilestoneState, string>,
    deliveries: (n: number, last: string) => `Delivered ${enTimes(n)}, last on ${last}.`,
    confirmedOn: (date: string) => `The client confirmed it on ${date}.`,
    rejection: (reason: Rejection, date: string) =>
      `On ${date} the client said ${reason === 'not-received' ? 'it never reached them' : 'it is not what they needed'}:`,
    delivery: {
      open: 'Record a delivery',
      openAgain: 'Record a new delivery',
      formLabel: (milestone: string) => `Record a delivery of “${milestone}”`,
      summary: 'What was delivered, and where to find it',
      summaryHelp: 'The client reads this in the email that asks them to confirm it, so name the place or link where they find it.',
      submit: 'Record the delivery',
    },
    touchpoint: {
      title: 'Record a contact',
      intro: 'A call, a chat or a meeting with the client. Only a recorded contact counts towards the client’s cadence and channels.',
      kind: 'Kind of communication',
      kinds: {
        regular: 'Regular (plans, syncs)',
        informational: 'Informational (status update)',
        emergency: 'Emergency (incident)',
      } satisfies Record<CommunicationKind, string>,
      channel: 'Channel',
      at: 'When it happened',
      atHelp: (timeZone: string) => `As the client’s clock read it, in their time zone (${timeZone}).`,
      summary: 'What was said or agreed',
      submit: 'Record the contact',
    },
    questions: {
      title: 'Questions from the client',
      none: 'The client has not asked any questions yet.',
      states: { open: 'Open', overdue: 'Overdue', answered: 'Answered' },
      asked: (date: string) => `Asked on ${date}`,
      respondBy: (date: string) => `Answer by ${date}`,
      answeredOn: (date: string, withText: boolean) =>
        (withText ? `Answered on ${date}:` : `Marked as answered on ${date}; no written answer was recorded.`),
      formLabel: (asked: string) => `Answer the question asked on ${asked}`,
      answer: 'Your answer',
      answerHelp: 'The client gets it by email, as you write it; the time of your answer is recorded.',
      submit: 'Send the answer',
    },
    incident: {
      title: 'Open an incident',
      intro: 'For anything that is urgent for this client. We act at once, at any hour, on the channel they chose for emergencies.',
      summary: 'What happened and what it means for the client',
      summaryHelp: 'The client may read it as you write it, so use plain words.',
      submit: 'Tell the client now',
      channelNote: (channel: Channel | undefined): string => {
        switch (channel) {
          case undefined: return 'The client has not chosen a channel for emergencies yet, so they get an email at once.';
          case 'email': return 'The client chose email for emergencies: they get an email at once.';
          case 'phone': return 'The client chose a phone call for emergencies: you get a task to call them now, and record it when done.';
          case 'chat': return 'The client chose a chat or messenger for emergencies: you get a task to message them now, and record it when done.';
          case 'meeting': return 'The client chose a meeting for emergencies: you get a task to meet them now, and record it when done.';
        }
      },
    },
    expectations: 'Expectations',
    notAnswered: 'The client has not answered the kickoff form yet.',
    answerVersion: (version: number, date: string) => `Version ${version}, received ${date}.`,
    versionsTotal: (n: number) => `Versions in total: ${n}.`,
    timeline: 'Timeline',
    noEvents: 'Nothing has happened yet.',
    notes: 'Notes from the client',
    noNotes: 'No notes yet.',
    notePlace: (page: string) => `left ${enNotePlace(page)}`,
    events: {
      created: (by: string) => `Engagement created by ${by}`,
      emailSent: (what: string, to: string) => `${what} sent to ${to}`,
      answered: (version: number) => `The client answered the kickoff form (version ${version})`,
      corrected: (version: number) => `The client corrected what we heard (version ${version})`,
      note: 'The client left a note',
      unanswered: 'The kickoff form closed without an answer',
      agreed: (version: number) => `Expectations agreed (version ${version})`,
      stalled: (workflow: 'kickoff' | 'engagement', error: string) => `The ${workflow === 'kickoff' ? 'kickoff' : 'delivery'} workflow stopped on an error (${error})`,
      delivered: (milestone: string) => `Delivery of “${milestone}” recorded`,
      confirmed: (milestone: string) => `The client confirmed “${milestone}” does what they need`,
      checkpoint: (milestone: string, points: string[]) =>
        `Checkpoint of “${milestone}”: ${points.length === 0 ? 'on track' : points.join('; ')}`,
      rejected: (milestone: string, reason: Rejection) =>
        `The client said “${milestone}” ${reason === 'not-received' ? 'never reached them' : 'is not what they needed'}`,
      shifted: (milestone: string, from: string, to: string) => `“${milestone}” moved from ${from} to ${to}; the client was told`,
      shiftedByClient: (milestone: string, from: string, to: string) => `“${milestone}” moved from ${from} to ${to}, as the client chose for their request`,
      shiftAcknowledged: (milestone: string) => `The client acknowledged the new due date of “${milestone}”`,
      emailOutcome: (outcome: 'delivered' | 'bounced' | 'complained' | 'rejected' | 'opened') => ({
        delivered: 'An email was delivered', bounced: 'An email bounced', complained: 'The recipient marked an email as spam',
        rejected: 'An email was rejected', opened: 'An email was opened',
      })[outcome],
      touchpoint: (kind: CommunicationKind, channel: Channel, by: string) =>
        `${({ regular: 'Regular', informational: 'Informational', emergency: 'Emergency' })[kind]} contact ${en.channelBy[channel]}, recorded by ${by}`,
      question: 'The client asked a question',
      answeredQuestion: 'The client’s question was answered',
      incident: 'An incident was opened',
      scopeRequest: (hours: number) => `A request beyond the contract was recorded (${hours} h)`,
      scopeDecision: (decision: ScopeDecision, overridden: boolean) =>
        `Decision on an extra request: ${({ bonus: 'a bonus', 'extra-pay': 'extra pay', 'deadline-shift': 'a deadline shift', decline: 'declined', 'client-chooses': 'the client chooses' })[decision]}${overridden ? ' (overriding the rule)' : ''}`,
      scopeAnnounced: 'The decision on an extra request was announced to the client',
      scopeAnswered: (answer: ScopeAnswer) => `The client answered about an extra request: ${en.register.answered[answer]}`,
      closed: (surveySent: boolean) =>
        `The engagement was closed; ${surveySent ? 'the retrospective survey was sent to the client' : 'no survey was sent, as the client was surveyed recently'}`,
      surveyAnswered: (rating: number, recommend: Recommendation) =>
        `The client answered the survey: ${rating} of 5 for keeping to what they expected; would recommend us: ${({ yes: 'yes', maybe: 'maybe', no: 'no' })[recommend]}`,
      surveyKeep: 'Keep doing:',
      surveyChange: 'Do differently:',
      emails: {
        'kickoff-invite': 'Kickoff invitation',
        'kickoff-reminder': 'Kickoff reminder',
        'kickoff-escalation': 'Escalation to the manager',
        'what-we-heard': '“What we heard” summary',
        'client-note': 'The client’s note',
        'workflow-stalled': 'Alert: a workflow stopped',
        'status-update': 'Status update',
        'confirmation-request': 'Request to confirm a delivery',
        'confirmation-follow-up': 'Follow-up on a delivery confirmation',
        'manager-task': 'Task for the manager',
        'manager-alert': 'Alert to the manager',
        'checkpoint-note': 'Milestone checkpoint note',
        'client-question': 'The client’s question',
        'question-answer': 'Answer to the client’s question',
        incident: 'Urgent message about an incident',
        'close-out-report': 'Final report to the client',
        'close-out-summary': 'Final summary for the manager',
        'pre-drift-digest': 'Daily digest of promises coming due',
        'scope-decision': 'Decision on a request beyond the contract',
        'scope-decision-reminder': 'Reminder about a decision on a request',
        'scope-answer': 'The client’s choice on a request',
        'deadline-shift-notice': 'Notice of a new due date',
        'deadline-shift-reminder': 'Reminder to acknowledge a new due date',
      } satisfies Record<EmailPurpose, string>,
    },
    pages: {
      unauthorized: { title: 'Please sign in', body: ['You need to sign in to see this page.'] },
      forbidden: { title: 'You don’t have access to this page', body: ['Your account is not in the managers group. A head of delivery can add you.'] },
      'not-found': { title: 'Not found', body: ['There is no such engagement or page.'] },
      'portfolio-forbidden': { title: 'You don’t have access to this page', body: ['The portfolio is for heads of delivery.'] },
      'cross-site': {
        title: 'This form was sent from another site',
        body: ['For your safety, these pages take forms only from this site. Go back to the page, reload it, and send the form again.'],
      },
    } satisfies Record<string, Page>,
    signIn: 'Sign in',
    driftScore: (score: number) => `Alignment score ${score} of 100`,
    driftLink: 'Drift report: where delivery drifts from what the client expects',
    portfolioLink: 'Portfolio: drift across every engagement',
    drift: {
      title: (engagement: string) => `Drift report: ${engagement}`,
      back: (engagement: string) => `Back to “${engagement}”`,
      preparing: 'This drift report is being prepared.',
      preparingBody: 'It is computed shortly after anything is recorded on the engagement. Reload this page in a few seconds.',
      score: 'Alignment score',
      outOf: (score: number) => `${score} of 100`,
      byDimension: 'By dimension',
      openCount: (n: number) => `${n} open`,
      chart: {
        title: 'Score over time',
        desc: (points: number, from: string, to: string) =>
          `The alignment score at ${points} moments from ${from} to ${to}, from 0 to 100. Each point is explained in the list after the chart.`,
        score: (score: number) => `score ${score}`,
        explained: 'What moved the score',
        move: (change: string, dimension: string) => `${change} on ${dimension}`,
        start: 'the starting point',
        unchanged: 'no change',
      },
      findings: 'Findings',
      dimensionHeading: (dimension: string, score: number) => `${dimension}: ${score} of 100`,
      open: 'Open',
      closed: 'Closed',
      noFindings: 'No findings on this dimension.',
      severity: { low: 'Low', medium: 'Medium', high: 'High' } satisfies Record<Severity, string>,
      started: (date: string) => `Started ${date}`,
      closedOn: (date: string) => `closed ${date}`,
      stillOpen: 'still open',
      evidence: 'Evidence:',
      youSaid: 'You said:',
      citedVersion: (version: number, date: string) => `version ${version}, ${date}`,
      citedFields: {
        'process.workingHours.start': 'working hours start',
        'process.workingHours.end': 'working hours end',
        'process.workingHours.days': 'working days',
        'process.workingHours.timeZone': 'time zone',
        'pace.updateCadenceDays': 'update cadence',
        'pace.maxSilenceDays': 'longest silence',
        'pace.responseTimeHours': 'response time',
        'pace.slipNoticeDays': 'notice before a deadline moves',
        'pace.dueDateToleranceDays': 'acceptable delay',
        'channels.regular': 'channel for regular communication',
        'channels.informational': 'channel for informational updates',
        'channels.emergency': 'channel for emergencies',
        'outcome.businessResult': 'the result they need',
        'outcome.successSignal': 'how they will know',
        'outcome.confirmationWindowDays': 'time to confirm a delivery',
        'scope.bonusUpToHours': 'bonus work up to',
        'scope.largerRequests': 'larger requests',
      } satisfies Record<CitedField, string>,
      warnings: 'Promises coming due',
      warningsIntro: 'What breaks next unless something happens first.',
      noWarnings: 'No promise is pending.',
      warningKinds: {
        'informational-update': 'Next status update',
        'longest-silence': 'End of the longest accepted silence',
        'slip-notice': 'Last moment to announce a slip',
        'delivery-due': 'Delivery due, with the tolerance',
        'confirmation-window': 'End of the confirmation window',
        'response-due': 'Answer to a question due',
        'scope-decision': 'Decision on an extra request due',
        'bonus-announcement': 'Bonus to announce as a bonus',
      } satisfies Record<WarningKind, string>,
      deadline: (date: string) => `by ${date}`,
      computedAt: (date: string) => `Computed at ${date}.`,
      downloads: 'Download the findings',
      csv: 'CSV, for a spreadsheet',
      json: 'JSON',
    },
    portfolio: {
      title: 'Portfolio drift',
      intro: 'Every engagement, most drift first. Each number is a score from 0 to 100: the lower, the further delivery drifts from what the client expects. A dimension’s number leads to its findings.',
      filter: 'Filter',
      manager: 'Manager',
      anyManager: 'All managers',
      status: 'Engagements',
      statuses: { open: 'Open (all but closed)', closed: 'Closed' },
      group: 'One table per manager',
      apply: 'Show',
      managers: 'By manager',
      managersLabel: 'Managers, their engagement count and mean score',
      columns: {
        engagement: 'Engagement',
        client: 'Client',
        manager: 'Manager',
        status: 'Status',
        score: 'Score',
        engagements: 'Engagements',
        mean: 'Mean score',
        withOpen: 'With open findings',
      },
      tableLabel: 'Engagements, most drift first',
      groupSummary: (count: number, mean: number, withOpen: number) =>
        `${count.toLocaleString('en')} ${count === 1 ? 'engagement' : 'engagements'}, mean score ${mean}, ${withOpen.toLocaleString('en')} with open findings`,
      none: 'No engagement with a drift report matches this filter.',
      legend: 'Score bands',
      bands: ['0–39: far from what the client expects', '40–59: drifting', '60–74: some drift', '75–89: mostly aligned', '90–100: aligned'],
      shown: (count: number) => `${count.toLocaleString('en')} ${count === 1 ? 'engagement' : 'engagements'}, most drift first.`,
      shownMore: (count: number) => `${count.toLocaleString('en')} more, continuing from the previous page.`,
      shownGrouped: (count: number) => `For each manager, up to ${count} engagements with the most drift.`,
      inAll: (count: number, state: 'open' | 'closed') => `${count.toLocaleString('en')} ${state} ${count === 1 ? 'engagement' : 'engagements'} in all.`,
      allOf: (count: number, managerName: string) => `All ${count.toLocaleString('en')} of ${managerName}’s engagements`,
      end: 'No more engagements: the previous page was the last.',
      pages: 'Pages',
      first: 'Back to the first page',
      next: (count: number) => `Next ${count}`,
    },
  },

  email: {
    greeting: (name: string) => `Hello ${name},`,
    signOff: 'Best regards,',
    linkFallback: 'If the button does not work, copy this address into your browser:',
    statusLink: 'Where things stand, at any time:',
    invite: {
      subject: (engagementTitle: string) => `“${engagementTitle}”: tell us what you expect`,
      body: (engagementTitle: string) => [
        `Before we start on “${engagementTitle}”, we would like to know how you want it to run: how involved you want to be, how often you want news, how to reach you, and what result you need.`,
        'We write your answers down and hold ourselves to them, so nothing depends on anyone’s memory. It takes about 5 minutes.',
      ],
      button: 'Open the form',
      personal: (expiresAt: string) => `The link is personal to you, so please don’t forward it. It is valid until ${expiresAt}.`,
    },
    reminder: {
      subject: (engagementTitle: string) => `Reminder: “${engagementTitle}”: tell us what you expect`,
      opening: (reminderNumber: number, engagementTitle: string) =>
        `${reminderNumber > 1 ? 'Another gentle reminder' : 'A gentle reminder'}: we haven’t received your answers for “${engagementTitle}” yet.`,
      why: 'They help us run the project the way you expect, and take about 5 minutes.',
    },
    escalation: {
      subject: (clientName: string, engagementTitle: string) => `No kickoff answers yet from ${clientName} (“${engagementTitle}”)`,
      body: (clientName: string, clientEmail: string, engagementTitle: string) =>
        `${clientName} (${clientEmail}) has not answered the kickoff form for “${engagementTitle}”.`,
      history: (invitedAt: string, remindersSent: number) =>
        (remindersSent === 0 ? `We invited them on ${invitedAt}.` : `We invited them on ${invitedAt} and sent ${enReminders(remindersSent)} since.`),
      advice: 'A short personal call or message usually helps more than another email.',
      button: 'Open the engagement',
    },
    stalled: {
      subject: (workflow: 'kickoff' | 'engagement', engagementTitle: string) =>
        `Action needed: the ${workflow === 'kickoff' ? 'kickoff' : 'delivery workflow'} of “${engagementTitle}” stopped`,
      body: (workflow: 'kickoff' | 'engagement', engagementTitle: string, error: string) =>
        `The ${workflow === 'kickoff' ? 'kickoff' : 'delivery'} workflow of “${engagementTitle}” stopped on an error it could not recover from (${error}). ${workflow === 'kickoff' ? 'The client may not have received their form or summary.' : 'The client may not be getting their updates or confirmation requests.'}`,
      advice: 'Check the engagement’s timeline, contact the client yourself if needed, and ask your operator to redrive the execution once the cause is fixed.',
      button: 'Open the engagement',
    },
    whatWeHeard: {
      subject: (engagementTitle: string, version: number) =>
        `${version > 1 ? 'What we heard (updated)' : 'What we heard'}: “${engagementTitle}”`,
      intro: (engagementTitle: string) =>
        `Thank you for your answers. Here is what we heard about how you want “${engagementTitle}” to run. We will hold ourselves to it.`,
      introUpdated: (engagementTitle: string, version: number) =>
        `Thank you for your correction. Here is the updated summary for “${engagementTitle}” (version ${version}).`,
      correct: (deadline: string) => `If anything is not right, correct it with the link below. It is valid until ${deadline}.`,
      button: 'Correct what we heard',
      allGood: 'If everything is right, you don’t need to do anything.',
    },
    clientNote: {
      subject: (clientName: string, engagementTitle: string) => `A note from ${clientName} (“${engagementTitle}”)`,
      intro: (clientName: string, page: string) => `${clientName} left this note ${enNotePlace(page)}:`,
      button: 'Open the engagement',
    },
    personalLink: 'The link is personal to you, so please don’t forward it.',
    statusUpdate: {
      subject: (engagementTitle: string) => `“${engagementTitle}”: where things stand`,
      intro: (engagementTitle: string) => `Here is a short update on “${engagementTitle}”.`,
      doneIntro: 'Since our last update:',
      nothingDone: 'Nothing new has been delivered since our last update; the work goes on.',
      done: (title: string, date: string, what: 'delivered' | 'confirmed') =>
        (what === 'delivered' ? `We delivered “${title}” on ${date}.` : `You confirmed “${title}” on ${date}.`),
      now: (title: string, due: string) => `Now we are working on “${title}”, due ${due}.`,
      nothingNow: 'No other milestone is in progress right now.',
      waitingIntro: 'Waiting for you: please tell us whether these reached you and do what you need. The email we sent with each one has a link for that.',
      waiting: (title: string, date: string) => `“${title}”, delivered on ${date}`,
      next: (when: string, channel: string) => `You will hear from us again by ${when}, ${channel}.`,
      button: 'See where things stand',
    },
    confirmationRequest: {
      subject: (engagementTitle: string, milestoneTitle: string) => `“${engagementTitle}”: did “${milestoneTitle}” reach you?`,
      intro: (milestoneTitle: string, engagementTitle: string) => `We have delivered “${milestoneTitle}” for “${engagementTitle}”:`,
      ask: 'Did it reach you, and does it do what you need? The link below offers three answers: received and it works, not received, or not what you needed.',
      why: 'We count a milestone as done only when you confirm it, because sent is not the same as received.',
      by: (deadline: string) => `Please answer by ${deadline}.`,
      button: 'Answer',
    },
    confirmationFollowUp: {
      subject: (engagementTitle: string, milestoneTitle: string) => `Reminder: did “${milestoneTitle}” reach you? (“${engagementTitle}”)`,
      opening: (followUpNumber: number, milestoneTitle: string) =>
        `${followUpNumber > 1 ? 'Another gentle reminder' : 'A gentle reminder'}: we have not heard from you yet about “${milestoneTitle}”.`,
    },
    managerTask: {
      subject: (clientName: string, engagementTitle: string, channel: string, due: string) =>
        `Status update due ${due}: ${clientName} (“${engagementTitle}”), ${channel}`,
      body: (clientName: string, engagementTitle: string, channel: string, due: string) =>
        `Time for an informational update to ${clientName} on “${engagementTitle}” ${channel}, due ${due}.`,
      why: (clientName: string) => `${clientName} chose this channel for status news, so we send no email in its place.`,
      record: 'Record it on the engagement page when done: only a recorded contact counts.',
      button: 'Open the engagement',
    },
    managerAlert: {
      subject: (alert: ManagerAlert, clientName: string, engagementTitle: string, milestone: string | undefined) => ({
        unconfirmed: `Not confirmed yet: ${enWhat(milestone)} (${clientName}, “${engagementTitle}”)`,
        'not-received': `${clientName} did not receive ${enWhat(milestone)} (“${engagementTitle}”)`,
        'not-what-i-needed': `Not what ${clientName} needed: ${enWhat(milestone)} (“${engagementTitle}”)`,
        bounced: `An email to ${clientName} did not arrive (“${engagementTitle}”)`,
        'scope-unanswered': `No answer yet from ${clientName} on a request beyond the contract (“${engagementTitle}”)`,
        'shift-unacknowledged': `Not acknowledged: the new due date of ${enWhat(milestone)} (${clientName}, “${engagementTitle}”)`,
      })[alert],
      body: (alert: ManagerAlert, clientName: string, milestone: string | undefined) => ({
        unconfirmed: `${clientName} has not confirmed ${enWhat(milestone)} within the time they asked for. A delivery is not done until the client confirms it.`,
        'not-received': `${clientName} says ${enWhat(milestone)} never reached them.`,
        'not-what-i-needed': `${clientName} received ${enWhat(milestone)}, but says it is not what they needed.`,
        bounced: `An email to ${clientName} bounced or was marked as spam${milestone === undefined ? '' : `; it was about ${enWhat(milestone)}`}. Until this is fixed, nothing we send by email reaches them.`,
        'scope-unanswered': `${clientName} has not answered our decision on their request within the time they take to confirm a delivery. Until they do, nothing about it is agreed.`,
        'shift-unacknowledged': `${clientName} has not acknowledged the new due date of ${enWhat(milestone)} within the time they take to confirm a delivery.`,
      })[alert],
      quoteIntro: (alert: ManagerAlert): string => ({
        bounced: 'What the mail system reported:', 'scope-unanswered': 'The request:', 'shift-unacknowledged': 'The reason you gave:',
      } as Partial<Record<ManagerAlert, string>>)[alert] ?? 'In their words:',
      advice: (alert: ManagerAlert, clientName: string) => ({
        unconfirmed: `Ask ${clientName} in person whether it reached them and does what they need.`,
        'not-received': 'Find out where it got lost, deliver it again and record the new delivery.',
        'not-what-i-needed': `Contact ${clientName} to understand what is missing. The milestone stays open until they confirm a new delivery.`,
        bounced: `Check the address, and reach ${clientName} on another channel meanwhile.`,
        'scope-unanswered': `Ask ${clientName} in person which way they want to go, and whether our email reached them.`,
        'shift-unacknowledged': `Make sure ${clientName} knows the new date: call or write to them.`,
      })[alert],
      button: 'Open the engagement',
    },
    checkpointNote: {
      subject: (milestoneTitle: string, engagementTitle: string, aligned: boolean) =>
        (aligned
          ? `Checkpoint: “${milestoneTitle}” is on track (“${engagementTitle}”)`
          : `Checkpoint: drift on “${milestoneTitle}” (“${engagementTitle}”)`),
      intro: (milestoneTitle: string, due: string) =>
        `“${milestoneTitle}” was due on ${due}. Here is how it went against what the client expects:`,
      allGood: 'Nothing needs your attention.',
      evidence: 'The engagement’s timeline shows the events behind each point.',
      button: 'Open the engagement',
    },
    clientQuestion: {
      subject: (clientName: string, engagementTitle: string, respondBy: string) =>
        `Question from ${clientName}, answer by ${respondBy} (“${engagementTitle}”)`,
      intro: (clientName: string, engagementTitle: string, askedAt: string) =>
        `${clientName} asked a question about “${engagementTitle}” on ${askedAt}:`,
      expects: (respondBy: string) => `They expect an answer by ${respondBy}: that is the response time they asked for.`,
      how: 'Answer on the engagement page: the client gets your answer by email, and the time of your answer is recorded.',
      button: 'Answer the question',
    },
    questionAnswer: {
      subject: (engagementTitle: string) => `“${engagementTitle}”: the answer to your question`,
      intro: (engagementTitle: string) => `Here is the answer to your question about “${engagementTitle}”.`,
      asked: 'You asked:',
      answer: 'Our answer:',
      more: 'If anything is still unclear, you can ask another question on your project page:',
      button: 'See where things stand',
    },
    incident: {
      subject: (engagementTitle: string) => `Urgent: “${engagementTitle}” — what happened, and what we are doing`,
      intro: (engagementTitle: string) =>
        `We want you to hear this from us straight away: something happened on “${engagementTitle}” that matters to you.`,
      what: 'What happened:',
      onIt: 'We are already working on it. You will hear from us again within hours: what we found, and what comes next.',
      status: 'You can see where things stand, and ask us a question, at any time:',
      button: 'See where things stand',
    },
    incidentTask: {
      subject: (clientName: string, engagementTitle: string, channel: Channel) =>
        `Urgent: ${EN_REACH_NOW[channel](clientName)} — incident on “${engagementTitle}”`,
      body: (clientName: string, engagementTitle: string, channel: Channel) =>
        `You opened an incident on “${engagementTitle}”. ${capitalise(EN_REACH_NOW[channel](clientName))}, whatever the hour.`,
      why: (clientName: string, channel: Channel) =>
        `${clientName} chose ${EN_CHOSE[channel]} for emergencies, so we send them no email in its place.`,
      what: 'What you recorded:',
      tell: 'Tell them what happened, that we are on it, and when they will hear from us next.',
      record: 'Then record it on the engagement page as an emergency contact: only a recorded contact counts.',
      button: 'Open the engagement',
    },
    closeOutReport: {
      subject: (engagementTitle: string) => `“${engagementTitle}”: our final report`,
      intro: (engagementTitle: string) =>
        `“${engagementTitle}” is complete. Thank you for working with us; here is a short report on how it went.`,
      expectations: 'What you told us at kickoff:',
      happened: 'What happened:',
      milestone: (title: string, due: string, deliveredOn: string | undefined, confirmedOn: string | undefined): string => {
        if (deliveredOn === undefined) return `“${title}”, due ${due}: not delivered.`;
        return confirmedOn === undefined
          ? `“${title}”, due ${due}: delivered on ${deliveredOn}; we have no confirmation from you.`
          : `“${title}”, due ${due}: delivered on ${deliveredOn}, confirmed by you on ${confirmedOn}.`;
      },
      survey: 'One last request: a short survey on how it went. It takes two minutes and never asks what you have already told us.',
      button: 'Answer the survey',
    },
    closeOutSummary: {
      subject: (clientName: string, engagementTitle: string) => `Closed: “${engagementTitle}” (${clientName})`,
      intro: (clientName: string, engagementTitle: string) => `“${engagementTitle}” for ${clientName} is closed. Here is how it went.`,
      milestones: 'Milestones:',
      milestone: (title: string, due: string, deliveredOn: string | undefined, confirmedOn: string | undefined): string => {
        if (deliveredOn === undefined) return `“${title}”, due ${due}: not delivered.`;
        return confirmedOn === undefined
          ? `“${title}”, due ${due}: delivered on ${deliveredOn}; not confirmed by the client.`
          : `“${title}”, due ${due}: delivered on ${deliveredOn}, confirmed by the client on ${confirmedOn}.`;
      },
      checkpoints: 'Checkpoints:',
      checkpoint: (title: string, points: string[]) => `“${title}”: ${points.length === 0 ? 'on track' : points.join('; ')}.`,
      noCheckpoints: 'No checkpoint was recorded.',
      survey: (sent: boolean): string => (sent
        ? 'The client was sent the retrospective survey; their answers will appear on the engagement’s timeline.'
        : 'No retrospective survey was sent: the client was surveyed recently, and we don’t ask again so soon.'),
      button: 'Open the engagement',
    },
    scopeDecision: {
      subject: (engagementTitle: string, decision: ScopeDecision): string => ({
        bonus: `“${engagementTitle}”: your request is included as a bonus`,
        decline: `“${engagementTitle}”: our answer to your request`,
        'extra-pay': `“${engagementTitle}”: your request, please choose`,
        'deadline-shift': `“${engagementTitle}”: your request, please choose`,
        'client-chooses': `“${engagementTitle}”: your request, please choose`,
      })[decision],
      reminderSubject: (engagementTitle: string) => `Reminder: “${engagementTitle}”: we are waiting for your answer about your request`,
      intro: (date: string) => `On ${date} you asked us for:`,
      reminder: 'A gentle reminder: we have not heard from you yet about your request:',
      buttonNoted: 'Open and mark as read',
      buttonChoose: 'Choose',
      by: (deadline: string) => `Please answer by ${deadline}.`,
    },
    deadlineShift: {
      subject: (engagementTitle: string, milestone: string, newDue: string) => `“${engagementTitle}”: “${milestone}” moves to ${newDue}`,
      reminderSubject: (engagementTitle: string, milestone: string) => `Reminder: please acknowledge the new due date of “${milestone}” (“${engagementTitle}”)`,
      intro: (milestone: string, from: string, to: string) => `We have to move the due date of “${milestone}” from ${from} to ${to}.`,
      reminder: (milestone: string, to: string) => `A gentle reminder: please acknowledge the new due date of “${milestone}”, ${to}.`,
      why: 'Why:',
      rest: 'Everything else in the plan stays as it is; the page where things stand always shows the dates in force.',
      ask: 'Please acknowledge the new date with one click, through the link below.',
      button: 'Acknowledge the new date',
      by: (deadline: string) => `Please acknowledge it by ${deadline}.`,
    },
    scopeAnswer: {
      subject: (clientName: string, answer: ScopeChoice, engagementTitle: string) => `${clientName} ${en.register.answered[answer]} (“${engagementTitle}”)`,
      intro: (clientName: string) => `${clientName} answered our decision on their request:`,
      extraPay: (price: string) => `They accept the extra cost: ${price}. You can go ahead.`,
      laterDate: (milestone: string, from: string, to: string) => `They chose the later date: “${milestone}” moved from ${from} to ${to}, and the plan follows it.`,
      laterDateMoot: (milestone: string, to: string) =>
        `They chose the later date, but “${milestone}” can no longer move to ${to} (it was delivered, or its date is already later), so its date stays as it is.`,
      withdrawn: 'They withdrew the request: nothing is done, and nothing changes in the plan.',
      button: 'Open the engagement',
    },
    driftDigest: {
      subject: (promises: number) => `Due in the next two days: ${promises === 1 ? '1 promise' : `${promises} promises`} to your clients`,
      intro: 'These promises to your clients fall due in the next two days. Kept now, they never show up as drift; each drift report says what the client asked for.',
      engagement: (title: string, clientName: string) => `“${title}” for ${clientName}:`,
      item: (what: string, subject: string, deadline: string) => `${what}: ${subject}, by ${deadline}`,
      button: (title: string) => `Open the drift report of “${title}”`,
    },
  },
};

export type Messages = typeof en;

const ruDays = counter('ru', { one: 'день', few: 'дня', many: 'дней', other: 'дня' });
const ruHours = counter('ru', { one: 'час', few: 'часа', many: 'часов', other: 'часа' });
const ruChars = counter('ru', { one: 'символ', few: 'символа', many: 'символов', other: 'символа' });
const ruReminders = counter('ru', { one: 'напоминание', few: 'напоминания', many: 'напоминаний', other: 'напоминания' });
const ruTimes = counter('ru', { one: 'раз', few: 'раза', many: 'раз', other: 'раза' });
/** A milestone as the object of a sentence ("этап «…»"; inanimate, so nominative and accusative agree). */
const ruWhat = (milestone: string | undefined) => (milestone === undefined ? 'результат' : `этап «${milestone}»`);
const ruChannelBy: Record<Channel, string> = {
  email: 'по электронной почте',
  phone: 'по телефону',
  chat: 'в чате или мессенджере',
  meeting: 'на встрече (по видео или лично)',
};
/** What the manager does, now, to reach the client (named in brackets after it, so no name is declined). */
const RU_REACH_NOW: Record<Channel, string> = {
  email: 'напишите клиенту по электронной почте',
  phone: 'позвоните клиенту',
  chat: 'напишите клиенту в чат или мессенджер',
  meeting: 'встретьтесь с клиентом (по видео или лично)',
};
/** The channel a client chose, as the object of "выбрал …" (accusative). */
const RU_CHOSE: Record<Channel, string> = { email: 'электронную почту', phone: 'телефонный звонок', chat: 'чат или мессенджер', meeting: 'встречу' };

// Russian phrasing puts each count after a word that keeps the nominative/accusative form
// ("раз в 5 дней", "максимум 2 дня", "через 24 часа"), so one set of plural forms suffices.
const ru: Messages = {
  language: { label: 'Язык', en: 'English', ru: 'Русский' },
  layout: { skipLink: 'Перейти к содержанию' },
  optional: 'необязательно',
  units: { days: ruDays, hours: ruHours, daySuffix: 'дн.', hourSuffix: 'ч' },

  dimensions: {
    process: { title: 'Процесс', intro: 'Как вы хотите с нами работать.' },
    pace: { title: 'Темп', intro: 'Как часто вы хотите получать новости и как быстро ждёте ответа.' },
    channels: { title: 'Каналы связи', intro: 'Как с вами связываться — для каждого вида сообщений.' },
    outcome: { title: 'Результат', intro: 'Зачем вы к нам пришли: какой результат нужен вашему бизнесу.' },
    scope: { title: 'Объём работ', intro: 'Что делать с просьбами сверх договора.' },
  },

  fields: {
    'process.involvement': { label: 'Насколько вы хотите участвовать в работе?' },
    'process.milestoneApprovalRequired': { label: 'Нужно ли ваше согласование, прежде чем мы перейдём к следующему этапу?' },
    'process.workingHours.start': { label: 'С' },
    'process.workingHours.end': { label: 'До' },
    'process.workingHours.days': { label: 'Рабочие дни' },
    'process.workingHours.timeZone': { label: 'Часовой пояс', help: 'Начните вводить регион или город, например Europe/Moscow.' },
    'process.decisionMaker': {
      label: 'Кто с вашей стороны принимает окончательные решения?',
      help: 'Имя и должность, например «Анна Петрова, руководитель отдела маркетинга».',
    },
    'pace.updateCadenceDays': {
      label: 'Как часто присылать вам новости о ходе работ?',
      help: 'Короткое сообщение о том, как идут дела, — даже когда всё в порядке.',
    },
    'pace.maxSilenceDays': {
      label: 'Сколько дней без новостей от нас для вас допустимо?',
      help: 'Не меньше, чем интервал выше.',
    },
    'pace.responseTimeHours': {
      label: 'Как быстро вы ждёте ответа на свои вопросы?',
      help: 'В часах: 24 — это сутки.',
    },
    'pace.slipNoticeDays': {
      label: 'Если срок придётся перенести, за сколько дней вас предупредить?',
      help: '0 — достаточно узнать в сам день срока.',
    },
    'pace.dueDateToleranceDays': {
      label: 'На сколько дней для вас допустима задержка?',
      help: '0 — сроки нужно соблюдать точно.',
    },
    'channels.regular': { label: 'Рабочее общение', help: 'Планы, созвоны, обсуждение задач.' },
    'channels.informational': { label: 'Информирование', help: 'Новости о ходе работ и сообщения «всё идёт по плану».' },
    'channels.emergency': { label: 'Срочные ситуации', help: 'Сбои и всё, что срочно именно для вас.' },
    'outcome.businessResult': {
      label: 'Какой результат нужен вашему бизнесу?',
      help: 'Не то, что сделаем мы, а то, что должно измениться у вас. Тому, кто покупает дрель, нужна не дрель, а картина на стене.',
    },
    'outcome.successSignal': {
      label: 'Как вы поймёте, что результат достигнут?',
      help: 'Что-то заметное: цифра, событие, реакция ваших клиентов.',
    },
    'outcome.confirmationWindowDays': {
      label: 'Сколько дней вам нужно после каждой сдачи, чтобы подтвердить, что результат вам подходит?',
      help: 'Мы просим подтверждать каждую сдачу: отправить — ещё не значит доставить.',
    },
    'scope.bonusUpToHours': {
      label: 'Небольшие дополнительные просьбы: сколько часов работы мы можем просто сделать бонусом?',
      help: 'Мы всегда говорим, что сделали что-то бонусом. 0 — по каждой просьбе отдельное решение.',
    },
    'scope.largerRequests': { label: 'Как поступать с более крупными просьбами сверх договора?' },
    'scope.alwaysDeclined': {
      label: 'Есть ли что-то, от чего нам всегда нужно отказываться?',
      help: 'Например: «никаких работ в выходные», «фирменный стиль не меняем».',
    },
    note: {
      label: 'Хотите сказать нам что-то ещё?',
      help: 'Идея, опасение или что-то, не связанное с этой страницей. Сообщение сразу получит ваш менеджер.',
    },
  },

  involvement: {
    'hands-off': { label: 'Минимально', help: 'Просто сделайте результат; спрашивайте меня, только если без этого никак.' },
    informed: { label: 'В курсе дел', help: 'Сообщайте, как идут дела; я подключаюсь, когда нужно решение.' },
    involved: { label: 'Активно', help: 'Хочу участвовать в ключевых решениях.' },
    'co-creating': { label: 'Вместе с вами', help: 'Хочу работать над проектом вместе с вашей командой.' },
  },

  approval: { yes: 'Да, ждите моего согласования', no: 'Нет, продолжайте, если я не возражаю' },

  workingHours: {
    heading: 'Когда с вами можно связываться?',
    help: 'В нерабочее время мы беспокоим вас только в срочных случаях.',
  },

  channels: {
    email: 'Электронная почта',
    phone: 'Телефонный звонок',
    chat: 'Чат или мессенджер',
    meeting: 'Встреча (по видео или лично)',
  },

  channelBy: ruChannelBy,

  milestoneStates: {
    planned: 'Запланирован',
    'in-progress': 'В работе',
    'awaiting-confirmation': 'Сдан — ждёт вашего подтверждения',
    confirmed: 'Подтверждён',
    reopened: 'Возвращён в работу',
  },

  weekdays: {
    mon: { short: 'Пн', long: 'Понедельник' },
    tue: { short: 'Вт', long: 'Вторник' },
    wed: { short: 'Ср', long: 'Среда' },
    thu: { short: 'Чт', long: 'Четверг' },
    fri: { short: 'Пт', long: 'Пятница' },
    sat: { short: 'Сб', long: 'Суббота' },
    sun: { short: 'Вс', long: 'Воскресенье' },
  },

  largerRequests: {
    'client-chooses': { label: 'Спрашивать меня каждый раз', help: 'Предложите варианты (доплата, перенос срока или отказ), а я выберу.' },
    'extra-pay': { label: 'Доплата', help: 'Оцените дополнительную работу и делайте её после моего согласия.' },
    'deadline-shift': { label: 'Перенос срока', help: 'Делайте в рамках бюджета, сдвигая срок.' },
    decline: { label: 'Отказ', help: 'Держитесь договора и отказывайтесь.' },
  },

  kickoff: {
    title: 'Ваши ожидания от проекта',
    correctionTitle: 'Исправить то, что мы услышали',
    intro: (clientName, managerName, engagementTitle) =>
      `Здравствуйте, ${clientName}! Прежде чем начать работу над проектом «${engagementTitle}», ${managerName} хочет узнать, как вам удобно его вести.`,
    correctionIntro: (clientName, engagementTitle) =>
      `Здравствуйте, ${clientName}! Спасибо, что проверяете сводку по проекту «${engagementTitle}».`,
    why: 'Это займёт около пяти минут. Мы запишем ваши ответы, пришлём сводку того, что услышали, и будем её придерживаться.',
    correctionNotice: 'Вы исправляете сводку того, что мы услышали. Измените то, что неверно, и отправьте анкету ещё раз — мы пришлём обновлённую сводку.',
    prefilled: {
      'this-engagement': 'Это то, что вы нам уже рассказали. Измените всё, что больше не актуально.',
      'earlier-engagement': 'Мы заполнили анкету по вашим ответам из прошлого проекта — подтвердите их или измените.',
    },
    choose: 'Выберите…',
    submit: 'Отправить ответы',
    submitCorrection: 'Отправить исправление',
  },

  errors: {
    summaryTitle: 'Проверьте, пожалуйста, ответы',
    summaryIntro: 'Некоторые ответы нужно поправить:',
    titlePrefix: 'Ошибка: ',
    hiddenPrefix: 'Ошибка:',
  },

  issues: {
    required: 'Это обязательное поле.',
    number: 'Введите число.',
    whole: 'Введите целое число.',
    atLeast: (amount) => `Минимум — ${amount}.`,
    atMost: (amount) => `Максимум — ${amount}.`,
    notNegative: 'Значение не может быть меньше нуля.',
    time: 'Укажите время, например 09:00.',
    timeZone: 'Выберите часовой пояс из списка, например Europe/Moscow.',
    workingDay: 'Отметьте хотя бы один рабочий день.',
    hoursOrder: 'Рабочий день должен заканчиваться позже, чем начинается.',
    silence: 'Допустимое время без новостей не может быть короче интервала между новостями.',
    tooLong: (max) => `Слишком длинный текст: максимум ${ruChars(max)}.`,
    control: 'Уберите служебные символы.',
    singleLine: 'Здесь должна быть одна строка.',
    email: 'Введите адрес электронной почты, например name@example.com.',
    choose: 'Выберите один из вариантов.',
    date: 'Укажите дату.',
    pastDate: 'Дата не может быть в прошлом.',
    milestoneMin: 'Добавьте хотя бы один этап.',
    milestoneMax: 'Этапов может быть не больше 50.',
    dateTime: 'Укажите дату и время.',
    future: 'Это не может быть в будущем.',
    milestone: 'Выберите этап этого проекта.',
    rating: 'Выберите оценку от 1 до 5.',
    effort: 'Укажите часы числом, например 1,5.',
    effortPositive: 'Укажите больше 0 часов.',
    overrideRequired: 'Напишите, почему вы решаете не так, как предлагает правило.',
    overrideOnly: 'Оставьте поле пустым, если следуете правилу: оно только для отступления от него.',
    priceRequired: 'Укажите стоимость для клиента, например «40 000 ₽».',
    priceOnly: 'Стоимость указывается только для доплаты или выбора за клиентом.',
    shiftRequired: 'Выберите этап, срок которого сдвигается, и на сколько.',
    shiftOnly: 'Этап сдвигается только при переносе срока или выборе за клиентом.',
    shiftEither: 'Укажите число дней или новую дату, но не то и другое.',
    delivered: 'Этот этап уже сдан, его срок нельзя перенести.',
    afterToday: 'Новый срок должен быть позже сегодняшнего дня по часовому поясу клиента.',
    laterThanDue: 'Новый срок должен быть позже действующего.',
    tooFar: 'Новый срок — не дальше чем через два года.',
    beforeStart: 'Это не может быть раньше начала проекта.',
    noDeclinedKind: 'Клиент не назвал ничего, от чего нужно всегда отказываться.',
    // Domain messages are English; a Russian reader gets a calm generic sentence instead.
    fallback: () => 'Проверьте, пожалуйста, это значение.',
  },

  summary: {
    involvement: 'Участие',
    approval: 'Согласование этапов',
    workingHours: 'Рабочее время',
    decisionMaker: 'Окончательные решения',
    statusNews: 'Новости о ходе работ',
    responses: 'Ответы на вопросы',
    slipNotice: 'Предупреждение о переносе срока',
    tolerance: 'Допустимая задержка',
    kinds: {
      regular: 'Рабочее общение (планы, созвоны)',
      informational: 'Информирование (новости о ходе работ)',
      emergency: 'Срочные ситуации',
    },
    businessResult: 'Нужный вам результат',
    successSignal: 'Как вы поймёте, что он достигнут',
    confirmationWindow: 'Срок на подтверждение сдачи',
    bonus: 'Небольшие дополнительные просьбы',
    largerRequests: 'Крупные дополнительные просьбы',
    alwaysDeclined: 'Всегда отказываемся',
    nothingNamed: 'Ничего не указано',
    hours: (days, start, end, timeZone) => `${days}, ${start}–${end} (${timeZone})`,
    statusNewsValue: (cadenceDays, maxSilenceDays) =>
      `${cadenceDays === 1 ? 'каждый день' : `раз в ${ruDays(cadenceDays)}`}; без новостей — максимум ${ruDays(maxSilenceDays)}`,
    responsesValue: (hours) => `не позже чем через ${ruHours(hours)}`,
    slipNoticeValue: (days) => (days === 0 ? 'можно в сам день срока' : `минимум за ${ruDays(days)}`),
    toleranceValue: (days) => (days === 0 ? 'никакой: точно в срок' : `максимум ${ruDays(days)}`),
    bonusValue: (hours) =>
      (hours === 0 ? 'бонусом не делаем: по каждой — отдельное решение' : `делаем бонусом, максимум ${ruHours(hours)}, и всегда говорим об этом`),
  },

  clientPages: {
    'answer-received': {
      title: 'Спасибо, ваши ответы получены',
      body: [
        'В течение нескольких минут мы пришлём вам сводку того, что услышали.',
        'Если в ней что-то неверно, вы сможете исправить это по ссылке из письма.',
      ],
    },
    'correction-received': {
      title: 'Спасибо, исправление получено',
      body: ['В течение нескольких минут мы пришлём вам обновлённую сводку.'],
    },
    'already-received': {
      title: 'Ваши ответы уже у нас',
      body: [
        'Мы получили их раньше, поэтому повторно ничего не отправлено.',
        'Если с тех пор что-то изменилось, сообщите об этом менеджеру.',
      ],
    },
    closed: {
      title: 'Анкета закрыта',
      body: ['Эта анкета больше не принимает ответы.', 'Пожалуйста, свяжитесь с вашим менеджером — он поможет.'],
    },
    'link-tampered': {
      title: 'Ссылка недействительна',
      body: [
        'Возможно, она скопировалась не полностью. Попробуйте ещё раз открыть её из письма.',
        'Если не получится, попросите у менеджера новую ссылку.',
      ],
    },
    'link-expired': {
      title: 'Срок действия ссылки истёк',
      body: ['Ради безопасности ссылки действуют ограниченное время.', 'Пожалуйста, попросите у менеджера новую ссылку.'],
    },
    'not-found': {
      title: 'Страница не найдена',
      body: ['По этому адресу ничего нет. Проверьте, что ссылка скопирована полностью.'],
    },
    'note-received': {
      title: 'Спасибо за сообщение',
      body: ['Мы передали его вашему менеджеру.'],
    },
    'bad-request': {
      title: 'Не удалось обработать запрос',
      body: ['Вернитесь назад и попробуйте ещё раз. Если ошибка повторится, сообщите менеджеру.'],
    },
    'too-large': {
      title: 'Это больше, чем мы можем принять за один раз',
      body: ['Отправленное больше 64 КБ. Пожалуйста, сократите текст и отправьте ещё раз.'],
    },
    'status-takes-no-answers': {
      title: 'Эта страница не принимает ответы',
      body: ['На ней видно, как идут дела. Задать вопрос или написать менеджеру можно в формах на этой странице.'],
    },
    'questions-on-status-page': {
      title: 'Вопросы задают на странице о ходе проекта',
      body: ['Откройте её по ссылке в конце любого нашего письма и задайте вопрос там.'],
    },
    'server-error': {
      title: 'Что-то пошло не так на нашей стороне',
      body: ['Пожалуйста, попробуйте ещё раз через несколько минут. Если ошибка повторится, сообщите менеджеру.'],
    },
    'confirmation-received': {
      title: 'Спасибо за подтверждение',
      body: ['Этап завершён: его закрывает именно ваше подтверждение.', 'Менеджер сразу увидит ваш ответ.'],
    },
    'rejection-received': {
      title: 'Спасибо, что сообщили',
      body: [
        'Мы уже передали это вашему менеджеру, он с вами свяжется.',
        'Ничего не будет закрыто, пока вы не подтвердите, что результат вам подходит.',
      ],
    },
    'confirmation-already': {
      title: 'Вы уже ответили',
      body: ['Ваш ответ по этой сдаче у нас уже есть, поэтому ничего не изменилось.', 'Если с тех пор что-то изменилось, сообщите об этом менеджеру.'],
    },
    'confirmation-superseded': {
      title: 'Есть более новая сдача',
      body: [
        'После этого письма этап сдали ещё раз, поэтому ответ по этой ссылке больше не принимается.',
        'Пожалуйста, воспользуйтесь ссылкой из последнего письма об этом этапе.',
      ],
    },
    'question-received': {
      title: 'Спасибо за вопрос',
      body: ['Мы передали ваш вопрос менеджеру. Ответ придёт вам по электронной почте.'],
      withManager: (managerName) => [`Мы передали ваш вопрос менеджеру (${managerName}). Ответ придёт вам по электронной почте.`],
    },
    'survey-received': {
      title: 'Спасибо за ответы',
      body: ['Их прочитает ваш менеджер.', 'Спасибо, что работали с нами.'],
      withManager: (managerName) => [`Их прочитает ваш менеджер (${managerName}).`, 'Спасибо, что работали с нами.'],
    },
    'survey-closed': {
      title: 'Опрос закрыт',
      body: [
        'Этот опрос больше не принимает ответы или вы уже ответили на него, поэтому ничего не изменилось.',
        'Если хотите что-то нам сказать, напишите вашему менеджеру.',
      ],
    },
    'scope-noted': {
      title: 'Спасибо',
      body: ['Мы отметили, что вы прочитали наше решение.', 'Ваш менеджер сразу это увидит.'],
    },
    'scope-chosen': {
      title: 'Спасибо за ваш выбор',
      body: ['Менеджер уже знает о нём и будет действовать так, как вы выбрали.', 'Как идут дела, всегда можно посмотреть по ссылке в наших письмах.'],
    },
    'scope-later-date': {
      title: 'Спасибо: новый срок установлен',
      body: ['Срок перенесён, как вы выбрали; он виден на странице «Как идут дела».', 'Ваш менеджер уже знает об этом.'],
    },
    'scope-withdrawn': {
      title: 'Ваш запрос отозван',
      body: ['Работа по нему не ведётся, и в плане ничего не меняется.', 'Ваш менеджер уже знает об этом.'],
    },
    'scope-already-answered': {
      title: 'Вы уже ответили',
      body: ['Вы уже ответили по этому запросу, поэтому ничего не изменилось.', 'Если с тех пор что-то изменилось, напишите вашему менеджеру.'],
    },
    'shift-acknowledged': {
      title: 'Спасибо, что подтвердили новый срок',
      body: ['Ваш менеджер сразу это увидит.'],
    },
    'shift-already-acknowledged': {
      title: 'Вы уже подтвердили новый срок',
      body: ['Вы уже подтвердили этот срок, поэтому ничего не изменилось.', 'Если с тех пор что-то изменилось, напишите вашему менеджеру.'],
    },
  },

  clientDetails: { engagement: 'Проект', version: 'Версия ваших ответов' },
  noteForm: { submit: 'Отправить сообщение' },

  confirmation: {
    title: 'Подтвердите получение',
    intro: (milestoneTitle, engagementTitle) =>
      `Мы сдали этап «${milestoneTitle}» по проекту «${engagementTitle}». Пожалуйста, сообщите, дошёл ли результат до вас и решает ли он вашу задачу.`,
    why: 'Мы считаем этап завершённым, только когда вы это подтвердите: отправить — ещё не значит доставить.',
    details: { engagement: 'Проект', milestone: 'Этап', deliveredAt: 'Сдан', summary: 'Что сдано' },
    answer: 'Вы получили результат? Он решает вашу задачу?',
    answers: {
      works: { label: 'Результат получен, и он делает то, что мне нужно', help: 'Этап завершён.' },
      'not-received': { label: 'Результат до меня не дошёл', help: 'Мы выясним, где он потерялся, и сдадим его ещё раз.' },
      'not-what-i-needed': { label: 'Результат получен, но это не то, что мне нужно', help: 'Менеджер свяжется с вами, чтобы всё исправить.' },
    },
    reason: {
      label: 'Чего не хватает или что не так?',
      help: 'Обязательно, если результат — не то, что вам нужно; в остальных случаях можно не заполнять.',
    },
    submit: 'Отправить ответ',
  },

  statusPage: {
    title: 'Как идут дела',
    details: { engagement: 'Проект', manager: 'Ваш менеджер' },
    milestones: 'Этапы',
    due: (date) => `срок: ${date}`,
    deliveredOn: (date) => `Сдан ${date}`,
    confirmedOn: (date) => `Вы подтвердили его ${date}`,
    awaitingHelp: 'Пожалуйста, сообщите, дошёл ли результат до вас и решает ли он вашу задачу: ссылка для ответа есть в письме, которое пришло вместе с ним.',
    reopenedHelp: 'Вы сообщили, что результат не дошёл или это не то, что вам нужно. Мы это исправляем.',
    nextUpdate: 'Когда мы дадим о себе знать',
    nextUpdateText: (when, channel) => `Не позже ${when}, ${channel}.`,
    noNextUpdate: 'Новых сводок пока не запланировано.',
    expectations: 'Что вы рассказали нам в анкете',
    expectationsIntro: 'Мы придерживаемся этого. Если что-то изменилось, напишите нам в поле ниже.',
    noExpectations: 'Вы ещё не рассказали нам о своих ожиданиях.',
    questions: 'Ваши вопросы',
    questionStates: { open: 'Ждёт ответа', answered: 'Есть ответ' },
    askedOn: (date) => `Вопрос задан ${date}`,
    answeredOn: (date, withText) => (withText ? `Ответ от ${date}:` : `Ответ дан ${date}.`),
    ask: {
      title: 'Задайте нам вопрос',
      label: 'Ваш вопрос',
      help: (responseTimeHours) => (responseTimeHours === undefined
        ? 'Менеджер ответит вам по электронной почте.'
        : `Менеджер ответит по электронной почте не позже чем через ${ruHours(responseTimeHours)}, как вы и просили.`),
      submit: 'Отправить вопрос',
    },
  },

  survey: {
    title: 'Как мы справились?',
    intro: (managerName, engagementTitle) =>
      `Проект «${engagementTitle}» завершён. Ваш менеджер (${managerName}) хочет узнать, как, на ваш взгляд, всё прошло.`,
    short: 'Это займёт две минуты. Мы не спрашиваем ничего, о чём вы уже нам рассказали.',
    rating: {
      label: 'Насколько мы придерживались того, чего вы от нас ждали?',
      help: '1 — совсем нет, 5 — полностью.',
      options: { 1: '1 — совсем нет', 2: '2 — скорее нет', 3: '3 — отчасти', 4: '4 — в основном да', 5: '5 — полностью' },
    },
    recommend: {
      label: 'Порекомендовали бы вы нас?',
      options: { yes: 'Да', maybe: 'Возможно', no: 'Нет' },
    },
    keep: 'Что нам стоит делать и дальше?',
    change: 'Что нам стоит делать иначе?',
    submit: 'Отправить ответы',
  },

  checkpoint: {
    delivery: (delivered, onTime) => (delivered
      ? (onTime ? 'Сдан вовремя, в пределах допустимой для клиента задержки' : 'Сдан с опозданием сверх допустимого для клиента')
      : (onTime ? 'Ещё не сдан, но допустимая для клиента задержка пока не превышена' : 'Не сдан, и допустимая для клиента задержка уже превышена')),
    slip: (announced) => (announced
      ? 'О переносе срока клиента предупредили так заранее, как он просил'
      : 'О переносе срока клиента не предупредили так заранее, как он просил'),
    cadence: (kept) => (kept
      ? 'Клиент получал новости так часто, как просил'
      : 'Клиент оставался без новостей дольше, чем готов'),
    confirmed: (confirmed) => (confirmed
      ? 'Клиент подтвердил, что результат решает его задачу'
      : 'Клиент ещё не подтвердил результат'),
    levels: { ok: 'В порядке', watch: 'Под наблюдением', drift: 'Расхождение' },
    short: {
      notDelivered: 'ещё не сдан',
      late: 'опоздание',
      slip: 'о переносе срока не предупредили вовремя',
      silence: 'без новостей дольше оговорённого',
      unconfirmed: 'ещё не подтверждён',
    },
  },

  register: {
    decisions: {
      bonus: 'Бонус',
      'extra-pay': 'Доплата',
      'deadline-shift': 'Перенос срока',
      decline: 'Отказ',
      'client-chooses': 'Выбор за клиентом',
    },
    clientDecisions: {
      bonus: 'Бонус',
      'extra-pay': 'Доплата',
      'deadline-shift': 'Перенос срока',
      decline: 'Отказ',
      'client-chooses': 'Выбор за вами',
    },
    answers: {
      noted: 'Принято к сведению',
      'extra-pay': 'Принимаю доплату',
      'later-date': 'Принимаю более поздний срок',
      withdrawn: 'Отзываю запрос',
    },
    answered: {
      noted: 'приняли решение к сведению',
      'extra-pay': 'согласились на доплату',
      'later-date': 'выбрали более поздний срок',
      withdrawn: 'отозвали запрос',
    },
    explain: {
      estimate: (hours) => `По нашей оценке, это ${ruHours(hours)} работы.`,
      bonus: 'Мы сделаем это в качестве бонуса: без доплаты и без переноса сроков.',
      bonusRule: (limit) => `При старте проекта вы сказали, что небольшие доработки (максимум ${ruHours(limit)}) делаются так и каждый раз называются бонусом.`,
      notTheNorm: 'Это бонус, а не новая норма: каждый новый запрос получает своё решение по тому же правилу.',
      decline: 'Мы не возьмёмся за эту работу.',
      declinedKind: (kinds) => `При старте проекта вы попросили всегда отказываться от такого: «${kinds}».`,
      larger: (limit, handling) =>
        `${limit > 0 ? `Это больше, чем небольшая доработка, которую мы делаем бонусом (максимум ${ruHours(limit)})` : 'Ваше правило не предусматривает бонусной работы'}, а о более крупных запросах вы сказали при старте проекта: «${handling}»`,
      why: (reason) => `Причина: ${reason}`,
      extraPay: (price) => `Мы можем сделать это за доплату: ${price}.`,
      later: (milestone, from, to) => `Мы можем сделать это в рамках бюджета, без доплаты, если срок этапа «${milestone}» сдвинется: новый срок — ${to} (прежний — ${from}).`,
      chooses: (price, milestone, from, to) =>
        `Выбор за вами: мы сделаем это за доплату (${price}) или в рамках бюджета, если срок этапа «${milestone}» сдвинется с ${from} на ${to}; либо вы отзываете запрос.`,
      askNoted: 'Пожалуйста, подтвердите, что прочитали это, — одним нажатием.',
      askChoice: 'Пожалуйста, выберите вариант — одним нажатием.',
    },
    costs: {
      bonus: 'ничего: это бонус, а не новая норма',
      decline: 'ничего: работа не будет выполняться',
      price: (price) => `доплата ${price}`,
      shift: (milestone, from, to) => `срок этапа «${milestone}» сдвигается: новый срок — ${to} (прежний — ${from})`,
      either: (price, shift) => `либо доплата ${price}, либо ${shift}`,
      withdrawn: 'ничего: запрос отозван',
    },
    manager: {
      title: 'Запросы сверх договора',
      intro: 'Каждый запрос получает решение по правилу, которое назвал сам клиент, и клиент сразу о нём узнаёт. Отступайте от правила только с письменной причиной: она видна в отчёте о расхождениях.',
      rule: 'Правило клиента',
      noRule: 'Клиент ещё не назвал своё правило: запросы можно будет записывать, когда он заполнит анкету.',
      closed: 'Проект закрыт: новые запросы не записываются.',
      none: 'Запросов пока нет.',
      states: {
        undecided: 'Ждёт вашего решения',
        decided: 'Решение принято, но ещё не сообщено',
        announced: 'Сообщено: ждём ответа клиента',
        reminded: 'Напомнили: ждём ответа клиента',
        'awaiting-client': 'Ждём клиента',
        answered: 'Клиент ответил',
      },
      asked: (by, date) => `Запросил(а) ${by}, ${date}`,
      effort: (hours) => `Оценка трудозатрат: ${ruHours(hours)}.`,
      declinedKind: 'Отмечен как запрос того рода, от которого клиент просил всегда отказываться.',
      proposed: (decision) => `Правило предлагает: ${decision.toLowerCase()}`,
      because: (reason, limit, handling) => ({
        'declined-kind': 'клиент просил всегда отказываться от такого',
        'within-bonus': `не больше бонусного лимита клиента (максимум ${ruHours(limit)})`,
        larger: `${limit > 0 ? `больше бонусного лимита (максимум ${ruHours(limit)})` : 'правило не предусматривает бонусной работы'}; для крупных запросов: ${handling}`,
      })[reason],
      decided: (decision, date) => `Решение: ${decision.toLowerCase()}, ${date}.`,
      byRule: 'По правилу.',
      overridden: (proposed) => `Вопреки правилу, которое предлагало: ${proposed.toLowerCase()}. Причина:`,
      cost: (cost) => `Цена для клиента: ${cost}.`,
      announced: (date, asBonus) => `Сообщено клиенту ${date}${asBonus ? ' как бонус' : ''}.`,
      reminded: (date) => `Напомнили ${date}.`,
      answerBy: (date) => `Ответ клиента ожидается до ${date}.`,
      awaiting: (date) => `Ответа нет, хотя срок клиента истёк ${date}.`,
      answer: (answer, date) => `Клиент ответил ${date}: «${ru.register.answers[answer]}».`,
      record: {
        title: 'Записать запрос',
        intro: 'То, о чём просит клиент и чего нет в договоре. Записывайте запрос сразу: правило даст решение, а отчёт о расхождениях считает время до вашего решения.',
        summary: 'О чём просит клиент',
        summaryHelp: 'Клиент прочитает это в сообщении о решении.',
        effort: 'Оценка трудозатрат',
        effortHelp: 'В часах: 1,5 — это полтора часа.',
        askedBy: 'Кто попросил',
        askedByHelp: 'Имя и, если нужно, должность.',
        at: 'Когда попросили',
        atHelp: (timeZone) => `По часам клиента, в его часовом поясе (${timeZone}).`,
        declinedKind: (kinds) => `Это запрос того рода, от которого клиент просил всегда отказываться: «${kinds}»`,
        submit: 'Записать запрос',
      },
      decide: {
        formLabel: (summary) => `Решение по запросу «${summary}»`,
        decision: 'Решение',
        decisionHelp: 'Уже выбрано то, что предлагает правило. Любой другой вариант — отступление от правила, и для него нужна причина.',
        overrideReason: 'Почему вы отступаете от правила',
        overrideReasonHelp: 'Только если решение отличается от предложенного правилом. Причина видна в отчёте о расхождениях; при отказе клиент прочитает её как объяснение.',
        price: 'Стоимость дополнительной работы',
        priceHelp: 'Для доплаты или выбора за клиентом — так, как прочитает клиент, например «40 000 ₽».',
        milestone: 'Этап, срок которого сдвигается',
        milestoneHelp: 'Для переноса срока или выбора за клиентом.',
        none: 'Нет',
        shiftDays: 'Сдвинуть на (дней)',
        newDue: 'Или на дату',
        shiftHelp: 'Укажите число дней или новую дату, но не то и другое.',
        submit: 'Принять решение и сообщить клиенту',
      },
    },
    shifts: {
      title: 'Переносы сроков',
      intro: (noticeDays) => (noticeDays === undefined
        ? 'Переносите срок, как только узнаете об этом: клиент сразу получит уведомление и подтвердит его одним нажатием.'
        : `Переносите срок, как только узнаете об этом: клиент сразу получит уведомление и подтвердит его одним нажатием. Клиент просил предупреждать ${noticeDays === 0 ? 'не позже самого дня срока' : `минимум за ${ruDays(noticeDays)}`}.`),
      none: 'Сроки не переносились.',
      move: (milestone, from, to) => `«${milestone}»: с ${from} на ${to}`,
      told: (date, days) =>
        `Клиент узнал об этом ${date}, ${days > 0 ? `за ${ruDays(days)} до прежнего срока` : days === 0 ? 'в сам день прежнего срока' : `через ${ruDays(-days)} после него`}.`,
      late: (asked) => `Это позже, чем за ${ruDays(asked)}, как просил клиент: в отчёте о расхождениях это видно как необъявленный перенос.`,
      chosenByClient: 'Выбран клиентом для запроса сверх договора.',
      states: {
        'notice-pending': 'Уведомление ещё не отправлено',
        'chosen-by-client': 'Выбран клиентом',
        announced: 'Ждём подтверждения клиента',
        reminded: 'Напомнили: ждём клиента',
        'awaiting-client': 'Не подтверждён: ждём клиента',
        answered: 'Подтверждён клиентом',
      },
      acknowledged: (date) => `Клиент подтвердил ${date}.`,
      form: {
        title: 'Перенести срок',
        intro: 'Клиент сразу получит уведомление по электронной почте на своём языке: прежний и новый срок и ваша причина.',
        milestone: 'Этап',
        newDue: 'Новый срок',
        reason: 'Почему срок переносится',
        reasonHelp: 'Клиент прочитает это в том виде, как вы напишете.',
        submit: 'Перенести и сообщить клиенту',
      },
    },
    status: {
      title: 'Ваши запросы сверх договора',
      intro: 'О чём вы просили сверх договора, что мы решили по вашему же правилу и во что это вам обходится.',
      asked: (date) => `Вы попросили ${date}.`,
      pending: 'Решение скоро будет — по правилу, которое вы нам дали.',
      decision: (decision) => `Наше решение: ${decision.toLowerCase()}.`,
      cost: (cost) => `Во что это вам обходится: ${cost}.`,
      yourAnswer: (answer, date) => `${date} вы ${answer}.`,
      waiting: 'Мы ждём вашего ответа.',
      answerNow: 'Ответить',
      shifts: 'Перенесённые сроки',
      shift: (milestone, from, to) => `«${milestone}»: с ${from} на ${to}`,
      toldOn: (date) => `Мы сообщили вам ${date}.`,
      acknowledgedOn: (date) => `Вы подтвердили ${date}.`,
      chosenByYou: 'Этот срок вы выбрали сами для одного из своих запросов.',
      acknowledgeNow: 'Подтвердить новый срок',
    },
    decisionPage: {
      title: 'Ваш запрос сверх договора',
      intro: (engagementTitle) => `Вот наше решение по вашему запросу в проекте «${engagementTitle}».`,
      details: { engagement: 'Проект', request: 'Ваш запрос', asked: 'Когда вы попросили', decision: 'Наше решение', cost: 'Во что это вам обходится' },
      answerBy: (date) => `Пожалуйста, ответьте до ${date}.`,
      answered: (answer, date) => `${date} вы ${answer}. Больше ничего не нужно.`,
    },
    shiftPage: {
      title: 'Срок переносится',
      intro: (milestone, engagementTitle) => `Срок этапа «${milestone}» в проекте «${engagementTitle}» переносится.`,
      details: { engagement: 'Проект', milestone: 'Этап', from: 'Прежний срок', to: 'Новый срок', reason: 'Причина', told: 'Мы сообщили' },
      sorry: (asked) => `Простите, что сообщаем позже, чем за ${ruDays(asked)}, как вы просили.`,
      ask: 'Пожалуйста, подтвердите новый срок — одним нажатием.',
      acknowledge: 'Подтверждаю новый срок',
      acknowledged: (date) => `Вы подтвердили его ${date}. Больше ничего не нужно.`,
    },
  },

  manager: {
    homeTitle: 'Ваши проекты',
    signedInAs: (name, email) => `Вы вошли как ${name} (${email})`,
    signOut: 'Выйти',
    noEngagements: 'Проектов пока нет. Создайте первый с помощью формы ниже.',
    created: (date) => `Создан ${date}`,
    newTitle: 'Новый проект',
    newIntro: 'Клиент получит анкету по почте сразу после создания проекта.',
    fields: {
      title: 'Название проекта',
      'client.name': 'Имя клиента',
      'client.email': 'Почта клиента',
      'client.organisation': 'Организация',
      locale: 'Язык клиента',
    },
    milestones: 'Этапы',
    milestonesHelp: 'Заполните хотя бы один; лишние строки оставьте пустыми.',
    milestone: (n) => `Этап ${n}`,
    milestoneTitle: 'Название',
    milestoneDue: 'Срок',
    create: 'Создать и отправить анкету',
    status: {
      'awaiting-kickoff': 'Ждём ответов на анкету',
      'kickoff-answered': 'Анкета заполнена',
      'expectations-agreed': 'Ожидания согласованы',
      'kickoff-unanswered': 'Анкета без ответа',
      stalled: 'Остановлен из-за ошибки',
      closed: 'Завершён',
    },
    back: 'Все проекты',
    client: 'Клиент',
    clientLanguage: 'Язык',
    milestoneDueOn: (date) => `срок: ${date}`,
    milestoneDueShifted: (date, planned) => `срок: ${date}, перенесён с ${planned}`,
    milestoneStates: {
      planned: 'Запланирован',
      'in-progress': 'В работе',
      'awaiting-confirmation': 'Сдан — ждёт подтверждения клиента',
      confirmed: 'Подтверждён клиентом',
      reopened: 'Возвращён клиентом в работу',
    },
    deliveries: (n, last) => `Сдан ${ruTimes(n)}, последний — ${last}.`,
    confirmedOn: (date) => `Клиент подтвердил его ${date}.`,
    rejection: (reason, date) =>
      `${date} клиент сообщил, что ${reason === 'not-received' ? 'результат до него не дошёл' : 'это не то, что ему нужно'}:`,
    delivery: {
      open: 'Отметить сдачу',
      openAgain: 'Отметить новую сдачу',
      formLabel: (milestone) => `Отметить сдачу этапа «${milestone}»`,
      summary: 'Что сдано и где это найти',
      summaryHelp: 'Клиент прочитает это в письме с просьбой подтвердить получение, поэтому укажите место или ссылку, где он найдёт результат.',
      submit: 'Отметить сдачу',
    },
    touchpoint: {
      title: 'Записать контакт',
      intro: 'Звонок, переписка в чате или встреча с клиентом. Темп и каналы связи оцениваются только по записанным контактам.',
      kind: 'Вид общения',
      kinds: {
        regular: 'Рабочее общение (планы, созвоны)',
        informational: 'Информирование (сводка о ходе работ)',
        emergency: 'Срочная ситуация (инцидент)',
      },
      channel: 'Канал',
      at: 'Когда это было',
      atHelp: (timeZone) => `По часам клиента, в его часовом поясе (${timeZone}).`,
      summary: 'О чём говорили или договорились',
      submit: 'Записать контакт',
    },
    questions: {
      title: 'Вопросы клиента',
      none: 'Клиент пока не задавал вопросов.',
      states: { open: 'Ждёт ответа', overdue: 'Просрочен', answered: 'Есть ответ' },
      asked: (date) => `Задан ${date}`,
      respondBy: (date) => `Ответить до ${date}`,
      answeredOn: (date, withText) =>
        (withText ? `Ответ дан ${date}:` : `Отмечен как отвеченный ${date}; текста ответа нет.`),
      formLabel: (asked) => `Ответ на вопрос, заданный ${asked}`,
      answer: 'Ваш ответ',
      answerHelp: 'Клиент получит его по электронной почте в том виде, в каком вы его напишете; время ответа будет записано.',
      submit: 'Отправить ответ',
    },
    incident: {
      title: 'Открыть инцидент',
      intro: 'Для всего, что срочно именно для этого клиента. Мы связываемся с ним сразу, в любое время суток, по каналу, который он выбрал для срочных ситуаций.',
      summary: 'Что случилось и что это значит для клиента',
      summaryHelp: 'Клиент может прочитать это в том виде, в каком вы напишете, поэтому пишите простыми словами.',
      submit: 'Сообщить клиенту сейчас',
      channelNote: (channel) => {
        switch (channel) {
          case undefined: return 'Клиент ещё не выбрал канал для срочных ситуаций, поэтому письмо уйдёт ему сразу.';
          case 'email': return 'Для срочных ситуаций клиент выбрал электронную почту: письмо уйдёт ему сразу.';
          case 'phone': return 'Для срочных ситуаций клиент выбрал телефонный звонок: вы получите задачу сразу позвонить ему, а после звонка запишите контакт.';
          case 'chat': return 'Для срочных ситуаций клиент выбрал чат или мессенджер: вы получите задачу сразу написать ему, а потом запишите контакт.';
          case 'meeting': return 'Для срочных ситуаций клиент выбрал встречу: вы получите задачу сразу встретиться с ним, а потом запишите контакт.';
        }
      },
    },
    expectations: 'Ожидания',
    notAnswered: 'Клиент ещё не заполнил анкету.',
    answerVersion: (version, date) => `Версия ${version}, получена ${date}.`,
    versionsTotal: (n) => `Всего версий: ${n}.`,
    timeline: 'Хронология',
    noEvents: 'Пока ничего не произошло.',
    notes: 'Сообщения клиента',
    noNotes: 'Сообщений пока нет.',
    notePlace: (page) => `оставлено ${ruNotePlace(page)}`,
    events: {
      created: (by) => `Проект создан: ${by}`,
      emailSent: (what, to) => `${what}: отправлено на ${to}`,
      answered: (version) => `Клиент заполнил анкету (версия ${version})`,
      corrected: (version) => `Клиент исправил сводку (версия ${version})`,
      note: 'Клиент оставил сообщение',
      unanswered: 'Анкета закрыта без ответа',
      agreed: (version) => `Ожидания согласованы (версия ${version})`,
      stalled: (workflow, error) => `${workflow === 'kickoff' ? 'Процесс анкеты' : 'Процесс сопровождения проекта'} остановился из-за ошибки (${error})`,
      delivered: (milestone) => `Отмечена сдача этапа «${milestone}»`,
      confirmed: (milestone) => `Клиент подтвердил, что этап «${milestone}» решает его задачу`,
      checkpoint: (milestone, points) =>
        `Контрольная точка этапа «${milestone}»: ${points.length === 0 ? 'всё по плану' : points.join('; ')}`,
      rejected: (milestone, reason) =>
        `Клиент сообщил, что этап «${milestone}» ${reason === 'not-received' ? 'до него не дошёл' : 'не решает его задачу'}`,
      shifted: (milestone, from, to) => `Срок этапа «${milestone}» перенесён с ${from} на ${to}; клиент уведомлён`,
      shiftedByClient: (milestone, from, to) => `Срок этапа «${milestone}» перенесён с ${from} на ${to} по выбору клиента для его запроса`,
      shiftAcknowledged: (milestone) => `Клиент подтвердил новый срок этапа «${milestone}»`,
      emailOutcome: (outcome) => ({
        delivered: 'Письмо доставлено', bounced: 'Письмо не доставлено (возврат)', complained: 'Получатель отметил письмо как спам',
        rejected: 'Письмо отклонено', opened: 'Письмо открыто',
      })[outcome],
      touchpoint: (kind, channel, by) =>
        `Записан контакт ${ruChannelBy[channel]} (${({ regular: 'рабочее общение', informational: 'информирование', emergency: 'срочная ситуация' })[kind]}), автор записи — ${by}`,
      question: 'Клиент задал вопрос',
      answeredQuestion: 'На вопрос клиента ответили',
      incident: 'Открыт инцидент',
      scopeRequest: (hours) => `Записан запрос сверх договора (${hours} ч)`,
      scopeDecision: (decision, overridden) =>
        `Решение по доп. запросу: ${({ bonus: 'бонус', 'extra-pay': 'доплата', 'deadline-shift': 'перенос срока', decline: 'отказ', 'client-chooses': 'выбор за клиентом' })[decision]}${overridden ? ' (вопреки правилу)' : ''}`,
      scopeAnnounced: 'Решение по доп. запросу сообщено клиенту',
      scopeAnswered: (answer) => `Ответ клиента по доп. запросу: ${({ noted: 'принято к сведению', 'extra-pay': 'доплата принята', 'later-date': 'выбран более поздний срок', withdrawn: 'запрос отозван' })[answer]}`,
      closed: (surveySent) =>
        `Проект закрыт; ${surveySent ? 'клиенту отправлен итоговый опрос' : 'опрос не отправлялся: клиента недавно уже опрашивали'}`,
      surveyAnswered: (rating, recommend) =>
        `Клиент ответил на итоговый опрос: ожидания оправданы на ${rating} из 5; порекомендовал бы нас: ${({ yes: 'да', maybe: 'возможно', no: 'нет' })[recommend]}`,
      surveyKeep: 'Что сохранить:',
      surveyChange: 'Что изменить:',
      emails: {
        'kickoff-invite': 'Приглашение заполнить анкету',
        'kickoff-reminder': 'Напоминание об анкете',
        'kickoff-escalation': 'Сообщение менеджеру о молчании клиента',
        'what-we-heard': 'Сводка «что мы услышали»',
        'client-note': 'Сообщение клиента',
        'workflow-stalled': 'Тревога: процесс остановлен',
        'status-update': 'Сводка о ходе проекта',
        'confirmation-request': 'Просьба подтвердить получение результата',
        'confirmation-follow-up': 'Напоминание о подтверждении результата',
        'manager-task': 'Задача менеджеру',
        'manager-alert': 'Предупреждение менеджеру',
        'checkpoint-note': 'Итоги контрольной точки',
        'client-question': 'Вопрос клиента',
        'question-answer': 'Ответ на вопрос клиента',
        incident: 'Срочное сообщение об инциденте',
        'close-out-report': 'Итоговый отчёт клиенту',
        'close-out-summary': 'Итоги проекта для менеджера',
        'pre-drift-digest': 'Ежедневная сводка ближайших обещаний',
        'scope-decision': 'Решение по запросу сверх договора',
        'scope-decision-reminder': 'Напоминание о решении по запросу',
        'scope-answer': 'Выбор клиента по запросу',
        'deadline-shift-notice': 'Уведомление о новом сроке',
        'deadline-shift-reminder': 'Напоминание подтвердить новый срок',
      },
    },
    pages: {
      unauthorized: { title: 'Войдите, пожалуйста', body: ['Чтобы увидеть эту страницу, нужно войти.'] },
      forbidden: { title: 'Нет доступа к этой странице', body: ['Ваша учётная запись не входит в группу менеджеров. Добавить вас может руководитель направления.'] },
      'not-found': { title: 'Не найдено', body: ['Такого проекта или страницы нет.'] },
      'portfolio-forbidden': { title: 'Нет доступа к этой странице', body: ['Портфель доступен только руководителям направления.'] },
      'cross-site': {
        title: 'Форма отправлена с другого сайта',
        body: ['Ради вашей безопасности эти страницы принимают формы только с этого сайта. Вернитесь на страницу, обновите её и отправьте форму ещё раз.'],
      },
    },
    signIn: 'Войти',
    driftScore: (score) => `Соответствие ожиданиям: ${score} из 100`,
    driftLink: 'Отчёт о расхождениях: где работа расходится с ожиданиями клиента',
    portfolioLink: 'Портфель: расхождения по всем проектам',
    drift: {
      title: (engagement) => `Отчёт о расхождениях: ${engagement}`,
      back: (engagement) => `Назад к проекту «${engagement}»`,
      preparing: 'Отчёт о расхождениях готовится.',
      preparingBody: 'Он пересчитывается вскоре после каждой записи по проекту. Обновите страницу через несколько секунд.',
      score: 'Соответствие ожиданиям',
      outOf: (score) => `${score} из 100`,
      byDimension: 'По направлениям',
      openCount: (n) => `открытых: ${n}`,
      chart: {
        title: 'Оценка во времени',
        desc: (points, from, to) =>
          `Оценка соответствия ожиданиям (от 0 до 100) в ${points} точках с ${from} по ${to}. Каждая точка объяснена в списке после графика.`,
        score: (score) => `оценка ${score}`,
        explained: 'Что меняло оценку',
        move: (change, dimension) => `${change}: ${dimension}`,
        start: 'начальная точка',
        unchanged: 'без изменений',
      },
      findings: 'Расхождения',
      dimensionHeading: (dimension, score) => `${dimension}: ${score} из 100`,
      open: 'Открытые',
      closed: 'Закрытые',
      noFindings: 'По этому направлению расхождений нет.',
      severity: { low: 'Низкая важность', medium: 'Средняя важность', high: 'Высокая важность' },
      started: (date) => `Началось ${date}`,
      closedOn: (date) => `закрыто ${date}`,
      stillOpen: 'ещё открыто',
      evidence: 'Основания:',
      youSaid: 'Слова клиента:',
      citedVersion: (version, date) => `версия ${version}, ${date}`,
      citedFields: {
        'process.workingHours.start': 'начало рабочего дня',
        'process.workingHours.end': 'конец рабочего дня',
        'process.workingHours.days': 'рабочие дни',
        'process.workingHours.timeZone': 'часовой пояс',
        'pace.updateCadenceDays': 'как часто нужны новости',
        'pace.maxSilenceDays': 'самое долгое молчание',
        'pace.responseTimeHours': 'срок ответа на вопрос',
        'pace.slipNoticeDays': 'предупреждение о переносе срока',
        'pace.dueDateToleranceDays': 'допустимая задержка',
        'channels.regular': 'канал для рабочего общения',
        'channels.informational': 'канал для новостей о ходе работ',
        'channels.emergency': 'канал для срочных ситуаций',
        'outcome.businessResult': 'нужный результат',
        'outcome.successSignal': 'как клиент это поймёт',
        'outcome.confirmationWindowDays': 'срок на подтверждение сдачи',
        'scope.bonusUpToHours': 'бонусная работа до',
        'scope.largerRequests': 'крупные запросы',
      },
      warnings: 'Ближайшие обещания',
      warningsIntro: 'Что нарушится следующим, если ничего не сделать.',
      noWarnings: 'Обещаний, которые вот-вот нарушатся, нет.',
      warningKinds: {
        'informational-update': 'Следующая новость о ходе работ',
        'longest-silence': 'Конец самого долгого допустимого молчания',
        'slip-notice': 'Последний момент, чтобы предупредить о переносе',
        'delivery-due': 'Срок сдачи с учётом допустимой задержки',
        'confirmation-window': 'Конец срока на подтверждение',
        'response-due': 'Срок ответа на вопрос',
        'scope-decision': 'Срок решения по дополнительному запросу',
        'bonus-announcement': 'Сообщить клиенту, что работа — бонус',
      },
      deadline: (date) => `до ${date}`,
      computedAt: (date) => `Рассчитано ${date}.`,
      downloads: 'Скачать расхождения',
      csv: 'CSV для таблиц',
      json: 'JSON',
    },
    portfolio: {
      title: 'Расхождения по портфелю',
      intro: 'Все проекты, сначала те, где расхождений больше всего. Каждое число — оценка от 0 до 100: чем ниже, тем дальше работа от ожиданий клиента. Число по направлению ведёт к его расхождениям.',
      filter: 'Фильтр',
      manager: 'Менеджер',
      anyManager: 'Все менеджеры',
      status: 'Проекты',
      statuses: { open: 'Открытые (все, кроме закрытых)', closed: 'Закрытые' },
      group: 'Отдельная таблица для каждого менеджера',
      apply: 'Показать',
      managers: 'По менеджерам',
      managersLabel: 'Менеджеры, число их проектов и средняя оценка',
      columns: {
        engagement: 'Проект',
        client: 'Клиент',
        manager: 'Менеджер',
        status: 'Статус',
        score: 'Оценка',
        engagements: 'Проектов',
        mean: 'Средняя оценка',
        withOpen: 'С открытыми расхождениями',
      },
      tableLabel: 'Проекты, сначала с наибольшими расхождениями',
      groupSummary: (count, mean, withOpen) =>
        `Проектов: ${count.toLocaleString('ru')}, средняя оценка ${mean}, с открытыми расхождениями: ${withOpen.toLocaleString('ru')}`,
      none: 'Нет проектов с отчётом о расхождениях, подходящих под этот фильтр.',
      legend: 'Диапазоны оценок',
      bands: ['0–39: далеко от ожиданий клиента', '40–59: заметные расхождения', '60–74: есть расхождения', '75–89: почти как ожидает клиент', '90–100: как ожидает клиент'],
      shown: (count) => `Проектов на странице: ${count.toLocaleString('ru')}, сначала с наибольшими расхождениями.`,
      shownMore: (count) => `Ещё проектов: ${count.toLocaleString('ru')}, в продолжение предыдущей страницы.`,
      shownGrouped: (count) => `У каждого менеджера — до ${count} проектов с наибольшими расхождениями.`,
      inAll: (count, state) => `Всего ${state === 'open' ? 'открытых' : 'закрытых'} проектов: ${count.toLocaleString('ru')}.`,
      allOf: (count, managerName) => `Все проекты менеджера ${managerName} (${count.toLocaleString('ru')})`,
      end: 'Больше проектов нет: предыдущая страница была последней.',
      pages: 'Страницы',
      first: 'К первой странице',
      next: (count) => `Следующие ${count}`,
    },
  },

  email: {
    greeting: (name) => `Здравствуйте, ${name}!`,
    signOff: 'С уважением,',
    linkFallback: 'Если кнопка не работает, скопируйте этот адрес в браузер:',
    statusLink: 'Как идут дела — в любой момент:',
    invite: {
      subject: (engagementTitle) => `Проект «${engagementTitle}»: расскажите о ваших ожиданиях`,
      body: (engagementTitle) => [
        `Прежде чем начать работу над проектом «${engagementTitle}», мы хотим узнать, как вам удобно его вести: насколько вы хотите участвовать, как часто получать новости, как с вами связываться и какой результат вам нужен.`,
        'Мы запишем ваши ответы и будем их придерживаться, чтобы ничего не зависело от чьей-то памяти. Это займёт около 5 минут.',
      ],
      button: 'Открыть анкету',
      personal: (expiresAt) => `Ссылка персональная — пожалуйста, не пересылайте её. Она действует до ${expiresAt}.`,
    },
    reminder: {
      subject: (engagementTitle) => `Напоминание: проект «${engagementTitle}» — расскажите о ваших ожиданиях`,
      opening: (reminderNumber, engagementTitle) =>
        `${reminderNumber > 1 ? 'Напоминаем ещё раз' : 'Небольшое напоминание'}: мы пока не получили ваших ответов по проекту «${engagementTitle}».`,
      why: 'Они помогут нам вести проект так, как удобно вам, и займут около 5 минут.',
    },
    escalation: {
      subject: (clientName, engagementTitle) => `Нет ответа на анкету: ${clientName}, проект «${engagementTitle}»`,
      body: (clientName, clientEmail, engagementTitle) =>
        `Анкета по проекту «${engagementTitle}» всё ещё без ответа. Клиент: ${clientName} (${clientEmail}).`,
      history: (invitedAt, remindersSent) =>
        (remindersSent === 0 ? `Приглашение отправлено ${invitedAt}.` : `Приглашение отправлено ${invitedAt}, после него — ${ruReminders(remindersSent)}.`),
      advice: 'Короткий личный звонок или сообщение обычно помогают лучше, чем ещё одно письмо.',
      button: 'Открыть проект',
    },
    stalled: {
      subject: (workflow, engagementTitle) =>
        `Нужно вмешательство: ${workflow === 'kickoff' ? 'анкета' : 'сопровождение'} по проекту «${engagementTitle}» остановил${workflow === 'kickoff' ? 'ась' : 'ось'}`,
      body: (workflow, engagementTitle, error) =>
        `${workflow === 'kickoff' ? 'Процесс анкеты' : 'Процесс сопровождения'} по проекту «${engagementTitle}» остановился из-за ошибки, которую не удалось исправить автоматически (${error}). ${workflow === 'kickoff' ? 'Возможно, клиент не получил анкету или сводку.' : 'Возможно, клиент не получает сводки и просьбы подтвердить результат.'}`,
      advice: 'Проверьте историю проекта, при необходимости свяжитесь с клиентом сами и попросите администратора перезапустить процесс, когда причина будет устранена.',
      button: 'Открыть проект',
    },
    whatWeHeard: {
      subject: (engagementTitle, version) =>
        `${version > 1 ? 'Что мы услышали (обновлено)' : 'Что мы услышали'}: проект «${engagementTitle}»`,
      intro: (engagementTitle) =>
        `Спасибо за ответы! Вот что мы услышали о том, как вы хотите вести проект «${engagementTitle}». Мы будем этого придерживаться.`,
      introUpdated: (engagementTitle, version) =>
        `Спасибо за исправление! Вот обновлённая сводка по проекту «${engagementTitle}» (версия ${version}).`,
      correct: (deadline) => `Если что-то неверно, исправьте это по ссылке ниже. Она действует до ${deadline}.`,
      button: 'Исправить сводку',
      allGood: 'Если всё верно, ничего делать не нужно.',
    },
    clientNote: {
      subject: (clientName, engagementTitle) => `Сообщение от клиента: ${clientName}, проект «${engagementTitle}»`,
      intro: (clientName, page) => `Сообщение от ${clientName}, оставленное ${ruNotePlace(page)}:`,
      button: 'Открыть проект',
    },
    personalLink: 'Ссылка персональная — пожалуйста, не пересылайте её.',
    statusUpdate: {
      subject: (engagementTitle) => `Проект «${engagementTitle}»: как идут дела`,
      intro: (engagementTitle) => `Коротко о том, как идут дела по проекту «${engagementTitle}».`,
      doneIntro: 'С прошлой сводки:',
      nothingDone: 'С прошлой сводки новых сдач не было — работа идёт.',
      done: (title, date, what) =>
        // A long Russian date ends in "г.", which also ends the sentence.
        (what === 'delivered' ? `Этап «${title}» сдан ${date}` : `Вы подтвердили этап «${title}» ${date}`),
      now: (title, due) => `Сейчас мы работаем над этапом «${title}», срок — ${due}`,
      nothingNow: 'Сейчас других этапов в работе нет.',
      waitingIntro: 'Ждём вашего ответа: пожалуйста, сообщите, дошли ли до вас эти результаты и решают ли они вашу задачу. Ссылка для ответа есть в письме, которое пришло вместе с каждым из них.',
      waiting: (title, date) => `Этап «${title}», сдан ${date}`,
      next: (when, channel) => `Следующие новости от нас — не позже ${when}, ${channel}.`,
      button: 'Посмотреть, как идут дела',
    },
    confirmationRequest: {
      subject: (engagementTitle, milestoneTitle) => `Проект «${engagementTitle}»: дошёл ли до вас этап «${milestoneTitle}»?`,
      intro: (milestoneTitle, engagementTitle) => `Мы сдали этап «${milestoneTitle}» по проекту «${engagementTitle}»:`,
      ask: 'Дошёл ли результат до вас и решает ли он вашу задачу? По ссылке ниже — три варианта ответа: получен и всё работает, не получен или получен, но это не то, что нужно.',
      why: 'Мы считаем этап завершённым, только когда вы это подтвердите: отправить — ещё не значит доставить.',
      by: (deadline) => `Пожалуйста, ответьте до ${deadline}.`,
      button: 'Ответить',
    },
    confirmationFollowUp: {
      subject: (engagementTitle, milestoneTitle) => `Напоминание: дошёл ли до вас этап «${milestoneTitle}»? (проект «${engagementTitle}»)`,
      opening: (followUpNumber, milestoneTitle) =>
        `${followUpNumber > 1 ? 'Напоминаем ещё раз' : 'Небольшое напоминание'}: мы пока не получили вашего ответа по этапу «${milestoneTitle}».`,
    },
    managerTask: {
      subject: (clientName, engagementTitle, channel, due) =>
        `До ${due} дайте клиенту новости ${channel}: ${clientName}, проект «${engagementTitle}»`,
      body: (clientName, engagementTitle, channel, due) =>
        `Пора рассказать клиенту о ходе проекта «${engagementTitle}» ${channel} (клиент: ${clientName}), срок — ${due}.`,
      why: (clientName) => `Клиент (${clientName}) выбрал этот канал для новостей о ходе работ, поэтому письмо вместо него мы не отправляем.`,
      record: 'Когда свяжетесь, запишите контакт на странице проекта: считается только записанный контакт.',
      button: 'Открыть проект',
    },
    managerAlert: {
      subject: (alert, clientName, engagementTitle, milestone) => ({
        unconfirmed: `Нет подтверждения: ${ruWhat(milestone)} (${clientName}, проект «${engagementTitle}»)`,
        'not-received': `Клиент не получил ${ruWhat(milestone)}: ${clientName}, проект «${engagementTitle}»`,
        'not-what-i-needed': `Не то, что нужно клиенту: ${ruWhat(milestone)} (${clientName}, проект «${engagementTitle}»)`,
        bounced: `Письмо не дошло до клиента: ${clientName}, проект «${engagementTitle}»`,
        'scope-unanswered': `Нет ответа клиента по запросу сверх договора: ${clientName}, проект «${engagementTitle}»`,
        'shift-unacknowledged': `Не подтверждён новый срок: ${ruWhat(milestone)} (${clientName}, проект «${engagementTitle}»)`,
      })[alert],
      body: (alert, clientName, milestone) => ({
        unconfirmed: `Клиент (${clientName}) не подтвердил ${ruWhat(milestone)} в срок, который сам назвал. Пока клиент не подтвердит результат, этап не считается завершённым.`,
        'not-received': `Клиент (${clientName}) сообщает, что ${ruWhat(milestone)} до него не дошёл.`,
        'not-what-i-needed': `Клиент (${clientName}) получил ${ruWhat(milestone)}, но говорит, что это не то, что ему нужно.`,
        bounced: `Письмо клиенту (${clientName}) вернулось или попало в спам${milestone === undefined ? '' : ` — оно было про ${ruWhat(milestone)}`}. Пока это не исправлено, наши письма до клиента не доходят.`,
        'scope-unanswered': `Клиент (${clientName}) не ответил на наше решение по его запросу за то время, которое он берёт на подтверждение результата. Пока ответа нет, ничего не согласовано.`,
        'shift-unacknowledged': `Клиент (${clientName}) не подтвердил новый срок: ${ruWhat(milestone)}, — за то время, которое он берёт на подтверждение результата.`,
      })[alert],
      quoteIntro: (alert) => ({
        bounced: 'Что сообщила почтовая система:', 'scope-unanswered': 'Запрос:', 'shift-unacknowledged': 'Причина, которую вы назвали:',
      } as Partial<Record<ManagerAlert, string>>)[alert] ?? 'Слова клиента:',
      advice: (alert) => ({
        unconfirmed: 'Спросите клиента лично, дошёл ли результат и решает ли он его задачу.',
        'not-received': 'Выясните, где результат потерялся, сдайте его ещё раз и отметьте новую сдачу.',
        'not-what-i-needed': 'Свяжитесь с клиентом и выясните, чего не хватает. Этап остаётся открытым, пока клиент не подтвердит новую сдачу.',
        bounced: 'Проверьте адрес, а пока свяжитесь с клиентом другим способом.',
        'scope-unanswered': 'Спросите клиента лично, какой вариант он выбирает и дошло ли до него наше письмо.',
        'shift-unacknowledged': 'Убедитесь, что клиент знает о новом сроке: позвоните или напишите ему.',
      })[alert],
      button: 'Открыть проект',
    },
    checkpointNote: {
      subject: (milestoneTitle, engagementTitle, aligned) =>
        (aligned
          ? `Контрольная точка: этап «${milestoneTitle}» идёт по плану (проект «${engagementTitle}»)`
          : `Контрольная точка: расхождения по этапу «${milestoneTitle}» (проект «${engagementTitle}»)`),
      intro: (milestoneTitle, due) =>
        `Вот как прошёл этап «${milestoneTitle}» со сроком ${due} по сравнению с ожиданиями клиента:`,
      allGood: 'Ничего делать не нужно.',
      evidence: 'События, на которых основан каждый пункт, есть в хронологии проекта.',
      button: 'Открыть проект',
    },
    clientQuestion: {
      subject: (clientName, engagementTitle, respondBy) =>
        `Вопрос клиента: ${clientName}, проект «${engagementTitle}» — ответить до ${respondBy}`,
      intro: (clientName, engagementTitle, askedAt) =>
        `Клиент (${clientName}) задал вопрос по проекту «${engagementTitle}» ${askedAt}:`,
      expects: (respondBy) => `Клиент ждёт ответа до ${respondBy}: в такой срок он просил отвечать на его вопросы.`,
      how: 'Ответьте на странице проекта: клиент получит ответ по электронной почте, а время ответа будет записано.',
      button: 'Ответить на вопрос',
    },
    questionAnswer: {
      subject: (engagementTitle) => `Проект «${engagementTitle}»: ответ на ваш вопрос`,
      intro: (engagementTitle) => `Отвечаем на ваш вопрос по проекту «${engagementTitle}».`,
      asked: 'Вы спросили:',
      answer: 'Наш ответ:',
      more: 'Если что-то осталось непонятным, задайте ещё один вопрос на странице проекта:',
      button: 'Посмотреть, как идут дела',
    },
    incident: {
      subject: (engagementTitle) => `Срочно: проект «${engagementTitle}» — что случилось и что мы делаем`,
      intro: (engagementTitle) =>
        `Хотим, чтобы вы узнали об этом сразу и от нас: по проекту «${engagementTitle}» произошло то, что важно для вас.`,
      what: 'Что случилось:',
      onIt: 'Мы уже занимаемся этим. В течение нескольких часов мы снова свяжемся с вами и расскажем, что выяснили и что будет дальше.',
      status: 'Посмотреть, как идут дела, и задать нам вопрос можно в любой момент:',
      button: 'Посмотреть, как идут дела',
    },
    incidentTask: {
      subject: (clientName, engagementTitle, channel) =>
        `Срочно ${RU_REACH_NOW[channel]}: ${clientName}, проект «${engagementTitle}» — инцидент`,
      body: (clientName, engagementTitle, channel) =>
        `Вы открыли инцидент по проекту «${engagementTitle}». Не откладывая, даже в нерабочее время, ${RU_REACH_NOW[channel]} (${clientName}).`,
      why: (_clientName, channel) =>
        `Для срочных ситуаций клиент выбрал ${RU_CHOSE[channel]}, поэтому письмо вместо вас мы не отправляем.`,
      what: 'Что вы записали:',
      tell: 'Расскажите клиенту, что случилось, что мы уже занимаемся этим и когда он получит новости.',
      record: 'Затем запишите контакт на странице проекта как срочную ситуацию: считается только записанный контакт.',
      button: 'Открыть проект',
    },
    // A long Russian date ends in "г.", which also ends each line of the lists below.
    closeOutReport: {
      subject: (engagementTitle) => `Проект «${engagementTitle}»: итоговый отчёт`,
      intro: (engagementTitle) =>
        `Проект «${engagementTitle}» завершён. Спасибо, что работали с нами. Вот короткий отчёт о том, как всё прошло.`,
      expectations: 'Что вы рассказали нам в анкете перед началом работ:',
      happened: 'Как шла работа:',
      milestone: (title, due, deliveredOn, confirmedOn) => {
        if (deliveredOn === undefined) return `Этап «${title}», срок — ${due}: не сдан`;
        return confirmedOn === undefined
          ? `Этап «${title}», срок — ${due}: сдан ${deliveredOn}, подтверждения от вас мы не получили`
          : `Этап «${title}», срок — ${due}: сдан ${deliveredOn}, вы подтвердили его ${confirmedOn}`;
      },
      survey: 'И последняя просьба: короткий опрос о том, как всё прошло. Он займёт две минуты, и в нём нет вопросов, на которые вы уже отвечали.',
      button: 'Пройти опрос',
    },
    closeOutSummary: {
      subject: (clientName, engagementTitle) => `Проект «${engagementTitle}» закрыт (клиент: ${clientName})`,
      intro: (clientName, engagementTitle) => `Проект «${engagementTitle}» закрыт (клиент: ${clientName}). Вот как он прошёл.`,
      milestones: 'Этапы:',
      milestone: (title, due, deliveredOn, confirmedOn) => {
        if (deliveredOn === undefined) return `Этап «${title}», срок — ${due}: не сдан`;
        return confirmedOn === undefined
          ? `Этап «${title}», срок — ${due}: сдан ${deliveredOn}, клиент его не подтвердил`
          : `Этап «${title}», срок — ${due}: сдан ${deliveredOn}, клиент подтвердил его ${confirmedOn}`;
      },
      checkpoints: 'Контрольные точки:',
      checkpoint: (title, points) => `Этап «${title}»: ${points.length === 0 ? 'всё по плану' : points.join('; ')}`,
      noCheckpoints: 'Контрольные точки не записывались.',
      survey: (sent) => (sent
        ? 'Клиенту отправлен итоговый опрос; его ответы появятся в хронологии проекта.'
        : 'Итоговый опрос не отправлялся: клиента недавно уже опрашивали, а так скоро мы не спрашиваем снова.'),
      button: 'Открыть проект',
    },
    scopeDecision: {
      subject: (engagementTitle, decision) => ({
        bonus: `Проект «${engagementTitle}»: ваш запрос выполним в качестве бонуса`,
        decline: `Проект «${engagementTitle}»: наш ответ на ваш запрос`,
        'extra-pay': `Проект «${engagementTitle}»: ваш запрос — выберите вариант`,
        'deadline-shift': `Проект «${engagementTitle}»: ваш запрос — выберите вариант`,
        'client-chooses': `Проект «${engagementTitle}»: ваш запрос — выберите вариант`,
      })[decision],
      reminderSubject: (engagementTitle) => `Напоминание: проект «${engagementTitle}» — ждём вашего ответа по запросу`,
      intro: (date) => `${date} вы попросили нас:`,
      reminder: 'Мягко напоминаем: мы ещё не получили вашего ответа по запросу:',
      buttonNoted: 'Открыть и отметить как прочитанное',
      buttonChoose: 'Выбрать',
      by: (deadline) => `Пожалуйста, ответьте до ${deadline}.`,
    },
    deadlineShift: {
      subject: (engagementTitle, milestone, newDue) => `Проект «${engagementTitle}»: срок этапа «${milestone}» переносится на ${newDue}`,
      reminderSubject: (engagementTitle, milestone) => `Напоминание: подтвердите новый срок этапа «${milestone}» (проект «${engagementTitle}»)`,
      intro: (milestone, from, to) => `Нам приходится перенести срок этапа «${milestone}»: новый срок — ${to} (прежний — ${from}).`,
      reminder: (milestone, to) => `Мягко напоминаем: пожалуйста, подтвердите новый срок этапа «${milestone}» (${to}).`,
      why: 'Причина:',
      rest: 'Остальной план не меняется; действующие сроки всегда видны на странице «Как идут дела».',
      ask: 'Пожалуйста, подтвердите новый срок одним нажатием по ссылке ниже.',
      button: 'Подтвердить новый срок',
      by: (deadline) => `Пожалуйста, подтвердите до ${deadline}.`,
    },
    scopeAnswer: {
      subject: (clientName, answer, engagementTitle) =>
        `${clientName}: ${({ 'extra-pay': 'согласие на доплату', 'later-date': 'выбран более поздний срок', withdrawn: 'запрос отозван' })[answer]} (проект «${engagementTitle}»)`,
      intro: (clientName) => `Клиент (${clientName}) ответил на наше решение по своему запросу:`,
      extraPay: (price) => `Клиент согласен на доплату: ${price}. Можно приступать.`,
      laterDate: (milestone, from, to) => `Клиент выбрал более поздний срок: срок этапа «${milestone}» перенесён с ${from} на ${to}, план следует за ним.`,
      laterDateMoot: (milestone, to) =>
        `Клиент выбрал более поздний срок, но этап «${milestone}» уже нельзя перенести на ${to} (он сдан или его срок уже позже), поэтому срок остаётся прежним.`,
      withdrawn: 'Клиент отозвал запрос: работа не ведётся, в плане ничего не меняется.',
      button: 'Открыть проект',
    },
    driftDigest: {
      subject: (promises) => `Срок — в ближайшие два дня: обещаний клиентам — ${promises}`,
      intro: 'Эти обещания клиентам наступают в ближайшие два дня. Если выполнить их сейчас, расхождения не будет; в отчёте о расхождениях каждого проекта сказано, о чём просил клиент.',
      engagement: (title, clientName) => `Проект «${title}», клиент ${clientName}:`,
      item: (what, subject, deadline) => `${what}: ${subject}, до ${deadline}`,
      button: (title) => `Открыть отчёт о расхождениях проекта «${title}»`,
    },
  },
};

const DICTIONARIES: Record<Locale, Messages> = { en, ru };

export function messages(locale: Locale): Messages {
  return DICTIONARIES[locale];
}

/** "Mon–Fri", "Mon, Wed, Fri": runs of three or more consecutive days are shortened. */
function formatWeekdays(days: readonly Weekday[], locale: Locale): string {
  const names = messages(locale).weekdays;
  const indexes = WEEKDAYS.flatMap((d, i) => (days.includes(d) ? [i] : []));
  const runs: number[][] = [];
  for (const i of indexes) {
    const run = runs.at(-1);
    if (run && run.at(-1) === i - 1) run.push(i);
    else runs.push([i]);
  }
  const short = (i: number) => names[WEEKDAYS[i] as Weekday].short;
  return runs
    .map((run) => (run.length >= 3 ? `${short(run[0] as number)}–${short(run.at(-1) as number)}` : run.map(short).join(', ')))
    .join(', ');
}

export interface ExpectationSection {
  dimension: Dimension;
  title: string;
  items: Array<{ label: string; value: string }>;
}

/** The client's expectations in plain words, one section per dimension. */
export function describeExpectations(e: Expectations, locale: Locale): ExpectationSection[] {
  const m = messages(locale);
  const s = m.summary;
  const hours = e.process.workingHours;
  const involvement = m.involvement[e.process.involvement];
  const items: Record<Dimension, ExpectationSection['items']> = {
    process: [
      { label: s.involvement, value: `${involvement.label}. ${involvement.help}` },
      { label: s.approval, value: e.process.milestoneApprovalRequired ? m.approval.yes : m.approval.no },
      { label: s.workingHours, value: s.hours(formatWeekdays(hours.days, locale), hours.start, hours.end, hours.timeZone) },
      { label: s.decisionMaker, value: e.process.decisionMaker },
    ],
    pace: [
      { label: s.statusNews, value: s.statusNewsValue(e.pace.updateCadenceDays, e.pace.maxSilenceDays) },
      { label: s.responses, value: s.responsesValue(e.pace.responseTimeHours) },
      { label: s.slipNotice, value: s.slipNoticeValue(e.pace.slipNoticeDays) },
      { label: s.tolerance, value: s.toleranceValue(e.pace.dueDateToleranceDays) },
    ],
    channels: (['regular', 'informational', 'emergency'] as const).map((kind) => ({
      label: s.kinds[kind],
      value: m.channels[e.channels[kind]],
    })),
    outcome: [
      { label: s.businessResult, value: e.outcome.businessResult },
      { label: s.successSignal, value: e.outcome.successSignal },
      { label: s.confirmationWindow, value: m.units.days(e.outcome.confirmationWindowDays) },
    ],
    scope: describeScopeRule(e.scope, locale),
  };
  return DIMENSIONS.map((dimension) => ({ dimension, title: m.dimensions[dimension].title, items: items[dimension] }));
}

/** The client's rule for requests beyond the contract, as "what we heard" words it (the register shows it too). */
export function describeScopeRule(rule: Expectations['scope'], locale: Locale): ExpectationSection['items'] {
  const s = messages(locale).summary;
  const larger = messages(locale).largerRequests[rule.largerRequests];
  return [
    { label: s.bonus, value: s.bonusValue(rule.bonusUpToHours) },
    { label: s.largerRequests, value: `${larger.label}. ${larger.help}` },
    { label: s.alwaysDeclined, value: rule.alwaysDeclined ?? s.nothingNamed },
  ];
}

/**
 * The domain's validation messages are short English rules ("at most 30 days"); a person gets
 * a sentence in their language. Unknown messages still say something useful.
 */
export function issueText(message: string, locale: Locale): string {
  const m = messages(locale);
  const t = m.issues;
  const amount = (n: string, unit: string) => (unit.startsWith('hour') ? m.units.hours(Number(n)) : m.units.days(Number(n)));
  const rules: Array<[RegExp, (match: RegExpMatchArray) => string]> = [
    [/^required$/, () => t.required],
    [/^must be a number$/, () => t.number],
    [/^must be whole (days|hours)$/, () => t.whole],
    [/^at least (\d+) (days?|hours?)$/, (x) => t.atLeast(amount(x[1] as string, x[2] as string))],
    [/^at most (\d+) (days?|hours?)$/, (x) => t.atMost(amount(x[1] as string, x[2] as string))],
    [/^cannot be negative$/, () => t.notNegative],
    [/^must be a time as HH:MM/, () => t.time],
    [/^must be an IANA time zone/, () => t.timeZone],
    [/^choose at least one working day$/, () => t.workingDay],
    [/^working hours must end after they start$/, () => t.hoursOrder],
    [/^the longest silence cannot be shorter/, () => t.silence],
    [/^at most (\d+) characters$/, (x) => t.tooLong(Number(x[1]))],
    [/^must not contain control characters$/, () => t.control],
    [/^must be a single line$/, () => t.singleLine],
    [/^must be an email address$/, () => t.email],
    [/^Invalid option/, () => t.choose],
    [/^Invalid ISO date/, () => t.date],
    [/^must not be in the past$/, () => t.pastDate],
    [/^add at least one milestone$/, () => t.milestoneMin],
    [/^at most 50 milestones$/, () => t.milestoneMax],
    [/^must be a date and time$/, () => t.dateTime],
    [/^must not be in the future$/, () => t.future],
    [/^must be a milestone of this engagement$/, () => t.milestone],
    [/^must be a whole number$/, () => t.whole],
    [/^choose from 1 to 5$/, () => t.rating],
    [/^must be a number of hours/, () => t.effort],
    [/^must be more than 0 hours$/, () => t.effortPositive],
    [/^required to override the rule$/, () => t.overrideRequired],
    [/^only when overriding the rule$/, () => t.overrideOnly],
    [/^required for extra pay$/, () => t.priceRequired],
    [/^only for extra pay$/, () => t.priceOnly],
    [/^required for a deadline shift$/, () => t.shiftRequired],
    [/^only for a deadline shift$/, () => t.shiftOnly],
    [/^give the days or the new date, not both$/, () => t.shiftEither],
    [/^already delivered$/, () => t.delivered],
    [/^must be after today$/, () => t.afterToday],
    [/^must be later than the current due date$/, () => t.laterThanDue],
    [/^at most two years ahead$/, () => t.tooFar],
    [/^must not be before the engagement started$/, () => t.beforeStart],
    [/^the client named nothing they always decline$/, () => t.noDeclinedKind],
  ];
  for (const [pattern, text] of rules) {
    const match = message.match(pattern);
    if (match) return text(match);
  }
  return t.fallback(message);
}

/** A moment, with the zone named: "March 12, 2025 at 3:00 PM UTC", "12 марта 2025 г. в 18:00 GMT+3". */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * One `Intl.DateTimeFormat` per locale and options, made once: making one costs far more than
 * formatting with it, and a long report formats thousands of dates. `key` names the options.
 */
export function dateFormat(key: string, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${locale}|${options.timeZone ?? ''}`;
  let format = dateFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(id, format);
  }
  return format;
}

export function formatDateTime(iso: string, locale: Locale, timeZone = 'UTC'): string {
  return dateFormat('date-time', locale, {
    day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short',
  }).format(new Date(iso));
}

/**
 * A calendar date without a time: a plain date ("2025-03-12") as it is, or the day of an
 * instant in `timeZone` (UTC unless given), so "23:30 UTC" is already tomorrow in Moscow.
 */
export function formatDate(isoDateOrInstant: string, locale: Locale, timeZone = 'UTC'): string {
  const plainDate = /^\d{4}-\d{2}-\d{2}$/.test(isoDateOrInstant);
  return dateFormat('date', locale, { dateStyle: 'long', timeZone: plainDate ? 'UTC' : timeZone }).format(new Date(isoDateOrInstant));
}

/** What a milestone's checkpoint found (the `checkpoint-recorded` event carries these). */
export interface CheckpointResult {
  delivered: boolean;
  onTime: boolean;
  /** Null when the due date never moved. */
  slipAnnounced: boolean | null;
  cadenceKept: boolean;
  confirmed: boolean;
}

/** `watch`: not drift yet, but not done either (undelivered within tolerance, awaiting confirmation). */
export interface CheckpointPoint {
  level: 'ok' | 'watch' | 'drift';
  text: string;
  /** A few words for the timeline; only for points that are not ok. */
  short?: string;
}

export function describeCheckpoint(r: CheckpointResult, locale: Locale): CheckpointPoint[] {
  const t = messages(locale).checkpoint;
  const points: CheckpointPoint[] = [];
  if (r.delivered && r.onTime) points.push({ level: 'ok', text: t.delivery(true, true) });
  else if (r.onTime) points.push({ level: 'watch', text: t.delivery(false, true), short: t.short.notDelivered });
  else points.push({ level: 'drift', text: t.delivery(r.delivered, false), short: r.delivered ? t.short.late : t.short.notDelivered });
  if (r.slipAnnounced !== null) {
    points.push(r.slipAnnounced ? { level: 'ok', text: t.slip(true) } : { level: 'drift', text: t.slip(false), short: t.short.slip });
  }
  points.push(r.cadenceKept ? { level: 'ok', text: t.cadence(true) } : { level: 'drift', text: t.cadence(false), short: t.short.silence });
  // Nothing to confirm before a delivery; after one, the client's window may still be open.
  if (r.delivered) {
    points.push(r.confirmed ? { level: 'ok', text: t.confirmed(true) } : { level: 'watch', text: t.confirmed(false), short: t.short.unconfirmed });
  }
  return points;
}

/** A scope decision as the client reads it: the email announcing it and the page behind its link say the same. */
export interface ScopeDecisionFacts {
  decision: ScopeDecision;
  /** True when the decision is the one the client's rule proposes. */
  byRule: boolean;
  reason: RuleReason;
  effortHours: number;
  rule: { bonusUpToHours: number; largerRequests: LargerRequests; alwaysDeclined?: string };
  /** The manager's reason for deciding against the rule: the client reads it only as the reason for a decline. */
  overrideReason?: string;
  price?: string;
  /** The later date on offer (plain dates). */
  shift?: { milestoneTitle: string; from: string; to: string };
}

/**
 * The decision in plain words, paragraph by paragraph: the estimate, what we do, and why by
 * the client's own rule (a bonus says it is not the new normal; a decline quotes the rule, or
 * the manager's reason when the rule did not call for it).
 */
export function describeScopeDecision(f: ScopeDecisionFacts, locale: Locale): string[] {
  const m = messages(locale);
  const x = m.register.explain;
  const larger = m.largerRequests[f.rule.largerRequests];
  const limit = f.rule.bonusUpToHours;
  const ruleOnLarger = x.larger(limit, `${larger.label}. ${larger.help}`);
  const shift = f.shift ? { milestone: f.shift.milestoneTitle, from: formatDate(f.shift.from, locale), to: formatDate(f.shift.to, locale) } : undefined;
  const estimate = x.estimate(f.effortHours);
  switch (f.decision) {
    case 'bonus':
      return [estimate, x.bonus, ...(f.byRule ? [x.bonusRule(limit)] : []), x.notTheNorm];
    case 'decline':
      if (!f.byRule) return [estimate, x.decline, x.why(f.overrideReason ?? '')];
      return f.reason === 'declined-kind' ? [x.decline, x.declinedKind(f.rule.alwaysDeclined ?? '')] : [estimate, x.decline, ruleOnLarger];
    case 'extra-pay':
      return [estimate, ...(f.byRule ? [ruleOnLarger] : []), x.extraPay(f.price ?? ''), x.askChoice];
    case 'deadline-shift':
      return [estimate, ...(f.byRule ? [ruleOnLarger] : []), ...(shift ? [x.later(shift.milestone, shift.from, shift.to)] : []), x.askChoice];
    case 'client-chooses':
      return [estimate, ...(f.byRule ? [ruleOnLarger] : []), ...(shift ? [x.chooses(f.price ?? '', shift.milestone, shift.from, shift.to)] : []), x.askChoice];
  }
}

/** What a decision costs the client in money or time; once they chose, what they chose. */
export function describeScopeCost(
  c: { decision: ScopeDecision; price?: string; shift?: { milestoneTitle: string; from: string; to: string }; answer?: ScopeAnswer },
  locale: Locale,
): string {
  const costs = messages(locale).register.costs;
  const price = costs.price(c.price ?? '');
  const shift = c.shift ? costs.shift(c.shift.milestoneTitle, formatDate(c.shift.from, locale), formatDate(c.shift.to, locale)) : '';
  if (c.answer === 'withdrawn') return costs.withdrawn;
  if (c.answer === 'extra-pay') return price;
  if (c.answer === 'later-date') return shift;
  switch (c.decision) {
    case 'bonus': return costs.bonus;
    case 'decline': return costs.decline;
    case 'extra-pay': return price;
    case 'deadline-shift': return shift;
    case 'client-chooses': return costs.either(c.price ?? '', shift);
  }
}
