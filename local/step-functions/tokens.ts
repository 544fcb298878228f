/**
 * Task tokens: their format, the token of the task entry being prepared, and the tasks that
 * wait for SendTaskSuccess/SendTaskFailure.
 *
 * A token is standard base64 (like AWS's, long and opaque) of a marker, 32 random bytes and
 * the execution ARN. Carrying the ARN lets the service tell a finished task (`TaskTimedOut`)
 * from a token it never issued (`TaskDoesNotExist`), even after a restart. Anything that
 * does not decode to that layout is malformed (`InvalidToken`).
 */
import { randomBytes } from 'node:crypto';

const MARKER = Buffer.from([0x01, 0x4c, 0x53, 0x46]);
const RANDOM_BYTES = 32;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function issueTaskToken(executionArn: string): string {
  return Buffer.concat([MARKER, randomBytes(RANDOM_BYTES), Buffer.from(executionArn, 'utf8')]).toString('base64');
}

/** The execution a token belongs to, or undefined when the token is malformed. */
export function executionOfTaskToken(token: string): string | undefined {
  if (!BASE64.test(token) || token.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length <= MARKER.length + RANDOM_BYTES || !bytes.subarray(0, MARKER.length).equals(MARKER)) return undefined;
  const executionArn = bytes.subarray(MARKER.length + RANDOM_BYTES).toString('utf8');
  return executionArn.startsWith('arn:') ? executionArn : undefined;
}

/**
 * The token of the task entry the engine is preparing. The engine evaluates a state's
 * `Parameters` (where `$$.Task.Token` is read) and calls the task handler in one synchronous
 * turn: every `read` in that turn sees the same token, and the handler's `take` claims it so
 * the next entry (a concurrent Map iteration, a retry, a later state) gets a fresh one. A
 * token read but never taken (Parameters failed after reading it) is dropped after the turn.
 */
export interface EntryTokens {
  read(): string;
  take(): string;
}

export function entryTokens(executionArn: string): EntryTokens {
  let current: string | undefined;
  const read = () => {
    if (current === undefined) {
      current = issueTaskToken(executionArn);
      queueMicrotask(() => {
        current = undefined;
      });
    }
    return current;
  };
  return {
    read,
    take: () => {
      const token = read();
      current = undefined;
      return token;
    },
  };
}

export type TaskAnswer = { output: unknown } | { error: string; cause: string | undefined };

/** Tasks waiting for an answer, by token. A token leaves when answered or released. */
export class PendingTasks {
  private readonly waiting = new Map<string, (answer: TaskAnswer) => void>();

  wait(token: string): Promise<TaskAnswer> {
    return new Promise((resolve) => this.waiting.set(token, resolve));
  }

  isWaiting(token: string): boolean {
    return this.waiting.has(token);
  }

  /** False when nothing waits for this token (never issued, already answered, timed out, stopped). */
  answer(token: string, answer: TaskAnswer): boolean {
    const resolve = this.waiting.get(token);
    if (!resolve) return false;
    this.waiting.delete(token);
    resolve(answer);
    return true;
  }

  /** The task stopped waiting (timeout, execution ended); its token is closed from now on. */
  release(token: string): void {
    this.waiting.delete(token);
  }
}
