import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import bundled from '../../src/data/dataset.json';
import { validateDataset } from '../../src/data/schema.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { BIG_PACK_SIZE, createRandom, generatePack, main } from '../../tools/pack/generate-pack.ts';

// Generating the big pack takes about a second; it is made once and shared.
let pack: Dataset;
let json: string;
beforeAll(() => {
  pack = generatePack(1);
  json = JSON.stringify(pack);
}, 60_000);

describe('generatePack', () => {
  it('gives the same JSON for the same seed, through the CLI, without Math.random', () => {
    const dir = mkdtempSync(join(tmpdir(), 'generate-pack-'));
    try {
      const out = join(dir, 'nested', 'pack.json');
      const random = vi.spyOn(Math, 'random');
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      expect(main([out, '--seed', '1'])).toBe(0);
      expect(random).not.toHaveBeenCalled();
      random.mockRestore();
      log.mockRestore();
      expect(readFileSync(out, 'utf8')).toBe(json);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('draws different numbers for different seeds', () => {
    const first = (seed: number) => Array.from({ length: 4 }, createRandom(seed));
    expect(first(1)).toEqual(first(1));
    expect(first(1)).not.toEqual(first(2));
    expect(first(0).every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('passes the validator with the bundled dataset loaded, in well under a second', () => {
    const base = validateDataset(structuredClone(bundled), { bundled: true });
    expect(base.ok).toBe(true);
    if (!base.ok) return;
    const parsed: unknown = JSON.parse(json);
    const started = performance.now();
    const r = validateDataset(parsed, { existing: [base.value] });
    const ms = performance.now() - started;
    expect(r.ok ? [] : r.error.slice(0, 10)).toEqual([]);
    // Generous for a shared test machine; quiet runs take a few hundred milliseconds.
    expect(ms).toBeLessThan(3000);
  }, 60_000);

  it('round-trips through JSON.stringify/parse unchanged', () => {
    // node's strict deep equality, like toStrictEqual (an undefined field would differ) but much
    // faster on 30 MB of records.
    expect(isDeepStrictEqual(JSON.parse(json), pack)).toBe(true);
  });

  it('has the promised size: 1,000 incidents of 10 claims, 20,000 publishers', () => {
    expect(pack.incidents).toHaveLength(BIG_PACK_SIZE.incidents);
    expect(pack.claims).toHaveLength(BIG_PACK_SIZE.incidents * BIG_PACK_SIZE.claimsPerIncident);
    expect(pack.publishers).toHaveLength(BIG_PACK_SIZE.publishers);
    for (const incident of pack.incidents) expect(incident.claimIds).toHaveLength(10);
    expect(pack.claims.filter((c) => c.relations.length > 0).length).toBe(BIG_PACK_SIZE.incidents * 9);
  });

  it('gives each incident 3–8 aliases, in Latin and in Cyrillic', () => {
    const counts = new Set<number>();
    for (const incident of pack.incidents) {
      const n = incident.aliases.length;
      counts.add(n);
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(8);
      expect(incident.aliases.some((a) => /^[A-Za-z ]+$/.test(a.text))).toBe(true);
      expect(incident.aliases.some((a) => /[\u0400-\u04FF]/.test(a.text))).toBe(true);
    }
    expect([...counts].sort()).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('uses only reserved test domains for hostnames and links', () => {
    const hosts = pack.publishers.flatMap((p) => p.domains);
    expect(hosts.every((h) => h.endsWith('.example') || h.endsWith('.test'))).toBe(true);
    const urls = [...json.matchAll(/"url":"([^"]+)"/g)].map((m) => new URL(m[1] ?? '').hostname);
    expect(urls.length).toBeGreaterThan(50_000);
    expect(urls.every((h) => h.endsWith('.example') || h.endsWith('.test'))).toBe(true);
  });
});

describe('generate-pack CLI', () => {
  it('refuses a seed that is not an integer', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(main(['--seed', 'abc'])).toBe(2);
    expect(error).toHaveBeenCalledWith(expect.stringContaining('usage'));
    error.mockRestore();
  });
});
