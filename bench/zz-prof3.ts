import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 200, 42);
const fast = new Function('o', 'return %HasFastProperties(o)') as (o: object) => boolean;
console.log(big.events.slice(0, 20).map((e) => fast(e)).join(','));
const j = JSON.parse(JSON.stringify(big.events));
console.log(j.slice(0, 20).map((e: object) => fast(e)).join(','));
