/**
 * One English sentence for a finding (or the report's note), for tests, CSV exports and
 * logs. Pages render the same explanation keys in the reader's language instead.
 *
 * Contract: total over every explanation key; uses only the explanation's parameters (and
 * whether the finding is still open), never anything outside the finding.
 */
import type { Explanation } from './types.js';

const WEEKDAY_NAMES: Record<string, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Whole hours as "2 days 3 hours", "1 day", "5 hours". */
export function durationEn(hours: number): string {
  const days = Math.floor(hours / 24);
  const rest = hours % 24;
  if (days === 0) return plural(rest, 'hour');
  return rest === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${plural(rest, 'hour')}`;
}

export function explainEn(subject: { explanation: Explanation; open?: boolean }): string {
  const p = subject.explanation.params;
  const num = (name: string) => Number(p[name]);
  const str = (name: string) => String(p[name]);
  const soFar = subject.open ? ' so far' : '';
  switch (subject.explanation.key) {
    case 'late-delivery.delivered':
      return `“${str('title')}” was delivered ${durationEn(num('lateHours'))} past its due date of ${str('due')} plus your ${plural(num('toleranceDays'), 'day')} of tolerance`;
    case 'late-delivery.undelivered':
      return `“${str('title')}” is still not delivered, ${durationEn(num('lateHours'))} past its due date of ${str('due')} plus your ${plural(num('toleranceDays'), 'day')} of tolerance`;
    case 'unannounced-slip.late-notice': {
      const hours = num('noticeHours');
      const when = hours >= 0 ? `${durationEn(hours)} before the due date` : `${durationEn(-hours)} after the due date had passed`;
      return `The move of “${str('title')}” from ${str('due')} to ${str('newDue')} was announced ${when}; you asked for ${plural(num('noticeDays'), 'day')} of notice`;
    }
    case 'unannounced-slip.no-notice':
      return `“${str('title')}” slipped past its due date of ${str('due')} plus your ${plural(num('toleranceDays'), 'day')} of tolerance without notice; you asked for ${plural(num('noticeDays'), 'day')} of notice`;
    case 'silence.cadence':
      return `Silence of ${durationEn(num('silenceHours'))}${soFar} against your ${num('limitDays')}-day update cadence`;
    case 'silence.max':
      return `Silence of ${durationEn(num('silenceHours'))}${soFar} against your ${num('limitDays')}-day limit`;
    case 'wrong-channel':
      return `${capitalised(withArticle(str('kind')))} contact went by ${str('used')}; you chose ${str('expected')}`;
    case 'outside-hours.hours':
      return `A contact on ${WEEKDAY_NAMES[str('weekday')] ?? str('weekday')} at ${str('localTime')} (${str('timeZone')}) fell outside your working hours of ${str('start')}–${str('end')}`;
    case 'outside-hours.day-off':
      return `A contact on ${WEEKDAY_NAMES[str('weekday')] ?? str('weekday')} at ${str('localTime')} (${str('timeZone')}) fell on a day you do not work`;
    case 'outcome-unconfirmed':
      return `“${str('title')}” waited ${durationEn(num('waitedHours'))}${soFar} for your confirmation against your ${num('windowDays')}-day window`;
    case 'outcome-rejected.not-received':
      return `You said “${str('title')}” did not reach you`;
    case 'outcome-rejected.not-what-i-needed':
      return `You said “${str('title')}” is not what you needed`;
    case 'not-received': {
      const what = { bounced: 'bounced', complained: 'was marked as spam', rejected: 'was refused' }[str('outcome')] ?? str('outcome');
      return `${capitalised(withArticle(str('kind')))} email (${str('purpose')}) sent ${str('sentAt')} ${what}: it did not reach you as sent`;
    }
    case 'scope-drift.undecided':
      return `The request “${str('summary')}” waited ${durationEn(num('waitedHours'))}${soFar} for a decision; the rule allows ${plural(num('graceDays'), 'working day')}`;
    case 'scope-drift.override': {
      const reason = str('reason') === '' ? 'with no reason given' : `because: ${str('reason')}`;
      return `Request ${str('request')} was decided as ${str('decision')} where the rule proposed ${str('proposed')}, ${reason}`;
    }
    case 'scope-drift.bonus-unannounced':
      return `The bonus for request ${str('request')} was not announced to you as a bonus`;
    case 'scope-drift.bonus-not-announced-as-bonus':
      return `The bonus for request ${str('request')} was announced, but not as a bonus`;
    case 'slow-response':
      return `Your question ${str('question')} waited ${durationEn(num('waitedHours'))}${soFar} for an answer against your ${plural(num('limitHours'), 'hour')}`;
    case 'no-expectations':
      return 'No expectations stated yet, so nothing can drift';
  }
}
