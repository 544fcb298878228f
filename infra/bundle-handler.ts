/**
 * `node --import tsx infra/bundle-handler.ts <handler> <outdir>`: bundles one handler with
 * `bundleHandler` (infra/bundling.ts). The function construct runs it as a child process
 * because CDK's local bundling is synchronous and esbuild runs plugins only in its
 * asynchronous API.
 */
import { bundleHandler } from './bundling.js';

const [name, outdir] = process.argv.slice(2);
if (!name || !outdir) {
  console.error('usage: bundle-handler.ts <handler> <outdir>');
  process.exit(2);
}
await bundleHandler(name, outdir);
