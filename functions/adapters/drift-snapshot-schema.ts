/**
 * The stored drift snapshot, validated when it is read back: a snapshot that does not match
 * is a `CorruptItem`, never a half-typed object on a page.
 *
 * Contract: accepts what `driftSnapshot` (domain/drift-snapshot.ts) produces. Cited field
 * names are checked as bounded strings, not against the engine's list of fields.
 */
import * as z from 'zod';
import { ENGAGEMENT_STATUSES } from '../domain/engagement.js';
import { DIMENSIONS, EXPLANATION_KEYS, FINDING_KINDS, SEVERITIES, WARNING_KINDS } from '../domain/drift/index.js';

const instant = z.string().max(40);
const dimension = z.enum(DIMENSIONS);
const scores = z.object({ process: z.number(), pace: z.number(), channels: z.number(), outcome: z.number(), scope: z.number() });
const counts = scores;

const citation = z.object({
  field: z.string().max(100),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]),
  version: z.number().int(),
  statedAt: instant,
});

const deduction = z.object({ findingId: z.string().max(300), dimension, points: z.number() });

const finding = z.object({
  id: z.string().max(300),
  kind: z.enum(FINDING_KINDS),
  dimension,
  severity: z.enum(SEVERITIES),
  cites: z.array(citation),
  evidence: z.array(z.object({ eventId: z.string().max(100).optional(), at: instant, what: z.string().max(100) })),
  startedAt: instant,
  open: z.boolean(),
  closedAt: instant.optional(),
  explanation: z.object({ key: z.enum(EXPLANATION_KEYS), params: z.record(z.string(), z.union([z.string(), z.number()])) }),
});

const report = z.object({
  engagementId: z.string(),
  at: instant,
  expectationsVersion: z.number().int().optional(),
  score: z.number(),
  dimensions: scores,
  deductions: z.array(deduction),
  findings: z.array(finding),
  note: finding.shape.explanation.optional(),
});

const historyPoint = z.object({ at: instant, score: z.number(), dimensions: scores, moves: z.array(deduction) });

const warning = z.object({ kind: z.enum(WARNING_KINDS), subject: z.string().max(300), deadline: instant, cites: z.array(citation) });

export const driftSummarySchema = z.object({
  engagementId: z.string(),
  title: z.string(),
  clientName: z.string(),
  managerId: z.string(),
  managerName: z.string(),
  managerEmail: z.string(),
  status: z.enum(ENGAGEMENT_STATUSES),
  at: instant,
  score: z.number(),
  dimensions: scores,
  openFindings: counts,
  findings: counts,
  nextDeadline: instant.optional(),
});

/** The snapshot's body: everything but the summary, stored compressed. */
export const driftBodySchema = z.object({
  report,
  history: z.array(historyPoint),
  warnings: z.array(warning),
  subjects: z.record(z.string().max(300), z.string().max(300)),
});
