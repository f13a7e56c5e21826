/**
 * `--profile`: where the scanner's time goes, by function. The in-page bundle is built unminified so
 * the CPU profile (CDP Profiler, 100 µs sampling) names the extension's own functions; one warm-up
 * scan, then one profiled scan, on a no-match page and on a page with many mentions.
 */
import type { Bench } from './browser.ts';
import { bundleInPage } from './bundle.ts';
import type { BenchApi } from './in-page.ts';
import type { PageSpec } from './summarise.ts';

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
