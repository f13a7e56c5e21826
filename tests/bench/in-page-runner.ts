/**
 * Runs the in-page comparisons on one page: floor, floor reading every character, the extension's
 * scanner, the naive matcher and mark.js, round-robin so drift in the machine's load hits all of
 * them alike. The page is served on a host where the extension is switched off, so the real content
 * script stays out of the way.
 */
import type { CDPSession } from 'playwright-core';
import type { Bench } from './browser.ts';
import type { BenchApi, PassResult, ScannerResult } from './in-page.ts';

export type Method = 'floor' | 'floorChars' | 'scanner' | 'naive' | 'markJs';

export interface InPageOptions {
  bundle: string;
  markPath: string;
  /** URL path (same origin) of the compiled index to load into the fake storage. */
  indexPath: string;
  names: string[];
  methods: Method[];
  runs: number;
  /** A method stops early (after at least `minRuns`) once its runs add up to this many ms. */
  budgetMs: number;
  minRuns: number;
  /** Warm every method up with one untimed pass (the floors always are). */
  warmup: boolean;
}

/** A pass as measured: in-page wall time (`ms`) and the tab's main-thread CPU time (`cpu`), per pass. */
export type Sample = PassResult & { cpu: number };

export interface InPageResult {
  url: string;
  chars: number;
  nodes: number;
  /** JS heap of the page (extension off) before the benchmark code went in: the memory baseline. */
  heapBaseline: number;
  samples: Partial<Record<Method, Sample[]>>;
  scanner: (ScannerResult & { cpu: number })[];
  /** Passes per timing, per method (see in-page.ts). */
  repeat: Partial<Record<Method, number>>;
}

declare const __scBench: BenchApi;

export async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize;
}

export async function runInPage(bench: Bench, url: string, o: InPageOptions): Promise<InPageResult> {
  const page = await bench.context.newPage();
  const cdp = await bench.context.newCDPSession(page);
  try {
    await page.goto(url, { waitUntil: 'load' });
    // Let the (switched-off) content script read its settings and stop before anything is timed.
    await page.waitForTimeout(300);
    const heapBaseline = await heapUsed(cdp);
    await page.addScriptTag({ content: o.bundle });
    if (o.methods.includes('markJs')) await page.addScriptTag({ path: o.markPath });
    await page.evaluate(
      async ({ path, names }) => {
        const r = await fetch(path);
        return __scBench.useIndex((await r.json()) as Record<string, unknown>, names);
      },
      { path: o.indexPath, names: o.names },
    );
    const first = (await page.evaluate(() => __scBench.floor())) as PassResult & { chars: number; nodes: number };
    await cdp.send('Performance.enable');
    const threadTime = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((x) => x.name === 'ThreadTime')?.value ?? NaN) * 1000;
    };
    // CPU time of the tab's main thread around each call (Performance.getMetrics ThreadTime): on a
    // shared machine the in-page clock also counts time the thread waited for a core.
    const call = async (m: Method, n: number): Promise<Sample> => {
      const c0 = await threadTime();
      const res = (await page.evaluate(({ name, k }) => __scBench[name](k), { name: m, k: n })) as PassResult;
      const cpu = ((await threadTime()) - c0) / n;
      if (m === 'markJs') await page.evaluate(() => __scBench.unmarkJs());
      return { ...res, cpu };
    };
    const samples: Partial<Record<Method, Sample[]>> = {};
    const spent: Partial<Record<Method, number>> = {};
    const repeat: Partial<Record<Method, number>> = {};
    for (const m of o.methods) {
      // One untimed pass warms the engine and sizes the repeat count: small pages are passed over
      // several times per timing, as the clock ticks in 0.1 ms steps. A pass slower than the whole
      // budget is kept as the only sample rather than run again.
      let warm: Sample | null = null;
      if (o.warmup || m === 'floor' || m === 'floorChars') {
        // Until the JIT has settled: 40 ms of passes (at most 30; mark.js once, it is slow anyway).
        let spentWarm = 0;
        for (let i = 0; i < (m === 'markJs' ? 1 : 30) && spentWarm < 40; i++) {
          warm = await call(m, 1);
          spentWarm += warm.ms;
        }
      }
      // About 10 ms per timing, so the CDP round trip (~0.5 ms of CPU) stays small beside it.
      repeat[m] = m === 'markJs' || !warm ? 1 : Math.min(400, Math.max(1, Math.ceil(10 / Math.max(warm.ms, 0.02))));
      if (warm && warm.ms > o.budgetMs) {
        samples[m] = [warm];
        spent[m] = warm.ms;
      }
    }
    for (let r = 0; r < o.runs; r++) {
      for (const m of o.methods) {
        const list = (samples[m] ??= []);
        if (list.length >= o.minRuns && (spent[m] ?? 0) > o.budgetMs) continue;
        const res = await call(m, repeat[m] ?? 1);
        list.push(res);
        spent[m] = (spent[m] ?? 0) + res.ms * (repeat[m] ?? 1);
      }
    }
    return { url, chars: first.chars, nodes: first.nodes, heapBaseline, samples, scanner: (samples.scanner ?? []) as (ScannerResult & { cpu: number })[], repeat };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}

/** Compile timing in the browser's engine, on a page that already has the bundle (any page will do). */
export async function runCompile(bench: Bench, url: string, bundle: string, datasetPaths: string[], runs: number): Promise<{ ms: number[]; keys: number; bytes: number }> {
  const page = await bench.context.newPage();
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.addScriptTag({ content: bundle });
    return await page.evaluate(
      async ({ paths, n }) => {
        const datasets = await Promise.all(paths.map(async (p) => (await fetch(p)).json()));
        const ms: number[] = [];
        let last = { keys: 0, bytes: 0 };
        for (let i = 0; i < n; i++) {
          const r = __scBench.compile(datasets as Parameters<BenchApi['compile']>[0]);
          ms.push(r.ms);
          last = { keys: r.keys, bytes: r.bytes };
        }
        return { ms, ...last };
      },
      { paths: datasetPaths, n: runs },
    );
  } finally {
    await page.close();
  }
}

/** Link-label cost on the link page (extension's own functions, fake storage): wall and CPU ms per pass. */
export async function runLinks(
  bench: Bench,
  url: string,
  o: Pick<InPageOptions, 'bundle' | 'indexPath' | 'names' | 'runs'>,
): Promise<{ ms: number[]; cpu: number[]; links: number; hosts: number; bytesRead: number }> {
  const page = await bench.context.newPage();
  const cdp = await bench.context.newCDPSession(page);
  try {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(200);
    await page.addScriptTag({ content: o.bundle });
    await page.evaluate(
      async ({ path, names }) => {
        const r = await fetch(path);
        return __scBench.useIndex((await r.json()) as Record<string, unknown>, names);
      },
      { path: o.indexPath, names: o.names },
    );
    await cdp.send('Performance.enable');
    const threadTime = async (): Promise<number> => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return (metrics.find((x) => x.name === 'ThreadTime')?.value ?? NaN) * 1000;
    };
    for (let i = 0; i < 10; i++) await page.evaluate(() => __scBench.links());
    const repeat = 5;
    const ms: number[] = [];
    const cpu: number[] = [];
    let info = { links: 0, hosts: 0, bytesRead: 0 };
    for (let i = 0; i < o.runs; i++) {
      const c0 = await threadTime();
      const r = await page.evaluate((k) => __scBench.links(k), repeat);
      cpu.push(((await threadTime()) - c0) / repeat);
      ms.push(r.ms);
      info = { links: r.links, hosts: r.hosts, bytesRead: r.bytesRead };
    }
    return { ms, cpu, ...info };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}
