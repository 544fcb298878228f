import { factsOf } from '../functions/domain/drift/log.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const now = big.now.getTime();
function time(label: string, fn: () => unknown) { for (let i = 0; i < 10; i++) fn(); const t = performance.now(); for (let i = 0; i < 100; i++) fn(); console.log(label, ((performance.now() - t) / 100).toFixed(2)); }
time('factsOf', () => factsOf(big.events, now));
time('pass1', () => { const all = []; for (const e of big.events) { const ms = Date.parse(e.at); if (!(ms <= now)) continue; all.push({ ms, e }); } return all; });
time('parse only', () => { let s = 0; for (const e of big.events) s += Date.parse(e.at); return s; });
time('bare', () => { const counts = new Map<string, number>(); let latest = 0; for (const e of big.events) { const ms = Date.parse(e.at); if (ms > latest) latest = ms; counts.set(e.type, (counts.get(e.type) ?? 0) + 1); } return counts.size + latest; });
