import { evaluate, upcoming } from '../functions/domain/drift/index.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const t = performance.now();
for (let i = 0; i < 100; i++) evaluate(big);
console.log('evaluate', (performance.now() - t) / 100);
const t2 = performance.now();
for (let i = 0; i < 100; i++) upcoming(big);
console.log('upcoming', (performance.now() - t2) / 100);
