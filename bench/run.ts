/**
 * `npm run bench`: every figure, measured on this machine in one run, printed as one table
 * (progress goes to stderr). They are printed, never asserted: tests prove behaviour, this
 * measures it. `npm run bench -- --write docs/benchmarks.md` also writes the run, with the
 * machine it ran on, as that Markdown file.
 *
 * - `npm start` as a person runs it: to the twelve-week demo's end and the first kickoff email
 *   (bench/start-up.ts);
 * - the kickoff spine: stack start-up, kickoff email, "what we heard", the form page, links
 *   (bench/kickoff.ts);
 * - the AWS cost of one twelve-week engagement at list price, from counted usage
 *   (bench/cost.ts), then its pages under 200 requests a second (bench/http-load.ts);
 * - the drift pages from DynamoDB Local: the portfolio of 5,000 engagements and one report
 *   (bench/drift-pages.ts);
 * - the drift engine: one engagement of 10,000 events beside a bare pass, and a portfolio
 *   (bench/drift-engine.ts);
 * - each Lambda bundle: its size and its module init time (bench/bundles.ts).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { bundleFigures } from './bundles.js';
import { engagementCostFigures } from './cost.js';
import { driftEngineFigures } from './drift-engine.js';
import { driftPageFigures } from './drift-pages.js';
import { httpLoadFigures } from './http-load.js';
import { kickoffFigures } from './kickoff.js';
import { machine, markdown, progress, table, type Row, type Section } from './report.js';
import { startUpFigures } from './start-up.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values: flags } = parseArgs({ options: { write: { type: 'string' } } });

async function main() {
  const started = performance.now();
  const sections: Section[] = [];
  const measure = async (title: string, figures: () => Promise<Row[]>) => {
    progress(`${title}…`);
    sections.push({ title, rows: await figures() });
  };

  await measure('npm start', startUpFigures);
  await measure('kickoff', kickoffFigures);
  progress('one twelve-week engagement, metered…');
  const { demo, ...cost } = await engagementCostFigures();
  sections.push({ title: 'one twelve-week engagement on AWS, at list price', ...cost });
  try {
    progress('HTTP under load…');
    sections.push({ title: 'HTTP under load', ...await httpLoadFigures(demo) });
  } finally {
    rmSync(demo.dataDir, { recursive: true, force: true });
  }
  await measure('drift pages', driftPageFigures);
  await measure('drift engine', driftEngineFigures);
  await measure('Lambda bundles', bundleFigures);

  const seconds = (performance.now() - started) / 1000;
  const m = machine();
  console.log(`\n${table(sections, m, seconds)}\n`);
  if (flags.write) {
    mkdirSync(dirname(flags.write), { recursive: true });
    writeFileSync(flags.write, markdown(sections, m, seconds, `npm run bench -- --write ${flags.write}`));
    progress(`wrote ${flags.write}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
