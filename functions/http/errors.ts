/**
 * Domain errors to HTTP, in one place. A client never sees a stack trace or a 500 for input
 * it sent: each named error has its status, and unknown errors are logged and answered 500.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import * as z from 'zod';
import { InvalidInput, type FieldIssue } from '../domain/errors.js';

const STATUS_BY_NAME: Record<string, ContentfulStatusCode> = {
  InvalidInput: 400,
  NotFound: 404,
  AlreadyAnswered: 409,
  Conflict: 409,
  RequestClosed: 410,
  InProgress: 503,
};

export function statusOf(error: unknown): ContentfulStatusCode {
  return (error instanceof Error && STATUS_BY_NAME[error.name]) || 500;
}

export function issuesOfZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({
    field: i.path.join('.') || 'body',
    message: i.code === 'invalid_type' && i.input === undefined ? 'required' : i.message,
  }));
}

/** Parses with a schema, or throws `InvalidInput` naming each field and rule. */
export function parseOrInvalid<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InvalidInput(issuesOfZod(parsed.error));
  return parsed.data;
}

/** The JSON body of an error answer: what went wrong, and for bad input, each field. */
export function errorBody(error: unknown): { error: string; message: string; issues?: FieldIssue[] } {
  if (error instanceof InvalidInput) return { error: error.name, message: 'the request has invalid fields', issues: error.issues };
  if (error instanceof Error && STATUS_BY_NAME[error.name]) return { error: error.name, message: error.message };
  return { error: 'InternalError', message: 'something went wrong on our side; it has been logged' };
}
