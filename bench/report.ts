/**
 * How the benchmarks report: progress lines on stderr while they run, then one table on
 * stdout, and the same run as Markdown (docs/benchmarks.md) with the machine it ran on.
 *
 * A row is a figure's name and its value. A row whose name states a target ("(target ≤ 2×)")
 * is listed again under "Targets"; the benches that judge their own figure say "met" or
 * "missed" in the value.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';

export type Row = [name: string, value: string];

export interface Section {
  title: string;
  rows: Row[];
  /** What the figures mean and leave out; written under the section in the Markdown. */
  notes?: string[];
}

const began = performance.now();

/** One progress line on stderr, with the seconds since the benchmarks began. */
export function progress(line: string): void {
  process.stderr.write(`[bench ${((performance.now() - began) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);
}

export interface Machine {
  date: string;
  node: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  /** The one-minute load average when the run began and when it ended: other work on the machine shows here. */
  load: [began: number, ended: number];
}

const loadAtStart = loadavg()[0] ?? Number.NaN;

export function machine(): Machine {
  const cpuinfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return '';
    }
  })();
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    node: process.version,
    cpus: cpus().length,
    cpuModel: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown',
    memoryGiB: totalmem() / 1024 ** 3,
    load: [loadAtStart, loadavg()[0] ?? Number.NaN],
  };
}

const describeLoad = (m: Machine) => `load average ${m.load[0].toFixed(1)} at the start, ${m.load[1].toFixed(1)} at the end`;
const describeMachine = (m: Machine) => `${m.cpus} × ${m.cpuModel}, ${m.memoryGiB.toFixed(1)} GiB, Node ${m.node}, ${m.date}, ${describeLoad(m)}`;

export function table(sections: Section[], m: Machine, seconds: number): string {
  const width = Math.max(...sections.flatMap((s) => s.rows.map(([name]) => name.length)));
  const lines = [`Benchmarks — ${describeMachine(m)}; the whole run took ${(seconds / 60).toFixed(1)} min`, ''];
  for (const section of sections) {
    lines.push(`  ${section.title}`);
    for (const [name, value] of section.rows) lines.push(`    ${name.padEnd(width)}  ${value}`);
  }
  return lines.join('\n');
}

const cell = (text: string) => text.replaceAll('|', '\\|');

export function markdown(sections: Section[], m: Machine, seconds: number, command: string): string {
  const targets = sections.flatMap((s) => s.rows.filter(([name]) => /\(target /.test(name)));
  return [
    '# Benchmarks',
    '',
    `Written by \`${command}\` from one run; do not edit by hand. Run it again to replace it.`,
    '',
    '## Machine',
    '',
    `- CPUs: ${m.cpus} × ${m.cpuModel}`,
    `- Memory: ${m.memoryGiB.toFixed(1)} GiB`,
    `- Node.js: ${m.node}`,
    `- Date: ${m.date}`,
    `- Other work on the machine: ${describeLoad(m)} (one-minute averages; ${m.cpus} CPUs)`,
    `- The whole run took ${(seconds / 60).toFixed(1)} minutes.`,
    '',
    '## Targets',
    '',
    '| figure | measured |',
    '| --- | --- |',
    ...targets.map(([name, value]) => `| ${cell(name)} | ${cell(value)} |`),
    '',
    '## Every figure',
    '',
    ...sections.flatMap((s) => [
      `### ${s.title}`,
      '',
      '| figure | value |',
      '| --- | --- |',
      ...s.rows.map(([name, value]) => `| ${cell(name)} | ${cell(value)} |`),
      '',
      ...(s.notes ?? []).map((note) => `- ${note}`),
      ...(s.notes?.length ? [''] : []),
    ]),
    '## How to reproduce',
    '',
    '```sh',
    'npm ci',
    'npm run bench                                  # prints the table (progress on stderr)',
    'npm run bench -- --write docs/benchmarks.md    # and rewrites this file from the same run',
    '```',
    '',
    'Needs Java (DynamoDB Local) and free loopback ports; it takes several minutes. Everything runs',
    'on this machine against the emulators (`local/stack.ts`); nothing reaches AWS. What each figure',
    'measures and how is written at the top of its module in `bench/` (the cost of an engagement:',
    '`bench/cost.ts`, its unit prices: `bench/prices.ts`; load: `bench/http-load.ts`; `npm start`:',
    '`bench/start-up.ts`).',
    '',
  ].join('\n');
}
