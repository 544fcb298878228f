/**
 * What happens to each engagement of the fault suite, drawn from a seeded generator so a run
 * can be repeated (`FAULT_SEED`): how and when the client answers (at once, or racing a
 * timeout or the close of the kickoff), whether they correct their answer and when, whether a
 * delivery follows, and which faults hit it: steps that fail before or after their work
 * (Task retries), SES throttling, a send whose Lambda dies after SES accepted it, a step that
 * fails beyond its retries until it is fixed and the execution redriven, duplicated and
 * reordered SES events, a late bounce.
 */

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Answering =
  /** Answers as soon as the invite arrives. */
  | 'at-once'
  /** Answers just as the first wait times out, before the workflow checks the table. */
  | 'as-the-wait-times-out'
  /** Answers while the workflow checks the table after the first timeout. */
  | 'racing-the-timeout'
  /** Answers just before the workflow closes the unanswered kickoff. */
  | 'as-the-kickoff-closes'
  /** Never answers: reminder, escalation, closed. */
  | 'never';

export type Correction =
  | 'none'
  /** Corrects through the "what we heard" link while the window is open. */
  | 'in-the-window'
  /** Corrects just as the correction wait times out, before the workflow checks the table. */
  | 'as-the-window-times-out'
  /** Corrects just before the workflow records the expectations as agreed. */
  | 'as-the-window-closes';

export type Step =
  | 'send-kickoff-invite' | 'wait-for-client' | 'check-client-answer' | 'escalate-kickoff' | 'send-what-we-heard' | 'finish-kickoff'
  | 'plan-engagement-step' | 'carry-out-engagement-step' | 'wait-for-engagement-news';

export interface TransientStepFault { step: Step; when: 'before' | 'after'; error: string; times: number }
export interface SesFault { purpose: 'kickoff-invite' | 'what-we-heard' | 'confirmation-request' | 'manager-alert'; fault: 'throttled' | 'dies-after-send'; times: number }
/** Fails beyond the Task's retries until the operator fixes it, then the execution is redriven. */
export type PersistentFault =
  | { kind: 'step'; step: Step; workflow: 'kickoff' | 'engagement'; error: string }
  | { kind: 'ses-rejected'; purpose: 'kickoff-invite' | 'what-we-heard' | 'confirmation-request'; workflow: 'kickoff' | 'engagement' };

export interface FaultPlan {
  index: number;
  answering: Answering;
  /** The first answer is submitted twice at once (a double click). */
  doubleSubmit: boolean;
  correction: Correction;
  /** A delivery follows the kickoff; the client confirms it and the engagement closes out. */
  delivery: boolean;
  stepFaults: TransientStepFault[];
  sesFaults: SesFault[];
  persistent?: PersistentFault;
  /** How this engagement's SES events reach the recorder. */
  events: 'as-sent' | 'duplicated' | 'out-of-order';
  /** The invite bounces late (after it was delivered), and the bounce arrives before the delivery. */
  lateBounce: boolean;
}

const pickOne = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function weighted<T extends string>(random: () => number, weights: Record<T, number>): T {
  const total = Object.values<number>(weights).reduce((a, b) => a + b, 0);
  let roll = random() * total;
  for (const [value, weight] of Object.entries<number>(weights)) {
    roll -= weight;
    if (roll < 0) return value as T;
  }
  return Object.keys(weights)[0] as T;
}

const BEFORE_ERRORS = ['Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'ThrottlingException', 'ProvisionedThroughputExceededException'];
const AFTER_ERRORS = ['Lambda.ServiceException', 'Lambda.Unknown', 'Lambda.SdkClientException'];

export function faultPlans(count: number, seed: number): FaultPlan[] {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  return Array.from({ length: count }, (_, index): FaultPlan => {
    const answering = weighted<Answering>(random, {
      'at-once': 72, 'as-the-wait-times-out': 8, 'racing-the-timeout': 8, 'as-the-kickoff-closes': 8, never: 4,
    });
    const answers = answering !== 'never';
    const correction = answers
      ? weighted<Correction>(random, { none: 70, 'in-the-window': 10, 'as-the-window-times-out': 10, 'as-the-window-closes': 10 })
      : 'none';
    const delivery = answers && chance(0.12);

    const steps: Step[] = answers
      ? ['send-kickoff-invite', 'wait-for-client', 'send-what-we-heard', 'finish-kickoff',
        ...(answering === 'at-once' ? [] : ['check-client-answer' as const]),
        ...(delivery ? ['plan-engagement-step' as const, 'carry-out-engagement-step' as const, 'wait-for-engagement-news' as const] : [])]
      : ['send-kickoff-invite', 'wait-for-client', 'check-client-answer', 'escalate-kickoff'];
    const stepFaults: TransientStepFault[] = [];
    if (chance(0.3)) {
      const when = chance(0.5) ? 'before' : 'after';
      stepFaults.push({
        step: pickOne(random, steps), when, error: pickOne(random, when === 'before' ? BEFORE_ERRORS : AFTER_ERRORS), times: 1 + Math.floor(random() * 2),
      });
    }

    const purposes: Array<SesFault['purpose']> = ['kickoff-invite', ...(answers ? ['what-we-heard' as const] : []), ...(delivery ? ['confirmation-request' as const] : [])];
    const sesFaults: SesFault[] = [];
    if (chance(0.15)) sesFaults.push({ purpose: pickOne(random, purposes), fault: 'throttled', times: 1 + Math.floor(random() * 3) });
    if (chance(0.12)) sesFaults.push({ purpose: pickOne(random, purposes), fault: 'dies-after-send', times: 1 });

    let persistent: PersistentFault | undefined;
    if (answers && chance(0.07)) {
      persistent = pickOne<PersistentFault>(random, [
        { kind: 'step', step: 'send-what-we-heard', workflow: 'kickoff', error: 'Lambda.ServiceException' },
        { kind: 'step', step: 'finish-kickoff', workflow: 'kickoff', error: 'Lambda.ServiceException' },
        { kind: 'ses-rejected', purpose: 'what-we-heard', workflow: 'kickoff' },
        { kind: 'ses-rejected', purpose: 'kickoff-invite', workflow: 'kickoff' },
        ...(delivery ? [
          { kind: 'step', step: 'carry-out-engagement-step', workflow: 'engagement', error: 'Lambda.ServiceException' } as const,
          { kind: 'ses-rejected', purpose: 'confirmation-request', workflow: 'engagement' } as const,
        ] : []),
      ]);
    }

    const events = weighted<FaultPlan['events']>(random, { 'as-sent': 70, duplicated: 15, 'out-of-order': 15 });
    const lateBounce = chance(0.05);
    // The manager's alert about the bounce is sent by the event recorder; throttled, the event is delivered again.
    if (lateBounce && chance(0.5)) sesFaults.push({ purpose: 'manager-alert', fault: 'throttled', times: 1 });
    return {
      index,
      answering,
      doubleSubmit: answering === 'at-once' && chance(0.1),
      correction,
      delivery,
      stepFaults,
      sesFaults,
      ...(persistent ? { persistent } : {}),
      events,
      lateBounce,
    };
  });
}
