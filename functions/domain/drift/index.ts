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
