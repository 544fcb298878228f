import { syntheticEngagement } from './drift-engine.js';
const big = syntheticEngagement('bench-big-engagement', 10_000, 42);
const ev = big.events;
function time(label: string, fn: () => number) { fn(); fn(); const t = performance.now(); let s = 0; for (let i = 0; i < 50; i++) s += fn(); console.log(label, ((performance.now() - t) / 50).toFixed(3), 'ms', s > 0 ? '' : ' '); }
time('Date.parse(e.at)', () => { let s = 0; for (const e of ev) s += Date.parse(e.at); return s; });
const copies = ev.map((e) => `${e.at}`);
time('Date.parse(copy)', () => { let s = 0; for (const a of copies) s += Date.parse(a); return s; });
time('read type', () => { let s = 0; for (const e of ev) s += e.type.length; return s; });
time('new Date(at).getTime', () => { let s = 0; for (const e of ev) s += new Date(e.at).getTime(); return s; });
const flat = ev.map((e) => ({ at: e.at, type: e.type, id: e.id }));
time('Date.parse(flat.at)', () => { let s = 0; for (const e of flat) s += Date.parse(e.at); return s; });
