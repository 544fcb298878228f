/**
 * Two sections of the manager's engagement page: the scope register (the client's rule; each
 * request with what, effort, who asked and when, the rule's proposal and why, the decision by
 * the rule or the override and its reason, the cost to the client in money or time, when it was
 * announced and reminded, and the client's answer or "awaiting the client"; a "decide" form on
 * each undecided request and a "record a request" form), and the moved due dates (each with when
 * the client was told, against the notice they asked for, and their acknowledgement; a "move a
 * due date" form).
 *
 * Contract: no JavaScript. The forms post the fields `manager-routes.tsx` reads: a request posts
 * `summary`, `effortHours`, `askedBy`, `at` (datetime-local in the client's zone),
 * `ofDeclinedKind` and `requestKey`; a decision posts `scopeRequestId`, `decision`,
 * `overrideReason`, `price`, `milestoneId`, `shiftDays` or `newDue`; a move posts `milestoneId`,
 * `newDue`, `reason` and `requestKey`. A failed post comes back as `posted`, its `which` naming
 * the form (and `values.scopeRequestId` the request a decision was for), with errors beside the
 * fields. Whatever people typed is text, escaped by hono/jsx.
 */
import { SCOPE_DECISIONS, type ScopeDecision } from '../../domain/events.js';
import type { DeadlineShiftEntry, DeadlineShiftState } from '../../domain/deadline-shifts.js';
import type { Engagement, Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import type { ScopeRule } from '../../domain/expectations.js';
import type { MilestoneStatus } from '../../domain/milestones.js';
import { offeredShift, type RuleReason, type ScopeRequestEntry, type ScopeRequestState } from '../../domain/scope-register.js';
import { describeScopeCost, describeScopeRule, formatDate, formatDateTime, messages, type Messages } from '../../i18n.js';
import { ErrorSummary, NumberInput, Select, TextArea, TextInput, fieldId, formState } from './form-fields.js';

export type RegisterForm = 'scope-request' | 'scope-decision' | 'deadline-shift';

export interface PostedRegisterForm {
  values: Record<string, string>;
  errors: FieldIssue[];
  which: RegisterForm;
}

/** A request of the register with what the rule proposes for it, and by when the client should answer. */
export interface RegisterEntry extends ScopeRequestEntry {
  proposed: ScopeDecision;
  reason: RuleReason;
  /** The end of the client's window after the announcement. */
  answerBy?: string;
}

export interface RegisterProps {
  engagement: Engagement;
  /** The client's rule; absent before they answer the kickoff form (then nothing can be recorded). */
  rule?: ScopeRule;
  entries: RegisterEntry[];
  shifts: DeadlineShiftEntry[];
  milestones: MilestoneStatus[];
  /** The client's zone: instants are shown, and entered, in it. */
  timeZone: string;
  /** The notice the client asked for before a due date moves. */
  slipNoticeDays?: number;
  /** "Now" in the client's zone, as `YYYY-MM-DDTHH:MM`: what "when they asked" starts with. */
  localNow: string;
  actions: { request: string; decision: (scopeRequestId: string) => string; shift: string };
  /** A fresh key for each record form, so a double click records once. */
  requestKeys: { request: string; shift: string };
  posted?: PostedRegisterForm;
  locale: Locale;
}

const REQUEST_BADGE: Record<ScopeRequestState, string> = {
  undecided: 'open', decided: 'in-progress', announced: 'awaiting-confirmation', reminded: 'awaiting-confirmation', 'awaiting-client': 'overdue', answered: 'answered',
};
const SHIFT_BADGE: Record<DeadlineShiftState, string> = {
  'notice-pending': 'open', 'chosen-by-client': 'answered', announced: 'awaiting-confirmation', reminded: 'awaiting-confirmation', 'awaiting-client': 'overdue', answered: 'answered',
};

export function ScopeRegisterSection(props: RegisterProps) {
  const { locale, rule, posted } = props;
  const m = messages(locale);
  const r = m.register.manager;
  const recordPosted = posted?.which === 'scope-request' ? posted : undefined;
  const decisionPosted = posted?.which === 'scope-decision' ? posted : undefined;
  // A decision's errors go into its request's form; for a request no longer open (or unknown), above the list.
  const decisionPlaced = decisionPosted !== undefined
    && props.entries.some((e) => e.state === 'undecided' && e.scopeRequestId === decisionPosted.values.scopeRequestId);
  return (
    <>
      <h2 id="register">{r.title}</h2>
      <p>{r.intro}</p>
      {rule ? (
        <section class="card" aria-labelledby="register-rule">
          <h3 id="register-rule">{r.rule}</h3>
          <dl class="items">
            {describeScopeRule(rule, locale).map((item) => <><dt>{item.label}</dt><dd class="prewrap">{item.value}</dd></>)}
          </dl>
        </section>
      ) : <p class="notice">{r.noRule}</p>}
      {decisionPosted && !decisionPlaced
        ? <ErrorSummary issues={decisionPosted.errors} labels={{}} locale={locale} scope="decision" />
        : null}
      {props.entries.length === 0 ? <p>{r.none}</p> : (
        <ol class="plain card" aria-labelledby="register">
          {props.entries.map((entry) => (
            <RequestItem {...props} entry={entry} m={m} posted={decisionPlaced && decisionPosted?.values.scopeRequestId === entry.scopeRequestId ? decisionPosted : undefined} />
          ))}
        </ol>
      )}
      {rule && props.engagement.status !== 'closed'
        ? <RecordRequestForm {...props} rule={rule} m={m} posted={recordPosted} />
        // No form to put them beside (no rule yet, or closed): what was wrong with the post still shows.
        : recordPosted ? <ErrorSummary issues={recordPosted.errors} labels={{}} locale={locale} scope="scope-request" /> : null}
      {props.engagement.status === 'closed' ? <p class="notice">{r.closed}</p> : null}
    </>
  );
}

function RequestItem(props: RegisterProps & { entry: RegisterEntry; m: Messages; posted?: PostedRegisterForm }) {
  const { entry, m, locale, engagement } = props;
  const r = m.register.manager;
  const moment = (instant: string) => formatDateTime(instant, locale, props.timeZone);
  const label = (d: ScopeDecision) => m.register.decisions[d];
  const larger = props.rule ? m.largerRequests[props.rule.largerRequests].label : '';
  const { decision } = entry;
  const shift = decision ? offeredShift(decision) : undefined;
  const titleOf = (id: string) => engagement.milestones.find((ms) => ms.id === id)?.title ?? id;
  return (
    <li id={`request-${entry.scopeRequestId}`}>
      <h3>{entry.summary}</h3>
      <span class={`badge ${REQUEST_BADGE[entry.state]}`}>{r.states[entry.state]}</span>
      {' '}
      <span class="muted">{r.asked(entry.askedBy, moment(entry.askedAt))}</span>
      <p class="detail">{r.effort(entry.effortHours)}{entry.ofDeclinedKind ? ` ${r.declinedKind}` : ''}</p>
      <p class="detail">{r.proposed(label(entry.proposed))} ({r.because(entry.reason, props.rule?.bonusUpToHours ?? 0, larger)})</p>
      {decision ? (
        <>
          <p class="detail"><strong>{r.decided(label(decision.decision), moment(decision.decidedAt))}</strong></p>
          {decision.decision === decision.proposed ? <p class="detail">{r.byRule}</p> : (
            <>
              <p class="detail">{r.overridden(label(decision.proposed))}</p>
              <p class="prewrap detail">{decision.overrideReason ?? ''}</p>
            </>
          )}
          <p class="detail">{r.cost(describeScopeCost({
            decision: decision.decision,
            ...(decision.price !== undefined ? { price: decision.price } : {}),
            ...(shift ? { shift: { milestoneTitle: titleOf(shift.milestoneId), from: shift.previousDue, to: shift.newDue } } : {}),
            ...(entry.answer ? { answer: entry.answer.answer } : {}),
          }, locale))}</p>
          {entry.announcedAt ? <p class="detail">{r.announced(moment(entry.announcedAt), entry.asBonus === true)}</p> : null}
          {entry.progress.remindedAt ? <p class="detail">{r.reminded(moment(entry.progress.remindedAt))}</p> : null}
          {entry.answer
            ? <p class="detail">{r.answer(entry.answer.answer, moment(entry.answer.at))}</p>
            : entry.answerBy
              ? <p class="detail">{entry.state === 'awaiting-client' ? <strong>{r.awaiting(moment(entry.answerBy))}</strong> : r.answerBy(moment(entry.answerBy))}</p>
              : null}
        </>
      ) : engagement.status !== 'closed' ? <DecideForm {...props} /> : null}
    </li>
  );
}

function DecideForm(props: RegisterProps & { entry: RegisterEntry; m: Messages; posted?: PostedRegisterForm }) {
  const { entry, m, locale, posted } = props;
  const d = m.register.manager.decide;
  const scope = `decide-${entry.scopeRequestId}`;
  const values = posted?.values ?? { decision: entry.proposed };
  const form = formState(values, posted?.errors ?? [], locale, scope);
  const labels = {
    decision: d.decision, overrideReason: d.overrideReason, price: d.price, milestoneId: d.milestone, shiftDays: d.shiftDays, newDue: d.newDue,
  };
  const movable = props.milestones.filter((s) => s.deliveries === 0 || s.state === 'reopened');
  return (
    <details open={posted !== undefined}>
      <summary>{d.formLabel(entry.summary)}</summary>
      <form method="post" action={props.actions.decision(entry.scopeRequestId)} novalidate aria-label={d.formLabel(entry.summary)}>
        <ErrorSummary issues={posted?.errors ?? []} labels={labels} locale={locale} scope={scope} />
        <input type="hidden" name="scopeRequestId" value={entry.scopeRequestId} />
        <Select
          form={form}
          name="decision"
          label={d.decision}
          help={d.decisionHelp}
          options={SCOPE_DECISIONS.map((decision) => ({ value: decision, label: m.register.decisions[decision] }))}
        />
        <TextArea form={form} name="overrideReason" label={d.overrideReason} help={d.overrideReasonHelp} optional rows={3} />
        <TextInput form={form} name="price" label={d.price} help={d.priceHelp} optional autocomplete="off" />
        <Select
          form={form}
          name="milestoneId"
          label={d.milestone}
          help={d.milestoneHelp}
          optional
          placeholder={d.none}
          options={movable.map((s) => ({ value: s.milestone.id, label: `${s.milestone.title} (${formatDate(s.due, locale)})` }))}
        />
        <div class="row">
          <NumberInput form={form} name="shiftDays" label={d.shiftDays} help={d.shiftHelp} optional unit={m.units.daySuffix} min={1} max={730} step={1} />
          <TextInput form={form} type="date" name="newDue" label={d.newDue} optional />
        </div>
        <div class="actions">
          <button type="submit">{d.submit}</button>
        </div>
      </form>
    </details>
  );
}

function RecordRequestForm(props: RegisterProps & { rule: ScopeRule; m: Messages; posted?: PostedRegisterForm }) {
  const { m, locale, posted, rule } = props;
  const t = m.register.manager.record;
  const scope = 'scope-request';
  const values = posted?.values ?? { at: props.localNow, requestKey: props.requestKeys.request };
  const form = formState(values, posted?.errors ?? [], locale, scope);
  const labels = { summary: t.summary, effortHours: t.effort, askedBy: t.askedBy, at: t.at, ofDeclinedKind: rule.alwaysDeclined ? t.declinedKind(rule.alwaysDeclined) : '' };
  const declinedId = fieldId('ofDeclinedKind', scope);
  const declinedError = form.error('ofDeclinedKind');
  return (
    <>
      <h3 id="record-request">{t.title}</h3>
      <p>{t.intro}</p>
      <ErrorSummary issues={posted?.errors ?? []} labels={labels} locale={locale} scope={scope} />
      <form method="post" action={props.actions.request} novalidate aria-labelledby="record-request" class="card">
        <input type="hidden" name="requestKey" value={form.value('requestKey')} />
        <TextArea form={form} name="summary" label={t.summary} help={t.summaryHelp} rows={3} />
        <NumberInput form={form} name="effortHours" label={t.effort} help={t.effortHelp} unit={m.units.hourSuffix} min={0} max={1000} step="any" />
        <TextInput form={form} name="askedBy" label={t.askedBy} help={t.askedByHelp} autocomplete="off" />
        <TextInput form={form} type="datetime-local" name="at" label={t.at} help={t.atHelp(props.timeZone)} />
        {rule.alwaysDeclined ? (
          <div class={declinedError ? 'field has-error' : 'field'}>
            {declinedError ? <p class="error" id={`${declinedId}-error`}><span class="vh">{m.errors.hiddenPrefix} </span>{declinedError}</p> : null}
            <div class="choice">
              <input
                type="checkbox"
                id={declinedId}
                name="ofDeclinedKind"
                value="on"
                checked={form.value('ofDeclinedKind') === 'on'}
                aria-describedby={declinedError ? `${declinedId}-error` : undefined}
              />
              <label for={declinedId}>{t.declinedKind(rule.alwaysDeclined)}</label>
            </div>
          </div>
        ) : null}
        <div class="actions">
          <button type="submit">{t.submit}</button>
        </div>
      </form>
    </>
  );
}

export function DeadlineShiftsSection(props: RegisterProps) {
  const { locale, posted } = props;
  const m = messages(locale);
  const s = m.register.shifts;
  const moment = (instant: string) => formatDateTime(instant, locale, props.timeZone);
  const titleOf = (id: string) => props.engagement.milestones.find((ms) => ms.id === id)?.title ?? id;
  return (
    <>
      <h2 id="shifts">{s.title}</h2>
      <p>{s.intro(props.slipNoticeDays)}</p>
      {props.shifts.length === 0 ? <p>{s.none}</p> : (
        <ol class="plain card" aria-labelledby="shifts">
          {props.shifts.map((shift) => (
            <li>
              <h3>{s.move(titleOf(shift.milestoneId), formatDate(shift.previousDue, locale), formatDate(shift.newDue, locale))}</h3>
              <span class={`badge ${SHIFT_BADGE[shift.state]}`}>{s.states[shift.state]}</span>
              <p class="detail">{s.told(moment(shift.toldAt), shift.noticeDays)}</p>
              {shift.lateNotice && props.slipNoticeDays !== undefined ? <p class="detail"><strong>{s.late(props.slipNoticeDays)}</strong></p> : null}
              {shift.scopeRequestId ? <p class="detail">{s.chosenByClient}</p> : null}
              <p class="prewrap detail">{shift.reason}</p>
              {shift.progress.remindedAt ? <p class="detail">{m.register.manager.reminded(moment(shift.progress.remindedAt))}</p> : null}
              {shift.acknowledgedAt ? <p class="detail">{s.acknowledged(moment(shift.acknowledgedAt))}</p> : null}
            </li>
          ))}
        </ol>
      )}
      {props.rule && props.engagement.status !== 'closed'
        ? <MoveForm {...props} m={m} posted={posted?.which === 'deadline-shift' ? posted : undefined} />
        : posted?.which === 'deadline-shift' ? <ErrorSummary issues={posted.errors} labels={{}} locale={locale} scope="deadline-shift" /> : null}
    </>
  );
}

function MoveForm(props: RegisterProps & { m: Messages; posted?: PostedRegisterForm }) {
  const { m, locale, posted } = props;
  const t = m.register.shifts.form;
  const scope = 'deadline-shift';
  const form = formState(posted?.values ?? { requestKey: props.requestKeys.shift }, posted?.errors ?? [], locale, scope);
  const movable = props.milestones.filter((s) => s.deliveries === 0 || s.state === 'reopened');
  return (
    <>
      <h3 id="move-due-date">{t.title}</h3>
      <p>{t.intro}</p>
      <ErrorSummary issues={posted?.errors ?? []} labels={{ milestoneId: t.milestone, newDue: t.newDue, reason: t.reason }} locale={locale} scope={scope} />
      <form method="post" action={props.actions.shift} novalidate aria-labelledby="move-due-date" class="card">
        <input type="hidden" name="requestKey" value={form.value('requestKey')} />
        <Select
          form={form}
          name="milestoneId"
          label={t.milestone}
          placeholder={m.kickoff.choose}
          options={movable.map((s) => ({ value: s.milestone.id, label: `${s.milestone.title} (${formatDate(s.due, locale)})` }))}
        />
        <TextInput form={form} type="date" name="newDue" label={t.newDue} />
        <TextArea form={form} name="reason" label={t.reason} help={t.reasonHelp} rows={3} />
        <div class="actions">
          <button type="submit">{t.submit}</button>
        </div>
      </form>
    </>
  );
}
