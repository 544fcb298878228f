/**
 * A drift report's findings as files a manager downloads (CSV for a spreadsheet, JSON for a
 * program), and the JSON bodies of the drift API.
 *
 * Contract:
 * - `findingsCsv(report)` is RFC 4180: a header row, then one row per finding in the report's
 *   order, fields separated by commas, records by CRLF; a field with a comma, a double quote,
 *   CR or LF is quoted, its quotes doubled. It starts with a UTF-8 byte order mark so a
 *   spreadsheet opened by double click reads “curly quotes” and Cyrillic right. A field that
 *   starts with `=`, `+`, `-`, `@`, a tab or CR gets a leading `'`, so a spreadsheet shows it
 *   as text instead of running it as a formula: the client's own words end up in these cells.
 *   A finding citing several expectations (or with several pieces of evidence) joins them
 *   with "; " in the same order in each cited column.
 * - `findingsJson(report)` is the findings with their English sentence; `driftJson(snapshot)`
 *   the report, warnings and history, as the API gives them.
 * - Both file names derive from the engagement id only (an id is `[a-z0-9-]`).
 */
import type { DriftSnapshot } from '../domain/drift-snapshot.js';
import { explainEn, type CitationValue, type DriftReport, type Finding } from '../domain/drift/index.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8; header=present';
const BOM = '\uFEFF';

export const FINDINGS_CSV_HEADER = [
  'id', 'kind', 'dimension', 'severity', 'open', 'started', 'closed', 'explanation',
  'cited field', 'cited value', 'cited version', 'stated at', 'evidence',
] as const;

/** What a spreadsheet would read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field: neutralised against formulas, then quoted if it has to be. */
export function csvField(value: string): string {
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const csvRecord = (fields: readonly string[]) => fields.map(csvField).join(',');

const citedValue = (value: CitationValue): string => (Array.isArray(value) ? value.join(', ') : String(value));

function findingRecord(finding: Finding): string[] {
  const cites = (pick: (c: Finding['cites'][number]) => string) => finding.cites.map(pick).join('; ');
  return [
    finding.id,
    finding.kind,
    finding.dimension,
    finding.severity,
    finding.open ? 'yes' : 'no',
    finding.startedAt,
    finding.closedAt ?? '',
    explainEn(finding),
    cites((c) => c.field),
    cites((c) => citedValue(c.value)),
    cites((c) => String(c.version)),
    cites((c) => c.statedAt),
    finding.evidence.map((e) => `${e.what}@${e.at}`).join('; '),
  ];
}

export function findingsCsv(report: DriftReport): string {
  const records = [csvRecord(FINDINGS_CSV_HEADER), ...report.findings.map((f) => csvRecord(findingRecord(f)))];
  return `${BOM}${records.join('\r\n')}\r\n`;
}

export function findingsJson(report: DriftReport) {
  return {
    engagementId: report.engagementId,
    at: report.at,
    score: report.score,
    dimensions: report.dimensions,
    findings: report.findings.map((finding) => ({ ...finding, sentence: explainEn(finding) })),
  };
}

export function driftJson(snapshot: DriftSnapshot) {
  return { report: snapshot.report, warnings: snapshot.warnings, history: snapshot.history };
}

/** `attachment; filename="<engagement id>-findings.<extension>"`. */
export const findingsAttachment = (engagementId: string, extension: 'csv' | 'json') =>
  `attachment; filename="${engagementId}-findings.${extension}"`;
