/**
 * Named errors of the domain. Edges map them in one place each: `http/errors.ts` to status
 * codes and pages, handlers to ASL error names (the `name` is what a Catch or Retry sees).
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Input broke a rule; `issues` name each field and the rule it broke. */
export class InvalidInput extends DomainError {
  constructor(readonly issues: FieldIssue[]) {
    super('InvalidInput', issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

export class NotFound extends DomainError {
  constructor(what: string) {
    super('NotFound', `${what} was not found`);
  }
}

/** The client already answered this request; nothing more happens. */
export class AlreadyAnswered extends DomainError {
  constructor(readonly requestId: string) {
    super('AlreadyAnswered', `request ${requestId} was already answered`);
  }
}

/**
 * The engagement's state does not allow this now: a request already decided otherwise, a
 * closed engagement, a rule the client has not stated yet. The message says which.
 */
export class Conflict extends DomainError {
  constructor(message: string) {
    super('Conflict', message);
  }
}

/** The request no longer takes answers (the workflow moved on or gave up). */
export class RequestClosed extends DomainError {
  constructor(readonly requestId: string) {
    super('RequestClosed', `request ${requestId} is closed`);
  }
}

/** A guarded action is being done by another attempt right now; retry later. */
export class InProgress extends DomainError {
  constructor(what: string) {
    super('InProgress', `${what} is in progress elsewhere`);
  }
}

/** A stored item did not match its schema: data corruption or a schema drift, never user error. */
export class CorruptItem extends DomainError {
  constructor(key: string, detail: string) {
    super('CorruptItem', `stored item ${key} is invalid: ${detail}`);
  }
}
