/**
 * Proves the wrong-channel rule: each kind of communication belongs on the channel the client
 * chose for it (here regular → meeting, informational → email, emergency → phone); anything
 * else is a finding at that instant, by severity of what was at stake, citing the version in
 * force. The kickoff's own emails, emails that ask the client to answer by a signed link, and
 * emails to the manager are not held to it.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, explainEn } from '../../../functions/domain/drift/index.js';
import { AGREED, DAY, Log, after, answer, input } from './builders.js';

const wrong = (log: Log, answers = [answer(1, AGREED)]) =>
  evaluate(input({ now: after(5 * DAY), events: log.events, answers })).findings.filter((f) => f.kind === 'wrong-channel');

// Tuesday 3 March, 12:00 in Berlin: inside working hours, so only the channel is in question.
const AT = '2026-03-03T11:00:00.000Z';

describe('wrong channel', () => {
  it.each([
    ['an informational email', (l: Log) => l.email(AT), []],
    ['a regular email', (l: Log) => l.email(AT, { kind: 'regular' }), ['medium']],
    ['an emergency email', (l: Log) => l.email(AT, { kind: 'emergency' }), ['high']],
    ['a regular meeting', (l: Log) => l.touchpoint(AT, 'regular', 'meeting'), []],
    ['a regular call', (l: Log) => l.touchpoint(AT, 'regular', 'phone'), ['medium']],
    ['an informational chat', (l: Log) => l.touchpoint(AT, 'informational', 'chat'), ['low']],
    ['an emergency call', (l: Log) => l.touchpoint(AT, 'emergency', 'phone'), []],
    ['an emergency chat', (l: Log) => l.touchpoint(AT, 'emergency', 'chat'), ['high']],
    ['a regular email to the manager', (l: Log) => l.email(AT, { kind: 'regular', recipient: 'manager', purpose: 'manager-alert' }), []],
    ['the kickoff invite (regular, by email)', (l: Log) => l.email(AT, { kind: 'regular', purpose: 'kickoff-invite' }), []],
  ])('%s: %j', (_, record, severities) => {
    const log = new Log();
    record(log);
    const found = wrong(log);
    expect(found.map((f) => f.severity)).toEqual(severities);
    if (severities.length) expect(found[0]).toMatchObject({ id: 'wrong-channel:e1', open: false, startedAt: AT, closedAt: AT });
  });

  // The client asked for regular contact by chat (Slack): the one-click emails still go by email.
  const BY_CHAT = [answer(1, AGREED, { channels: { regular: 'chat' } })];

  it.each([
    ['a confirmation request', 'confirmation-request', []],
    ['its follow-up', 'confirmation-follow-up', []],
    ['a scope decision to choose on', 'scope-decision', []],
    ['its reminder', 'scope-decision-reminder', []],
    ['a deadline-shift notice to acknowledge', 'deadline-shift-notice', []],
    ['its reminder', 'deadline-shift-reminder', []],
    ['the manager\'s answer to a question', 'question-answer', ['medium']],
    ['a regular update', 'status-update', ['medium']],
  ])('by email when regular contact is by chat, %s (%s): %o', (_, purpose, severities) => {
    const log = new Log();
    log.email(AT, { kind: 'regular', purpose });
    expect(wrong(log, BY_CHAT).map((f) => f.severity)).toEqual(severities);
  });

  it('still counts a link email as contact for the other rules', () => {
    const log = new Log();
    // Saturday 7 March, 12:00 in Berlin: a day off.
    log.email('2026-03-07T11:00:00.000Z', { kind: 'regular', purpose: 'confirmation-request' });
    const findings = evaluate(input({ now: after(10 * DAY), events: log.events, answers: BY_CHAT })).findings;
    expect(findings.map((f) => f.kind)).toContain('outside-hours');
    expect(findings.map((f) => f.kind)).not.toContain('wrong-channel');
  });

  it('judges each contact by the channels in force when it was made', () => {
    const log = new Log();
    log.email(AT, { kind: 'regular' });
    log.email(after(3 * DAY), { kind: 'regular' });
    const answers = [answer(1, AGREED), answer(2, after(2 * DAY), { channels: { regular: 'email' } })];
    const found = wrong(log, answers);
    expect(found.map((f) => f.id)).toEqual(['wrong-channel:e1']);
    expect(found[0]?.cites).toEqual([{ field: 'channels.regular', value: 'meeting', version: 1, statedAt: AGREED }]);
  });

  it('explains itself in English', () => {
    const log = new Log();
    log.email(AT, { kind: 'emergency' });
    expect(explainEn(wrong(log)[0] as never)).toBe('An emergency contact went by email; you chose phone');
  });
});
