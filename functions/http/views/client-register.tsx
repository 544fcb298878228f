/**
 * The client's own register, read-only, on their "where things stand" page: each request they
 * made beyond the contract (what they asked, when, what we decided, what it costs them in money
 * or time, and their answer, or a link to give it), and each moved due date (from, to, why,
 * when we told them, and their acknowledgement, or a link to give it).
 *
 * Contract: shows nothing when there is nothing to show. Decisions not yet announced read as
 * "our decision follows": the client sees a decision only once it was told to them. The
 * route passes the texts already in the page's language (`decision`, `cost`) and signed links.
 */
import type { Locale } from '../../domain/engagement.js';
import type { ScopeAnswer } from '../../domain/events.js';
import { formatDate, formatDateTime, messages } from '../../i18n.js';

export interface ClientRegister {
  requests: Array<{
    summary: string;
    askedAt: string;
    /** Absent until the decision was announced to the client. */
    decided?: { decision: string; cost: string; answer?: { answer: ScopeAnswer; at: string }; answerLink?: string };
  }>;
  shifts: Array<{
    milestoneTitle: string;
    /** Plain dates. */
    previousDue: string;
    newDue: string;
    reason: string;
    toldAt: string;
    chosenByClient: boolean;
    acknowledgedAt?: string;
    acknowledgeLink?: string;
  }>;
}

export function ClientRegisterSection({ register, locale, timeZone }: { register: ClientRegister; locale: Locale; timeZone: string }) {
  const m = messages(locale);
  const s = m.register.status;
  const moment = (instant: string) => formatDateTime(instant, locale, timeZone);
  return (
    <>
      {register.requests.length > 0 ? (
        <>
          <h2 id="requests">{s.title}</h2>
          <p>{s.intro}</p>
          <ul class="plain card" aria-labelledby="requests">
            {register.requests.map((request) => (
              <li>
                <p class="prewrap"><strong>{request.summary}</strong></p>
                <span class="muted">{s.asked(moment(request.askedAt))}</span>
                {request.decided ? (
                  <>
                    <p class="detail">{s.decision(request.decided.decision)}</p>
                    <p class="detail">{s.cost(request.decided.cost)}</p>
                    {request.decided.answer
                      ? <p class="detail">{s.yourAnswer(m.register.answered[request.decided.answer.answer], moment(request.decided.answer.at))}</p>
                      : (
                        <p class="detail">
                          {s.waiting}
                          {request.decided.answerLink ? <> <a href={request.decided.answerLink}>{s.answerNow}</a></> : null}
                        </p>
                      )}
                  </>
                ) : <p class="detail">{s.pending}</p>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {register.shifts.length > 0 ? (
        <>
          <h2 id="moved-dates">{s.shifts}</h2>
          <ul class="plain card" aria-labelledby="moved-dates">
            {register.shifts.map((shift) => (
              <li>
                <strong>{s.shift(shift.milestoneTitle, formatDate(shift.previousDue, locale), formatDate(shift.newDue, locale))}</strong>
                <p class="prewrap detail">{shift.reason}</p>
                <p class="detail">{s.toldOn(moment(shift.toldAt))}</p>
                {shift.chosenByClient ? <p class="detail">{s.chosenByYou}</p>
                  : shift.acknowledgedAt ? <p class="detail">{s.acknowledgedOn(moment(shift.acknowledgedAt))}</p>
                    : shift.acknowledgeLink ? <p class="detail"><a href={shift.acknowledgeLink}>{s.acknowledgeNow}</a></p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
