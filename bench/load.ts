/**
 * Load over loopback for the benches: GET a URL `total` times, `concurrency` at a time, and
 * return each request's latency in ms, sorted. Any answer other than 200 stops the bench: a
 * figure for an error page would measure the wrong thing.
 */
import { performance } from 'node:perf_hooks';

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
