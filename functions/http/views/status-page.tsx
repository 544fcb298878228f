/**
 * The client's "where things stand" page, behind the link in every status update: each
 * milestone and its state in the client's words, when and how they will hear from us next,
 * and what they told us at kickoff, so they never have to ask, and can tell us what changed.
 *
 * Contract: read-only apart from the "anything else?" box (POST to `noteAction`). Instants
 * (deliveries, confirmations, the next update) are shown in the client's `timeZone`; due dates
 * are plain dates.
 */
import type { Locale } from '../../domain/engagement.js';
import type { Channel, Expectations } from '../../domain/expectations.js';
import type { MilestoneState } from '../../domain/milestones.js';
import { formatDate, formatDateTime, messages } from '../../i18n.js';
import { NoteForm } from './client-pages.js';
import { ExpectationsSummary } from './expectations-summary.js';
import { Layout, type LangSwitch } from './layout.js';

export interface StatusPageProps {
  locale: Locale;
  engagementTitle: string;
  managerName: string;
  milestones: Array<{ title: string; due: string; state: MilestoneState; deliveredAt?: string; confirmedAt?: string }>;
  nextUpdate: { by: string; channel: Channel } | undefined;
  expectations: Expectations | undefined;
  timeZone: string;
  langSwitch: LangSwitch;
  noteAction: string;
}

export function StatusPage(props: StatusPageProps) {
  const m = messages(props.locale);
  const s = m.statusPage;
  const day = (instant: string) => formatDate(instant, props.locale, props.timeZone);
  return (
    <Layout locale={props.locale} title={`${s.title}: ${props.engagementTitle}`} langSwitch={props.langSwitch}>
      <h1>{s.title}</h1>
      <dl class="items card">
        <dt>{s.details.engagement}</dt>
        <dd>{props.engagementTitle}</dd>
        <dt>{s.details.manager}</dt>
        <dd>{props.managerName}</dd>
      </dl>

      <h2 id="milestones">{s.milestones}</h2>
      <ol class="plain card" aria-labelledby="milestones">
        {props.milestones.map((milestone) => (
          <li>
            <strong>{milestone.title}</strong>
            <br />
            <span class={`badge ${milestone.state}`}>{m.milestoneStates[milestone.state]}</span>
            {' '}
            <span class="muted">{s.due(formatDate(milestone.due, props.locale))}</span>
            {milestone.state === 'awaiting-confirmation' ? (
              <>
                {milestone.deliveredAt ? <p class="detail">{s.deliveredOn(day(milestone.deliveredAt))}</p> : null}
                <p class="detail">{s.awaitingHelp}</p>
              </>
            ) : null}
            {milestone.state === 'confirmed' && milestone.confirmedAt
              ? <p class="detail">{s.confirmedOn(day(milestone.confirmedAt))}</p>
              : null}
            {milestone.state === 'reopened' ? <p class="detail">{s.reopenedHelp}</p> : null}
          </li>
        ))}
      </ol>

      <h2>{s.nextUpdate}</h2>
      <p class="card">
        {props.nextUpdate
          ? s.nextUpdateText(formatDateTime(props.nextUpdate.by, props.locale, props.timeZone), m.channelBy[props.nextUpdate.channel])
          : s.noNextUpdate}
      </p>

      <h2>{s.expectations}</h2>
      {props.expectations ? (
        <>
          <p>{s.expectationsIntro}</p>
          <ExpectationsSummary expectations={props.expectations} locale={props.locale} />
        </>
      ) : <p>{s.noExpectations}</p>}

      <NoteForm locale={props.locale} action={props.noteAction} />
    </Layout>
  );
}
