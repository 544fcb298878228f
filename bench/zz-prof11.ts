import { instantMs, type Timed, type Facts } from '../functions/domain/drift/log.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const now = big.now.getTime();
function time(label: string, fn: () => unknown) { for (let i = 0; i < 20; i++) fn(); const t = performance.now(); for (let i = 0; i < 200; i++) fn(); console.log(label.padEnd(22), ((performance.now() - t) / 200).toFixed(2)); }
const byTime = (a: Timed, b: Timed) => a.ms - b.ms || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0);
function push<K, V>(map: Map<K, V[]>, key: K, value: V): void { const list = map.get(key); if (list) list.push(value); else map.set(key, [value]); }
const emptyFacts = (all: Timed[]): Facts => ({
  all, informational: [], contacts: [], clientEmails: [], failedMessages: new Map(), arrivals: [],
  deliveries: new Map(), verdicts: new Map(), shifts: new Map(), questions: new Map(), answers: new Map(),
  scopeRequests: new Map(), scopeDecisions: [], decisionsByRequest: new Map(), announcements: new Map(),
});
function passOnly() { const facts = emptyFacts([]); let sorted = true; let last: Timed | undefined;
  for (const e of big.events) { const ms = instantMs(e.at); if (!(ms <= now)) continue; const t: Timed = { ms, e }; if (last && byTime(last, t) > 0) sorted = false; facts.all.push(t); last = t; }
  return sorted; }
function withSwitch(full: boolean) { const facts = emptyFacts([]); let sorted = true; let last: Timed | undefined; let k = 0;
  for (const e of big.events) { const ms = instantMs(e.at); if (!(ms <= now)) continue; const t: Timed = { ms, e }; if (last && byTime(last, t) > 0) sorted = false; facts.all.push(t); last = t;
    switch (e.type) {
      case 'email-sent': if (e.recipient !== 'client') break; if (full) { facts.clientEmails.push(t as never); if (e.kind === 'informational') facts.informational.push(t); facts.contacts.push({ t, kind: e.kind, channel: 'email' }); } else k++; break;
      case 'email-outcome': if (full) facts.arrivals.push(t as never); else k++; break;
      case 'touchpoint-recorded': if (full) { if (e.kind === 'informational') facts.informational.push(t); facts.contacts.push({ t, kind: e.kind, channel: e.channel }); } else k++; break;
      case 'client-question': if (full) { if (!facts.questions.has(e.questionId)) facts.questions.set(e.questionId, t as never); } else k++; break;
      case 'question-answered': if (full) push(facts.answers, e.questionId, t as never); else k++; break;
      case 'scope-request-recorded': if (full) { if (!facts.scopeRequests.has(e.scopeRequestId)) facts.scopeRequests.set(e.scopeRequestId, t as never); } else k++; break;
      case 'scope-decision-recorded': if (full) { facts.scopeDecisions.push(t as never); push(facts.decisionsByRequest, e.scopeRequestId, t as never); } else k++; break;
      case 'scope-decision-announced': if (full) push(facts.announcements, e.scopeRequestId, t as never); else k++; break;
      default: k++;
    } }
  return sorted ? k : -1; }
for (let r = 0; r < 2; r++) { time('passOnly', passOnly); time('switch, no filing', () => withSwitch(false)); time('switch, filing', () => withSwitch(true)); }
