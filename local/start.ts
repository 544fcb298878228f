/**
 * `npm start`: the whole product on this machine, with a demo engagement. Prints the inbox,
 * the manager's page and the client's kickoff link; Ctrl-C stops everything it started.
 * Data is kept in `.local-data/` (`--fresh` starts from nothing).
 *
 * On the first start with a data folder, a twelve-week engagement is first played in about a
 * minute (`--no-twelve-week-demo` skips it), so the manager's pages have a whole engagement to show.
 *
 *   npm start -- --speed 720 --port 3000 --fresh
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { kickoffRequestId } from '../functions/domain/client-request.js';
import { clientLink } from '../functions/deps.js';
import { createEngagement } from '../functions/use-cases/create-engagement.js';
import { DEV_PEOPLE } from './identity.js';
import { startLocalStack, type LocalStack } from './stack.js';
import { DEMO_SPEED, playTwelveWeekDemo } from './twelve-week-demo.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values: flags } = parseArgs({
  options: {
    speed: { type: 'string', default: '720' },
    port: { type: 'string', default: '3000' },
    'inbox-port': { type: 'string', default: '8005' },
    'data-dir': { type: 'string', default: '.local-data' },
    fresh: { type: 'boolean', default: false },
    'no-twelve-week-demo': { type: 'boolean', default: false },
  },
});

const speed = Number(flags.speed);
const port = Number(flags.port);
const inboxPort = Number(flags['inbox-port']);
if (!(speed >= 1 && speed <= 1_000_000) || !Number.isInteger(port) || !Number.isInteger(inboxPort)) {
  console.error('usage: npm start -- [--speed 1..1000000] [--port N] [--inbox-port N] [--data-dir DIR] [--fresh]');
  process.exit(2);
}
const dataDir = flags['data-dir'] as string;
if (flags.fresh) rmSync(dataDir, { recursive: true, force: true });

/** Created once per data folder: the request key makes a restart find it again. */
async function demoEngagement(stack: LocalStack) {
  const alice = DEV_PEOPLE.alice;
  const day = (n: number) => new Date(stack.clock.now().getTime() + n * 86_400_000).toISOString().slice(0, 10);
  const { engagement } = await createEngagement(stack.deps, {
    title: 'Website relaunch for Northwind Bakery',
    client: { name: 'Maria Petrova', email: 'maria.petrova@northwind.example', organisation: 'Northwind Bakery' },
    locale: 'en',
    milestones: [
      { title: 'Sitemap and wireframes', due: day(14) },
      { title: 'Visual design', due: day(35) },
      { title: 'Build and content migration', due: day(63) },
      { title: 'Launch', due: day(84) },
    ],
  }, { id: alice.sub, email: alice.email, name: alice.name }, 'northwind-demo');
  return engagement;
}

/** Played once per data folder, before the interactive stack starts; remembered in a marker file. */
async function twelveWeekDemo(): Promise<string | undefined> {
  if (flags['no-twelve-week-demo']) return undefined;
  const marker = join(dataDir, 'twelve-week-demo.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8')).engagementId as string;
  console.log(`Playing the twelve-week demo engagement (once, about a minute, time ${DEMO_SPEED}x faster):`);
  const engagementId = await playTwelveWeekDemo(dataDir, (line) => console.log(line));
  writeFileSync(marker, JSON.stringify({ engagementId }));
  return engagementId;
}

async function main() {
  const demoId = await twelveWeekDemo();
  const started = Date.now();
  const stack = await startLocalStack({ dataDir, speed, ports: { app: port, inbox: inboxPort } });
  const engagement = await demoEngagement(stack);
  const now = stack.clock.now();
  const link = clientLink(stack.deps, kickoffRequestId(engagement.id, engagement.expectationsVersion), new Date(now.getTime() + stack.deps.linkTtlSeconds * 1000));

  console.log(`
Expectations alignment, running locally (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; time runs ${speed}x faster).

  Inbox (every email sent):  ${stack.inboxUrl}
  Manager page (demo):       ${stack.appUrl}/auth/sign-in?next=/manager/engagements/${engagement.id}
  Client kickoff link:       ${link}${demoId ? `
  Twelve-week demo (done):   ${stack.appUrl}/auth/sign-in?next=/manager/engagements/${demoId}` : ''}

Open the kickoff link, answer, and "what we heard" arrives in the inbox within seconds.
Data is kept in ${dataDir}/ (start with --fresh to begin again). Ctrl-C stops everything.
`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
