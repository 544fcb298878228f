/**
 * The kickoff form: the client states their expectations, one fieldset per dimension, and may
 * add a free note. It posts the flat field names `parseKickoffForm` reads, so a failed post can
 * be shown again with the same values and each error beside its field.
 *
 * Contract: the route renders it with `values` (the stored answer for prefilling, or what was
 * just posted) and `errors` (the `InvalidInput` issues, empty on first view). Number inputs
 * take their bounds from the zod schemas, so the browser's spinner and the server agree.
 */
import type { Child } from 'hono/jsx';
import type { Locale } from '../../domain/engagement.js';
import type { FieldIssue } from '../../domain/errors.js';
import {
  CHANNELS,
  INVOLVEMENT_LEVELS,
  LARGER_REQUEST_HANDLING,
  WEEKDAYS,
  outcomeSchema,
  paceSchema,
  scopeRuleSchema,
} from '../../domain/expectations.js';
import { NOTE_FIELD, type FormValues } from '../../domain/kickoff.js';
import { messages, type Dimension, type Messages } from '../../i18n.js';
import {
  ChoiceGroup,
  ErrorSummary,
  NumberInput,
  Select,
  TextArea,
  TextInput,
  formState,
  type FormState,
} from './form-fields.js';
import { Layout, type LangSwitch } from './layout.js';

/** Zones most clients pick; any other IANA zone can still be typed. */
export const COMMON_TIME_ZONES = [
  'UTC',
  'Europe/London', 'Europe/Lisbon', 'Europe/Dublin', 'Europe/Paris', 'Europe/Berlin', 'Europe/Amsterdam',
  'Europe/Madrid', 'Europe/Rome', 'Europe/Vienna', 'Europe/Zurich', 'Europe/Stockholm', 'Europe/Warsaw',
  'Europe/Prague', 'Europe/Helsinki', 'Europe/Riga', 'Europe/Vilnius', 'Europe/Tallinn', 'Europe/Kyiv',
  'Europe/Athens', 'Europe/Istanbul', 'Europe/Minsk', 'Europe/Moscow', 'Europe/Samara',
  'Asia/Tbilisi', 'Asia/Yerevan', 'Asia/Baku', 'Asia/Dubai', 'Asia/Yekaterinburg', 'Asia/Tashkent',
  'Asia/Almaty', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk', 'Asia/Vladivostok',
  'Asia/Kolkata', 'Asia/Singapore', 'Asia/Shanghai', 'Asia/Tokyo', 'Australia/Sydney',
  'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles', 'America/Toronto',
  'America/Sao_Paulo',
] as const;

type Bounded = { minValue: number | null; maxValue: number | null; isInt: boolean };

/** The input attributes a zod number schema implies. */
function bounds(schema: Bounded): { min: number; max: number; step: number | 'any' } {
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, step: schema.isInt ? 1 : 'any' };
}

export interface KickoffFormProps {
  locale: Locale;
  engagementTitle: string;
  clientName: string;
  managerName: string;
  values: FormValues;
  errors: FieldIssue[];
  prefilledFrom?: 'this-engagement' | 'earlier-engagement';
  isCorrection: boolean;
  action: string;
  langSwitch?: LangSwitch;
}

export function KickoffFormPage(props: KickoffFormProps) {
  const m = messages(props.locale);
  const form = formState(props.values, props.errors, props.locale);
  const heading = props.isCorrection ? m.kickoff.correctionTitle : m.kickoff.title;
  const labels: Record<string, string> = Object.fromEntries(Object.entries(m.fields).map(([name, f]) => [name, f.label]));
  const title = `${props.errors.length > 0 ? m.errors.titlePrefix : ''}${heading}: ${props.engagementTitle}`;
  return (
    <Layout locale={props.locale} title={title} langSwitch={props.langSwitch}>
      <h1>{heading}</h1>
      {props.isCorrection ? (
        <>
          <p class="lead">{m.kickoff.correctionIntro(props.clientName, props.engagementTitle)}</p>
          <p class="notice">{m.kickoff.correctionNotice}</p>
        </>
      ) : (
        <>
          <p class="lead">{m.kickoff.intro(props.clientName, props.managerName, props.engagementTitle)}</p>
          <p>{m.kickoff.why}</p>
        </>
      )}
      {props.prefilledFrom ? <p class="notice">{m.kickoff.prefilled[props.prefilledFrom]}</p> : null}
      <ErrorSummary issues={props.errors} labels={labels} locale={props.locale} />
      <form method="post" action={props.action} novalidate>
        <ProcessSection form={form} m={m} />
        <PaceSection form={form} m={m} />
        <ChannelsSection form={form} m={m} />
        <OutcomeSection form={form} m={m} />
        <ScopeSection form={form} m={m} />
        <div class="card">
          <TextArea form={form} name={NOTE_FIELD} label={m.fields.note.label} help={m.fields.note.help} optional />
        </div>
        <div class="actions">
          <button type="submit">{props.isCorrection ? m.kickoff.submitCorrection : m.kickoff.submit}</button>
        </div>
      </form>
    </Layout>
  );
}

interface SectionProps {
  form: FormState;
  m: Messages;
}

function Section(props: { m: Messages; dimension: Dimension; children?: Child }) {
  const d = props.m.dimensions[props.dimension];
  return (
    <fieldset class="section" id={`dimension-${props.dimension}`}>
      <legend class="section-title">{d.title}</legend>
      <p class="muted">{d.intro}</p>
      {props.children}
    </fieldset>
  );
}

function ProcessSection({ form, m }: SectionProps) {
  const f = m.fields;
  return (
    <Section m={m} dimension="process">
      <ChoiceGroup
        form={form}
        type="radio"
        name="process.involvement"
        label={f['process.involvement'].label}
        options={INVOLVEMENT_LEVELS.map((level) => ({ value: level, ...m.involvement[level] }))}
      />
      <ChoiceGroup
        form={form}
        type="radio"
        name="process.milestoneApprovalRequired"
        label={f['process.milestoneApprovalRequired'].label}
        options={[{ value: 'yes', label: m.approval.yes }, { value: 'no', label: m.approval.no }]}
      />
      <h3>{m.workingHours.heading}</h3>
      <p class="help">{m.workingHours.help}</p>
      <div class="row">
        <TextInput form={form} type="time" name="process.workingHours.start" label={f['process.workingHours.start'].label} />
        <TextInput form={form} type="time" name="process.workingHours.end" label={f['process.workingHours.end'].label} />
      </div>
      <ChoiceGroup
        form={form}
        type="checkbox"
        inline
        name="process.workingHours.days"
        label={f['process.workingHours.days'].label}
        options={WEEKDAYS.map((day) => ({ value: day, label: m.weekdays[day].long }))}
      />
      <TextInput
        form={form}
        name="process.workingHours.timeZone"
        label={f['process.workingHours.timeZone'].label}
        help={f['process.workingHours.timeZone'].help}
        autocomplete="off"
        list="time-zones"
      >
        <datalist id="time-zones">
          {COMMON_TIME_ZONES.map((zone) => <option value={zone} />)}
        </datalist>
      </TextInput>
      <TextInput
        form={form}
        name="process.decisionMaker"
        label={f['process.decisionMaker'].label}
        help={f['process.decisionMaker'].help}
      />
    </Section>
  );
}

function PaceSection({ form, m }: SectionProps) {
  const f = m.fields;
  const s = paceSchema.shape;
  const days = m.units.daySuffix;
  return (
    <Section m={m} dimension="pace">
      <NumberInput form={form} name="pace.updateCadenceDays" {...f['pace.updateCadenceDays']} unit={days} {...bounds(s.updateCadenceDays)} />
      <NumberInput form={form} name="pace.maxSilenceDays" {...f['pace.maxSilenceDays']} unit={days} {...bounds(s.maxSilenceDays)} />
      <NumberInput
        form={form}
        name="pace.responseTimeHours"
        {...f['pace.responseTimeHours']}
        unit={m.units.hourSuffix}
        {...bounds(s.responseTimeHours)}
      />
      <NumberInput form={form} name="pace.slipNoticeDays" {...f['pace.slipNoticeDays']} unit={days} {...bounds(s.slipNoticeDays)} />
      <NumberInput
        form={form}
        name="pace.dueDateToleranceDays"
        {...f['pace.dueDateToleranceDays']}
        unit={days}
        {...bounds(s.dueDateToleranceDays)}
      />
    </Section>
  );
}

function ChannelsSection({ form, m }: SectionProps) {
  const options = CHANNELS.map((channel) => ({ value: channel, label: m.channels[channel] }));
  return (
    <Section m={m} dimension="channels">
      {(['channels.regular', 'channels.informational', 'channels.emergency'] as const).map((name) => (
        <Select form={form} name={name} {...m.fields[name]} options={options} placeholder={m.kickoff.choose} />
      ))}
    </Section>
  );
}

function OutcomeSection({ form, m }: SectionProps) {
  const f = m.fields;
  return (
    <Section m={m} dimension="outcome">
      <TextArea form={form} name="outcome.businessResult" {...f['outcome.businessResult']} />
      <TextArea form={form} name="outcome.successSignal" {...f['outcome.successSignal']} />
      <NumberInput
        form={form}
        name="outcome.confirmationWindowDays"
        {...f['outcome.confirmationWindowDays']}
        unit={m.units.daySuffix}
        {...bounds(outcomeSchema.shape.confirmationWindowDays)}
      />
    </Section>
  );
}

function ScopeSection({ form, m }: SectionProps) {
  const f = m.fields;
  return (
    <Section m={m} dimension="scope">
      <NumberInput
        form={form}
        name="scope.bonusUpToHours"
        {...f['scope.bonusUpToHours']}
        unit={m.units.hourSuffix}
        {...bounds(scopeRuleSchema.shape.bonusUpToHours)}
      />
      <ChoiceGroup
        form={form}
        type="radio"
        name="scope.largerRequests"
        label={f['scope.largerRequests'].label}
        options={LARGER_REQUEST_HANDLING.map((rule) => ({ value: rule, ...m.largerRequests[rule] }))}
      />
      <TextArea form={form} name="scope.alwaysDeclined" {...f['scope.alwaysDeclined']} optional rows={3} />
    </Section>
  );
}
