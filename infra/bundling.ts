/**
 * How a handler becomes a Lambda bundle: one esbuild configuration, used by the function
 * construct (infra/function.ts, through infra/bundle-handler.ts) and by the bundle benchmark
 * (bench/bundles.ts), so the sizes and init times the benchmark prints are those of what
 * is deployed.
 *
 * Contract:
 * - `bundleHandler(name, outdir)` writes `<outdir>/index.mjs` (ESM, minified, the AWS SDK
 *   included), the chunks it imports under `<outdir>/chunks/`, and a source map beside each
 *   file; Lambda's handler string is `index.handler`. The folder is the function's code.
 * - Code the AWS SDK loads with `import()` only when it needs it (the credential providers
 *   after the environment's, the SSO, STS and sign-in clients they use, event streams) is
 *   split into chunks of its own, read from disk only if it runs. On Lambda the credentials are
 *   in the environment, so a cold start never reads them.
 * - Only zod's English messages are bundled (see `zodEnglishOnly`): nothing here configures
 *   another zod locale, and people read our own messages (functions/i18n.ts), not zod's.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile, type Plugin } from 'esbuild';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/** The entry file of a handler (`functions/handlers/<name>.ts`). */
export const handlerEntry = (name: string) => join(repoRoot, 'functions', 'handlers', `${name}.ts`);

/**
 * zod's classic API re-exports every locale (`z.locales`, `z.core.locales`, about 250 KB
 * minified) from a namespace object that esbuild can't tree-shake. English, the one zod
 * configures by default, is imported by zod directly, so the locale index can be replaced by
 * one that names English alone.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)) return undefined;
      const english = join(dirname(args.importer), '..', 'locales', 'en.js');
      if (!existsSync(english)) throw new Error(`zod's English locale is not at ${english}: check zodEnglishOnly against this zod`);
      return { path: english, namespace: 'zod-english-only' };
    });
    esbuild.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

/** Every handler is bundled with exactly these options. */
export const HANDLER_BUNDLE_OPTIONS: Readonly<BuildOptions> = {
  bundle: true,
  platform: 'node',
  // ESM so handlers may use top-level await; hono, zod, Powertools and the AWS SDK bundle as
  // ESM without dynamic `require` calls, so no createRequire banner is needed.
  format: 'esm',
  // What the SDK reaches only through import() goes to chunks/, read only if it runs.
  splitting: true,
  entryNames: 'index',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  // Stack traces through NODE_OPTIONS=--enable-source-maps; file and line are enough, and
  // embedding the sources would double the maps.
  sourcemap: true,
  sourcesContent: false,
  // The Russian copy in i18n.ts stays two bytes a letter instead of a six-byte \u escape.
  charset: 'utf8',
  legalComments: 'none',
  // Nothing is external: the pinned, tested AWS SDK is bundled, not the runtime's (docs/decisions.md).
  plugins: [zodEnglishOnly],
  logLevel: 'warning',
};

/** Bundles one handler into `<outdir>/index.mjs` and its chunks; returns esbuild's metafile (inputs and outputs, with their bytes). */
export async function bundleHandler(name: string, outdir: string): Promise<Metafile> {
  const result = await build({
    ...HANDLER_BUNDLE_OPTIONS,
    entryPoints: [handlerEntry(name)],
    outdir,
    metafile: true,
  });
  return result.metafile;
}

/**
 * The output files a cold start reads: `index.mjs` and the chunks it imports statically, as
 * keys of `metafile.outputs` (the chunks only `import()` reaches are left out).
 */
export function filesReadAtStart(metafile: Metafile, outdir: string): string[] {
  const entry = Object.keys(metafile.outputs).find((path) => resolve(path) === resolve(outdir, 'index.mjs'));
  if (!entry) throw new Error(`no index.mjs among the outputs in ${outdir}`);
  const read = new Set<string>();
  const pending = [entry];
  for (let path = pending.pop(); path !== undefined; path = pending.pop()) {
    if (read.has(path)) continue;
    read.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === 'import-statement' && !imported.external) pending.push(imported.path);
    }
  }
  return [...read];
}
