/**
 * `--profile`: where the time goes, by function. For the in-page scanner, the bundle is built
 * unminified so the CPU profile (CDP Profiler, 100 µs sampling) names the extension's own functions;
 * one warm-up scan, then one profiled scan, on a no-match page and on a page with many mentions. For
 * the real content script, see `profileExtension` below.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import type { TestServer } from '../e2e/harness/server.ts';
import { launchBench, waitForIndex, type Bench } from './browser.ts';
import { bundleInPage } from './bundle.ts';
import { runExtension, type ExtensionRun } from './extension-runner.ts';
import type { BenchApi } from './in-page.ts';
import { median } from './report.ts';
import type { PageSpec } from './summarise.ts';
import type { FunctionCost, ScriptProfile } from './trace.ts';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface ScannerProfile {
  page: string;
  ms: number;
  /** Functions by inclusive time, "name ms". */
  top: string[];
}

declare const __scBench: BenchApi;

export async function profileScanner(bench: Bench, specs: PageSpec[], quick: boolean): Promise<ScannerProfile[]> {
  const bundle = await bundleInPage(false);
  const target = quick ? 500_000 : 2_000_000;
  const pages = specs.filter((s) => s.kind === 'generated' && s.target === target && (s.mentions === 'none' || s.mentions === 'many'));
  const out: ScannerProfile[] = [];
  await bench.inExtension(async (k) => chrome.storage.sync.set({ [k]: { mode: 'off' } }), `site:${pages[0]?.host ?? ''}`);
  for (const spec of pages) {
    const page = await bench.context.newPage();
    const cdp = await bench.context.newCDPSession(page);
    try {
      await page.goto(`http://${spec.host}${spec.path}`, { waitUntil: 'load' });
      await page.addScriptTag({ content: bundle });
      await page.evaluate(async () => {
        const r = await fetch('/index-bundled.json');
        __scBench.useIndex((await r.json()) as Record<string, unknown>, []);
      });
      await page.evaluate(() => __scBench.scanner());
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
      const res = await page.evaluate(() => __scBench.scanner());
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      const byId = new Map(profile.nodes.map((n) => [n.id, n]));
      const parent = new Map<number, number>();
      for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
      const inclusive = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        const seen = new Set<string>();
        for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
          const f = byId.get(cur)?.callFrame;
          if (!f) break;
          const name = f.functionName || '(anonymous)';
          if (seen.has(name) || name === '(root)' || name === '(program)' || name === '(idle)') continue;
          seen.add(name);
          inclusive.set(name, (inclusive.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
        }
      });
      const top = [...inclusive.entries()]
        .filter(([n]) => !['scanner', 'scan'].includes(n))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 10)
        .map(([n, ms]) => `${n} ${ms.toFixed(1)}`);
      out.push({ page: spec.id, ms: res.busyMs, top });
    } finally {
      await cdp.detach().catch(() => undefined);
      await page.close();
    }
  }
  await bench.inExtension(async (k) => chrome.storage.sync.remove(k), `site:${pages[0]?.host ?? ''}`);
  return out;
}

/** Where the real content script's main-thread time goes on one page, from the trace's samples. */
export interface ExtensionProfile {
  page: string;
  loads: number;
  /** Median main-thread CPU of the content script's tasks over the loads (the headline figure). */
  extensionCpu: number;
  /** Sampled time with a function of ours on the stack, and V8's garbage collection, ms per load. */
  sampledMs: number;
  gcMs: number;
  bySelf: FunctionCost[];
  byTotal: FunctionCost[];
}

/** Sum of the loads' function costs, per load. */
function mergeCosts(lists: FunctionCost[][], loads: number, by: 'selfMs' | 'totalMs'): FunctionCost[] {
  const m = new Map<string, FunctionCost>();
  for (const list of lists) {
    for (const f of list) {
      const key = `${f.name}@${f.where}`;
      const had = m.get(key) ?? { ...f, selfMs: 0, totalMs: 0 };
      had.selfMs += f.selfMs / loads;
      had.totalMs += f.totalMs / loads;
      m.set(key, had);
    }
  }
  return [...m.values()].sort((a, b) => b[by] - a[by]).slice(0, 12);
}

/**
 * `--profile`, the real content script: an unminified build of the extension (so the samples name
 * its functions), loaded in a browser of its own, each page loaded `loads` times with V8's sampling
 * profiler in the trace. Reports functions by self and total time; the minified build's own figures
 * (the table) are the ones the budgets use, as the profiler slows the script a little.
 */
export async function profileExtension(server: TestServer, pages: PageSpec[], loads: number): Promise<ExtensionProfile[]> {
  const outDir = await mkdtemp(join(tmpdir(), 'sc-bench-plain-'));
  const out: ExtensionProfile[] = [];
  let bench: Bench | null = null;
  try {
    await build({ configFile: join(REPO, 'vite.config.ts'), logLevel: 'error', build: { minify: false, outDir, emptyOutDir: true } });
    bench = await launchBench(outDir, server);
    await waitForIndex(bench);
    for (const spec of pages) {
      const runs: ExtensionRun[] = [];
      for (let i = 0; i < loads; i++) runs.push(await runExtension(bench, `http://${spec.host}${spec.path}`, { quietMs: 1000, maxWaitMs: 90_000, trace: true, heap: false, profile: true }));
      const profiles = runs.map((r) => r.profile).filter((p): p is ScriptProfile => Boolean(p));
      const n = Math.max(1, profiles.length);
      out.push({
        page: spec.id,
        loads: profiles.length,
        extensionCpu: median(runs.map((r) => r.trace?.extensionCpu ?? NaN)),
        sampledMs: profiles.reduce((a, p) => a + p.extensionMs, 0) / n,
        gcMs: profiles.reduce((a, p) => a + p.gcMs, 0) / n,
        bySelf: mergeCosts(profiles.map((p) => p.bySelf), n, 'selfMs'),
        byTotal: mergeCosts(profiles.map((p) => p.byTotal), n, 'totalMs'),
      });
    }
  } finally {
    await bench?.close();
    await rm(outDir, { recursive: true, force: true });
  }
  return out;
}
