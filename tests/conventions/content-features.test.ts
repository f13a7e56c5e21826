/**
 * The content script's conventions (STYLE.md, "One content feature per file"): every file in
 * src/content/features/ is a feature, listed in the registry the controller starts, exporting
 * `start(signal, run)`; it keeps nothing at module level that could tie one run to the next, talks to
 * the other features only through the run, and ends with a comment naming the fixture pages that
 * show it, which exist.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../src/content/features/index.ts';

const ROOT = process.cwd();
const DIR = join(ROOT, 'src/content/features');
const files = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
  .sort();

const sourceOf = (file: string): string => readFileSync(join(DIR, file), 'utf8');

/** Top-level declarations that hold state: a `let`/`var`, or a `const` bound to a new collection or controller. */
const MODULE_STATE = /^(?:export\s+)?(?:let|var)\s|^(?:export\s+)?const\s+\w+(?:\s*:[^=]+)?=\s*new\s+(?:Map|Set|WeakMap|WeakSet|Array|AbortController)\b/m;

describe('content features', () => {
  it('are found in src/content/features', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it('are each registered once, and the registry holds nothing else', async () => {
    const starts = await Promise.all(files.map(async (f) => ((await import(join(DIR, f))) as { start?: unknown }).start));
    expect(new Set(FEATURES).size).toBe(FEATURES.length);
    expect([...FEATURES].sort((a, b) => starts.indexOf(a) - starts.indexOf(b))).toEqual(starts);
  });

  describe.each(files)('%s', (file) => {
    const source = sourceOf(file);

    it('exports start(signal: AbortSignal, …)', async () => {
      const mod = (await import(join(DIR, file))) as { start?: unknown };
      expect(typeof mod.start).toBe('function');
      expect(source).toMatch(/^export function start\(signal: AbortSignal\b/m);
    });

    it('keeps no state at module level (it lives inside start, for one run)', () => {
      expect(source.match(MODULE_STATE)?.[0] ?? null).toBeNull();
    });

    it('imports no other feature (features meet through the run)', () => {
      const imports = [...source.matchAll(/from '\.\/([\w-]+)\.ts'/g)].map((m) => m[1]);
      expect(imports).toEqual([]);
    });

    it('ends with a comment naming fixture pages that exist', () => {
      const text = source.trimEnd();
      expect(text.endsWith('*/')).toBe(true);
      const comment = text.slice(text.lastIndexOf('/*'));
      expect(comment).toMatch(/^\/\*\s*\*?\s*Fixtures:/);
      const paths = comment.match(/tests\/[\w./-]+\.(?:html|ts)/g) ?? [];
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) expect(existsSync(join(ROOT, p)), p).toBe(true);
    });
  });
});
