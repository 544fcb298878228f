/**
 * Proves that each page renders as a whole, script-free document in the right language, that
 * every form control has a label, that errors sit beside their fields (and in the summary),
 * and that prefilled values come back escaped; and that the manager's engagement page puts
 * each posted form's errors in that form. Client questions (asked on the status page, answered
 * on the manager's page, overdue ones marked) and the "open an incident" form are covered too,
 * and so is the close-out: the survey page, its answers and the closing on the timeline.
 */
import { describe, expect, it } from 'vitest';
import type { Engagement, Locale } from '../../functions/domain/engagement.js';
import { engagementSchema } from '../../functions/domain/engagement.js';
import type { FieldIssue } from '../../functions/domain/errors.js';
import { engagementEventSchema, type EngagementEvent } from '../../functions/domain/events.js';
import { CHANNELS, expectationsSchema, isKnownTimeZone, type Expectations } from '../../functions/domain/expectations.js';
import { kickoffAnswerSchema, kickoffFormValues, type FormValues } from '../../functions/domain/kickoff.js';
import { milestoneStatuses } from '../../functions/domain/milestones.js';
import { ClientMessagePage, type ClientMessageKind } from '../../functions/http/views/client-pages.js';
import { ConfirmationPage, type ConfirmationPageProps } from '../../functions/http/views/confirmation-page.js';
import { fieldId } from '../../functions/http/views/form-fields.js';
import { COMMON_TIME_ZONES, KickoffFormPage, type KickoffFormProps } from '../../functions/http/views/kickoff-form.js';
import { PAGE_CSS } from '../../functions/http/views/layout.js';
import { EngagementPage, ManagerHomePage, ManagerMessagePage, type ManagerQuestion } from '../../functions/http/views/manager-pages.js';
import { StatusPage, type StatusPageProps } from '../../functions/http/views/status-page.js';
import { SurveyPage, type SurveyPageProps } from '../../functions/http/views/survey-page.js';
import { messages } from '../../functions/i18n.js';

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
    // Drop the quoted values first, so words inside one ("asked on March 8") are not read as names.
    .flatMap((tag) => [...(tag[1] ?? '').replace(/="[^"]*"/g, '').matchAll(/\s([a-z][a-z0-9-]*)/gi)].map((a) => (a[1] ?? '').toLowerCase()));
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
    'not-found', 'note-received', 'bad-request', 'server-error', 'too-large', 'status-takes-no-answers', 'questions-on-status-page',
    'confirmation-received', 'rejection-received', 'confirmation-already', 'confirmation-superseded', 'question-received',
    'survey-received', 'survey-closed',
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

  it('lists the problems of a refused request by field and rule, escaped', () => {
    const html = render(<ClientMessagePage locale="ru" kind="bad-request" problems={[{ field: 'after', message: 'required' }, { field: SCRIPT, message: 'Invalid option' }]} />);

    expect(html).toMatch(/<div class="error-summary" role="alert" aria-labelledby="error-summary-title">/);
    expect(html).toContain(`<li><code>after</code> — ${messages('ru').issues.required}</li>`);
    expect(html).toContain(`<code>${ESCAPED_SCRIPT}</code>`);
    expect(html).not.toContain(SCRIPT);
  });

  it.each([
    ['answer-received', 'we’ll send you a summary of what we heard within minutes'],
    ['link-tampered', 'copied incompletely'],
    ['link-expired', 'ask your manager for a new link'],
    ['already-received', 'nothing was sent again'],
    ['confirmation-received', 'the milestone is done'],
    ['rejection-received', 'your manager has been told and will contact you'],
    ['rejection-received', 'nothing is closed until you confirm'],
    ['confirmation-already', 'you already answered for this delivery, so nothing changed'],
    ['confirmation-superseded', 'use the link in the latest email'],
    ['question-received', 'you will get the answer by email'],
    ['survey-received', 'your manager will read them'],
    ['survey-closed', 'no longer takes answers, or you have already answered it, so nothing changed'],
  ] as const)('%s says what happens next', (kind, words) => {
    const html = render(<ClientMessagePage locale="en" kind={kind} />);

    expect(html.toLowerCase()).toContain(words.toLowerCase());
  });

  it.each([
    ['en', `<p>Your question went to Boris ${ESCAPED_IMG}; you will get the answer by email.</p>`],
    ['ru', `<p>Мы передали ваш вопрос менеджеру (Boris ${ESCAPED_IMG}). Ответ придёт вам по электронной почте.</p>`],
  ] as const)('question-received (%s) names the manager, escaped, when the route knows them', (locale, paragraph) => {
    const html = render(<ClientMessagePage locale={locale} kind="question-received" details={{ managerName: `Boris ${IMG}` }} />);

    expect(html).not.toContain(IMG);
    expect(html).toContain(paragraph);
    expect(html.match(/<p>/g)).toHaveLength(1);
  });

  it.each([
    ['en', `<p>Boris ${ESCAPED_IMG} will read them.</p>`],
    ['ru', `<p>Их прочитает ваш менеджер (Boris ${ESCAPED_IMG}).</p>`],
  ] as const)('survey-received (%s) names the manager, escaped, when the route knows them', (locale, paragraph) => {
    const html = render(<ClientMessagePage locale={locale} kind="survey-received" details={{ managerName: `Boris ${IMG}` }} />);

    expect(html).not.toContain(IMG);
    expect(html).toContain(paragraph);
  });

  it('pages without words for the manager ignore the name', () => {
    const html = render(<ClientMessagePage locale="en" kind="note-received" details={{ managerName: 'Boris' }} />);

    expect(html).not.toContain('Boris');
  });
});

describe('ConfirmationPage', () => {
  const props = (overrides: Partial<ConfirmationPageProps> = {}): ConfirmationPageProps => ({
    locale: 'en',
    engagementTitle: 'Website relaunch',
    milestoneTitle: 'Design',
    deliverySummary: 'The Figma file, shared with you',
    deliveredAt: '2030-03-03T10:00:00Z',
    action: '/c/conf.sig?lang=en',
    langSwitch: { en: '/c/conf.sig?lang=en', ru: '/c/conf.sig?lang=ru' },
    ...overrides,
  });

  it.each(LOCALES)('%s: one labelled, script-free form posting to the action', (locale) => {
    const html = render(<ConfirmationPage {...props({ locale })} />);

    expectSafeDocument(html, locale);
    expectEveryControlLabelled(html);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain('<form method="post" action="/c/conf.sig?lang=en" novalidate="">');
    expect(html).toContain('<a href="/c/conf.sig?lang=' + (locale === 'en' ? 'ru' : 'en') + '"');
  });

  it('posts exactly answer, reason and note', () => {
    const html = render(<ConfirmationPage {...props()} />);
    const names = new Set([...html.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1]));

    expect([...names].sort()).toEqual(['answer', 'note', 'reason']);
  });

  it.each([
    ['en', [
      ['works', 'I received it and it does what I need'],
      ['not-received', 'I did not receive it'],
      ['not-what-i-needed', 'I received it, but it is not what I needed'],
    ]],
    ['ru', [
      ['works', 'Результат получен, и он делает то, что мне нужно'],
      ['not-received', 'Результат до меня не дошёл'],
      ['not-what-i-needed', 'Результат получен, но это не то, что мне нужно'],
    ]],
  ] as const)('%s: offers the three answers as one radio group, each with its label', (locale, answers) => {
    const html = render(<ConfirmationPage {...props({ locale })} />);

    expect(html.match(/type="radio"/g)).toHaveLength(3);
    answers.forEach(([value, label], i) => {
      const id = i === 0 ? fieldId('answer') : `${fieldId('answer')}-${i}`;
      expect(html).toContain(`<input type="radio" id="${id}" name="answer" value="${value}"`);
      expect(html).toContain(`<label for="${id}">${label}<span class="hint">`);
    });
    expect(html).toContain('<fieldset class="field group"><legend>');
  });

  it.each([
    ['en', 'What is missing or wrong?', 'Required if it is not what you needed'],
    ['ru', 'Чего не хватает или что не так?', 'Обязательно, если результат — не то, что вам нужно'],
  ] as const)('%s: the reason says in its help when it is required, and is not marked required or optional', (locale, label, help) => {
    const html = render(<ConfirmationPage {...props({ locale })} />);
    const reason = fieldId('reason');

    expect(html).toContain(`<label for="${reason}">${label}</label>`);
    expect(html).toContain(`<p class="help" id="${reason}-help">${help}`);
    expect(html).toContain(`<textarea id="${reason}" name="reason" rows="4" aria-describedby="${reason}-help">`);
  });

  it('shows what was delivered and when, escaped, with the time’s zone named', () => {
    const html = render(<ConfirmationPage {...props({ engagementTitle: SCRIPT, milestoneTitle: IMG, deliverySummary: `${SCRIPT}\nline two` })} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain(`<dd>${ESCAPED_IMG}</dd>`);
    expect(html).toContain(`<dd class="prewrap">${ESCAPED_SCRIPT}\nline two</dd>`);
    expect(html).toMatch(/<time datetime="2030-03-03T10:00:00Z">March 3, 2030 at 10:00\sAM UTC<\/time>/);
    expect(html).toContain('sent is not the same as received');
  });

  it('leaves out "what was delivered" when nothing was recorded', () => {
    expect(render(<ConfirmationPage {...props({ deliverySummary: '' })} />)).not.toContain('What was delivered');
  });

  it('prefills what was posted, escaped, with the chosen answer checked', () => {
    const values: FormValues = { answer: 'not-what-i-needed', reason: IMG, note: SCRIPT };

    const html = render(<ConfirmationPage {...props({ values })} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain('name="answer" value="not-what-i-needed" checked=""');
    expect(html).not.toContain('value="works" checked');
    expect(html).toContain(`name="reason" rows="4" aria-describedby="${fieldId('reason')}-help">${ESCAPED_IMG}</textarea>`);
    expect(html).toContain(`>${ESCAPED_SCRIPT}</textarea>`);
  });

  it.each([
    ['en', 'This is required.', 'Please check your answers'],
    ['ru', 'Это обязательное поле.', 'Проверьте, пожалуйста, ответы'],
  ] as const)('%s: shows each error beside its field and in a summary', (locale, required, summaryTitle) => {
    const errors: FieldIssue[] = [{ field: 'answer', message: 'required' }, { field: 'reason', message: 'required' }];

    const html = render(<ConfirmationPage {...props({ locale, errors, values: { reason: '' } })} />);

    expect(html).toMatch(/<title>(Error|Ошибка): /);
    expect(html).toContain(`<h2 id="error-summary-title">${summaryTitle}</h2>`);
    for (const issue of errors) {
      const id = fieldId(issue.field);
      expect(html).toContain(`<p class="error" id="${id}-error">`);
      expect(html).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
      expect(html).toContain(`<a href="#${id}">`);
    }
    expect(html).toContain(required);
    // The group's error sits under its question, before the options.
    expect(html.indexOf(`id="${fieldId('answer')}-error"`)).toBeLessThan(html.indexOf('type="radio"'));
  });
});

describe('StatusPage', () => {
  const props = (overrides: Partial<StatusPageProps> = {}): StatusPageProps => ({
    locale: 'en',
    engagementTitle: 'Website relaunch',
    managerName: 'Boris',
    milestones: [
      { title: 'Brief', due: '2030-02-20', state: 'confirmed', deliveredAt: '2030-02-18T10:00:00Z', confirmedAt: '2030-02-19T22:30:00Z' },
      { title: 'Design', due: '2030-03-01', state: 'awaiting-confirmation', deliveredAt: '2030-02-28T21:30:00Z' },
      { title: 'Copy', due: '2030-03-10', state: 'reopened', deliveredAt: '2030-03-05T10:00:00Z' },
      { title: 'Launch', due: '2030-04-01', state: 'in-progress' },
      { title: 'Training', due: '2030-05-01', state: 'planned' },
    ],
    nextUpdate: { by: '2030-03-12T15:00:00Z', channel: 'phone' },
    expectations: expectations(),
    timeZone: 'Europe/Moscow',
    langSwitch: { en: '/c/status.sig?lang=en', ru: '/c/status.sig?lang=ru' },
    noteAction: '/c/status.sig/note?lang=en',
    questionAction: '/c/status.sig/questions?lang=en',
    questions: [],
    ...overrides,
  });
  const question = fieldId('question', 'question');

  it.each(LOCALES)('%s: a safe page with two labelled forms, the question box and the note box', (locale) => {
    const html = render(<StatusPage {...props({ locale })} />);

    expectSafeDocument(html, locale);
    expectEveryControlLabelled(html);
    expectUniqueIds(html);
    expect(html.match(/<form /g)).toHaveLength(2);
    expect(html).toContain('<form method="post" action="/c/status.sig/questions?lang=en" class="card" novalidate="" aria-labelledby="ask">');
    expect(html).toContain(`<textarea id="${question}" name="question" rows="5" required="" aria-describedby="${question}-help">`);
    expect(html).toContain('<form method="post" action="/c/status.sig/note?lang=en"');
    expect(html).toContain(`<textarea id="${fieldId('note')}" name="note"`);
    expect(html).toContain(locale === 'en' ? '<h2 id="ask">Ask us a question</h2>' : '<h2 id="ask">Задайте нам вопрос</h2>');
    expect(html).not.toContain('class="error-summary"');
  });

  it.each([
    ['en', 24, 'Your manager answers by email within 24\u00a0hours, as you asked.'],
    ['en', 1, 'Your manager answers by email within 1\u00a0hour, as you asked.'],
    ['en', undefined, 'Your manager answers by email.'],
    ['ru', 1, 'Менеджер ответит по электронной почте не позже чем через 1\u00a0час, как вы и просили.'],
    ['ru', 24, 'Менеджер ответит по электронной почте не позже чем через 24\u00a0часа, как вы и просили.'],
    ['ru', 48, 'Менеджер ответит по электронной почте не позже чем через 48\u00a0часов, как вы и просили.'],
    ['ru', undefined, 'Менеджер ответит вам по электронной почте.'],
  ] as const)('%s: the question box promises the answer time the client asked for (%s h)', (locale, responseTimeHours, help) => {
    const html = render(<StatusPage {...props({ locale, responseTimeHours })} />);

    expect(html).toContain(`<p class="help" id="${question}-help">${help}</p>`);
  });

  const asked = [
    { text: `Older ${SCRIPT}\nsecond line`, askedAt: '2030-03-01T21:30:00Z', answer: `Reply ${IMG}`, answeredAt: '2030-03-02T08:00:00Z' },
    { text: 'Newest', askedAt: '2030-03-05T10:00:00Z' },
    { text: 'Middle', askedAt: '2030-03-03T10:00:00Z', answeredAt: '2030-03-03T12:00:00Z' },
  ];

  it('lists the client’s questions newest first, escaped, with their state and times in the client’s zone', () => {
    const html = render(<StatusPage {...props({ questions: asked })} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain('<h2 id="questions">Your questions</h2>');
    const positions = ['Newest', 'Middle', 'Older'].map((text) => html.indexOf(`<p class="prewrap detail">${text}`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(`<p class="prewrap detail">Older ${ESCAPED_SCRIPT}\nsecond line</p>`);
    expect(html).toContain(`<p class="prewrap detail">Reply ${ESCAPED_IMG}</p>`);
    expect(html).toContain('<span class="badge open">Waiting for an answer</span>');
    expect(html.match(/<span class="badge answered">Answered<\/span>/g)).toHaveLength(2);
    // 21:30 UTC is already the next day in Moscow.
    expect(html).toMatch(/You asked on March 2, 2030 at 12:30\sAM GMT\+3\./);
    expect(html).toMatch(/Answered on March 2, 2030 at 11:00\sAM GMT\+3:/);
    // Answered another way (a call): the time, and no empty answer.
    expect(html).toMatch(/Answered on March 3, 2030 at 3:00\sPM GMT\+3\./);
  });

  it('ru: words the question states and times naturally', () => {
    const html = render(<StatusPage {...props({ locale: 'ru', questions: asked })} />);

    expect(html).toContain('<h2 id="questions">Ваши вопросы</h2>');
    expect(html).toContain('<span class="badge open">Ждёт ответа</span>');
    expect(html).toContain('<span class="badge answered">Есть ответ</span>');
    expect(html).toMatch(/Вопрос задан 2 марта 2030\sг\. в 00:30 GMT\+3/);
    expect(html).toMatch(/Ответ от 2 марта 2030\sг\. в 11:00 GMT\+3:/);
  });

  it('shows no question list before the first question', () => {
    expect(render(<StatusPage {...props()} />)).not.toContain('id="questions"');
  });

  it.each([
    ['en', 'Error: Where things stand', 'Your question — This is too long: at most 5000\u00a0characters.'],
    ['ru', 'Ошибка: Как идут дела', 'Ваш вопрос — Слишком длинный текст: максимум 5000\u00a0символов.'],
  ] as const)('%s: a refused question comes back in its box, escaped, with the reason beside it and in a summary', (locale, title, link) => {
    const html = render(
      <StatusPage {...props({ locale, form: { values: { question: SCRIPT }, errors: [{ field: 'question', message: 'at most 5000 characters' }] } })} />,
    );

    expect(html).not.toContain(SCRIPT);
    expect(html).toContain(`<title>${title}`);
    expect(html).toContain(`<p class="error" id="${question}-error">`);
    expect(html).toContain(`aria-invalid="true" aria-describedby="${question}-help ${question}-error">${ESCAPED_SCRIPT}</textarea>`);
    expect(html).toContain(`<a href="#${question}">${link}</a>`);
    expect(html).not.toContain(`id="${fieldId('note')}-error"`);
    expectUniqueIds(html);
  });

  it.each([
    ['en', ['Confirmed', 'Delivered — awaiting your confirmation', 'Reopened', 'In progress', 'Planned']],
    ['ru', ['Подтверждён', 'Сдан — ждёт вашего подтверждения', 'Возвращён в работу', 'В работе', 'Запланирован']],
  ] as const)('%s: names each milestone’s state in the client’s words, in plan order', (locale, words) => {
    const html = render(<StatusPage {...props({ locale })} />);
    const states = ['confirmed', 'awaiting-confirmation', 'reopened', 'in-progress', 'planned'];

    const positions = states.map((state, i) => html.indexOf(`<span class="badge ${state}">${words[i]}</span>`));

    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('shows deliveries and confirmations on the client’s calendar, and due dates as planned', () => {
    const html = render(<StatusPage {...props()} />);

    // 21:30 UTC on February 28 is already March 1 in Moscow.
    expect(html).toContain('Delivered on March 1, 2030.');
    expect(html).toContain('You confirmed it on February 20, 2030.');
    expect(html).toContain('due April 1, 2030');
    expect(html).toContain('the email we sent with it has a link for that');
    expect(html).toContain('we are putting it right');
  });

  it.each([
    ['en', 'phone', /By March 12, 2030 at 6:00\sPM GMT\+3, by phone\./],
    ['ru', 'chat', /Не позже 12 марта 2030\sг\. в 18:00 GMT\+3, в чате или мессенджере\./],
  ] as const)('%s: says when and on which channel the client hears from us next', (locale, channel, sentence) => {
    const html = render(<StatusPage {...props({ locale, nextUpdate: { by: '2030-03-12T15:00:00Z', channel } })} />);

    expect(html).toMatch(sentence);
  });

  it('repeats what the client told us at kickoff, in the same words as the summary email', () => {
    const html = render(<StatusPage {...props()} />);

    expect(html).toContain('What you told us at kickoff');
    for (const title of ['Process', 'Pace', 'Channels', 'Outcome', 'Scope']) expect(html).toContain(`>${title}</h3>`);
    expect(html).toContain('every 7\u00a0days, never more than 10\u00a0days of silence');
  });

  it('says so when there is no next update and no expectations yet', () => {
    const html = render(<StatusPage {...props({ nextUpdate: undefined, expectations: undefined })} />);

    expect(html).toContain('No further update is scheduled.');
    expect(html).toContain('You have not told us your expectations yet.');
  });

  it('escapes every name and title', () => {
    const html = render(
      <StatusPage
        {...props({
          engagementTitle: SCRIPT,
          managerName: IMG,
          milestones: [{ title: SCRIPT, due: '2030-03-01', state: 'planned' }],
          expectations: expectations((d) => { d.outcome!.businessResult = IMG; }),
        })}
      />,
    );

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain(`<title>Where things stand: ${ESCAPED_SCRIPT}</title>`);
    expect(html).toContain(`<strong>${ESCAPED_SCRIPT}</strong>`);
    expect(html).toContain(`<dd>${ESCAPED_IMG}</dd>`);
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

/** What the route passes besides the engagement: the forms' actions and where each milestone stands. */
function pageProps(pageEvents: EngagementEvent[]) {
  return {
    engagement,
    events: pageEvents,
    milestoneStatuses: milestoneStatuses(engagement, pageEvents),
    deliveryAction: '/manager/engagements/acme-relaunch-01/deliveries',
    touchpointAction: '/manager/engagements/acme-relaunch-01/touchpoints',
  };
}

/** Ids must be unique, or a label or an error link lands on the wrong control. */
function expectUniqueIds(html: string): void {
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
}

const deliveryEvents: EngagementEvent[] = [
  ...events,
  event({ type: 'milestone-delivered', at: '2030-03-25T10:00:00Z', milestoneId: 'm1', summary: `Figma file ${IMG}` }),
  event({ type: 'outcome-rejected', at: '2030-03-26T10:00:00Z', milestoneId: 'm1', reason: 'not-what-i-needed', text: `Colours are off ${SCRIPT}` }),
  event({ type: 'milestone-delivered', at: '2030-03-28T10:00:00Z', milestoneId: 'm1', summary: 'Second take' }),
  event({ type: 'outcome-confirmed', at: '2030-03-29T10:00:00Z', milestoneId: 'm1' }),
  event({ type: 'checkpoint-recorded', at: '2030-04-02T00:00:01Z', milestoneId: 'm1', delivered: true, onTime: true, slipAnnounced: null, cadenceKept: false, confirmed: true }),
  event({ type: 'deadline-shifted', at: '2030-04-20T10:00:00Z', milestoneId: 'm2', previousDue: '2030-05-15', newDue: '2030-05-29', reason: 'Content arrived late' }),
  event({ type: 'touchpoint-recorded', at: '2030-04-21T10:00:00Z', kind: 'informational', channel: 'phone', summary: 'Told Anna the new date', by: 'Boris' }),
  event({ type: 'milestone-delivered', at: '2030-05-28T10:00:00Z', milestoneId: 'm2', summary: 'Live at acme.example' }),
];

describe('EngagementPage', () => {
  const answer = kickoffAnswerSchema.parse({
    engagementId: engagement.id, version: 2, round: 1, contactEmail: 'anna@example.com', submittedAt: '2030-03-04T10:00:00Z',
    expectations: expectations((d) => { d.outcome!.businessResult = IMG; }),
  });

  it('shows status, client, milestones, expectations, timeline and notes, all escaped, and no client link', () => {
    const html = render(
      <EngagementPage
        {...pageProps(events)}
        latestAnswer={answer}
        versions={2}
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
    const html = render(<EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} />);
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

  it('words deliveries, confirmations, checkpoints, shifts and contacts by milestone title, with their details escaped', () => {
    const html = render(<EngagementPage {...pageProps(deliveryEvents)} versions={0} clientNotes={[]} />);
    const lines = [
      `Delivery of “Design ${ESCAPED_SCRIPT}” recorded`,
      `The client said “Design ${ESCAPED_SCRIPT}” is not what they needed`,
      `The client confirmed “Design ${ESCAPED_SCRIPT}” does what they need`,
      `Checkpoint of “Design ${ESCAPED_SCRIPT}”: silence beyond the cadence`,
      '“Launch” moved from May 15, 2030 to May 29, 2030; the client was told',
      'Informational contact by phone, recorded by Boris',
      'Delivery of “Launch” recorded',
    ];

    const positions = lines.map((line) => html.indexOf(line));

    expect(positions.every((p) => p > 0), JSON.stringify(positions)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(html).toContain(`<p class="prewrap detail">Figma file ${ESCAPED_IMG}</p>`);
    expect(html).toContain('<p class="prewrap detail">Content arrived late</p>');
    expect(html).toContain('<p class="prewrap detail">Told Anna the new date</p>');
    // The client's words are marked with the client's language.
    expect(html).toContain(`<p class="prewrap detail" lang="ru">Colours are off ${ESCAPED_SCRIPT}</p>`);
  });

  it('says "on track" for a checkpoint with nothing to note', () => {
    const onTrack = [event({
      type: 'checkpoint-recorded', at: '2030-04-02T00:00:01Z', milestoneId: 'm2', delivered: true, onTime: true, slipAnnounced: true, cadenceKept: true, confirmed: true,
    })];

    expect(render(<EngagementPage {...pageProps(onTrack)} versions={0} clientNotes={[]} />)).toContain('Checkpoint of “Launch”: on track');
  });

  it('shows each milestone’s state, due date in force, deliveries and the client’s answer', () => {
    const rejected = deliveryEvents.slice(0, events.length + 2);
    const html = render(<EngagementPage {...pageProps(rejected)} versions={0} clientNotes={[]} />);

    expect(html).toContain('<span class="badge reopened">Reopened by the client</span>');
    expect(html).toContain('Delivered 1\u00a0time, last on March 25, 2030');
    expect(html).toContain('the client said it is not what they needed:');
    expect(html).toContain('<span class="badge in-progress">In progress</span>');

    const later = render(<EngagementPage {...pageProps(deliveryEvents)} versions={0} clientNotes={[]} />);
    expect(later).toContain('<span class="badge confirmed">Confirmed by the client</span>');
    expect(later).toContain('Delivered 2\u00a0times, last on March 28, 2030');
    expect(later).toContain('The client confirmed it on March 29, 2030');
    expect(later).toContain('<span class="badge awaiting-confirmation">Delivered — awaiting the client’s confirmation</span>');
    expect(later).toContain('due May 29, 2030, moved from May 15, 2030');
  });

  it('offers a labelled "record a delivery" form per milestone and one "record a contact" form, with unique ids', () => {
    const html = render(<EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} />);

    expectEveryControlLabelled(html);
    expectUniqueIds(html);
    for (const id of ['m1', 'm2']) {
      expect(html).toContain(`<input type="hidden" name="milestoneId" value="${id}"/>`);
      expect(html).toContain(`<textarea id="${fieldId('summary', `delivery-${id}`)}" name="summary"`);
    }
    expect(html.match(/<form method="post" action="\/manager\/engagements\/acme-relaunch-01\/deliveries"/g)).toHaveLength(2);
    expect(html).toContain('<summary>Record a delivery</summary>');
    expect(html).toContain('What was delivered, and where to find it');
    expect(html).not.toContain('<details open');

    expect(html).toContain('<form method="post" action="/manager/engagements/acme-relaunch-01/touchpoints" novalidate="" aria-labelledby="record-contact"');
    for (const kind of ['regular', 'informational', 'emergency']) expect(html).toContain(`<option value="${kind}"`);
    for (const channel of ['email', 'phone', 'chat', 'meeting']) expect(html).toContain(`<option value="${channel}"`);
    expect(html).toContain(`<input type="datetime-local" id="${fieldId('at', 'touchpoint')}" name="at"`);
    expect(html).toContain('When it happened');
  });

  it('asks for a contact’s time in the client’s own zone, which is how the route reads it', () => {
    const withZone = render(<EngagementPage {...pageProps(events)} latestAnswer={answer} versions={2} clientNotes={[]} />);
    const without = render(<EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} />);

    expect(withZone).toContain(`<p class="help" id="${fieldId('at', 'touchpoint')}-help">As the client’s clock read it, in their time zone (Europe/Berlin).</p>`);
    expect(without).toContain('in their time zone (UTC).');
  });

  it('offers a new delivery once one was recorded', () => {
    const html = render(<EngagementPage {...pageProps(deliveryEvents)} versions={0} clientNotes={[]} />);

    expect(html).toContain('<summary>Record a new delivery</summary>');
  });

  it('shows a failed delivery in its own milestone’s form, open, with the error beside the field', () => {
    const html = render(
      <EngagementPage
        {...pageProps(events)}
        versions={0}
        clientNotes={[]}
        form={{ which: 'delivery', values: { milestoneId: 'm2', summary: IMG }, errors: [{ field: 'summary', message: 'at most 2000 characters' }] }}
      />,
    );
    const m2 = fieldId('summary', 'delivery-m2');
    const m1 = fieldId('summary', 'delivery-m1');

    expect(html).toMatch(/<title>Error: /);
    expect(html.match(/<details open=""/g)).toHaveLength(1);
    expect(html.indexOf('<details open=""')).toBeGreaterThan(html.indexOf('value="m1"'));
    expect(html).toContain(`<p class="error" id="${m2}-error">`);
    expect(html).toContain(`aria-describedby="${m2}-help ${m2}-error">${ESCAPED_IMG}</textarea>`);
    expect(html).toContain(`<a href="#${m2}">What was delivered, and where to find it — This is too long: at most 2000\u00a0characters.</a>`);
    expect(html).not.toContain(`id="${m1}-error"`);
    expect(html).not.toContain(`id="${fieldId('summary', 'touchpoint')}-error"`);
    expectUniqueIds(html);
  });

  it('shows a failed contact in the contact form, with its values escaped and each error beside its field', () => {
    const errors: FieldIssue[] = [
      { field: 'channel', message: 'Invalid option: expected one of "email"|"phone"' },
      { field: 'at', message: 'required' },
    ];

    const html = render(
      <EngagementPage
        {...pageProps(events)}
        versions={0}
        clientNotes={[]}
        form={{ which: 'touchpoint', values: { kind: 'emergency', channel: 'pigeon', at: '', summary: SCRIPT }, errors }}
      />,
    );

    expect(html).not.toContain(SCRIPT);
    expect(html).toContain('<option value="emergency" selected="">');
    expect(html).toContain(`name="summary" rows="3" required="">${ESCAPED_SCRIPT}</textarea>`);
    for (const issue of errors) {
      const id = fieldId(issue.field, 'touchpoint');
      expect(html).toContain(`<p class="error" id="${id}-error">`);
      expect(html).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
      expect(html).toContain(`<a href="#${id}">`);
    }
    expect(html).not.toContain('<details open');
  });

  it('says when the client has not answered yet', () => {
    const html = render(<EngagementPage {...pageProps([])} versions={0} clientNotes={[]} />);

    expect(html).toContain('The client has not answered the kickoff form yet.');
    expect(html).toContain('Nothing has happened yet.');
    expect(html).toContain('No notes yet.');
  });
});

describe('EngagementPage: questions from the client', () => {
  const NOW = '2030-03-10T12:00:00Z';
  const questions: ManagerQuestion[] = [
    { questionId: 'q-answered', text: 'Answered one', askedAt: '2030-03-01T10:00:00Z', answer: `On May 29 ${IMG}`, answeredAt: '2030-03-01T15:00:00Z', respondBy: '2030-03-02T10:00:00Z' },
    { questionId: 'q-later', text: 'Due later', askedAt: '2030-03-10T09:00:00Z', respondBy: '2030-03-11T09:00:00Z' },
    { questionId: 'q-overdue', text: `Overdue ${SCRIPT}\nsecond line`, askedAt: '2030-03-08T10:00:00Z', respondBy: '2030-03-09T10:00:00Z' },
    { questionId: 'q-by-phone', text: 'Answered by phone', askedAt: '2030-03-05T10:00:00Z', answeredAt: '2030-03-05T11:00:00Z', respondBy: '2030-03-06T10:00:00Z' },
  ];
  const answerAction = (questionId: string) => `/manager/engagements/acme-relaunch-01/questions/${encodeURIComponent(questionId)}/answer`;
  const page = (extra: Record<string, unknown> = {}) => render(
    <EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} questions={questions} answerAction={answerAction} now={NOW} {...extra} />,
  );

  it('lists open questions first (nearest deadline on top), then answered ones (latest first), all escaped', () => {
    const html = page();

    expectSafeDocument(html, 'en');
    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain('<h2 id="questions">Questions from the client</h2>');
    const order = ['Overdue', 'Due later', 'Answered by phone', 'Answered one'].map((text) => html.indexOf(`lang="ru">${text}`));
    expect(order.every((p) => p > 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // The client's words, in the client's language.
    expect(html).toContain(`<p class="prewrap detail" lang="ru">Overdue ${ESCAPED_SCRIPT}\nsecond line</p>`);
    expect(html).toContain(`<p class="prewrap detail">On May 29 ${ESCAPED_IMG}</p>`);
    expect(html).toMatch(/Asked on March 8, 2030 at 10:00\sAM UTC/);
  });

  it('marks a question past its deadline as overdue, and one within it as open, each with "answer by"', () => {
    const html = page();

    expect(html.match(/<span class="badge overdue">Overdue<\/span>/g)).toHaveLength(1);
    expect(html.match(/<span class="badge open">Open<\/span>/g)).toHaveLength(1);
    expect(html).toMatch(/<span class="badge overdue">Overdue<\/span> <span class="muted">Asked on March 8[^<]*<\/span><p[^>]*>[^<]*<\/p><p class="detail"><strong>Answer by March 9, 2030 at 10:00\sAM UTC<\/strong><\/p>/);
    expect(html).toMatch(/<p class="detail">Answer by March 11, 2030 at 9:00\sAM UTC<\/p>/);
    expect(PAGE_CSS).toContain('.badge.overdue{');
  });

  it('marks nothing overdue without the present, and nothing answered as overdue', () => {
    expect(page({ now: undefined })).not.toContain('badge overdue');
    expect(page({ now: '2031-01-01T00:00:00Z' }).match(/badge overdue/g)).toHaveLength(2);
  });

  it('shows answered questions with the answer and when, and no form', () => {
    const html = page();

    expect(html.match(/<span class="badge answered">Answered<\/span>/g)).toHaveLength(2);
    expect(html).toMatch(/Answered on March 1, 2030 at 3:00\sPM UTC:/);
    expect(html).toMatch(/Marked as answered on March 5, 2030 at 11:00\sAM UTC; no written answer was recorded\./);
    for (const id of ['q-answered', 'q-by-phone']) {
      expect(html).not.toContain(`action="${answerAction(id)}"`);
      expect(html).not.toContain(`id="${fieldId('answer', `answer-${id}`)}"`);
    }
  });

  it('gives each open question its own labelled answer form, posting to its action, with unique ids', () => {
    const html = page();

    expectEveryControlLabelled(html);
    expectUniqueIds(html);
    for (const id of ['q-overdue', 'q-later']) {
      const field = fieldId('answer', `answer-${id}`);
      expect(html).toContain(`<form method="post" action="${answerAction(id)}" novalidate="" aria-label="Answer the question asked on `);
      expect(html).toContain(`<input type="hidden" name="questionId" value="${id}"/>`);
      expect(html).toContain(`<label for="${field}">Your answer</label>`);
      expect(html).toContain(`<textarea id="${field}" name="answer" rows="3" required="" aria-describedby="${field}-help">`);
    }
    expect(html).toContain('Send the answer');
  });

  it('shows a failed answer in its own question’s form, escaped, with the error beside the field', () => {
    const html = page({
      form: { which: 'answer', values: { questionId: 'q-later', answer: IMG }, errors: [{ field: 'answer', message: 'required' }] },
    });
    const later = fieldId('answer', 'answer-q-later');
    const overdue = fieldId('answer', 'answer-q-overdue');

    expect(html).not.toContain(IMG);
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain(`<p class="error" id="${later}-error">`);
    expect(html).toContain(`aria-invalid="true" aria-describedby="${later}-help ${later}-error">${ESCAPED_IMG}</textarea>`);
    expect(html).toContain(`<a href="#${later}">Your answer — This is required.</a>`);
    expect(html).not.toContain(`id="${overdue}-error"`);
    expect(html).toContain(`<textarea id="${overdue}" name="answer" rows="3" required="" aria-describedby="${overdue}-help"></textarea>`);
    expect(html).toContain(`<textarea id="${fieldId('summary', 'touchpoint')}" name="summary" rows="3" required=""></textarea>`);
    // The summary sits in that question's form.
    expect(html.indexOf('class="error-summary"')).toBeGreaterThan(html.indexOf(`action="${answerAction('q-later')}"`));
    expect(html.match(/class="error-summary"/g)).toHaveLength(1);
    expectUniqueIds(html);
  });

  it('puts a failed answer to a question that is no longer open above the list', () => {
    const html = page({
      form: { which: 'answer', values: { questionId: 'q-answered', answer: 'x' }, errors: [{ field: 'answer', message: 'required' }] },
    });

    expect(html.match(/class="error-summary"/g)).toHaveLength(1);
    expect(html.indexOf('class="error-summary"')).toBeGreaterThan(html.indexOf('<h2 id="questions">'));
    expect(html.indexOf('class="error-summary"')).toBeLessThan(html.indexOf('Overdue'));
    expect(html).not.toContain('<p class="error"');
  });

  it('says when there are no questions yet, and leaves the section out when none are given', () => {
    expect(page({ questions: [] })).toContain('<p>The client has not asked any questions yet.</p>');
    expect(render(<EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} />)).not.toContain('id="questions"');
  });

  it('shows questions without answer forms when no answer action is given', () => {
    const html = page({ answerAction: undefined });

    expect(html).toContain('Due later');
    expect(html).not.toContain('name="answer"');
  });

  it('ru: words the section for a Russian-speaking manager', () => {
    const html = page({ locale: 'ru' });

    expectSafeDocument(html, 'ru');
    expectEveryControlLabelled(html);
    expect(html).toContain('<h2 id="questions">Вопросы клиента</h2>');
    expect(html).toContain('<span class="badge overdue">Просрочен</span>');
    expect(html).toMatch(/<strong>Ответить до 9 марта 2030\sг\. в 10:00 UTC<\/strong>/);
    expect(html).toContain('Отправить ответ');
  });
});

describe('EngagementPage: open an incident', () => {
  const incidentAction = '/manager/engagements/acme-relaunch-01/incidents';
  const summary = fieldId('summary', 'incident');
  const page = (extra: Record<string, unknown> = {}) => render(
    <EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} incidentAction={incidentAction} emergencyChannel="phone" {...extra} />,
  );

  it('offers a labelled form posting the summary, with "Tell the client now", and unique ids beside the other forms', () => {
    const html = page();

    expectSafeDocument(html, 'en');
    expectEveryControlLabelled(html);
    expectUniqueIds(html);
    expect(html).toContain('<h2 id="open-incident">Open an incident</h2>');
    expect(html).toContain(`<form method="post" action="${incidentAction}" novalidate="" aria-labelledby="open-incident" class="card">`);
    expect(html).toContain(`<label for="${summary}">What happened and what it means for the client</label>`);
    expect(html).toContain(`<textarea id="${summary}" name="summary" rows="4" required="" aria-describedby="${summary}-help">`);
    expect(html).toContain('<button type="submit" aria-describedby="incident-channel">Tell the client now</button>');
  });

  it.each([
    ['email', 'en', 'The client chose email for emergencies: they get an email at once.'],
    ['phone', 'en', 'The client chose a phone call for emergencies: you get a task to call them now, and record it when done.'],
    ['chat', 'en', 'The client chose a chat or messenger for emergencies: you get a task to message them now, and record it when done.'],
    ['meeting', 'en', 'The client chose a meeting for emergencies: you get a task to meet them now, and record it when done.'],
    [undefined, 'en', 'The client has not chosen a channel for emergencies yet, so they get an email at once.'],
    ['email', 'ru', 'Для срочных ситуаций клиент выбрал электронную почту: письмо уйдёт ему сразу.'],
    ['phone', 'ru', 'Для срочных ситуаций клиент выбрал телефонный звонок: вы получите задачу сразу позвонить ему, а после звонка запишите контакт.'],
    ['chat', 'ru', 'Для срочных ситуаций клиент выбрал чат или мессенджер: вы получите задачу сразу написать ему, а потом запишите контакт.'],
    ['meeting', 'ru', 'Для срочных ситуаций клиент выбрал встречу: вы получите задачу сразу встретиться с ним, а потом запишите контакт.'],
    [undefined, 'ru', 'Клиент ещё не выбрал канал для срочных ситуаций, поэтому письмо уйдёт ему сразу.'],
  ] as const)('under the button, says what happens on the %s channel (%s)', (emergencyChannel, locale, note) => {
    const html = page({ emergencyChannel, locale });

    expect(html).toContain(`</button></div><p class="help" id="incident-channel">${note}</p></form>`);
  });

  it('has a note for every channel', () => {
    for (const channel of CHANNELS) expect(page({ emergencyChannel: channel })).toContain('id="incident-channel"');
  });

  it('shows a failed incident in its own form, escaped, and in no other', () => {
    const html = page({ form: { which: 'incident', values: { summary: SCRIPT }, errors: [{ field: 'summary', message: 'at most 2000 characters' }] } });

    expect(html).not.toContain(SCRIPT);
    expect(html).toMatch(/<title>Error: /);
    expect(html).toContain(`<p class="error" id="${summary}-error">`);
    expect(html).toContain(`aria-invalid="true" aria-describedby="${summary}-help ${summary}-error">${ESCAPED_SCRIPT}</textarea>`);
    expect(html).toContain(`<a href="#${summary}">What happened and what it means for the client — This is too long: at most 2000\u00a0characters.</a>`);
    expect(html).not.toContain(`id="${fieldId('summary', 'touchpoint')}-error"`);
    expect(html).toContain(`<textarea id="${fieldId('summary', 'touchpoint')}" name="summary" rows="3" required=""></textarea>`);
    expect(html).not.toContain('<details open');
    expectUniqueIds(html);
  });

  it('leaves the form out without an action', () => {
    expect(render(<EngagementPage {...pageProps(events)} versions={0} clientNotes={[]} />)).not.toContain('open-incident');
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

describe('SurveyPage', () => {
  const props = (overrides: Partial<SurveyPageProps> = {}): SurveyPageProps => ({
    locale: 'en',
    engagementTitle: 'Website relaunch',
    managerName: 'Boris',
    action: '/c/survey.sig?lang=en',
    langSwitch: { en: '/c/survey.sig?lang=en', ru: '/c/survey.sig?lang=ru' },
    ...overrides,
  });

  it.each(LOCALES)('%s: one labelled, script-free form posting to the action, in the page’s language', (locale) => {
    const html = render(<SurveyPage {...props({ locale })} />);

    expectSafeDocument(html, locale);
    expectEveryControlLabelled(html);
    expectUniqueIds(html);
    expect(html.match(/<form /g)).toHaveLength(1);
    expect(html).toContain('<form method="post" action="/c/survey.sig?lang=en" novalidate="">');
    expect(html).toContain('<a href="/c/survey.sig?lang=' + (locale === 'en' ? 'ru' : 'en') + '"');
  });

  it('posts exactly rating, recommend, keep, change and note', () => {
    const html = render(<SurveyPage {...props()} />);
    const names = new Set([...html.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([^"]+)"/g)].map((m) => m[1]));

    expect([...names].sort()).toEqual(['change', 'keep', 'note', 'rating', 'recommend']);
  });

  it.each([
    ['en', 'It takes two minutes, and it asks nothing you have already told us.'],
    ['ru', 'Это займёт две минуты. Мы не спрашиваем ничего, о чём вы уже нам рассказали.'],
  ] as const)('%s: says at the top that it takes two minutes and asks nothing already told', (locale, promise) => {
    const html = render(<SurveyPage {...props({ locale })} />);

    expect(html).toContain(`<p class="notice">${promise}</p>`);
    expect(html.indexOf(promise)).toBeLessThan(html.indexOf('<form'));
  });

  it.each([
    ['en', 'How well did we keep to what you expected?', ['1 — Not at all', '2 — Mostly not', '3 — Partly', '4 — Mostly', '5 — Fully'],
      'Would you recommend us?', ['Yes', 'Maybe', 'No'], 'What should we keep doing?', 'What should we do differently?'],
    ['ru', 'Насколько мы придерживались того, чего вы от нас ждали?', ['1 — совсем нет', '2 — скорее нет', '3 — отчасти', '4 — в основном да', '5 — полностью'],
      'Порекомендовали бы вы нас?', ['Да', 'Возможно', 'Нет'], 'Что нам стоит делать и дальше?', 'Что нам стоит делать иначе?'],
  ] as const)('%s: a 1–5 rating and a yes/maybe/no, each option labelled, and two optional texts', (locale, rating, ratings, recommend, recommendations, keep, change) => {
    const html = render(<SurveyPage {...props({ locale })} />);

    expect(html).toContain(`<legend>${rating}</legend>`);
    ratings.forEach((label, i) => {
      const id = i === 0 ? fieldId('rating') : `${fieldId('rating')}-${i}`;
      expect(html).toContain(`<input type="radio" id="${id}" name="rating" value="${i + 1}"`);
      expect(html).toContain(`<label for="${id}">${label}</label>`);
    });
    expect(html).toContain(`<legend>${recommend}</legend>`);
    (['yes', 'maybe', 'no'] as const).forEach((value, i) => {
      const id = i === 0 ? fieldId('recommend') : `${fieldId('recommend')}-${i}`;
      expect(html).toContain(`<input type="radio" id="${id}" name="recommend" value="${value}"`);
      expect(html).toContain(`<label for="${id}">${recommendations[i]}</label>`);
    });
    const optional = locale === 'en' ? 'optional' : 'необязательно';
    for (const [name, label] of [['keep', keep], ['change', change]] as const) {
      expect(html).toContain(`<label for="${fieldId(name)}">${label}<span class="optional"> (${optional})</span></label>`);
      expect(html).toContain(`<textarea id="${fieldId(name)}" name="${name}" rows="4">`);
    }
  });

  it('names the engagement and the manager, escaped', () => {
    const html = render(<SurveyPage {...props({ engagementTitle: SCRIPT, managerName: IMG })} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain(`<title>How did we do?: ${ESCAPED_SCRIPT}</title>`);
    expect(html).toContain(`<p class="lead">“${ESCAPED_SCRIPT}” is complete. ${ESCAPED_IMG} would like to know how it went for you.</p>`);
  });

  it('prefills what was posted, escaped, with the chosen answers checked', () => {
    const values = { rating: '4', recommend: 'maybe', keep: SCRIPT, change: IMG, note: `${SCRIPT} note` };

    const html = render(<SurveyPage {...props({ values })} />);

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain('name="rating" value="4" checked=""');
    expect(html.match(/checked=""/g)).toHaveLength(2);
    expect(html).toContain('name="recommend" value="maybe" checked=""');
    expect(html).toContain(`<textarea id="${fieldId('keep')}" name="keep" rows="4">${ESCAPED_SCRIPT}</textarea>`);
    expect(html).toContain(`<textarea id="${fieldId('change')}" name="change" rows="4">${ESCAPED_IMG}</textarea>`);
    expect(html).toContain(`>${ESCAPED_SCRIPT} note</textarea>`);
  });

  it.each([
    ['en', 'Please check your answers', 'Choose a number from 1 to 5.', 'Choose one of the options.', 'This is too long: at most 5000\u00a0characters.'],
    ['ru', 'Проверьте, пожалуйста, ответы', 'Выберите оценку от 1 до 5.', 'Выберите один из вариантов.', 'Слишком длинный текст: максимум 5000\u00a0символов.'],
  ] as const)('%s: shows each error beside its field and in a summary', (locale, summaryTitle, rating, recommend, tooLong) => {
    const errors: FieldIssue[] = [
      { field: 'rating', message: 'choose from 1 to 5' },
      { field: 'recommend', message: 'Invalid option: expected one of "yes"|"maybe"|"no"' },
      { field: 'change', message: 'at most 5000 characters' },
    ];

    const html = render(<SurveyPage {...props({ locale, errors, values: { change: IMG } })} />);

    expect(html).toMatch(/<title>(Error|Ошибка): /);
    expect(html).toContain(`<h2 id="error-summary-title">${summaryTitle}</h2>`);
    for (const issue of errors) {
      const id = fieldId(issue.field);
      expect(html).toContain(`<p class="error" id="${id}-error">`);
      expect(html).toMatch(new RegExp(`id="${id}"[^>]*aria-describedby="[^"]*${id}-error"`));
      expect(html).toContain(`<a href="#${id}">`);
    }
    for (const text of [rating, recommend, tooLong]) expect(html).toContain(text);
    // Each group's error sits under its question, before its options.
    expect(html.indexOf(`id="${fieldId('rating')}-error"`)).toBeLessThan(html.indexOf('name="rating"'));
    expect(html.indexOf(`id="${fieldId('recommend')}-error"`)).toBeLessThan(html.indexOf('name="recommend"'));
    expect(html).not.toContain(IMG);
    expectUniqueIds(html);
  });
});

describe('EngagementPage: close-out', () => {
  const closeOut = (surveySent: boolean, answer: Record<string, unknown> = {}) => [
    ...events,
    event({ type: 'engagement-closed', at: '2030-06-11T10:00:00Z', surveySent }),
    event({ type: 'survey-answered', at: '2030-06-12T10:00:00Z', rating: 4, recommend: 'maybe', ...answer }),
  ];
  const closed = { ...engagement, status: 'closed' as const };

  it('badges a closed engagement, with a style of its own', () => {
    const html = render(<EngagementPage {...pageProps(events)} engagement={closed} versions={0} clientNotes={[]} />);

    expect(html).toContain('<span class="badge closed">Closed</span>');
    expect(PAGE_CSS).toContain('.badge.closed{');
  });

  it.each([
    [true, 'en', 'The engagement was closed; the retrospective survey was sent to the client'],
    [false, 'en', 'The engagement was closed; no survey was sent, as the client was surveyed recently'],
    [true, 'ru', 'Проект закрыт; клиенту отправлен итоговый опрос'],
    [false, 'ru', 'Проект закрыт; опрос не отправлялся: клиента недавно уже опрашивали'],
  ] as const)('words the closing with surveySent=%s (%s)', (surveySent, locale, words) => {
    const html = render(<EngagementPage {...pageProps(closeOut(surveySent))} versions={0} clientNotes={[]} locale={locale} />);

    expect(html).toContain(words);
  });

  it.each([
    ['en', 'The client answered the survey: 4 of 5 for keeping to what they expected; would recommend us: maybe', 'Keep doing:', 'Do differently:'],
    ['ru', 'Клиент ответил на итоговый опрос: ожидания оправданы на 4 из 5; порекомендовал бы нас: возможно', 'Что сохранить:', 'Что изменить:'],
  ] as const)('%s: shows the survey answers, with what to keep and change under the entry in the client’s language, escaped', (locale, line, keep, change) => {
    const html = render(
      <EngagementPage {...pageProps(closeOut(true, { keep: `Weekly calls ${SCRIPT}`, change: `Fewer emails\n${IMG}` }))} versions={0} clientNotes={[]} locale={locale} />,
    );

    expect(html).not.toContain(SCRIPT);
    expect(html).not.toContain(IMG);
    expect(html).toContain(
      `${line}<p class="detail">${keep}</p><p class="prewrap detail" lang="ru">Weekly calls ${ESCAPED_SCRIPT}</p>`
      + `<p class="detail">${change}</p><p class="prewrap detail" lang="ru">Fewer emails\n${ESCAPED_IMG}</p></li>`,
    );
    expect(html.indexOf(locale === 'en' ? 'The engagement was closed' : 'Проект закрыт')).toBeLessThan(html.indexOf(line));
  });

  it.each([['yes', 'yes'], ['no', 'no']] as const)('words recommend=%s, and shows nothing under the entry when no text was given', (recommend, words) => {
    const html = render(<EngagementPage {...pageProps(closeOut(true, { rating: 2, recommend }))} versions={0} clientNotes={[]} />);

    expect(html).toContain(`The client answered the survey: 2 of 5 for keeping to what they expected; would recommend us: ${words}</li>`);
    expect(html).not.toContain('Keep doing:');
  });
});
