/**
 * The kickoff form as the client sees it: flat field names (what an HTML form posts) mapped to
 * and from the expectations. Parsing never throws on bad input from a person; it reports every
 * problem by field name so the form can be shown again with the messages beside the fields.
 */
import * as z from 'zod';
import { InvalidInput, type FieldIssue } from './errors.js';
import { expectationsSchema, type Expectations } from './expectations.js';
import { localeSchema } from './engagement.js';
import { email, isoInstant, optionalText } from './text.js';

/** A stored answer. A correction is a new version; no version is ever overwritten. */
export const kickoffAnswerSchema = z.object({
  engagementId: z.string(),
  version: z.number().int().min(1),
  round: z.number().int().min(0),
  contactEmail: email,
  expectations: expectationsSchema,
  submittedAt: isoInstant,
  /** The language the client answered in: what we write back to them in. */
  locale: localeSchema.optional(),
});
export type KickoffAnswer = z.infer<typeof kickoffAnswerSchema>;

export type FormInput = Record<string, string | string[] | undefined>;
export type FormValues = Record<string, string | string[]>;

const NUMBER_FIELDS = [
  'pace.updateCadenceDays', 'pace.maxSilenceDays', 'pace.responseTimeHours', 'pace.slipNoticeDays',
  'pace.dueDateToleranceDays', 'outcome.confirmationWindowDays', 'scope.bonusUpToHours',
] as const;

export const NOTE_FIELD = 'note';
export const noteSchema = optionalText(5000);

/** The first value of a form field that may have been posted several times. */
export const firstValue = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const many = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function numberOf(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  // Number('') is 0 and Number('1e3') is 1000; a person types digits, maybe a decimal point.
  return /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
}

function yesNo(raw: string | undefined): boolean | undefined {
  return raw === 'yes' ? true : raw === 'no' ? false : undefined;
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key], root);
}

/** zod's messages, with "required" and "must be a number" said plainly. */
const issuesOf = (error: z.ZodError, candidate: unknown): FieldIssue[] =>
  error.issues.map((i) => {
    const input = valueAt(candidate, i.path);
    const message = i.code !== 'invalid_type' ? i.message
      : input === undefined ? 'required'
        : typeof input === 'number' && Number.isNaN(input) ? 'must be a number' : i.message;
    return { field: i.path.join('.'), message };
  });

/** Turns a posted kickoff form into expectations plus the free-text note. */
export function parseKickoffForm(form: FormInput): { expectations: Expectations; note?: string } {
  const get = (name: string) => firstValue(form[name]);
  const numbers = Object.fromEntries(NUMBER_FIELDS.map((f) => [f, numberOf(get(f))]));
  const candidate = {
    process: {
      involvement: get('process.involvement'),
      milestoneApprovalRequired: yesNo(get('process.milestoneApprovalRequired')),
      workingHours: {
        start: get('process.workingHours.start'),
        end: get('process.workingHours.end'),
        days: many(form['process.workingHours.days']),
        timeZone: get('process.workingHours.timeZone'),
      },
      decisionMaker: get('process.decisionMaker'),
    },
    pace: {
      updateCadenceDays: numbers['pace.updateCadenceDays'],
      maxSilenceDays: numbers['pace.maxSilenceDays'],
      responseTimeHours: numbers['pace.responseTimeHours'],
      slipNoticeDays: numbers['pace.slipNoticeDays'],
      dueDateToleranceDays: numbers['pace.dueDateToleranceDays'],
    },
    channels: {
      regular: get('channels.regular'),
      informational: get('channels.informational'),
      emergency: get('channels.emergency'),
    },
    outcome: {
      businessResult: get('outcome.businessResult'),
      successSignal: get('outcome.successSignal'),
      confirmationWindowDays: numbers['outcome.confirmationWindowDays'],
    },
    scope: {
      bonusUpToHours: numbers['scope.bonusUpToHours'],
      largerRequests: get('scope.largerRequests'),
      alwaysDeclined: get('scope.alwaysDeclined') ?? '',
    },
  };
  const parsed = expectationsSchema.safeParse(candidate);
  const note = noteSchema.safeParse(get(NOTE_FIELD) ?? '');
  const issues = [
    ...(parsed.success ? [] : issuesOf(parsed.error, candidate)),
    ...(note.success ? [] : issuesOf(note.error, undefined).map((i) => ({ ...i, field: NOTE_FIELD }))),
  ];
  if (!parsed.success || !note.success || issues.length > 0) throw new InvalidInput(issues);
  return { expectations: parsed.data, ...(note.data ? { note: note.data } : {}) };
}

/** The form's values for a known set of expectations: what prefilling shows. */
export function kickoffFormValues(e: Expectations): FormValues {
  return {
    'process.involvement': e.process.involvement,
    'process.milestoneApprovalRequired': e.process.milestoneApprovalRequired ? 'yes' : 'no',
    'process.workingHours.start': e.process.workingHours.start,
    'process.workingHours.end': e.process.workingHours.end,
    'process.workingHours.days': [...e.process.workingHours.days],
    'process.workingHours.timeZone': e.process.workingHours.timeZone,
    'process.decisionMaker': e.process.decisionMaker,
    'pace.updateCadenceDays': String(e.pace.updateCadenceDays),
    'pace.maxSilenceDays': String(e.pace.maxSilenceDays),
    'pace.responseTimeHours': String(e.pace.responseTimeHours),
    'pace.slipNoticeDays': String(e.pace.slipNoticeDays),
    'pace.dueDateToleranceDays': String(e.pace.dueDateToleranceDays),
    'channels.regular': e.channels.regular,
    'channels.informational': e.channels.informational,
    'channels.emergency': e.channels.emergency,
    'outcome.businessResult': e.outcome.businessResult,
    'outcome.successSignal': e.outcome.successSignal,
    'outcome.confirmationWindowDays': String(e.outcome.confirmationWindowDays),
    'scope.bonusUpToHours': String(e.scope.bonusUpToHours),
    'scope.largerRequests': e.scope.largerRequests,
    'scope.alwaysDeclined': e.scope.alwaysDeclined ?? '',
  };
}

/**
 * Never ask twice: the answer to prefill with is this engagement's latest one, else the same
 * contact's latest answer from an earlier engagement, else nothing.
 */
export function prefillSource(
  own: KickoffAnswer | undefined,
  sameContactEarlier: KickoffAnswer | undefined,
): { answer: KickoffAnswer; from: 'this-engagement' | 'earlier-engagement' } | undefined {
  if (own) return { answer: own, from: 'this-engagement' };
  if (sameContactEarlier) return { answer: sameContactEarlier, from: 'earlier-engagement' };
  return undefined;
}
