/**
 * Proves the findings export is a CSV a spreadsheet reads safely: RFC 4180 quoting, a header,
 * one record per finding with its English sentence, the client's words it cites and its
 * evidence, and no cell a spreadsheet would run as a formula; and that the JSON bodies carry
 * what the API promises.
 */
import { describe, expect, it } from 'vitest';
import { driftSnapshot } from '../../functions/domain/drift-snapshot.js';
import { explainEn } from '../../functions/domain/drift/index.js';
import {
  csvField, driftJson, findingsAttachment, findingsCsv, findingsJson, FINDINGS_CSV_HEADER,
} from '../../functions/http/drift-exports.js';
import { answer, engagement, Log } from './drift/builders.js';

/** A strict RFC 4180 reader: enough to prove what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { record.push(field); field = ''; } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field); records.push(record); record = []; field = ''; i += 1;
    } else field += ch;
  }
  return records;
}

/** An engagement whose client wrote a formula and a comma into their expected outcome, and rejected a delivery. */
function snapshot() {
  const log = new Log();
  log.touchpoint('2026-03-02T10:00:00Z', 'informational', 'phone');
  log.delivered('2026-03-03T10:00:00Z', 'm1');
  log.rejected('2026-03-05T10:00:00Z', 'm1');
  const answers = [answer(1, '2026-02-25T09:00:00Z', { outcome: { businessResult: '=HYPERLINK("http://evil.example","orders, "more" cakes")' } })];
  return driftSnapshot(engagement([{ title: 'Menu, "v2"', due: '2026-03-10' }]), answers, log.events, new Date('2026-03-25T12:00:00Z'));
}

describe('csvField', () => {
  it.each([
    ['plain text', 'plain text'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['', ''],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['=A1,"x"', `"'=A1,""x"""`],
    ['a=1', 'a=1'],
  ])('%j → %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });
});

describe('findingsCsv', () => {
  const snap = snapshot();
  const text = findingsCsv(snap.report);
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const column = (name: (typeof FINDINGS_CSV_HEADER)[number]) => FINDINGS_CSV_HEADER.indexOf(name);

  it('starts with a UTF-8 byte order mark and the header, and ends every record with CRLF', () => {
    expect(text.startsWith(`\uFEFF${FINDINGS_CSV_HEADER.join(',')}\r\n`)).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '').includes('\n')).toBe(false);
  });

  it('has one record per finding, every record as wide as the header', () => {
    expect(records).toHaveLength(snap.report.findings.length + 1);
    for (const record of records) expect(record).toHaveLength(FINDINGS_CSV_HEADER.length);
  });

  it('gives each finding its id, state, English sentence and evidence', () => {
    for (const [i, finding] of snap.report.findings.entries()) {
      const record = records[i + 1] as string[];
      expect(record[column('id')]).toBe(finding.id);
      expect(record[column('open')]).toBe(finding.open ? 'yes' : 'no');
      expect(record[column('closed')]).toBe(finding.closedAt ?? '');
      expect(record[column('explanation')]).toBe(explainEn(finding));
      expect(record[column('evidence')]).toBe(finding.evidence.map((e) => `${e.what}@${e.at}`).join('; '));
    }
  });

  it('cites the client\'s own words, a formula among them made harmless, its quotes and commas intact', () => {
    const rejected = records.find((r) => r[column('kind')] === 'outcome-rejected') as string[];
    expect(rejected[column('cited field')]).toBe('outcome.businessResult; outcome.successSignal');
    expect(rejected[column('cited value')]).toBe('\'=HYPERLINK("http://evil.example","orders, "more" cakes"); Online cake orders double within three months of launch');
    expect(rejected[column('cited version')]).toBe('1; 1');
    expect(rejected[column('explanation')]).toBe('You said “Menu, "v2"” is not what you needed');
  });

  it('leaves no cell starting with a formula character', () => {
    for (const cell of records.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('is only the header for a report without findings', () => {
    const empty = driftSnapshot(engagement(), [], [], new Date('2026-03-01T00:00:00Z'));
    expect(parseCsv(findingsCsv(empty.report).slice(1))).toEqual([[...FINDINGS_CSV_HEADER]]);
  });
});

describe('JSON bodies', () => {
  it('gives every finding its English sentence beside its data', () => {
    const snap = snapshot();
    const json = findingsJson(snap.report);
    expect(json).toMatchObject({ engagementId: snap.report.engagementId, score: snap.report.score, dimensions: snap.report.dimensions });
    expect(json.findings.map((f) => f.sentence)).toEqual(snap.report.findings.map((f) => explainEn(f)));
    expect(json.findings[0]).toMatchObject({ id: snap.report.findings[0]?.id, cites: snap.report.findings[0]?.cites });
  });

  it('gives the API the report, the warnings and the history', () => {
    const snap = snapshot();
    expect(driftJson(snap)).toEqual({ report: snap.report, warnings: snap.warnings, history: snap.history });
  });

  it('names the file after the engagement', () => {
    expect(findingsAttachment('bakery-relaunch-2026', 'csv')).toBe('attachment; filename="bakery-relaunch-2026-findings.csv"');
  });
});
