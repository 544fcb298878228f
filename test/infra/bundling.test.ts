/**
 * The bundle a handler becomes (infra/bundling.ts, what the stack deploys and the bundle
 * benchmark measures): ESM that exports `handler` and imports nothing from outside its folder,
 * a source map beside each file, the SDK's on-demand code (credential providers, the clients
 * they use) in chunks a cold start does not read, only the AWS clients the handler calls, zod's
 * English messages in and its other locales and its compiler out, and the Russian copy stored
 * as UTF-8 rather than escaped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler, filesReadAtStart } from '../../infra/bundling.js';

describe('a handler bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  let metafile: Metafile;
  let outputs: string[];
  let code: string;
  /** The source files with code in the given output files. */
  const sourcesIn = (files: string[]) => files.flatMap((file) =>
    Object.entries(metafile.outputs[file]?.inputs ?? {}).filter(([, input]) => input.bytesInOutput > 0).map(([source]) => source));

  beforeAll(async () => {
    metafile = await bundleHandler('send-kickoff-invite', outdir);
    outputs = Object.keys(metafile.outputs).filter((file) => file.endsWith('.mjs'));
    code = outputs.map((file) => readFileSync(file, 'utf8')).join('\n');
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('is ESM that exports handler and needs nothing outside its folder', async () => {
    const imports = outputs.flatMap((file) => metafile.outputs[file]?.imports ?? []);
    expect(imports.filter((i) => i.external && !i.path.startsWith('node:'))).toEqual([]);
    expect(code).not.toContain('Dynamic require of');
    const module = await import(pathToFileURL(join(outdir, 'index.mjs')).href) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  it('has a source map without the sources beside each file', () => {
    const sources: string[] = [];
    for (const file of outputs) {
      expect(readFileSync(file, 'utf8')).toMatch(/\/\/# sourceMappingURL=[\w-]+\.mjs\.map\s*$/);
      const map = JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[]; sourcesContent?: unknown };
      expect(map.sourcesContent).toBeUndefined();
      sources.push(...map.sources);
    }
    expect(sources.some((source) => source.endsWith('functions/handlers/send-kickoff-invite.ts'))).toBe(true);
  });

  it('leaves the credential providers past the environment\'s, and their clients, out of what a cold start reads', () => {
    const onDemand = /node_modules\/@aws-sdk\/(nested-clients|credential-provider-(sso|ini|process|web-identity|login))\//;
    expect(sourcesIn(outputs).some((source) => onDemand.test(source))).toBe(true);
    expect(sourcesIn(filesReadAtStart(metafile, outdir)).filter((source) => onDemand.test(source))).toEqual([]);
  });

  it('holds only the AWS clients the handler calls', () => {
    const clients = new Set(sourcesIn(outputs).map((source) => /node_modules\/@aws-sdk\/(client-[\w-]+)\//.exec(source)?.[1]).filter(Boolean));
    expect([...clients].sort()).toEqual(['client-dynamodb', 'client-secrets-manager', 'client-sesv2']);
  });

  it('keeps zod\'s English messages, none of its other locales, and not its compiler', () => {
    const zodLocales = Object.keys(metafile.inputs).filter((input) => /node_modules\/zod\/v4\/locales\/[^/]+\.js$/.test(input));
    expect([...new Set(zodLocales.map((input) => input.split('/').pop()))]).toEqual(['en.js']);
    expect(code).toContain('Invalid input');
    expect(code).not.toContain('erwartet');
    // `import * as z` lets esbuild drop what the `z` object would keep: the schema compiler, schemas from JSON Schema.
    expect(sourcesIn(outputs).filter((source) => /node_modules\/zod\/v4\/(core\/compile|classic\/from-json-schema)\.js$/.test(source))).toEqual([]);
  });

  it('stores the Russian copy as UTF-8, not as \\u escapes', () => {
    expect(code).toMatch(/[а-я]{4}/);
  });
});
