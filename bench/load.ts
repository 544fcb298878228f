/**
 * Load over loopback for the benches.
 *
 * - `latencies`: GET a URL `total` times, `concurrency` at a time (closed loop), and return each
 *   request's latency in ms, sorted. Any answer other than 200 stops the bench: a figure for an
 *   error page would measure the wrong thing.
 * - `openLoop`: GET a URL at a fixed offered rate for a while, each request sent at its
 *   scheduled time whether or not earlier ones have been answered (open loop), so a slow server
 *   cannot slow the load down and hide its own latency. A latency counts from the scheduled
 *   time, so a late send counts against it too; one not answered within `REQUEST_TIMEOUT_MS`
 *   counts as failed. `openLoopInChildProcess` runs it in a process of its own (this file, run
 *   directly), so the load generator does not share the server's event loop.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REQUEST_TIMEOUT_MS = 10_000;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export async function latencies(url: string, total: number, concurrency: number, headers: Record<string, string> = {}): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < total) {
      next += 1;
      const started = performance.now();
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`GET ${url} answered ${response.status}`);
      times.push(performance.now() - started);
    }
  }));
  return times.sort((a, b) => a - b);
}

export interface OpenLoopOptions {
  url: string;
  /** Requests per second offered. */
  rate: number;
  seconds: number;
  headers?: Record<string, string>;
}

export interface OpenLoopResult {
  sent: number;
  /** Answers other than 200, requests that failed outright, and those not answered in time. */
  failed: number;
  /** The failures by kind: `HTTP <status>`, or the error's code or name (`TimeoutError` when not answered in time). */
  failures: Record<string, number>;
  /** Answers of 200 per second, from the first send to the last answer. */
  achievedPerSecond: number;
  /** Of the 200 answers, in ms from each request's scheduled time, sorted. */
  latencies: number[];
}

export async function openLoop({ url, rate, seconds, headers = {} }: OpenLoopOptions): Promise<OpenLoopResult> {
  const total = Math.round(rate * seconds);
  const interval = 1000 / rate;
  const times: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (kind: string) => { failures[kind] = (failures[kind] ?? 0) + 1; };
  const pending: Array<Promise<void>> = [];
  const start = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = start + i * interval;
    const early = due - performance.now();
    if (early > 1) await sleep(early);
    pending.push(fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }).then(async (response) => {
      await response.arrayBuffer();
      if (response.status === 200) times.push(performance.now() - due);
      else fail(`HTTP ${response.status}`);
    }, (error: Error & { cause?: { code?: string } }) => fail(error.cause?.code ?? error.name)));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  const failed = Object.values(failures).reduce((a, b) => a + b, 0);
  return { sent: total, failed, failures, achievedPerSecond: times.length / elapsed, latencies: times.sort((a, b) => a - b) };
}

/** `openLoop` in a Node process of its own, started with tsx like the benches. */
export function openLoopInChildProcess(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(JSON.parse(output) as OpenLoopResult);
      else reject(new Error(`the load generator exited with code ${code}`));
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await openLoop(JSON.parse(process.argv[2] ?? '{}') as OpenLoopOptions);
  process.stdout.write(JSON.stringify(result));
}
