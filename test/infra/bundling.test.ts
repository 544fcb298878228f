/**
 * The bundle a handler becomes (infra/bundling.ts, what the stack deploys and the bundle
 * benchmark measures): one ESM file that exports `handler` and imports nothing from outside,
 * its source map beside it, zod's English messages in and zod's other locales out, and the
 * Russian copy stored as UTF-8 rather than escaped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleHandler } from '../../infra/bundling.js';

describe('a handler bundle', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'bundle-test-'));
  let metafile: Metafile;
  let code: string;

  beforeAll(async () => {
    metafile = await bundleHandler('send-kickoff-invite', outdir);
    code = readFileSync(join(outdir, 'index.mjs'), 'utf8');
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('is one ESM file that exports handler and needs nothing beside it', async () => {
    const { imports } = Object.values(metafile.outputs).find((output) => output.entryPoint) ?? { imports: [] };
    expect(imports.filter((i) => i.external && !i.path.startsWith('node:'))).toEqual([]);
    expect(code).not.toContain('Dynamic require of');
    const module = await import(pathToFileURL(join(outdir, 'index.mjs')).href) as { handler?: unknown };
    expect(typeof module.handler).toBe('function');
  });

  it('has a source map without the sources', () => {
    expect(code).toMatch(/\/\/# sourceMappingURL=index\.mjs\.map\s*$/);
    const map = JSON.parse(readFileSync(join(outdir, 'index.mjs.map'), 'utf8')) as { sources: string[]; sourcesContent?: unknown };
    expect(map.sources.some((source) => source.endsWith('functions/handlers/send-kickoff-invite.ts'))).toBe(true);
    expect(map.sourcesContent).toBeUndefined();
  });

  it('keeps zod\'s English messages and none of its other locales', () => {
    const zodLocales = Object.keys(metafile.inputs).filter((input) => /node_modules\/zod\/v4\/locales\/[^/]+\.js$/.test(input));
    expect([...new Set(zodLocales.map((input) => input.split('/').pop()))]).toEqual(['en.js']);
    expect(code).toContain('Invalid input');
    expect(code).not.toContain('erwartet');
  });

  it('stores the Russian copy as UTF-8, not as \\u escapes', () => {
    expect(code).toMatch(/[а-я]{4}/);
  });
});
