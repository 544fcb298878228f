/**
 * Shared zod building blocks for text that comes from people: trimmed, bounded, and free of
 * control characters that would corrupt a page or an email header.
 */
import * as z from 'zod';

// Tabs and newlines are fine in long text; other C0/C1 controls never are.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

export const text = (max: number) =>
  z.string().trim().min(1, 'required').max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

export const optionalText = (max: number) =>
  z.string().trim().max(max, `at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters')
    .transform((s) => (s === '' ? undefined : s)).optional();

/** One line (names, titles, subjects): no line breaks at all. */
export const line = (max: number) =>
  text(max).refine((s) => !/[\r\n]/.test(s), 'must be a single line');

export const email = z.string().trim().toLowerCase().max(254, 'at most 254 characters')
  .pipe(z.email('must be an email address'));

export const isoInstant = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();
