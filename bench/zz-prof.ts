import { evaluate, upcoming } from '../functions/domain/drift/index.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
for (let i = 0; i < 10; i++) evaluate(big);
const t = performance.now();
for (let i = 0; i < 100; i++) evaluate(big);
console.log('evaluate', (performance.now() - t) / 100);
const t2 = performance.now();
for (let i = 0; i < 100; i++) upcoming(big);
console.log('upcoming', (performance.now() - t2) / 100);
function barePass(events: typeof big.events): number { const counts = new Map<string, number>(); let latest = 0; for (const e of events) { const ms = Date.parse(e.at); if (ms > latest) latest = ms; counts.set(e.type, (counts.get(e.type) ?? 0) + 1); } return counts.size + latest; }
for (let i = 0; i < 10; i++) barePass(big.events);
const t3 = performance.now();
for (let i = 0; i < 100; i++) barePass(big.events);
console.log('bare', (performance.now() - t3) / 100);
