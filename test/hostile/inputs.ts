/**
 * Generators of hostile input, as fast-check arbitraries of plain data (so a failure prints
 * the input that caused it): text people could type or forge (markup and script, unicode
 * that misbehaves, control characters, huge strings, numbers and dates that are almost
 * right), values of the wrong type, path tricks, request bodies in every encoding a form or
 * an API can be sent in, the people and tokens a request can claim to come from, and the
 * ways a signed client link can be forged or replayed.
 *
 * Contract: recipes are data; `formBody`/`jsonBody` turn a valid body into a mutated one,
 * `encodeBody` into what goes on the wire (`RequestInit`), `segment` into a path segment.
 */
import fc from 'fast-check';

/** Markup and script a person might type into any field. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">open</a>',
  '" autofocus onfocus="alert(1)',
  '</textarea><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<style>*{display:none}</style>',
  '<iframe src="https://evil.example/"></iframe>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<<script>>alert(1)<</script>>',
  ']]><script>alert(1)</script><!--',
  '<form action="https://evil.example/"><button>Go</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<b style="position:fixed;inset:0">',
] as const;

/** Text that is not markup but is still hostile somewhere: links, templates, spreadsheets. */
const TRICKS = [
  'javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  '{{constructor.constructor("alert(1)")()}}', '${alert(1)}', '#{7*7}', '=HYPERLINK("http://evil.example","x")', '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)', '-1+1', '&lt;script&gt;', '&amp;', '%3Cscript%3E', '\\u003cscript\\u003e', "' OR '1'='1", '"; DROP TABLE x; --',
  '__proto__', 'constructor', 'prototype', 'toString', 'null', 'undefined', 'NaN', 'true', '[object Object]',
] as const;

/** Unicode that breaks naive code: direction overrides, combining marks, emoji, NUL, lone surrogates. */
export const UNICODE = [
  '\u202Eevil.exe\u202C', 'مرحبا، نريد موقعًا جديدًا', 'שלום עולם', 'Z\u0335\u0322\u031B\u032F\u0339\u0344a\u0338\u0356\u0313l\u0336\u0330\u0344g\u0334\u034E\u0344o\u0335\u0327\u030B',
  '👩‍👩‍👧‍👦🏳️‍🌈🇺🇦', '\u0000', 'a\u0000b', '\uFEFFbom', '\u200B\u200C\u200D', 'line\u2028break\u2029', 'İıßẞ', '𝕳𝖊𝖑𝖑𝖔',
  '\uD800', 'x\uDFFFy', 'a\uD83D', '\uDC00\uD800', '\u0007\u0008\u001B[31m', 'tab\there', 'cr\rlf\n', '\r\nBcc: someone@evil.example',
  '\u00A0', '\u3000', '\u0085', '\uFFFD', '\uFFFF', 'Ⅻ', '٣', '７', '½',
] as const;

/** Numbers, dates and times that are almost right. */
const NEAR_MISSES = [
  '', ' ', '0', '-1', '-0', '1.5', '1,5', '1e3', '1e309', '-1e309', 'Infinity', '-Infinity', 'NaN', '0x10', '0b1', '007', ' 7 ', '7 days',
  '9007199254740993', '99999999999999999999', '2.00000000000000001', '١٢', '１２', 'Ⅻ',
  '2026-02-30', '2026-13-01', '0000-01-01', '9999-12-31', '+275760-09-13', '2026-1-1', '01/02/2026', 'tomorrow', '2026-06-01T10:00',
  '2026-06-01T25:61', '2026-06-01T10:00:00Z', '1970-01-01T00:00', '2099-01-01T00:00', '24:00', '23:60', '9:00', '09:00:00', '-09:00',
  'Europe/Atlantis', 'UTC', 'Etc/GMT+14', '../../etc/passwd', 'Europe/Berlin\u0000', 'america/new_york',
  'a@b', 'a@b.c', '@example.com', 'x@example.com\r\nBcc: y@evil.example', '"<script>"@example.com', 'ü@exämple.com', 'a'.repeat(250) + '@example.com',
] as const;

/** Path segments that try to walk, smuggle or overflow. */
export const PATH_TRICKS = [
  '..', '../..', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%2e%2e%2f', '%252e%252e%252f', '..%5c..%5c', '....//', '%00', '%', '%zz', '%ED%A0%80', '%FF%FE',
  '%2F', '%2f%2f', '%5C', '.', '%2e', '~', '*', '?x=1', '#frag', ';jsessionid=1', 'a%0d%0aSet-Cookie:%20x=1', '%u002e', 'META', 'ENG#1',
  'ffffffff-ffff-ffff-ffff-ffffffffffff', '00000000-0000-0000-0000-000000000000', 'x'.repeat(3000), '1'.repeat(65),
] as const;

export const hugeText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('x', 'é', '😀', '<script>', 'a\u0301', '\u202E').chain((unit) =>
    fc.integer({ min: 100_000, max: 140_000 }).map((bytes) => unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit))))),
);

/** Free text of every hostile kind; mostly short, now and then over 100 KB. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...MARKUP), weight: 6 },
  { arbitrary: fc.constantFrom(...TRICKS), weight: 2 },
  { arbitrary: fc.constantFrom(...UNICODE), weight: 3 },
  { arbitrary: fc.constantFrom(...NEAR_MISSES), weight: 3 },
  { arbitrary: fc.tuple(fc.constantFrom(...MARKUP), fc.constantFrom(...UNICODE)).map(([a, b]) => `${b}${a}${b}`), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.integer({ min: 5_001, max: 9_000 }).map((n) => '<b>'.repeat(Math.ceil(n / 3))), weight: 1 },
  { arbitrary: hugeText, weight: 1 },
);

/** Text for a field that must be a number, a date, an email, a choice… */
export const nearMiss: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NEAR_MISSES), weight: 4 },
  { arbitrary: hostileText, weight: 1 },
);

/** A JSON value where a string (or a specific shape) is expected. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.constant(-0), fc.constant(1e308),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'a', 'title'), fc.oneof(fc.string(), fc.integer()), { maxKeys: 3 }),
  fc.constant({ toString: 'x', valueOf: 1 }), fc.constant([[[[[]]]]]), fc.constant({}),
);

/**
 * Percent-encoding that also sends a lone surrogate, as the bytes a raw client could put on the
 * wire (`%ED%A0%80`), where `encodeURIComponent` would throw.
 */
export function uriEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (unit >= 0xD800 && unit <= 0xDBFF && next >= 0xDC00 && next <= 0xDFFF) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i += 1;
    } else if (unit >= 0xD800 && unit <= 0xDFFF) {
      out += [0xED, 0xA0 | ((unit >> 6) & 0x1F), 0x80 | (unit & 0x3F)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else {
      out += encodeURIComponent(text[i] as string);
    }
  }
  return out;
}

/** A path segment: walked, encoded or raw. */
export const segment = (value: string, encoding: 'raw' | 'encoded' | 'double'): string => {
  if (encoding === 'encoded') return uriEncode(value);
  if (encoding === 'double') return uriEncode(uriEncode(value));
  return value;
};
export const encoding = fc.constantFrom('raw', 'encoded', 'double') as fc.Arbitrary<'raw' | 'encoded' | 'double'>;
export const junkSegment: fc.Arbitrary<string> = fc.tuple(
  fc.oneof({ arbitrary: fc.constantFrom(...PATH_TRICKS), weight: 3 }, { arbitrary: hostileText, weight: 1 }),
  encoding,
).map(([value, how]) => segment(value, how));

// ---------------------------------------------------------------------------------------------
// Bodies

export type Fields = Array<[string, string]>;

export type BodyRecipe =
  | { kind: 'urlencoded'; fields: Fields }
  | { kind: 'multipart'; fields: Fields; withFile: boolean }
  | { kind: 'raw'; contentType: string | undefined; text: string };

/** What may be done to one field of a valid body. */
type Mutation =
  | { field: string; set: string }
  | { field: string; drop: true }
  | { field: string; repeat: string[] };

const mutation = (names: readonly string[], value: fc.Arbitrary<string>): fc.Arbitrary<Mutation> => fc.oneof(
  { arbitrary: fc.record({ field: fc.constantFrom(...names), set: value }), weight: 6 },
  { arbitrary: fc.record({ field: fc.constantFrom(...names), drop: fc.constant(true as const) }), weight: 1 },
  { arbitrary: fc.record({ field: fc.constantFrom(...names), repeat: fc.array(value, { minLength: 2, maxLength: 3 }) }), weight: 1 },
);

const EXTRA_NAMES = ['__proto__', 'constructor', 'prototype', 'a[b]', 'note[]', 'status', 'engagementId', 'by', 'id', '', ' ', '\u0000', '<script>', 'x'.repeat(300)];
const extraField: fc.Arbitrary<[string, string]> = fc.tuple(fc.oneof(fc.constantFrom(...EXTRA_NAMES), fc.string({ maxLength: 12 })), hostileText);

/** Text no text field takes: blank, with control characters, or too long. */
export const invalidText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', '   ', '\t\n', '\u0000', 'a\u0000b', 'ring\u0007bell', 'esc\u001B[31m', 'del\u007F', '\u0085'),
  fc.integer({ min: 5_001, max: 20_000 }).map((n) => 'y'.repeat(n)),
  hugeText,
);

/**
 * How to spoil a valid form: `strict` fields, one of which always gets a `strictValue` (so
 * that a form with one answer per link is seldom accepted and its checks keep being attacked),
 * then up to three fields (any of them) set to `value`, dropped or repeated.
 */
export interface Spoil {
  value?: fc.Arbitrary<string>;
  strict?: readonly string[];
  strictValue?: fc.Arbitrary<string>;
}

/**
 * A valid form, spoiled as `spoil` says, maybe with extra fields (a few, or more than the 200 a
 * form may have); encoded as a browser would, as multipart, or as something that is not a
 * readable form.
 */
export function formBody(valid: Record<string, string | string[]>, spoil: Spoil = {}): fc.Arbitrary<BodyRecipe> {
  const names = Object.keys(valid);
  const value = spoil.value ?? hostileText;
  const first: fc.Arbitrary<Mutation[]> = spoil.strict
    ? fc.record({ field: fc.constantFrom(...spoil.strict), set: spoil.strictValue ?? nearMiss }).map((m) => [m])
    : fc.constant([]);
  const fields = fc.tuple(
    first,
    fc.array(mutation(names, value), { minLength: spoil.strict ? 0 : 1, maxLength: 3 }),
    fc.oneof({ arbitrary: fc.constant([] as Array<[string, string]>), weight: 6 }, { arbitrary: fc.array(extraField, { maxLength: 3 }), weight: 2 }, {
      arbitrary: fc.constant(Array.from({ length: 250 }, (_, i): [string, string] => [`extra${i}`, '<b>x</b>'])), weight: 1,
    }),
  ).map(([forced, mutations, extra]) => {
    const form = new Map<string, string[]>(Object.entries(valid).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
    for (const m of [...mutations, ...forced]) {
      if ('set' in m) form.set(m.field, [m.set]);
      else if ('drop' in m) form.delete(m.field);
      else form.set(m.field, m.repeat);
    }
    const list: Fields = [...form].flatMap(([k, vs]) => vs.map((v): [string, string] => [k, v]));
    return [...list, ...extra];
  });
  return fc.oneof(
    { arbitrary: fields.map((f): BodyRecipe => ({ kind: 'urlencoded', fields: f })), weight: 12 },
    { arbitrary: fc.tuple(fields, fc.boolean()).map(([f, withFile]): BodyRecipe => ({ kind: 'multipart', fields: f, withFile })), weight: 2 },
    { arbitrary: notAForm(valid), weight: 2 },
  );
}

/** Bodies that claim or seem to be a form and are not, or are over the size limit. */
function notAForm(valid: Record<string, string | string[]>): fc.Arbitrary<BodyRecipe> {
  const plain = new URLSearchParams(Object.entries(valid).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x): [string, string] => [k, x]))).toString();
  return fc.oneof(
    fc.constantFrom<BodyRecipe>(
      { kind: 'raw', contentType: 'multipart/form-data; boundary=nope', text: '--x\r\nbroken' },
      { kind: 'raw', contentType: 'multipart/form-data', text: plain },
      { kind: 'raw', contentType: 'application/json', text: JSON.stringify(valid) },
      { kind: 'raw', contentType: 'text/plain', text: plain },
      { kind: 'raw', contentType: undefined, text: plain },
      { kind: 'raw', contentType: 'application/x-www-form-urlencoded; charset=utf-16', text: plain },
      { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: `${plain}&note=%ED%A0%80%FF%FE%C0%AF` },
      { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: `${plain}&note=%&%zz=%` },
      { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: '&&&===&' },
      { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: '' },
      { kind: 'raw', contentType: 'APPLICATION/X-WWW-FORM-URLENCODED', text: plain },
    ),
    hugeText.map((text): BodyRecipe => ({ kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: `${plain}&note=${uriEncode(text)}` })),
  );
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path into a JSON value ("client", "client.email", "milestones.0.due"…). */
function pathsOf(value: Json, prefix = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return [path, ...pathsOf(child, path)];
  });
}

/** A copy of `value` with `path` set to `to` (or deleted, for undefined); an own property even for "__proto__". */
function setPath(value: Json, path: string, to: unknown): Json {
  const copy = JSON.parse(JSON.stringify(value)) as Json;
  const keys = path.split('.');
  let node = copy as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== 'object') return copy;
    node = next as Record<string, unknown>;
  }
  const last = keys.at(-1) as string;
  if (to === undefined) delete node[last];
  else Object.defineProperty(node, last, { value: to, enumerable: true, writable: true, configurable: true });
  return copy;
}

/**
 * A valid JSON body with one to three of its fields (at any depth) set to hostile text or a
 * wrong type, dropped, or added; `strict` fields, one of which always gets a `strictValue`; or
 * no object at all, not JSON, over the size limit, or sent as something else.
 */
export function jsonBody(valid: Json, spoil: Omit<Spoil, 'strictValue'> & { strictValue?: fc.Arbitrary<unknown> } = {}): fc.Arbitrary<BodyRecipe> {
  const paths = pathsOf(valid);
  const value = spoil.value ?? hostileText;
  const field = fc.oneof({ arbitrary: fc.constantFrom(...paths), weight: 5 }, { arbitrary: fc.constantFrom(...EXTRA_NAMES), weight: 1 });
  const change = fc.tuple(field, fc.oneof({ arbitrary: value as fc.Arbitrary<unknown>, weight: 3 }, { arbitrary: wrongType, weight: 2 }, { arbitrary: fc.constant(undefined), weight: 1 }));
  const forced: fc.Arbitrary<Array<[string, unknown]>> = spoil.strict
    ? fc.tuple(fc.constantFrom(...spoil.strict), spoil.strictValue ?? fc.oneof(nearMiss as fc.Arbitrary<unknown>, wrongType)).map((c) => [c])
    : fc.constant([]);
  const changed = fc.tuple(fc.array(change, { minLength: spoil.strict ? 0 : 1, maxLength: 3 }), forced)
    .map(([changes, strict]) => JSON.stringify([...changes, ...strict].reduce<Json>((body, [path, to]) => setPath(body, path, to), valid)));
  const notAnObject = fc.oneof(
    wrongType.map((v) => JSON.stringify(v) ?? 'null'),
    fc.constantFrom('', 'not json', '{', '{"a":1,}', "{'a':1}", '[1,2', '\uFEFF{}', 'NaN', '{"a":1}{"b":2}', '['.repeat(5000) + ']'.repeat(5000)),
    hugeText.map((t) => JSON.stringify({ ...(valid as Record<string, Json>), padding: t })),
  );
  const plain = JSON.stringify(valid);
  return fc.oneof(
    { arbitrary: changed.map((text): BodyRecipe => ({ kind: 'raw', contentType: 'application/json', text })), weight: 10 },
    { arbitrary: notAnObject.map((text): BodyRecipe => ({ kind: 'raw', contentType: 'application/json', text })), weight: 2 },
    {
      arbitrary: fc.constantFrom<BodyRecipe>(
        { kind: 'raw', contentType: 'application/x-www-form-urlencoded', text: 'title=x&client=y' },
        { kind: 'raw', contentType: 'text/plain', text: plain },
        { kind: 'raw', contentType: undefined, text: plain },
        { kind: 'raw', contentType: 'application/json; charset=latin1', text: plain },
        { kind: 'raw', contentType: 'application/json', text: plain.replace(/"[^"]*"/, '"\\ud800"') },
      ),
      weight: 1,
    },
  );
}

export function encodeBody(recipe: BodyRecipe): { body: string | FormData; headers: Record<string, string> } {
  if (recipe.kind === 'urlencoded') {
    return { body: new URLSearchParams(recipe.fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  if (recipe.kind === 'multipart') {
    const form = new FormData();
    for (const [name, value] of recipe.fields) form.append(name, value);
    if (recipe.withFile) form.append('note', new Blob(['<script>alert(1)</script>'], { type: 'text/html' }), '../../evil.html');
    return { body: form, headers: {} };
  }
  return { body: recipe.text, headers: recipe.contentType === undefined ? {} : { 'content-type': recipe.contentType } };
}

// ---------------------------------------------------------------------------------------------
// Who is asking

/** The development identities, and people who are not one of them. */
export const PEOPLE = ['alice', 'boris', 'hana', 'nobody', 'anonymous', 'forged', 'expired', 'garbage', 'alg-none', 'huge', 'wrong-place', 'doubled', 'stale-refresh'] as const;
export type Who = (typeof PEOPLE)[number];

/** Mostly people who may not act, so that the rare allowed request still gets through now and then. */
export const who = (allowed: readonly Who[]): fc.Arbitrary<Who> => (allowed.length === 0 ? fc.constantFrom(...PEOPLE) : fc.oneof(
  { arbitrary: fc.constantFrom(...allowed), weight: 5 },
  { arbitrary: fc.constantFrom(...PEOPLE), weight: 3 },
));

/** Latin-1 text without line breaks: anything a raw HTTP client can put in a header. */
export const headerJunk: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xFF }).filter((c) => c !== 0x7F).map((c) => String.fromCharCode(c)), maxLength: 60 }),
  fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b', 'Bearer ..', 'Basic YWxpY2U6cGFzcw==', 'bearer x.y.z', 'Bearer\tx.y.z', 'session=%E0%A4%A', 'session=%', 'session="x"'),
);

// ---------------------------------------------------------------------------------------------
// Client links

export const PURPOSES = ['kickoff', 'confirm', 'status', 'survey', 'scope', 'shift'] as const;

export type LinkRecipe =
  | { kind: 'valid' }
  | { kind: 'flip-signature'; at: number }
  | { kind: 'flip-body'; at: number }
  | { kind: 'other-key-version'; version: string }
  | { kind: 'other-secret' }
  | { kind: 'spliced' }
  | { kind: 'expired'; secondsAgo: number }
  | { kind: 'other-purpose'; purpose: (typeof PURPOSES)[number] }
  | { kind: 'no-such-request' }
  | { kind: 'extended' }
  | { kind: 'junk'; token: string }
  | { kind: 'suffix'; suffix: string };

/** Mostly the real link (so the form behind it is what gets attacked), else a forged or stale one. */
export const link: fc.Arbitrary<LinkRecipe> = fc.oneof(
  { arbitrary: fc.constant<LinkRecipe>({ kind: 'valid' }), weight: 12 },
  { arbitrary: fc.nat(200).map((at): LinkRecipe => ({ kind: 'flip-signature', at })), weight: 1 },
  { arbitrary: fc.nat(200).map((at): LinkRecipe => ({ kind: 'flip-body', at })), weight: 1 },
  { arbitrary: fc.constantFrom('2', '0', '01', '9999').map((version): LinkRecipe => ({ kind: 'other-key-version', version })), weight: 1 },
  { arbitrary: fc.constant<LinkRecipe>({ kind: 'other-secret' }), weight: 1 },
  { arbitrary: fc.constant<LinkRecipe>({ kind: 'spliced' }), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 400 * 86_400 }).map((secondsAgo): LinkRecipe => ({ kind: 'expired', secondsAgo })), weight: 1 },
  { arbitrary: fc.constantFrom(...PURPOSES).map((purpose): LinkRecipe => ({ kind: 'other-purpose', purpose })), weight: 1 },
  { arbitrary: fc.constant<LinkRecipe>({ kind: 'no-such-request' }), weight: 1 },
  { arbitrary: fc.constant<LinkRecipe>({ kind: 'extended' }), weight: 1 },
  { arbitrary: junkSegment.map((token): LinkRecipe => ({ kind: 'junk', token })), weight: 1 },
  { arbitrary: fc.constantFrom('%00', '%2F..%2F..', '/..', '.', '..', 'x', '%20', '%0d%0a', ';', '.sig', '=').map((suffix): LinkRecipe => ({ kind: 'suffix', suffix })), weight: 1 },
);

/** `?lang=` and friends: mostly nothing, sometimes a language, sometimes junk or several. */
export const query: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constant(''), weight: 6 },
  { arbitrary: fc.constantFrom('?lang=ru', '?lang=en', '?lang=de', '?lang=ru&lang=en', '?lang[]=ru', '?lang=%00', '?lang=' + 'r'.repeat(5000)), weight: 2 },
  { arbitrary: hostileText.map((t) => `?lang=${uriEncode(t)}`), weight: 1 },
);
