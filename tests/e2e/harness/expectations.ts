/**
 * Checks every browser test file wants after each test: the extension made no request and logged
 * no error. Counted per test (what was added since the test began), so a failure names its test.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect } from 'vitest';
import type { ConsoleEntry, Driver, DriverPage } from './driver.ts';
import { REPO_ROOT } from './server.ts';

/**
 * Registers hooks that, after each test, close the pages it opened and assert that no forbidden
 * request and no extension error appeared during it. `get` returns the suite's driver (set in
 * beforeAll, so it is read lazily).
 */
export function guardEachTest(get: () => Driver | undefined): {
  track(page: DriverPage): DriverPage;
  /** For a test that makes a forbidden request on purpose: what came so far is not counted. */
  acceptRequestsSoFar(): void;
} {
  // Keys of what was already there when the test began (logs are merged from several sources, so
  // positions are not stable; identities are).
  let requestsBefore = new Set<string>();
  let errorsBefore = new Set<string>();
  const pages: DriverPage[] = [];
  const requestKeys = (): Set<string> => new Set((get()?.forbiddenRequests() ?? []).map((r) => `${r.from} ${r.url}`));
  const errorKey = (e: ConsoleEntry): string => `${e.type} ${e.location} ${e.text}`;
  const errorKeys = (): Set<string> => new Set((get()?.extensionErrors() ?? []).map(errorKey));
  // The first test also answers for the browser's start (the extension's install and first run).
  let first = true;
  beforeEach(() => {
    if (first) {
      first = false;
      return;
    }
    requestsBefore = requestKeys();
    errorsBefore = errorKeys();
  });
  afterEach(async (ctx) => {
    const failed = (ctx.task.result?.errors?.length ?? 0) > 0 || ctx.task.result?.state === 'fail';
    for (const [i, p] of pages.splice(0).entries()) {
      // What the page looked like when the test failed, for CI logs (tests/e2e/artifacts is ignored by git).
      if (failed) {
        const name = `${get()?.browser ?? 'browser'}-${ctx.task.name}-${i}`.replace(/[^a-z0-9]+/gi, '-').slice(0, 120);
        await mkdir(ARTIFACTS_DIR, { recursive: true });
        await p.screenshot(join(ARTIFACTS_DIR, `${name}.png`)).catch(() => undefined);
      }
      await p.close().catch(() => undefined);
    }
    const d = get();
    if (!d) return;
    const newRequests = d.forbiddenRequests().filter((r) => !requestsBefore.has(`${r.from} ${r.url}`));
    expect(newRequests, 'requests made by the extension or to hosts outside the test server').toEqual([]);
    const newErrors = d.extensionErrors().filter((e) => !errorsBefore.has(errorKey(e)));
    expect(newErrors, 'errors from the extension in a console').toEqual([]);
  });
  return {
    track(page: DriverPage): DriverPage {
      pages.push(page);
      return page;
    },
    acceptRequestsSoFar(): void {
      requestsBefore = requestKeys();
    },
  };
}

export const ARTIFACTS_DIR = join(REPO_ROOT, 'tests/e2e/artifacts');

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface DatasetFacts {
  /** Claimant names of the incident's claims, by claim kind. */
  claimants: Map<string, string[]>;
  /** Stated-affiliation quotes by publisher id. */
  affiliation: Map<string, string[]>;
}

/**
 * What the bundled dataset says, read from its JSON under src/data (so the tests follow the data
 * instead of copying it). Only the few fields the tests compare are read, and checked as read.
 */
export async function readBundledFacts(incidentId: string): Promise<DatasetFacts> {
  const dir = join(REPO_ROOT, 'src/data');
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.json'));
  for (const f of files) {
    const data: unknown = JSON.parse(await readFile(join(dir, f), 'utf8'));
    if (!isObj(data) || !Array.isArray(data.claims) || !Array.isArray(data.publishers)) continue;
    const claimants = new Map<string, string[]>();
    for (const c of data.claims) {
      if (!isObj(c) || c.incidentId !== incidentId || typeof c.kind !== 'string' || !isObj(c.claimant)) continue;
      const name = c.claimant.name;
      if (typeof name !== 'string') continue;
      claimants.set(c.kind, [...(claimants.get(c.kind) ?? []), name]);
    }
    const affiliation = new Map<string, string[]>();
    for (const p of data.publishers) {
      if (!isObj(p) || typeof p.id !== 'string' || !Array.isArray(p.statedAffiliation)) continue;
      affiliation.set(
        p.id,
        p.statedAffiliation.flatMap((s: unknown) => (isObj(s) && typeof s.quote === 'string' ? [s.quote] : [])),
      );
    }
    if (claimants.size > 0) return { claimants, affiliation };
  }
  throw new Error(`no dataset JSON under src/data has claims for ${incidentId}`);
}
