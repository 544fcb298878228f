import { contextOf } from '../functions/domain/drift/context.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
for (let i = 0; i < 300; i++) contextOf(big);
const t = performance.now();
for (let i = 0; i < 100; i++) contextOf(big);
console.log('contextOf', (performance.now() - t) / 100);
const t3 = performance.now();
for (let i = 0; i < 100; i++) { const counts = new Map<string, number>(); let latest = 0; for (const e of big.events) { const ms = Date.parse(e.at); if (ms > latest) latest = ms; counts.set(e.type, (counts.get(e.type) ?? 0) + 1); } if (counts.size + latest < 0) console.log('x'); }
console.log('bare', (performance.now() - t3) / 100);
