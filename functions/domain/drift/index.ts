/**
 * The drift engine: how far an engagement drifts from what its client said they expect.
 *
 * - `evaluate(input)` → the report now: findings (each citing the client's own words and the
 *   events that break them), a 0–100 score per dimension and overall, and the deductions
 *   behind every point lost;
 * - `scoreHistory(input)` → that score at every moment it could have changed;
 * - `upcoming(input)` → promises about to break, with their deadlines;
 * - `explainEn(finding)` → one English sentence for a finding.
 *
 * Score, in short: each dimension (process, pace, channels, outcome, scope) starts at 100 and
 * each of its findings takes 5 (low), 10 (medium) or 20 (high) points, oldest first, down to 0;
 * a silence instead takes 1 point per full day beyond the cadence plus 2 per full day beyond
 * the longest accepted silence. Overall is the rounded mean of the five.
 *
 * Contract: pure and deterministic; "now" is an argument; the order of the log never matters.
 * The rules, thresholds and score formula are written down in docs/drift-score.md.
 *
 * Cost: the log is read once (log.ts), each event's instant parsed once and each finding's
 * instants written once (instants.ts); the rules then walk only the facts they need.
 * bench/drift-engine.ts measures it against its targets: within 2× of a bare pass over the
 * events, and a portfolio of 5,000 engagements × 200 events in under a second on one core.
 *
 * Allocation: what lives as long as an evaluation is made by a class (each event's `Timed`,
 * the records that join a message's, question's or scope request's events, each `Drift`) or
 * copied from a literal (`[item].slice()`, `{ ...x }`, `list.map`); so are each finding's
 * public parts, once it is built (drift.ts). V8 watches what every object and array literal
 * makes (its "allocation site"): when most of it is still alive at a minor GC, as an
 * evaluation's objects are while it runs, V8 allocates all later ones straight into the old
 * generation. Every report then dies there, and until a full GC collects it, each minor GC
 * copies every young object it points at: that doubled the cost of an evaluation. Class
 * instances and copies have no site; the rules' own literals die young, so V8 leaves them be.
 * Reports stay plain objects. Long loops index their arrays: for…of allocated an iterator
 * result at every step of them.
 */
export { evaluate } from './evaluate.js';
export { scoreHistory } from './history.js';
export { upcoming } from './upcoming.js';
export { explainEn } from './explain-en.js';
export { SEVERITY_POINTS } from './drift.js';
export { SILENCE_POINTS_PER_DAY } from './rules/silence.js';
export { BADLY_LATE_MS } from './rules/late-delivery.js';
export { SCOPE_GRACE_WORKING_DAYS } from './deadlines.js';
export type { CitedField } from './terms.js';
export * from './types.js';
