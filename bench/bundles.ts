/**
 * Figures for the Lambda bundles, measured in one run on this machine; printed, never asserted.
 *
 * Every file in functions/handlers/ that exports `handler` is bundled by `bundleHandler`
 * (infra/bundling.ts), the very options the stack deploys with. For each bundle:
 * - its size: `index.mjs`, minified, without its source map (targets < 300 KB);
 * - its module init: the bundle imported by a fresh `node` process, from process start to
 *   import done, the median of several runs (target < 150 ms), and the import alone, which
 *   leaves out Node's own start-up (also shown, as a process importing an empty module).
 *
 * `bundleFigures()` returns the rows for `bench/run.ts`; run this file directly
 * (`npx tsx bench/bundles.ts`) to print them alone.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleHandler, handlerEntry } from '../infra/bundling.js';

const RUNS = 7;

/** The handler files Lambda runs: those that export `handler`. */
export function handlerNames(): string[] {
  const dir = join(handlerEntry('x'), '..');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .filter((name) => /^export (const|async function|function) handler\b/m.test(readFileSync(handlerEntry(name), 'utf8')))
    .sort();
}

interface Timing { imported: number; importOnly: number }

/** Imports a module in a fresh Node process: when, after the process started, the import was done, and how long it took. */
function timeImport(file: string): Timing {
  const script = `const before = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)});`
    + 'const done = performance.now(); process.stdout.write(JSON.stringify({ imported: done, importOnly: done - before }));';
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    encoding: 'utf8',
  });
  return JSON.parse(output) as Timing;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

export async function bundleFigures(): Promise<Array<[string, string]>> {
  const outdir = mkdtempSync(join(tmpdir(), 'bundles-'));
  try {
    const names = handlerNames();
    await Promise.all(names.map((name) => bundleHandler(name, join(outdir, name))));
    const empty = join(outdir, 'empty.mjs');
    writeFileSync(empty, '');

    // Runs interleaved, so a busy moment of the machine spreads over all bundles instead of one.
    const files = [empty, ...names.map((name) => join(outdir, name, 'index.mjs'))];
    const timings = files.map((): Timing[] => []);
    for (let run = 0; run < RUNS; run += 1) files.forEach((file, i) => timings[i]?.push(timeImport(file)));
    const [baseline = [], ...perBundle] = timings;

    const rows: Array<[string, string]> = [
      ['bundles: Node start-up, importing an empty module', `${median(baseline.map((t) => t.imported)).toFixed(0)} ms`],
    ];
    names.forEach((name, i) => {
      const kb = statSync(join(outdir, name, 'index.mjs')).size / 1024;
      const runs = perBundle[i] ?? [];
      rows.push([`bundle ${name}`, `${kb.toFixed(0).padStart(4)} KB, init ${median(runs.map((t) => t.imported)).toFixed(0)} ms`
        + ` (import alone ${median(runs.map((t) => t.importOnly)).toFixed(0)} ms)`]);
    });
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
