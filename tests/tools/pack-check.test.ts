import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import bundled from '../../src/data/dataset.json';
import { BUNDLED_PATH, main } from '../../tools/pack/pack-check.ts';

/** Runs the checker, capturing what it prints. */
function run(args: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) });
  return { code, out, err };
}

const packFor = (incidentId: string) => ({
  schemaVersion: 3,
  contentVersion: '2026.01.15',
  name: 'Extra claims',
  pack: {
    id: 'extra-claims',
    curator: { name: 'Dalmorish Herald desk', homepage: 'https://dalmorish-herald.example/', contact: 'https://dalmorish-herald.example/contact' },
    version: 1,
    date: '2026-01-15',
  },
  incidents: [],
  claims: [
    {
      id: 'extra-claim',
      incidentId,
      kind: 'doubt',
      claimant: { name: 'Ola Tesh' },
      date: '2021-03-10',
      summary: 'According to Ola Tesh, the official route is implausible.',
      source: { title: 'Doubts', publisher: 'Dalmorish Herald', date: '2021-03-10', url: 'https://dalmorish-herald.example/doubts' },
      relations: [],
    },
  ],
  publishers: [],
  authors: [],
});

describe('pack-check', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pack-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints OK with counts for a pack whose references point into the bundled dataset', () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(packFor(bundled.incidents[0]!.id)));
    const r = run([file]);
    expect(r.code).toBe(0);
    expect(r.out.find((l) => l.startsWith('OK:'))).toMatch(/^OK: 0 incidents, 1 claims, 0 publishers/);
  });

  it('prints every problem with its path and exits non-zero', () => {
    const file = join(dir, 'bad.json');
    const pack = packFor('nowhere-2021');
    pack.claims[0]!.source.url = 'javascript:alert(1)';
    writeFileSync(file, JSON.stringify(pack));
    const r = run([file]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  claims[0].incidentId: no incident has the id "nowhere-2021" (in this pack or the loaded data)');
    expect(r.out.some((l) => l.startsWith('  claims[0].source.url: must be an http(s) URL'))).toBe(true);
    expect(r.out.at(-1)).toBe('FAILED: 2 problem(s)');
  });

  it('reports a JSON syntax error with its line and column', () => {
    const file = join(dir, 'syntax.json');
    writeFileSync(file, '{\n  "name": "x",\n}');
    const r = run([file]);
    expect(r.code).toBe(1);
    expect(r.out.some((l) => l.startsWith('  (file): not valid JSON at line 3, column 1'))).toBe(true);
  });

  it('checks the bundled dataset on its own, not against itself', () => {
    const r = run([BUNDLED_PATH]);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('exits 2 with a usage line when no file is given, and for a file it cannot read', () => {
    expect(run([]).code).toBe(2);
    const missing = run([join(dir, 'missing.json')]);
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toMatch(/cannot read/);
  });
});
