/**
 * An engagement: one client project, its people, its milestone plan, and where its kickoff
 * stands. `newEngagementSchema` is what a manager submits; `planEngagement` turns it into a
 * stored engagement, checking rules that need "now".
 */
import * as z from 'zod';
import { InvalidInput } from './errors.js';
import { email, isoDate, isoInstant, line } from './text.js';

export const LOCALES = ['en', 'ru'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const engagementIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{7,63}$/, 'must be an engagement id');

export const ENGAGEMENT_STATUSES = [
  'awaiting-kickoff',
  'kickoff-answered',
  'expectations-agreed',
  'kickoff-unanswered',
  'stalled',
  'closed',
] as const;
export const engagementStatusSchema = z.enum(ENGAGEMENT_STATUSES);
export type EngagementStatus = z.infer<typeof engagementStatusSchema>;

export const contactSchema = z.object({
  name: line(200),
  email,
  organisation: line(200).optional(),
});

export const managerSchema = z.object({
  id: z.string().min(1).max(128),
  email,
  name: line(200),
});
export type Manager = z.infer<typeof managerSchema>;

export const milestoneSchema = z.object({
  id: z.string().regex(/^m[0-9]{1,3}$/),
  title: line(200),
  due: isoDate,
});
export type Milestone = z.infer<typeof milestoneSchema>;

/** How persistent the kickoff is: reminders, then escalation, then the form closes. */
export const kickoffScheduleSchema = z.object({
  reminderEverySeconds: z.number().int().min(60).max(30 * 86400),
  maxReminders: z.number().int().min(0).max(10),
  maxEscalations: z.number().int().min(1).max(10),
  correctionWindowSeconds: z.number().int().min(3600).max(60 * 86400),
});
export type KickoffSchedule = z.infer<typeof kickoffScheduleSchema>;

export const engagementSchema = z.object({
  id: engagementIdSchema,
  title: line(200),
  client: contactSchema,
  manager: managerSchema,
  locale: localeSchema,
  milestones: z.array(milestoneSchema).min(1).max(50),
  kickoff: kickoffScheduleSchema,
  status: engagementStatusSchema,
  expectationsVersion: z.number().int().min(0),
  createdAt: isoInstant,
});
export type Engagement = z.infer<typeof engagementSchema>;

export const newEngagementSchema = z.object({
  title: line(200),
  client: contactSchema,
  locale: localeSchema.default('en'),
  milestones: z.array(z.object({ title: line(200), due: isoDate }))
    .min(1, 'add at least one milestone').max(50, 'at most 50 milestones'),
});
export type NewEngagement = z.infer<typeof newEngagementSchema>;

/** Invites, reminders and escalations make sense only until the client's first answer. */
export function awaitsFirstKickoffAnswer(engagement: Engagement): boolean {
  return engagement.expectationsVersion === 0;
}

/** Checks the rules that depend on today, and builds the engagement to store. */
export function planEngagement(args: {
  input: NewEngagement;
  manager: Manager;
  id: string;
  now: Date;
  kickoff: KickoffSchedule;
}): Engagement {
  const today = args.now.toISOString().slice(0, 10);
  const issues = args.input.milestones.flatMap((m, i) =>
    m.due < today ? [{ field: `milestones.${i}.due`, message: 'must not be in the past' }] : []);
  if (issues.length > 0) throw new InvalidInput(issues);
  const milestones = [...args.input.milestones]
    .sort((a, b) => a.due.localeCompare(b.due))
    .map((m, i) => ({ id: `m${i + 1}`, title: m.title, due: m.due }));
  return {
    id: args.id,
    title: args.input.title,
    client: args.input.client,
    manager: args.manager,
    locale: args.input.locale,
    milestones,
    kickoff: args.kickoff,
    status: 'awaiting-kickoff',
    expectationsVersion: 0,
    createdAt: args.now.toISOString(),
  };
}
