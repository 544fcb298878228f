/**
 * Every deadline a client's terms set, in one place, so the rules that find a broken promise
 * and the warnings that come before it always agree on when it breaks.
 *
 * Contract: each function takes one version of the terms and returns an instant in ms. A
 * deadline is met by anything that happens at or before it; drift starts only after it.
 *
 * - A due date is a date in the client's time zone: a milestone due on D is on time until the
 *   end of D there (the instant D+1 begins, so DST is respected), plus the client's tolerance
 *   in whole local days.
 * - Notice of a slip is due the notice period before that: by the end of D − slipNoticeDays.
 * - Cadence, silence, confirmation windows and response times are durations (24 h days,
 *   60 min hours) from the moment that starts them.
 * - A scope request (and the announcement of a bonus) is due by the end of the second working
 *   day, in the client's week and time zone, after the day it was recorded.
 */
import type { Terms } from './terms.js';
import { DAY_MS, HOUR_MS, dayNumber, endOfLocalDay, endOfWorkingDaysAfter } from '../zoned-time.js';

/** Working days the engagement has to decide (or announce a bonus) after a request. */
export const SCOPE_GRACE_WORKING_DAYS = 2;

const zoneOf = (terms: Terms) => terms.expectations.process.workingHours.timeZone;

export const deliveryDeadline = (terms: Terms, due: string): number =>
  endOfLocalDay(zoneOf(terms), dayNumber(due) + terms.expectations.pace.dueDateToleranceDays);

export const dueDayEnd = (terms: Terms, due: string): number => endOfLocalDay(zoneOf(terms), dayNumber(due));

export const slipNoticeDeadline = (terms: Terms, due: string): number =>
  endOfLocalDay(zoneOf(terms), dayNumber(due) - terms.expectations.pace.slipNoticeDays);

export const updateDeadline = (terms: Terms, since: number): number => since + terms.expectations.pace.updateCadenceDays * DAY_MS;

export const silenceLimit = (terms: Terms, since: number): number => since + terms.expectations.pace.maxSilenceDays * DAY_MS;

export const confirmationDeadline = (terms: Terms, deliveredAt: number): number =>
  deliveredAt + terms.expectations.outcome.confirmationWindowDays * DAY_MS;

export const responseDeadline = (terms: Terms, askedAt: number): number => askedAt + terms.expectations.pace.responseTimeHours * HOUR_MS;

export const scopeDeadline = (terms: Terms, from: number): number =>
  endOfWorkingDaysAfter(zoneOf(terms), terms.expectations.process.workingHours.days, from, SCOPE_GRACE_WORKING_DAYS);
