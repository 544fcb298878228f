import { contextOf } from '../functions/domain/drift/context.js';
import { analyse } from '../functions/domain/drift/analyse.js';
import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const ctx = contextOf(big)!;
for (let i = 0; i < 500; i++) analyse(ctx);
