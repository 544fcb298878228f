import { factsOf, instantMs, type Timed } from '../functions/domain/drift/log.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const now = big.now.getTime();
function time(label: string, fn: () => unknown) { for (let i = 0; i < 20; i++) fn(); const t = performance.now(); for (let i = 0; i < 200; i++) fn(); console.log(label.padEnd(22), ((performance.now() - t) / 200).toFixed(2)); }
const byTime = (a: Timed, b: Timed) => a.ms - b.ms || (a.e.id < b.e.id ? -1 : a.e.id > b.e.id ? 1 : 0);
function v1() { const all: Timed[] = []; let last: Timed | undefined; let sorted = true; for (const e of big.events) { const ms = instantMs(e.at); if (!(ms <= now)) continue; const t = { ms, e }; if (last && byTime(last, t) > 0) sorted = false; all.push(t); last = t; } return sorted ? all : []; }
function v2() { const m = new Map<string, number>(); let k = 0; for (const e of big.events) { if (e.type === 'email-sent') { if (!m.has(e.messageId)) m.set(e.messageId, 1); } k++; } return k + m.size; }
function v3() { let k = 0; const s = new Set(['a', 'b']); for (const e of big.events) { if (e.type === 'email-sent' && !s.has(e.purpose)) k++; } return k; }
function v4() { let k = 0; for (const e of big.events) { if (e.type === 'email-sent' || e.type === 'touchpoint-recorded') k += e.kind.length; } return k; }
for (let r = 0; r < 2; r++) {
  time('v1 sorted check', v1);
  time('v2 map messageId', v2);
  time('v3 set purpose', v3);
  time('v4 kind', v4);
  time('factsOf', () => factsOf(big.events, now));
}
