/**
 * Figures for the Lambda bundles, measured in one run on this machine; printed, never asserted.
 *
 * Every file in functions/handlers/ that exports `handler` is bundled by `bundleHandler`
 * (infra/bundling.ts), the very options the stack deploys with. For each bundle:
 * - its size: what a cold start reads (`index.mjs` and the chunks it imports, minified, without
 *   source maps; target < 300 KB), and every file of the function's code (with the chunks only
 *   `import()` reaches, which a start on Lambda never reads);
 * - its module init: `index.mjs` imported by a fresh `node` process, from process start to
 *   import done, the median of several runs (target < 150 ms); the import alone, which leaves
 *   out Node's own start-up (also shown, as a process importing an empty module); and the
 *   process's CPU time to the same point, which other work on a shared machine disturbs far
 *   less than it does the wall clock.
 *
 * `bundleFigures()` returns the rows for `bench/run.ts`; run this file directly
 * (`npx tsx bench/bundles.ts`) to print them alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleHandler, filesReadAtStart, handlerEntry } from '../infra/bundling.js';

const RUNS = 7;
const TARGET_KB = 300;
const TARGET_INIT_MS = 150;

/** The handler files Lambda runs: those that export `handler`. */
export function handlerNames(): string[] {
  const dir = join(handlerEntry('x'), '..');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .filter((name) => /^export (const|async function|function) handler\b/m.test(readFileSync(handlerEntry(name), 'utf8')))
    .sort();
}

interface Timing { imported: number; importOnly: number; cpu: number }

/** Imports a module in a fresh Node process: when, after the process started, the import was done, how long it took, and the CPU time used by then. */
function timeImport(file: string): Timing {
  const script = `const before = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)});`
    + 'const done = performance.now(); const { user, system } = process.cpuUsage();'
    + 'process.stdout.write(JSON.stringify({ imported: done, importOnly: done - before, cpu: (user + system) / 1000 }));';
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  return JSON.parse(output) as Timing;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const kilobytes = (files: string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0) / 1024;

export async function bundleFigures(): Promise<Array<[string, string]>> {
  const outdir = mkdtempSync(join(tmpdir(), 'bundles-'));
  try {
    const names = handlerNames();
    const sizes = await Promise.all(names.map(async (name) => {
      const dir = join(outdir, name);
      const metafile = await bundleHandler(name, dir);
      const code = Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs'));
      return { atStart: kilobytes(filesReadAtStart(metafile, dir)), all: kilobytes(code), files: code.length };
    }));
    const empty = join(outdir, 'empty.mjs');
    writeFileSync(empty, '');

    // Runs interleaved, so a busy moment of the machine spreads over all bundles instead of one.
    const files = [empty, ...names.map((name) => join(outdir, name, 'index.mjs'))];
    const timings = files.map((): Timing[] => []);
    for (let run = 0; run < RUNS; run += 1) files.forEach((file, i) => timings[i]?.push(timeImport(file)));
    const [baseline = [], ...perBundle] = timings;

    const rows: Array<[string, string]> = [
      ['bundles: Node start-up, importing an empty module', `${median(baseline.map((t) => t.imported)).toFixed(0)} ms (CPU ${median(baseline.map((t) => t.cpu)).toFixed(0)} ms)`],
    ];
    const inits: number[] = [];
    names.forEach((name, i) => {
      const size = sizes[i];
      const runs = perBundle[i] ?? [];
      const init = median(runs.map((t) => t.imported));
      inits.push(init);
      rows.push([`bundle ${name}`, `${size?.atStart.toFixed(0).padStart(4)} KB read at start (${size?.all.toFixed(0)} KB in ${size?.files} files),`
        + ` init ${init.toFixed(0)} ms (import alone ${median(runs.map((t) => t.importOnly)).toFixed(0)} ms, CPU ${median(runs.map((t) => t.cpu)).toFixed(0)} ms)`]);
    });
    const largest = Math.max(...sizes.map((size) => size.atStart));
    const slowest = Math.max(...inits);
    rows.push(
      [`bundles: largest read at start (target < ${TARGET_KB} KB)`, `${largest.toFixed(0)} KB, ${largest < TARGET_KB ? 'met' : 'missed'}`],
      [`bundles: slowest init (target < ${TARGET_INIT_MS} ms)`, `${slowest.toFixed(0)} ms, ${slowest < TARGET_INIT_MS ? 'met' : 'missed'}`],
    );
    return rows;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await bundleFigures();
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`\nLambda bundles — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, median of ${RUNS} runs\n`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  console.log();
}
