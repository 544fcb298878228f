/**
 * Proves that the kickoff form is read into expectations exactly, that every broken rule is
 * reported against the field a person can fix, and that prefilling reuses what we know.
 */
import { describe, expect, it } from 'vitest';
import { InvalidInput } from '../../functions/domain/errors.js';
import { isKnownTimeZone } from '../../functions/domain/expectations.js';
import { kickoffFormValues, parseKickoffForm, prefillSource, type KickoffAnswer } from '../../functions/domain/kickoff.js';
import { validExpectations, validKickoffForm } from '../support/fixtures.js';

function issuesOf(form: Parameters<typeof parseKickoffForm>[0]) {
  try {
    parseKickoffForm(form);
  } catch (error) {
    if (error instanceof InvalidInput) return error.issues;
    throw error;
  }
  return [];
}

describe('parseKickoffForm', () => {
  it('reads a complete form into the same expectations that produced it', () => {
    const { expectations, note } = parseKickoffForm(validKickoffForm());
    expect(expectations).toEqual(validExpectations());
    expect(note).toBeUndefined();
  });

  it('keeps the free-text note, trimmed', () => {
    expect(parseKickoffForm(validKickoffForm({ note: '  We also need a newsletter.  ' })).note).toBe('We also need a newsletter.');
  });

  it.each([
    ['pace.updateCadenceDays', '', 'required'],
    ['pace.updateCadenceDays', 'seven', 'must be a number'],
    ['pace.updateCadenceDays', '0', 'at least 1 day'],
    ['pace.updateCadenceDays', '2.5', 'must be whole days'],
    ['pace.updateCadenceDays', '1e3', 'must be a number'],
    ['pace.responseTimeHours', '999', 'at most 168 hours'],
    ['pace.slipNoticeDays', '-1', 'cannot be negative'],
    ['process.workingHours.timeZone', 'Mars/Olympus_Mons', 'must be an IANA time zone such as Europe/Berlin'],
    ['process.workingHours.start', '25:00', 'must be a time as HH:MM (24 h)'],
    ['process.involvement', 'boss', 'Invalid option'],
    ['channels.emergency', 'pigeon', 'Invalid option'],
    ['outcome.businessResult', '   ', 'required'],
    ['outcome.businessResult', 'x'.repeat(2001), 'at most 2000 characters'],
    ['process.decisionMaker', 'Maria\u0000', 'must not contain control characters'],
    ['note', 'y'.repeat(5001), 'at most 5000 characters'],
  ])('reports %s = %j as "%s"', (field, value, message) => {
    const issues = issuesOf(validKickoffForm({ [field]: value }));
    expect(issues).toContainEqual({ field, message: expect.stringContaining(message) });
  });

  it('reports working hours that end before they start, on the end field', () => {
    const issues = issuesOf(validKickoffForm({ 'process.workingHours.start': '18:00', 'process.workingHours.end': '09:00' }));
    expect(issues).toContainEqual({ field: 'process.workingHours.end', message: 'working hours must end after they start' });
  });

  it('reports a longest silence shorter than the cadence', () => {
    const issues = issuesOf(validKickoffForm({ 'pace.updateCadenceDays': '14', 'pace.maxSilenceDays': '7' }));
    expect(issues).toContainEqual({ field: 'pace.maxSilenceDays', message: 'the longest silence cannot be shorter than the update cadence' });
  });

  it('requires at least one working day and ignores unknown ones', () => {
    expect(issuesOf(validKickoffForm({ 'process.workingHours.days': [] }))).toContainEqual({
      field: 'process.workingHours.days', message: 'choose at least one working day',
    });
    expect(issuesOf(validKickoffForm({ 'process.workingHours.days': ['mon', 'someday'] })).map((i) => i.field))
      .toContain('process.workingHours.days.1');
  });

  it('reports every missing field of an empty form at once', () => {
    const fields = issuesOf({}).map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining([
      'process.involvement', 'process.milestoneApprovalRequired', 'process.workingHours.start', 'pace.updateCadenceDays',
      'channels.regular', 'outcome.businessResult', 'scope.bonusUpToHours', 'scope.largerRequests',
    ]));
  });

  it('keeps HTML as text: escaping is the job of whatever displays it', () => {
    const { expectations } = parseKickoffForm(validKickoffForm({ 'outcome.businessResult': '<script>alert(1)</script>' }));
    expect(expectations.outcome.businessResult).toBe('<script>alert(1)</script>');
  });
});

describe('time zones', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'UTC'])('accepts %s', (zone) => expect(isKnownTimeZone(zone)).toBe(true));
  it.each(['Mars/Base', 'EST5EDT-ish', '', 'Europe/../etc/passwd'])('rejects %j', (zone) => expect(isKnownTimeZone(zone)).toBe(false));
});

describe('prefill (never ask twice)', () => {
  const answer = (engagementId: string): KickoffAnswer => ({
    engagementId, version: 1, round: 0, contactEmail: 'maria@example.com', expectations: validExpectations(), submittedAt: '2026-01-01T10:00:00Z',
  });

  it('prefers this engagement\'s own latest answer', () => {
    expect(prefillSource(answer('own'), answer('earlier'))?.from).toBe('this-engagement');
  });

  it('falls back to the same contact\'s answer on an earlier engagement', () => {
    expect(prefillSource(undefined, answer('earlier'))).toEqual({ answer: answer('earlier'), from: 'earlier-engagement' });
  });

  it('has nothing to prefill for a new contact', () => {
    expect(prefillSource(undefined, undefined)).toBeUndefined();
  });

  it('round-trips through the form values', () => {
    expect(parseKickoffForm(kickoffFormValues(validExpectations())).expectations).toEqual(validExpectations());
  });
});
