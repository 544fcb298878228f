/**
 * A client's questions and the manager's answers, read from the log, and the time by which the
 * client expects an answer (their stated response time), so a slow answer can be measured.
 */
import type { EngagementEvent } from './events.js';

const HOUR_MS = 3_600_000;

export interface Question {
  questionId: string;
  text: string;
  askedAt: string;
  answer?: string;
  answeredAt?: string;
}

/** The client's questions with their answers, from the log. */
export function questionsOf(events: readonly EngagementEvent[]): Question[] {
  const questions = new Map<string, Question>();
  for (const e of events) {
    if (e.type === 'client-question') questions.set(e.questionId, { questionId: e.questionId, text: e.text, askedAt: e.at });
  }
  for (const e of events) {
    const question = e.type === 'question-answered' ? questions.get(e.questionId) : undefined;
    if (question && e.type === 'question-answered') {
      question.answeredAt = e.at;
      if (e.text) question.answer = e.text;
    }
  }
  return [...questions.values()];
}

/** By when the client expects an answer: their stated response time, else a day. */
export function respondBy(responseTimeHours: number | undefined, askedAt: string): string {
  return new Date(Date.parse(askedAt) + (responseTimeHours ?? 24) * HOUR_MS).toISOString();
}
