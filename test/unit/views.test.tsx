/**
 * Proves that each page renders as a whole, script-free document in the right language, that
 * every form control has a label, that errors sit beside their fields (and in the summary),
 * and that prefilled values come back escaped.
 */
import { describe, expect, it } from 'vitest';
import type { Engagement, Locale } from '../../functions/domain/engagement.js';
import { engagementSchema } from '../../functions/domain/engagement.js';
import type { FieldIssue } from '../../functions/domain/errors.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { expectationsSchema, isKnownTimeZone, type Expectations } from '../../functions/domain/expectations.js';
import { kickoffAnswerSchema, kickoffFormValues, type FormValues } from '../../functions/domain/kickoff.js';
import { ClientMessagePage, type ClientMessageKind } from '../../functions/http/views/client-pages.js';
import { fieldId } from '../../functions/http/views/form-fields.js';
import { COMMON_TIME_ZONES, KickoffFormPage, type KickoffFormProps } from '../../functions/http/views/kickoff-form.js';
import { PAGE_CSS } from '../../functions/http/views/layout.js';
import { EngagementPage, ManagerHomePage, ManagerMessagePage } from '../../functions/http/views/manager-pages.js';

const LOCALES: Locale[] = ['en', 'ru'];
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(1)>';
const ESCAPED_IMG = '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;';
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;';

const render = (node: unknown): string => String(node);

function expectations(change: (draft: Record<string, Record<string, unknown>>) => void = () => {}): Expectations {
  const draft: Record<string, Record<string, unknown>> = {
    process: {
      involvement: 'informed',
      milestoneApprovalRequired: false,
      workingHours: { start: '09:00', end: '18:00', days: ['mon', 'wed', 'fri'], timeZone: 'Europe/Berlin' },
      decisionMaker: 'Anna Petrova',
    },
    pace: { updateCadenceDays: 7, maxSilenceDays: 10, responseTimeHours: 24, slipNoticeDays: 3, dueDateToleranceDays: 2 },
    channels: { regular: 'meeting', informational: 'email', emergency: 'phone' },
    outcome: { businessResult: 'More qualified leads', successSignal: '30 demo requests a month', confirmationWindowDays: 5 },
    scope: { bonusUpToHours: 4, largerRequests: 'extra-pay', alwaysDeclined: 'Weekend work' },
  };
  change(draft);
  return expectationsSchema.parse(draft);
}

/** Every visible input, select and textarea has an id, and a label points at it. */
function expectEveryControlLabelled(html: string): void {
  const controls = [...html.matchAll(/<(input|select|textarea)\b[^>]*>/g)].map((m) => m[0]).filter((c) => !c.includes('type="hidden"'));
  expect(controls.length).toBeGreaterThan(0);
  for (const control of controls) {
    const id = /\sid="([^"]+)"/.exec(control)?.[1];
    expect(id, control).toBeDefined();
    expect(html, `label for ${id}`).toContain(`<label for="${id}"`);
  }
}

function expectSafeDocument(html: string, locale: Locale): void {
  expect(html.startsWith(`<!DOCTYPE html><html lang="${locale}">`)).toBe(true);
  expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
  expect(html).toContain('<meta name="referrer" content="no-referrer"/>');
  expect(html).toContain('<main id="main"');
  expect(html).toContain('href="#main"');
  expect(html).not.toMatch(/<script/i);
  const attributes = attributeNames(html);
  expect(attributes.filter((name) => name.startsWith('on'))).toEqual([]);
  expect(attributes).not.toContain('style');
}

/** Names of every attribute of every tag; values are quoted, so escaped text cannot fake one. */
function attributeNames(html: string): string[] {
  return [...html.matchAll(/<[a-z][a-z0-9]*((?:\s+[a-z][a-z0-9-]*(?:="[^"]*")?)*)\s*\/?>/gi)]
    .flatMap((tag) => [...(tag[1] ?? '').matchAll(/\s([a-z][a-z0-9-]*)/gi)].map((a) => (a[1] ?? '').toLowerCase()));
}

function kickoffProps(overrides: Partial<KickoffFormProps> = {}): KickoffFormProps {
  return {
    locale: 'en',
    engagementTitle: 'Website relaunch',
    clientName: 'Anna',
    managerName: 'Boris',
    values: {},
    errors: [],
    isCorrection: false,
    action: '/c/abc.sig?lang=en',
    langSwitch: { en: '/c/abc.sig?lang=en', ru: '/c/abc.sig?lang=ru' },
    ...overrides,
  };
}

describe('layout', () => {
  it('keeps the style element text unchanged by escaping, so a CSP hash of PAGE_CSS matches', () => {
    const html = render(<ClientMessagePage locale="en" kind="not-found" />);

    expect(PAGE_CSS).not.toMatch(/[&<>"']/);
    expect(html).toContain(`<style>${PAGE_CSS}</style>`);
  });

  it('offers the other language as a link, named in its own language', () => {
    const html = render(<ClientMessagePage locale="ru" kind="closed" langSwitch={{ en: '/c/x?lang=en', ru: '/c/x?lang=ru' }} />);

    expect(html).toContain('<a href="/c/x?lang=en" lang="en" hreflang="en">English</a>');
    expect(html).toContain('<span lang="ru" aria-current="true">Русский</span>');
  });
});

describe('KickoffFormPage', () => {
  it.each(LOCALES)('%s: a labelled, script-free form posting to the action, one fieldset per dimension', (locale) => {
    const html = render(<KickoffFormPage {...kickoffProps({ locale })} />);

    expectSafeDocument(html, locale);
    expectEveryControlLabelled(html);
    expect(html).toContain('<form method="post" action="/c/abc.sig?lang=en" novalidate="">');
    for (const dimension of ['process', 'pace', 'channels', 'outcome', 'scope']) {
      expect(html).toContain(`<fieldset class="section" id="dimension-${dimension}"><legend class="section-title">`);
    }
    expect(html).toContain('name="note"');
  });

  it('posts exactly the flat field names the domain parses', () => {
    const html = render(<KickoffFormPage {...kickoffProps()} />);
    const names = new Set([...html.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1]));

    expect([...names].sort()).toEqual([...Object.keys(kickoffFormValues(expectations())), 'note'].sort());
  });

  it.each([
    ['pace.updateCadenceDays', '1', '30', '1'],
    ['pace.maxSilenceDays', '1', '60', '1'],
    ['pace.responseTimeHours', '1', '168', '1'],
    ['pace.slipNoticeDays', '0', '60', '1'],
    ['pace.dueDateToleranceDays', '0', '30', '1'],
    ['outcome.confirmationWindowDays', '1', '30', '1'],
    ['scope.bonusUpToHours', '0', '80', 'any'],
  ])('%s has the bounds of its schema (min %s, max %s, step %s)', (name, min, max, step) => {
    const html = render(<KickoffFormPage {...kickoffProps()} />);

    expect(html).toMatch(new RegExp(`<input type="number" id="${fieldId(name)}" name="${name}" value="" min="${min}" max="${max}" step="${step}"`));
  });

  it('suggests only time zones the domain accepts', () => {
    const html = render(<KickoffFormPage {...kickoffProps()} />);

    expect(COMMON_TIME_ZONES.filter((zone) => !isKnownTimeZone(zone))).toEqual([]);
    expect(html).toContain('list="time-zones"');
    expect(html).toContain('<option value="Europe/Moscow"></option>');
  });

  it('prefills every answer, escaping what the client typed', () => {
    const values: FormValues = {
      ...kickoffFormValues(expectations((d) => {
        d.process!.decisionMaker = IMG;
        d.outcome!.businessResult = SCRIPT;
        d.scope!.alwaysDeclined = IMG;
      })),
      note: SCRIPT,
    };

    const html = render(<KickoffFormPage {...kickoffProps({ values, prefilledFrom: 'this-engagement' })} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain(`name="process.decisionMaker" value="${ESCAPED_IMG}"`);
    expect(html).toContain(`name="outcome.businessResult" rows="4" required="" aria-describedby="${fieldId('outcome.businessResult')}-help">${ESCAPED_SCRIPT}</textarea>`);
    expect(html).toContain(`name="scope.alwaysDeclined" rows="3" aria-describedby="${fieldId('scope.alwaysDeclined')}-help">${ESCAPED_IMG}</textarea>`);
    expect(html).toContain(`name="process.involvement" value="informed" checked=""`);
    expect(html).toContain(`name="process.milestoneApprovalRequired" value="no" checked=""`);
    expect(html).toContain(`name="process.workingHours.days" value="wed" checked=""`);
    expect(html).not.toContain(`name="process.workingHours.days" value="tue" checked=""`);
    expect(html).toContain('<option value="meeting" selected="">');
    expect(html).toContain(`name="pace.maxSilenceDays" value="10"`);
    expect(html).toContain(`name="process.workingHours.start" value="09:00"`);
    expect(html).toContain(`name="scope.largerRequests" value="extra-pay" checked=""`);
  });

  it.each([
    ['this-engagement', 'en', 'This is what you told us; change anything that is no longer right.'],
    ['earlier-engagement', 'en', 'We filled this in from what you told us on an earlier project — confirm or change it.'],
    ['earlier-engagement', 'ru', 'Мы заполнили анкету по вашим ответам из прошлого проекта — подтвердите их или измените.'],
  ] as const)('says where prefilled answers came from (%s, %s)', (prefilledFrom, locale, notice) => {
    const html = render(<KickoffFormPage {...kickoffProps({ locale, prefilledFrom })} />);

    expect(html).toContain(notice);
  });

  it('in correction mode says the client is correcting what we heard', () => {
    const html = render(<KickoffFormPage {...kickoffProps({ isCorrection: true })} />);

    expect(html).toContain('<h1>Correct what we heard</h1>');
    expect(html).toContain('You are correcting the summary of what we heard.');
    expect(html).toContain('Send my correction');
  });

  const errors: FieldIssue[] = [
    { field: 'pace.maxSilenceDays', message: 'the longest silence cannot be shorter than the update cadence' },
    { field: 'process.workingHours.days', message: 'choose at least one working day' },
    { field: 'process.involvement', message: 'required' },
    { field: 'outcome.confirmationWindowDays', message: 'at most 30 days' },
  ];

  it.each([
    ['en', 'Enter at most 30\u00a0days.', 'Please check your answers'],
    ['ru', 'Максимум — 30\u00a0дней.', 'Проверьте, пожалуйста, ответы'],
  ] as const)('%s: shows each error beside its field, linked by aria-describedby, and in a summary', (locale, atMost, summaryTitle) => {
    const html = render(<KickoffFormPage {...kickoffProps({ locale, errors })} />);

    expect(html).toMatch(/<title>(Error|Ошибка): /);
    expect(html).toContain(`<h2 id="error-summary-title">${summaryTitle}</h2>`);
    for (const issue of errors) {
      const id = fieldId(issue.field);
      expect(html).toContain(`<p class="error" id="${id}-error">`);
      expect(html).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
      expect(html).toContain(`<a href="#${id}">`);
    }
    expect(html).toContain(atMost);
    // The error follows its label and help, before the control.
    const silence = fieldId('pace.maxSilenceDays');
    expect(html.indexOf(`for="${silence}"`)).toBeLessThan(html.indexOf(`id="${silence}-error"`));
    expect(html.indexOf(`id="${silence}-error"`)).toBeLessThan(html.indexOf(`id="${silence}"`));
  });

  it('attaches an issue on one checkbox to the whole group', () => {
    const html = render(<KickoffFormPage {...kickoffProps({ errors: [{ field: 'process.workingHours.days.2', message: 'Invalid option: expected one of "mon"|"tue"' }] })} />);

    expect(html).toContain(`<p class="error" id="${fieldId('process.workingHours.days')}-error">`);
    expect(html).toContain('Choose one of the options.');
    expect(html).toContain(`<a href="#${fieldId('process.workingHours.days')}">Working days — Choose one of the options.</a>`);
  });
});

describe('ClientMessagePage', () => {
  const kinds: ClientMessageKind[] = [
    'answer-received', 'correction-received', 'already-received', 'closed', 'link-tampered', 'link-expired',
    'not-found', 'note-received', 'bad-request', 'server-error',
  ];
  const cases = LOCALES.flatMap((locale) => kinds.map((kind) => ({ locale, kind })));

  it.each(cases)('$kind ($locale) is a safe page with a heading', ({ locale, kind }) => {
    const html = render(<ClientMessagePage locale={locale} kind={kind} />);

    expectSafeDocument(html, locale);
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
    expect(html).not.toContain('<form');
  });

  it.each(cases)('$kind ($locale) offers the "anything else?" box when the link is valid', ({ locale, kind }) => {
    const html = render(<ClientMessagePage locale={locale} kind={kind} noteAction="/c/abc.sig/note?lang=en" />);

    expectEveryControlLabelled(html);
    expect(html).toContain('<form method="post" action="/c/abc.sig/note?lang=en"');
    expect(html).toContain(`<textarea id="${fieldId('note')}" name="note"`);
  });

  it('names the engagement and version, escaped', () => {
    const html = render(<ClientMessagePage locale="en" kind="correction-received" details={{ engagementTitle: SCRIPT, version: 2 }} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).toContain(`<dd>${ESCAPED_SCRIPT}</dd>`);
    expect(html).toContain('<dd>2</dd>');
  });

  it.each([
    ['answer-received', 'we’ll send you a summary of what we heard within minutes'],
    ['link-tampered', 'copied incompletely'],
    ['link-expired', 'ask your manager for a new link'],
    ['already-received', 'nothing was sent again'],
  ] as const)('%s says what happens next', (kind, words) => {
    const html = render(<ClientMessagePage locale="en" kind={kind} />);

    expect(html.toLowerCase()).toContain(words.toLowerCase());
  });
});

const engagement: Engagement = engagementSchema.parse({
  id: 'acme-relaunch-01',
  title: `Relaunch ${SCRIPT}`,
  client: { name: `Anna ${IMG}`, email: 'anna@example.com', organisation: 'Acme' },
  manager: { id: 'mgr-1', email: 'boris@agency.example', name: 'Boris' },
  locale: 'ru',
  milestones: [{ id: 'm1', title: `Design ${SCRIPT}`, due: '2030-04-01' }, { id: 'm2', title: 'Launch', due: '2030-05-15' }],
  kickoff: { reminderEverySeconds: 86400, maxReminders: 2, maxEscalations: 3, correctionWindowSeconds: 604800 },
  status: 'kickoff-answered',
  expectationsVersion: 2,
  createdAt: '2030-03-01T09:00:00Z',
});

const event = (e: Record<string, unknown>): EngagementEvent =>
  engagementEventSchema.parse({ id: `e-${String(e.type)}-${String(e.at)}`, engagementId: engagement.id, ...e });

const events: EngagementEvent[] = [
  event({ type: 'kickoff-answered', at: '2030-03-03T10:00:00Z', version: 1, round: 0 }),
  event({ type: 'engagement-created', at: '2030-03-01T09:00:00Z', by: 'Boris' }),
  event({
    type: 'email-sent', at: '2030-03-01T09:01:00Z', purpose: 'kickoff-invite', recipient: 'client', to: 'anna@example.com',
    messageId: 'm-1', kind: 'regular', channel: 'email',
  }),
  event({ type: 'kickoff-answered', at: '2030-03-04T10:00:00Z', version: 2, round: 1 }),
  event({ type: 'client-note', at: '2030-03-04T11:00:00Z', text: SCRIPT, page: 'kickoff' }),
  event({ type: 'expectations-agreed', at: '2030-03-12T10:00:00Z', version: 2 }),
  event({ type: 'kickoff-unanswered', at: '2030-03-20T10:00:00Z' }),
];

describe('EngagementPage', () => {
  const answer = kickoffAnswerSchema.parse({
    engagementId: engagement.id, version: 2, round: 1, contactEmail: 'anna@example.com', submittedAt: '2030-03-04T10:00:00Z',
    expectations: expectations((d) => { d.outcome!.businessResult = IMG; }),
  });

  it('shows status, client, milestones, expectations, timeline and notes, all escaped, and no client link', () => {
    const html = render(
      <EngagementPage
        engagement={engagement}
        latestAnswer={answer}
        versions={2}
        events={events}
        clientNotes={[{ at: '2030-03-04T11:00:00Z', text: `${SCRIPT}\nsecond line`, page: 'kickoff' }]}
      />,
    );

    expectSafeDocument(html, 'en');
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain('<span class="badge kickoff-answered">Kickoff answered</span>');
    expect(html).toContain(`Anna ${ESCAPED_IMG}`);
    expect(html).toContain(`Design ${ESCAPED_SCRIPT}`);
    expect(html).toContain('April 1, 2030');
    for (const title of ['Process', 'Pace', 'Channels', 'Outcome', 'Scope']) expect(html).toContain(`>${title}</h3>`);
    expect(html).toContain('Version 2, received');
    expect(html).toContain('Versions in total: 2.');
    expect(html).toContain(`<p class="prewrap" lang="ru">${ESCAPED_SCRIPT}\nsecond line</p>`);
    expect(html).toContain('left on the kickoff form');
    expect(html).not.toContain('/c/');
  });

  it('words every event type for a person, oldest first', () => {
    const html = render(<EngagementPage engagement={engagement} versions={0} events={events} clientNotes={[]} />);
    const lines = [
      'Engagement created by Boris',
      'Kickoff invitation sent to anna@example.com',
      'The client answered the kickoff form (version 1)',
      'The client corrected what we heard (version 2)',
      'The client left a note',
      'Expectations agreed (version 2)',
      'The kickoff form closed without an answer',
    ];

    const positions = lines.map((line) => html.indexOf(line));

    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('says when the client has not answered yet', () => {
    const html = render(<EngagementPage engagement={engagement} versions={0} events={[]} clientNotes={[]} />);

    expect(html).toContain('The client has not answered the kickoff form yet.');
    expect(html).toContain('Nothing has happened yet.');
    expect(html).toContain('No notes yet.');
  });
});

describe('ManagerHomePage', () => {
  const list = [{ id: 'acme-relaunch-01', title: SCRIPT, clientName: IMG, status: 'awaiting-kickoff' as const, createdAt: '2030-03-01T09:00:00Z' }];

  it('lists the engagements with links and offers a labelled form with five milestone rows', () => {
    const html = render(
      <ManagerHomePage manager={{ name: 'Boris', email: 'boris@agency.example' }} engagements={list} form={{ values: {}, errors: [] }} createAction="/manager/engagements" />,
    );

    expectSafeDocument(html, 'en');
    expectEveryControlLabelled(html);
    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('<a href="/manager/engagements/acme-relaunch-01">');
    expect(html).toContain(ESCAPED_SCRIPT);
    expect(html).toContain('<form method="post" action="/manager/engagements" novalidate=""');
    for (const name of ['title', 'client.name', 'client.email', 'client.organisation', 'locale']) expect(html).toContain(`name="${name}"`);
    for (let i = 0; i < 5; i += 1) {
      expect(html).toContain(`name="milestones.${i}.title"`);
      expect(html).toContain(`type="date" id="${fieldId(`milestones.${i}.due`)}" name="milestones.${i}.due"`);
    }
    expect(html).not.toContain('name="milestones.5.title"');
  });

  it('shows posted values escaped and errors beside their fields', () => {
    const errors: FieldIssue[] = [
      { field: 'client.email', message: 'must be an email address' },
      { field: 'milestones.1.due', message: 'must not be in the past' },
      { field: 'milestones', message: 'add at least one milestone' },
    ];

    const html = render(
      <ManagerHomePage
        manager={{ name: 'Boris', email: 'boris@agency.example' }}
        engagements={[]}
        form={{ values: { title: IMG, 'client.email': 'not-an-email', locale: 'ru', 'milestones.1.due': '2000-01-01' }, errors }}
        createAction="/manager/engagements"
      />,
    );

    expect(html).toContain(`name="title" value="${ESCAPED_IMG}"`);
    expect(html).toContain('<option value="ru" selected="">');
    expect(html).toContain(`<p class="error" id="${fieldId('client.email')}-error">`);
    expect(html).toContain(`<p class="error" id="${fieldId('milestones.1.due')}-error">`);
    expect(html).toContain('The date must not be in the past.');
    expect(html).toContain('<p class="error" id="milestones-error">');
    expect(html).toContain(`<a href="#${fieldId('milestones.1.due')}">Milestone 2, due date — The date must not be in the past.</a>`);
    expect(html).toContain('No engagements yet.');
  });

  it('shows more rows when more were posted', () => {
    const html = render(
      <ManagerHomePage manager={{ name: 'B', email: 'b@example.com' }} engagements={[]} form={{ values: { 'milestones.6.title': 'x' }, errors: [] }} createAction="/m" />,
    );

    expect(html).toContain('name="milestones.6.title" value="x"');
  });
});

describe('ManagerMessagePage', () => {
  it.each(['unauthorized', 'forbidden', 'not-found'] as const)('%s is a safe page', (kind) => {
    const html = render(<ManagerMessagePage kind={kind} signInUrl={kind === 'unauthorized' ? '/auth/sign-in' : undefined} />);

    expectSafeDocument(html, 'en');
    expect(html).toMatch(/<h1>[^<]+<\/h1>/);
  });

  it('links to sign-in when given', () => {
    const html = render(<ManagerMessagePage kind="unauthorized" signInUrl="/auth/sign-in?next=%2Fmanager" />);

    expect(html).toContain('<a href="/auth/sign-in?next=%2Fmanager">Sign in</a>');
  });
});
