import { factsOf, instantMs, type Timed } from '../functions/domain/drift/log.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const now = big.now.getTime();
function time(label: string, fn: () => unknown) { for (let i = 0; i < 10; i++) fn(); const t = performance.now(); for (let i = 0; i < 50; i++) fn(); console.log(label.padEnd(22), ((performance.now() - t) / 50).toFixed(2)); }
for (let round = 0; round < 2; round++) {
time('bare', () => { const counts = new Map<string, number>(); let latest = 0; for (const e of big.events) { const ms = Date.parse(e.at); if (ms > latest) latest = ms; counts.set(e.type, (counts.get(e.type) ?? 0) + 1); } return counts.size + latest; });
time('a instantMs', () => { let s = 0; for (const e of big.events) s += instantMs(e.at); return s; });
time('b +alloc', () => { const all: Timed[] = []; for (const e of big.events) { const ms = instantMs(e.at); if (!(ms <= now)) continue; all.push({ ms, e }); } return all; });
time('c +type', () => { const all: Timed[] = []; let n = 0; for (const e of big.events) { const ms = instantMs(e.at); if (!(ms <= now)) continue; all.push({ ms, e }); if (e.type === 'email-sent') n++; } return n; });
time('factsOf', () => factsOf(big.events, now));
}
