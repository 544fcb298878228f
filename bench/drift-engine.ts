/**
 * Figures for the drift engine, measured in one run on this machine; printed, never asserted.
 *
 * - one engagement with 10,000 events: `evaluate` beside a bare linear pass over the same
 *   events (read each event's time and type, count by type), and their ratio (target ≤ 2×);
 * - `scoreHistory` and `upcoming` on that engagement, and how many points the history has;
 * - a portfolio of 5,000 engagements × 200 events, evaluated one after another on one core
 *   (target < 1 s), beside the bare pass over the same million events.
 *
 * `driftEngineFigures()` returns the rows for `bench/run.ts`; run this file directly
 * (`npx tsx bench/drift-engine.ts`) to print them alone. The logs are synthetic but shaped
 * like real ones, from a fixed seed so runs compare, and parsed from JSON as a log read from
 * storage would be: half emails (mostly informational, 3 % failing) each with its outcome,
 * recorded calls and meetings, questions and answers, scope requests with decisions,
 * milestones delivered around their due dates (15 % moved) and confirmed; 92 % of contact
 * falls in the client's working week. Some of it drifts, as real engagements do.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Engagement } from '../functions/domain/engagement.js';
import type { EngagementEvent } from '../functions/domain/events.js';
import type { Expectations } from '../functions/domain/expectations.js';
import type { KickoffAnswer } from '../functions/domain/kickoff.js';
import { evaluate, scoreHistory, upcoming, type DriftInput } from '../functions/domain/drift/index.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse('2026-01-05T08:00:00Z');

const expectations = (updateCadenceDays: number): Expectations => ({
  process: {
    involvement: 'informed', milestoneApprovalRequired: true, decisionMaker: 'Maria Petrova',
    workingHours: { start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'Europe/Berlin' },
  },
  pace: { updateCadenceDays, maxSilenceDays: updateCadenceDays + 3, responseTimeHours: 24, slipNoticeDays: 5, dueDateToleranceDays: 2 },
  channels: { regular: 'meeting', informational: 'email', emergency: 'phone' },
  outcome: { businessResult: 'More online orders', successSignal: 'Orders double', confirmationWindowDays: 5 },
  scope: { bonusUpToHours: 4, largerRequests: 'client-chooses', alwaysDeclined: undefined },
});

/** One engagement's input with exactly `count` events, in time order as a log stores them. */
export function syntheticEngagement(id: string, count: number, seed: number): DriftInput {
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 4_294_967_296;
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = { engagementId: id };
  const events: EngagementEvent[] = [];
  let n = 0;
  const nextId = () => `${id}-e${(n += 1)}`;

  // About 1.5 h between events on average, so 200 events span two weeks and 10,000 two years.
  const span = count * 1.5 * HOUR;
  const milestones = Array.from({ length: Math.min(50, Math.max(2, Math.round(count / 100))) }, (_, i) => ({
    id: `m${i + 1}`, title: `Milestone ${i + 1}`,
    due: iso(START + ((i + 1) / (Math.round(count / 100) + 1)) * span).slice(0, 10),
  }));
  for (const m of milestones) {
    const due = Date.parse(`${m.due}T12:00:00Z`);
    const shifted = random() < 0.15;
    if (shifted) {
      const newDue = iso(due + 7 * DAY).slice(0, 10);
      events.push({ ...base, id: nextId(), at: iso(due - (3 + random() * 7) * DAY), type: 'deadline-shifted', milestoneId: m.id, previousDue: m.due, newDue, reason: 'Waiting for content' });
    }
    const delivered = due + (shifted ? 7 * DAY : 0) + (random() - 0.7) * 4 * DAY;
    events.push({ ...base, id: nextId(), at: iso(delivered), type: 'milestone-delivered', milestoneId: m.id, summary: 'Delivered' });
    if (random() < 0.1) events.push({ ...base, id: nextId(), at: iso(delivered + DAY), type: 'outcome-rejected', milestoneId: m.id, reason: 'not-what-i-needed' });
    events.push({ ...base, id: nextId(), at: iso(delivered + random() * 7 * DAY), type: 'outcome-confirmed', milestoneId: m.id });
  }

  // Most contact happens in the client's working week (Mon–Fri 09:00–18:00 in Berlin); some not.
  const inHours = (ms: number) => {
    if (random() < 0.08) return ms;
    const day = Math.floor(ms / DAY);
    const weekday = (day + 3) % 7; // 0 = Monday
    const workday = weekday < 5 ? day : day + (7 - weekday);
    return workday * DAY + 8 * HOUR + random() * 8 * HOUR;
  };
  let t = START + HOUR;
  while (events.length < count) {
    t += random() * 3 * HOUR;
    const at = inHours(t);
    const roll = random();
    if (roll < 0.5) {
      const messageId = `${id}-msg-${n}`;
      const kind = roll < 0.44 ? 'informational' : roll < 0.49 ? 'regular' : 'emergency';
      events.push({ ...base, id: nextId(), at: iso(at), type: 'email-sent', purpose: kind === 'informational' ? 'status-update' : 'checkpoint-note', recipient: 'client', to: 'maria@example.com', messageId, kind, channel: 'email' });
      const outcome = random() < 0.97 ? 'delivered' : pick(['bounced', 'complained', 'rejected'] as const);
      events.push({ ...base, id: nextId(), at: iso(at + 60_000), type: 'email-outcome', messageId, outcome });
    } else if (roll < 0.7) {
      const kind = pick(['regular', 'regular', 'regular', 'informational', 'emergency'] as const);
      const channel = random() < 0.9 ? ({ regular: 'meeting', informational: 'email', emergency: 'phone' } as const)[kind] : pick(['chat', 'phone'] as const);
      events.push({ ...base, id: nextId(), at: iso(at), type: 'touchpoint-recorded', kind, channel, summary: 'Call', by: 'alice' });
    } else if (roll < 0.85) {
      const questionId = `q${n}`;
      events.push({ ...base, id: nextId(), at: iso(at), type: 'client-question', questionId, text: 'When?' });
      events.push({ ...base, id: nextId(), at: iso(at + random() * 30 * HOUR), type: 'question-answered', questionId, by: 'alice' });
    } else {
      const scopeRequestId = `r${n}`;
      const decision = pick(['bonus', 'extra-pay', 'decline'] as const);
      const decidedAt = at + random() * 3 * DAY;
      events.push({ ...base, id: nextId(), at: iso(at), type: 'scope-request-recorded', scopeRequestId, summary: 'A banner', effortHours: 3, askedBy: 'Maria' });
      events.push({ ...base, id: nextId(), at: iso(decidedAt), type: 'scope-decision-recorded', scopeRequestId, decision, proposed: random() < 0.9 ? decision : 'extra-pay' });
      if (decision === 'bonus') events.push({ ...base, id: nextId(), at: iso(decidedAt + HOUR), type: 'scope-decision-announced', scopeRequestId, asBonus: random() < 0.85 });
    }
  }
  events.length = count;
  events.sort((a, b) => a.at.localeCompare(b.at));

  const answer = (version: number, at: number, cadence: number): KickoffAnswer => ({
    engagementId: id, version, round: version - 1, contactEmail: 'maria@example.com', expectations: expectations(cadence), submittedAt: iso(at),
  });
  const engagement: Engagement = {
    id, title: 'Relaunch', client: { name: 'Maria Petrova', email: 'maria@example.com' },
    manager: { id: 'alice', email: 'alice@agency.example', name: 'Alice' }, locale: 'en', milestones,
    kickoff: { reminderEverySeconds: 259200, maxReminders: 2, maxEscalations: 3, correctionWindowSeconds: 604800 },
    status: 'expectations-agreed', expectationsVersion: 2, createdAt: iso(START - DAY),
  };
  const last = Date.parse(events.at(-1)?.at ?? iso(START));
  // As a log comes back from storage: parsed from JSON, not built in memory.
  const stored = JSON.parse(JSON.stringify({ engagement, answers: [answer(1, START, 7), answer(2, START + span / 2, 3)], events })) as Omit<DriftInput, 'now'>;
  return { ...stored, now: new Date(last + DAY) };
}

/** The floor to compare with: one pass reading each event's time and type, counting types. */
function barePass(events: readonly EngagementEvent[]): number {
  const counts = new Map<string, number>();
  let latest = 0;
  for (const e of events) {
    const ms = Date.parse(e.at);
    if (ms > latest) latest = ms;
    counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  }
  return counts.size + latest;
}

/**
 * Median wall time of each function over `runs` rounds, after one unmeasured round. Rounds
 * interleave the functions, so a busy machine slows them alike and their ratio holds.
 */
function medians(fns: ReadonlyArray<() => unknown>, runs: number): number[] {
  for (const fn of fns) fn();
  const times = fns.map((): number[] => []);
  for (let round = 0; round < runs; round += 1) {
    fns.forEach((fn, i) => {
      const started = performance.now();
      fn();
      times[i]?.push(performance.now() - started);
    });
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)] as number);
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)} ms`;

export async function driftEngineFigures(): Promise<Array<[string, string]>> {
  const rows: Array<[string, string]> = [];
  const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
  const report = evaluate(big);
  const [evaluateMs = 0, bareMs = 1] = medians([() => evaluate(big), () => barePass(big.events)], 31);
  rows.push(['drift: evaluate, 1 engagement × 10,000 events', `${ms(evaluateMs)} (${report.findings.length} findings, score ${report.score})`]);
  rows.push(['drift: bare pass over the same events', ms(bareMs)]);
  rows.push(['drift: evaluate ÷ bare pass (target ≤ 2×)', `${(evaluateMs / bareMs).toFixed(1)}×`]);
  const history = scoreHistory(big);
  const [historyMs = 0, upcomingMs = 0] = medians([() => scoreHistory(big), () => upcoming(big)], 11);
  rows.push(['drift: score history, same engagement', `${ms(historyMs)} (${history.length} points)`]);
  rows.push(['drift: upcoming warnings, same engagement', ms(upcomingMs)]);

  const portfolio = Array.from({ length: 5_000 }, (_, i) => syntheticEngagement(`bench-portfolio-${String(i).padStart(4, '0')}`, 200, i + 1));
  const [portfolioMs = 0, portfolioBareMs = 1] = medians([
    () => { for (const input of portfolio) evaluate(input); },
    () => { for (const input of portfolio) barePass(input.events); },
  ], 5);
  rows.push(['drift: portfolio, 5,000 engagements × 200 events (target < 1 s)', ms(portfolioMs)]);
  rows.push(['drift: bare pass over the portfolio\'s 1,000,000 events', ms(portfolioBareMs)]);
  rows.push(['drift: portfolio ÷ bare pass', `${(portfolioMs / portfolioBareMs).toFixed(1)}×`]);
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await driftEngineFigures();
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\nDrift engine — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}\n`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  console.log();
}
