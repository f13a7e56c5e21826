/**
 * One load of a page with the real content script, measured from outside: the service worker is
 * stopped first; a Chromium trace of the tab's renderer (devtools.timeline) gives the content
 * script's main-thread tasks; the probes (page-probes.ts) give the first badge, DOM changes, storage
 * reads and messages; CDP Network lists the extension files the page loaded; the JS heap after
 * garbage collection, against the same page with the extension off, gives the script's memory.
 */
import type { CDPSession } from 'playwright-core';
import type { Bench } from './browser.ts';
import { heapUsed } from './in-page-runner.ts';
import { ISOLATED_WORLD_PROBE, ISOLATED_WORLD_REPORT, MAIN_WORLD_PROBE, type IsolatedLog, type PageLog } from './page-probes.ts';
import { analyseTrace, profileFunctions, type ScriptProfile, type TraceEvent, type TraceSummary } from './trace.ts';

export interface ExtensionRun {
  url: string;
  workerStoppedBefore: boolean;
  /** Worker status at the end of the run (a navigation wakes it through tabs.onUpdated, a badge through its messages). */
  workerStatusAtEnd: string;
  loadEventEnd: number;
  domContentLoaded: number;
  page: PageLog;
  isolated: IsolatedLog | null;
  /** Extension files the tab requested (paths under the extension's origin). */
  extensionRequests: string[];
  trace: TraceSummary | null;
  /** The content script's functions from the trace's sampling profiler (only with `profile`). */
  profile?: ScriptProfile | null;
  heapUsed: number | null;
  /** Highlights registered with CSS.highlights, as the page sees them. */
  highlights: number;
}

export interface ExtensionRunOptions {
  /** The content script is taken to be done when nothing it does is seen for this long (ms). */
  quietMs: number;
  /** Give up waiting after this long (ms after load). */
  maxWaitMs: number;
  trace: boolean;
  heap: boolean;
  /** Also sample the JS stacks into the trace (V8's profiler), for which functions cost. */
  profile?: boolean;
}

const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'v8.execute', 'blink.user_timing'];
/** V8's sampling profiler, in the trace as DevTools records it: stacks every ~0.1 ms. */
const PROFILE_CATEGORIES = ['disabled-by-default-v8.cpu_profiler'];

/**
 * Start tracing; the returned function ends it and reads the trace. The trace comes back as a
 * stream at the end, not as events during the load, so this process is idle while the page loads
 * and can answer the isolated world's creation at once (see ISOLATED_WORLD_PROBE).
 */
async function collectTrace(cdp: CDPSession, profile: boolean): Promise<() => Promise<TraceEvent[]>> {
  const includedCategories = profile ? [...TRACE_CATEGORIES, ...PROFILE_CATEGORIES] : TRACE_CATEGORIES;
  await cdp.send('Tracing.start', { traceConfig: { includedCategories, recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReturnAsStream' });
  return async () => {
    const done = new Promise<string | undefined>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream)));
    await cdp.send('Tracing.end');
    const stream = await done;
    if (!stream) return [];
    const parts: string[] = [];
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      parts.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const parsed = JSON.parse(parts.join('')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  };
}

/** Counts of what the probes have seen: storage calls, messages, DOM changes. */
const ACTIVITY = `(() => { const l = globalThis.__scbLog; return l ? l.local.length + ':' + l.sync.length + ':' + l.sent.length + ':' + l.local.filter((r) => r.t1 >= 0).length : 'none'; })()`;

/**
 * Wait until the content script has been quiet for `quietMs`: no new storage call or reply, no
 * message, no DOM change, and the page answering promptly (a poll that waits long means the main
 * thread was busy). A poll is a tiny evaluation in the content script's world; the trace analysis
 * leaves these out (see trace.ts).
 */
async function waitUntilQuiet(cdp: CDPSession, contextId: () => number | null, quietMs: number, maxWaitMs: number): Promise<void> {
  const start = Date.now();
  let last = '';
  let quietSince = Date.now();
  while (Date.now() - start < maxWaitMs) {
    await new Promise((r) => setTimeout(r, 150));
    const id = contextId();
    const t0 = Date.now();
    const [iso, dom] = await Promise.all([
      id === null ? Promise.resolve('none') : cdp.send('Runtime.evaluate', { expression: ACTIVITY, contextId: id, returnByValue: true }).then((r) => String((r as { result: { value?: unknown } }).result.value), () => 'gone'),
      cdp.send('Runtime.evaluate', { expression: `window.__scbPage ? __scbPage.added + ':' + __scbPage.attributes : ''`, returnByValue: true }).then((r) => String((r as { result: { value?: unknown } }).result.value), () => ''),
    ]);
    const state = `${iso}|${dom}`;
    if (state !== last || Date.now() - t0 > 200 || iso === 'none') {
      last = state;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
}

export async function runExtension(bench: Bench, url: string, o: ExtensionRunOptions): Promise<ExtensionRun> {
  const workerStoppedBefore = await bench.stopWorker();
  const page = await bench.context.newPage();
  const cdp = await bench.context.newCDPSession(page);
  const origin = `chrome-extension://${bench.extensionId}`;
  const extensionRequests: string[] = [];
  let isolatedId: number | null = null;
  try {
    cdp.on('Runtime.executionContextCreated', (e: { context: { id: number; origin: string; auxData?: { type?: string } } }) => {
      if (e.context.origin !== origin || e.context.auxData?.type !== 'isolated') return;
      isolatedId = e.context.id;
      void cdp.send('Runtime.evaluate', { expression: ISOLATED_WORLD_PROBE, contextId: e.context.id }).catch(() => undefined);
    });
    cdp.on('Network.requestWillBeSent', (e: { request: { url: string } }) => {
      if (e.request.url.startsWith(origin)) extensionRequests.push(e.request.url.slice(origin.length + 1));
    });
    await cdp.send('Runtime.enable');
    await cdp.send('Network.enable');
    await page.addInitScript(MAIN_WORLD_PROBE);
    const stopTrace = o.trace ? await collectTrace(cdp, o.profile ?? false) : null;
    await page.goto(url, { waitUntil: 'load' });
    await waitUntilQuiet(cdp, () => isolatedId, o.quietMs, o.maxWaitMs);
    const events = stopTrace ? await stopTrace() : null;
    const pageInfo = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const reg = (CSS as unknown as { highlights?: Map<string, { size: number }> }).highlights;
      let highlights = 0;
      reg?.forEach((h) => (highlights += h.size));
      return { log: (window as unknown as { __scbPage: PageLog }).__scbPage, load: nav?.loadEventEnd ?? -1, dcl: nav?.domContentLoadedEventEnd ?? -1, highlights };
    });
    let isolated: IsolatedLog | null = null;
    if (isolatedId !== null) {
      const r = (await cdp.send('Runtime.evaluate', { expression: ISOLATED_WORLD_REPORT, contextId: isolatedId, returnByValue: true })) as { result: { value?: string } };
      isolated = r.result.value ? (JSON.parse(r.result.value) as IsolatedLog) : null;
    }
    const heap = o.heap ? await heapUsed(cdp) : null;
    const trace = events ? analyseTrace(events, origin) : null;
    return {
      url,
      workerStoppedBefore,
      workerStatusAtEnd: bench.workerStatus(),
      loadEventEnd: pageInfo.load,
      domContentLoaded: pageInfo.dcl,
      page: pageInfo.log,
      isolated,
      extensionRequests,
      trace,
      ...(o.profile && events && trace ? { profile: profileFunctions(events, origin, trace.endTs) } : {}),
      heapUsed: heap,
      highlights: pageInfo.highlights,
    };
  } finally {
    await cdp.detach().catch(() => undefined);
    await page.close();
  }
}
