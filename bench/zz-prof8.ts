import { factsOf, instantMs } from '../functions/domain/drift/log.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const now = big.now.getTime();
function time(label: string, fn: () => unknown) { for (let i = 0; i < 20; i++) fn(); const t = performance.now(); for (let i = 0; i < 100; i++) fn(); console.log(label.padEnd(22), ((performance.now() - t) / 100).toFixed(2)); }
function indexed() {
  const ev = big.events; const n = ev.length; const times = new Float64Array(n);
  const emails: number[] = []; const outcomes: number[] = []; const touch: number[] = []; const other: number[] = [];
  for (let i = 0; i < n; i++) { const e = ev[i]!; times[i] = instantMs(e.at); switch (e.type) { case 'email-sent': if (e.recipient === 'client') emails.push(i); break; case 'email-outcome': outcomes.push(i); break; case 'touchpoint-recorded': touch.push(i); break; default: other.push(i); } }
  return emails.length + outcomes.length + touch.length + other.length + times[0]!;
}
function timedGroups() {
  const ev = big.events; const n = ev.length;
  const all: Array<{ ms: number; e: (typeof ev)[number] }> = [];
  const emails: unknown[] = []; const outcomes: unknown[] = []; const touch: unknown[] = []; const other: unknown[] = [];
  for (let i = 0; i < n; i++) { const e = ev[i]!; const t = { ms: instantMs(e.at), e }; all.push(t); switch (e.type) { case 'email-sent': if (e.recipient === 'client') emails.push(t); break; case 'email-outcome': outcomes.push(t); break; case 'touchpoint-recorded': touch.push(t); break; default: other.push(t); } }
  return emails.length + outcomes.length + touch.length + other.length + all.length;
}
for (let r = 0; r < 3; r++) {
  time('timedGroups', timedGroups);
  time('bare', () => { const counts = new Map<string, number>(); let latest = 0; for (const e of big.events) { const ms = Date.parse(e.at); if (ms > latest) latest = ms; counts.set(e.type, (counts.get(e.type) ?? 0) + 1); } return counts.size + latest; });
  time('indexed', indexed);
  time('factsOf', () => factsOf(big.events, now));
}
