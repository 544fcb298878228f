/**
 * The page behind the close-out email's survey link: the one retrospective of an engagement.
 * It asks only what the kickoff never asked (how well we kept to what the client expected,
 * whether they would recommend us, what to keep and what to change) and says so at the top,
 * with the two minutes it takes.
 *
 * Contract: GET shows it and changes nothing; the form POSTs `rating` (1–5), `recommend`
 * (`yes` | `maybe` | `no`), `keep` and `change` (both optional) and `note` to `action`. A
 * failed post comes back with `values` and `errors`, each error shown beside its field and in
 * the summary.
 */
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import { NOTE_FIELD } from '../../domain/kickoff.js';
import { messages, type Recommendation, type SurveyRating } from '../../i18n.js';
import { ChoiceGroup, ErrorSummary, TextArea, formState } from './form-fields.js';
import { Layout, type LangSwitch } from './layout.js';

export const SURVEY_RATINGS = [1, 2, 3, 4, 5] as const satisfies readonly SurveyRating[];
export const SURVEY_RECOMMENDATIONS = ['yes', 'maybe', 'no'] as const satisfies readonly Recommendation[];

export interface SurveyPageProps {
  locale: Locale;
  engagementTitle: string;
  managerName: string;
  action: string;
  langSwitch: LangSwitch;
  values?: Record<string, string>;
  errors?: FieldIssue[];
}

export function SurveyPage(props: SurveyPageProps) {
  const m = messages(props.locale);
  const s = m.survey;
  const errors = props.errors ?? [];
  const form = formState(props.values ?? {}, errors, props.locale);
  const labels = {
    rating: s.rating.label, recommend: s.recommend.label, keep: s.keep, change: s.change, [NOTE_FIELD]: m.fields.note.label,
  };
  const title = `${errors.length > 0 ? m.errors.titlePrefix : ''}${s.title}: ${props.engagementTitle}`;
  return (
    <Layout locale={props.locale} title={title} langSwitch={props.langSwitch}>
      <h1>{s.title}</h1>
      <p class="lead">{s.intro(props.managerName, props.engagementTitle)}</p>
      <p class="notice">{s.short}</p>
      <ErrorSummary issues={errors} labels={labels} locale={props.locale} />
      <form method="post" action={props.action} novalidate>
        <div class="card">
          <ChoiceGroup
            form={form}
            type="radio"
            name="rating"
            label={s.rating.label}
            help={s.rating.help}
            options={SURVEY_RATINGS.map((rating) => ({ value: String(rating), label: s.rating.options[rating] }))}
          />
          <ChoiceGroup
            form={form}
            type="radio"
            name="recommend"
            label={s.recommend.label}
            inline
            options={SURVEY_RECOMMENDATIONS.map((answer) => ({ value: answer, label: s.recommend.options[answer] }))}
          />
          <TextArea form={form} name="keep" label={s.keep} optional />
          <TextArea form={form} name="change" label={s.change} optional />
        </div>
        <div class="card">
          <TextArea form={form} name={NOTE_FIELD} label={m.fields.note.label} help={m.fields.note.help} optional />
        </div>
        <div class="actions">
          <button type="submit">{s.submit}</button>
        </div>
      </form>
    </Layout>
  );
}
