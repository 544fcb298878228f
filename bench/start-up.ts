/**
 * `npm start` as a person runs it: the real command, spawned as a child process on an empty
 * temporary data folder (`--data-dir`) and free ports, timed from the spawn:
 *
 * - until the twelve-week demo has finished (its marker file appears in the data folder);
 * - until the first kickoff email is in the inbox (the local SES server's store, polled), which
 *   is the demo engagement's invite, sent once the interactive stack is up after the demo;
 * - the same first email with `--no-twelve-week-demo`: the start-up alone.
 *
 * Each child is then stopped with Ctrl-C's signal (SIGINT to its process group), as a person
 * stops it, and waited for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from '../local/ports.js';
import type { StoredEmail } from '../local/ses.js';
import { progress, type Row } from './report.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** The environment as it was before any stack of the benches set its endpoints in it. */
const cleanEnv = { ...process.env };
const POLL_MS = 50;
const TIMEOUT_MS = 10 * 60_000;
const KICKOFF_SUBJECT = /expect/i;

const seconds = (value: number) => `${(value / 1000).toFixed(1)} s`;

export async function startUpFigures(): Promise<Row[]> {
  const withDemo = await timeNpmStart([]);
  const withoutDemo = await timeNpmStart(['--no-twelve-week-demo']);
  return [
    ['npm start (empty data folder) → twelve-week demo finished', seconds(withDemo.demoFinished ?? Number.NaN)],
    ['npm start (empty data folder) → first kickoff email in the inbox', seconds(withDemo.firstKickoffEmail)],
    ['npm start -- --no-twelve-week-demo (empty data folder) → first kickoff email in the inbox', seconds(withoutDemo.firstKickoffEmail)],
  ];
}

async function timeNpmStart(flags: string[]): Promise<{ demoFinished?: number; firstKickoffEmail: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'bench-npm-start-'));
  const dataDir = join(folder, 'data');
  const [port, inboxPort] = [await freePort(), await freePort()];
  const args = ['start', '--', '--data-dir', dataDir, '--port', String(port), '--inbox-port', String(inboxPort), ...flags];
  progress(`spawning npm ${args.join(' ')}`);
  const started = performance.now();
  const child = spawn('npm', args, { cwd: repoRoot, env: cleanEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = forwardLines(child);
  try {
    let demoFinished: number | undefined;
    const marker = join(dataDir, 'twelve-week-demo.json');
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited with code ${child.exitCode}:\n${output()}`);
      if (performance.now() - started > TIMEOUT_MS) throw new Error(`npm start sent no kickoff email in ${seconds(TIMEOUT_MS)}:\n${output()}`);
      const now = performance.now() - started;
      if (demoFinished === undefined && existsSync(marker)) demoFinished = now;
      if ((await inbox(inboxPort)).some((email) => KICKOFF_SUBJECT.test(email.subject))) {
        return { ...(demoFinished !== undefined && { demoFinished }), firstKickoffEmail: now };
      }
      await sleep(POLL_MS);
    }
  } finally {
    await stop(child);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The emails at the inbox port, or none while nothing listens there yet. */
async function inbox(port: number): Promise<StoredEmail[]> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/store`);
    return response.ok ? ((await response.json()) as { emails: StoredEmail[] }).emails : [];
  } catch {
    return [];
  }
}

/** Passes the child's lines on as progress; returns what it printed, for an error message. */
function forwardLines(child: ChildProcess): () => string {
  let all = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    all = (all + text).slice(-8000);
    for (const line of text.split('\n')) if (line.trim()) progress(`  npm start: ${line.trimEnd()}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return () => all;
}

/** Ctrl-C to the whole process group (npm, tsx, node, DynamoDB Local); SIGKILL if it will not stop. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid, 'SIGINT');
  const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!stopped) {
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  }
}
