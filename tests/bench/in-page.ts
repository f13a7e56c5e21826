/**
 * The benchmark's in-page half, bundled by vite (library mode, IIFE) and injected into the page's
 * main world. It runs the extension's own scanning code (src/core, src/content/scanner.ts and
 * index-reader.ts, unchanged) beside three references on the same DOM: the floor (a bare text
 * walk), a naive matcher (one regular expression per name) and mark.js. The index comes from the
 * extension's own `compileIndex`; `IndexReader` reads it through a fake `browser.storage.local`
 * (src/content/ext.ts looks for `browser` first), so the reader's code is the shipped code too.
 *
 * Every pass returns a checksum built from what it read, so no engine can skip the work.
 */
import { compileIndex } from '../../src/core/index-compiler.ts';
import { siteKey } from '../../src/core/settings.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { IndexReader } from '../../src/content/index-reader.ts';
import { linkBase, linkDestination } from '../../src/content/links.ts';
import { scan, scanStats } from '../../src/content/scanner.ts';

// The benchmark reports what a page reads from the index, so the reader counts it here.
IndexReader.countBytes = true;

interface MarkOptions {
  separateWordSearch?: boolean;
  diacritics?: boolean;
  caseSensitive?: boolean;
  ignoreJoiners?: boolean;
  acrossElements?: boolean;
  accuracy?: string | { value: string; limiters: string[] };
  done?: (count: number) => void;
}
interface MarkInstance {
  mark(terms: string[], opts: MarkOptions): void;
  unmark(opts: { done?: () => void }): void;
}

const g = globalThis as unknown as {
  browser?: unknown;
  Mark?: new (ctx: Element) => MarkInstance;
  __scBench?: unknown;
};

/** What a pass reports: its time and a checksum of what it read. */
export interface PassResult {
  ms: number;
  checksum: number;
}

export interface ScannerResult extends PassResult {
  /** Wall time minus the time spent waiting in the scanner's own pauses (setTimeout). */
  busyMs: number;
  pauses: number;
  pausedMs: number;
  openMs: number;
  /** scanStats' phase times (wall, pauses included) and the same less the pauses that fell in each. */
  walkMs: number;
  verifyMs: number;
  walkBusyMs: number;
  verifyBusyMs: number;
  nodes: number;
  hits: number;
  matches: number;
  bytesRead: number;
}

let storage: Record<string, unknown> = {};
let names: string[] = [];
let regexes: RegExp[] = [];

/** Fake extension API for the reader: `storage.local.get` returns copies, as the real one does. */
function installFakeStorage(): void {
  g.browser = {
    runtime: { id: 'source-context-bench', sendMessage: async () => null, onMessage: { addListener() {}, removeListener() {} } },
    storage: {
      local: {
        get: async (keys: string[]) => {
          const out: Record<string, unknown> = {};
          for (const k of keys) if (k in storage) out[k] = structuredClone(storage[k]);
          return out;
        },
      },
    },
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Make `entries` (a compiled index, as the background writes it to storage.local) the fake storage's
 * content, and `names` what the naive matcher and mark.js look for.
 */
function useIndex(entries: Record<string, unknown>, nameList: string[]): { keys: number; names: number } {
  storage = entries;
  names = nameList;
  // Whole words, any letter case, Unicode-aware: the least a per-name matcher must do.
  regexes = names.map((n) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(n)}(?![\\p{L}\\p{N}])`, 'giu'));
  installFakeStorage();
  return { keys: Object.keys(entries).length, names: names.length };
}

/** Time the extension's `compileIndex` on `datasets` in this engine (the background runs the same code). */
function compile(datasets: Dataset[]): PassResult & { keys: number; bytes: number } {
  const t0 = performance.now();
  const entries = compileIndex(datasets, 'bench');
  const ms = performance.now() - t0;
  let bytes = 0;
  for (const [k, v] of Object.entries(entries)) bytes += k.length + JSON.stringify(v).length;
  return { ms, checksum: Object.keys(entries).length, keys: Object.keys(entries).length, bytes };
}

/*
 * Each pass takes `repeat`: small pages are passed over several times in one timing and the time
 * divided, because performance.now() here ticks in 0.1 ms steps and a 10 KB page takes less.
 */

/** Floor: walk every text node of the body and read its value; nothing else. */
function floor(repeat = 1): PassResult & { chars: number; nodes: number } {
  const t0 = performance.now();
  let chars = 0;
  let nodes = 0;
  for (let r = 0; r < repeat; r++) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    chars = 0;
    nodes = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      chars += (n as Text).data.length;
      nodes++;
    }
  }
  return { ms: (performance.now() - t0) / repeat, checksum: chars + nodes, chars, nodes };
}

/** Floor plus reading every code unit (a trivial hash): what any per-character matcher cannot avoid. */
function floorChars(repeat = 1): PassResult {
  const t0 = performance.now();
  let h = 0;
  for (let r = 0; r < repeat; r++) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const d = (n as Text).data;
      for (let i = 0; i < d.length; i++) h = (Math.imul(h, 31) + d.charCodeAt(i)) | 0;
    }
  }
  return { ms: (performance.now() - t0) / repeat, checksum: h };
}

/** Naive: every name's regular expression over every text node, counting matches. */
function naive(repeat = 1): PassResult {
  const t0 = performance.now();
  let found = 0;
  for (let r = 0; r < repeat; r++) {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const d = (n as Text).data;
      for (const re of regexes) {
        re.lastIndex = 0;
        while (re.exec(d)) found++;
      }
    }
  }
  return { ms: (performance.now() - t0) / repeat, checksum: found };
}

/**
 * mark.js with the same names, set up to find what the extension finds by name: whole words,
 * any case, diacritics folded, across inline elements. `unmarkJs` removes the marks afterwards.
 */
function markJs(): PassResult {
  const Mark = g.Mark;
  if (!Mark) throw new Error('mark.js is not loaded');
  let count = 0;
  const t0 = performance.now();
  markOnce(new Mark(document.body), (n) => {
    count = n;
  });
  return { ms: performance.now() - t0, checksum: count };
}

/** Undo mark.js (separately, so its clean-up is not timed with it). */
function unmarkJs(): void {
  const Mark = g.Mark;
  if (!Mark) return;
  new Mark(document.body).unmark({});
  document.body.normalize();
}

function markOnce(instance: MarkInstance, done: (n: number) => void): void {
  instance.mark(names, {
    separateWordSearch: false,
    diacritics: true,
    caseSensitive: false,
    ignoreJoiners: true,
    acrossElements: true,
    accuracy: { value: 'exactly', limiters: [',', '.', ';', ':', '!', '?', '"', "'", '(', ')', '«', '»', '“', '”', '’', '-', '–', '—'] },
    done,
  });
}

/**
 * The extension's scan of the whole body, with a fresh reader (as on a newly loaded page). The
 * scanner yields with setTimeout; those waits are timed so the busy time can be told from the wall
 * time.
 */
async function scanner(repeat = 1): Promise<ScannerResult> {
  const realSetTimeout = window.setTimeout;
  let pauses = 0;
  let pausedMs = 0;
  let gaps: { at: number; end: number }[] = [];
  const timed = ((fn: () => void, delay?: number) => {
    const at = performance.now();
    pauses++;
    return realSetTimeout(() => {
      const end = performance.now();
      pausedMs += end - at;
      gaps.push({ at, end });
      fn();
    }, delay);
  }) as typeof window.setTimeout;
  const sum = { ms: 0, openMs: 0, walkMs: 0, verifyMs: 0, walkPaused: 0 };
  let matches = 0;
  let bytesRead = 0;
  for (let r = 0; r < repeat; r++) {
    const t00 = performance.now();
    const reader = await IndexReader.open();
    sum.openMs += performance.now() - t00;
    if (!reader) throw new Error('no index in the fake storage');
    window.setTimeout = timed;
    gaps = [];
    try {
      const t0 = performance.now();
      const found = await scan(document.body, reader, { signal: new AbortController().signal, minConfidence: 0.5 });
      sum.ms += performance.now() - t0;
      matches = found.length;
      bytesRead = reader.bytesRead;
      sum.walkMs += scanStats.walkMs;
      sum.verifyMs += scanStats.verifyMs;
      const walkEnd = t0 + scanStats.walkMs;
      for (const g of gaps) if (g.end <= walkEnd + 0.001) sum.walkPaused += g.end - g.at;
    } finally {
      window.setTimeout = realSetTimeout;
    }
  }
  return {
    ms: sum.ms / repeat,
    busyMs: (sum.ms - pausedMs) / repeat,
    pauses: pauses / repeat,
    pausedMs: pausedMs / repeat,
    openMs: sum.openMs / repeat,
    walkMs: sum.walkMs / repeat,
    verifyMs: sum.verifyMs / repeat,
    walkBusyMs: (sum.walkMs - sum.walkPaused) / repeat,
    verifyBusyMs: Math.max(0, sum.verifyMs - (pausedMs - sum.walkPaused)) / repeat,
    nodes: scanStats.nodes,
    hits: scanStats.hits,
    matches,
    bytesRead,
    checksum: matches + scanStats.nodes,
  };
}

/**
 * Link labels on a page with no match: what the content script does for every link (host of the
 * destination, redirect unwrapping, one host-shard lookup for all hosts), with a fresh reader.
 */
async function links(repeat = 1): Promise<PassResult & { links: number; hosts: number; bytesRead: number }> {
  let ms = 0;
  let out = { checksum: 0, links: 0, hosts: 0, bytesRead: 0 };
  for (let r = 0; r < repeat; r++) {
    const reader = await IndexReader.open();
    if (!reader) throw new Error('no index in the fake storage');
    const t0 = performance.now();
    const pageSite = siteKey(location.hostname);
    const hosts = new Set<string>();
    let count = 0;
    const base = linkBase(document);
    for (const el of document.querySelectorAll('a[href]')) {
      count++;
      // As the content script does (src/content/features/link-labels.ts).
      const dest = linkDestination(el as HTMLAnchorElement, el.getAttribute('href') ?? '', base);
      if (!dest || siteKey(dest) === pageSite) continue;
      hosts.add(dest);
    }
    const found = await reader.publisherForHosts(hosts);
    ms += performance.now() - t0;
    out = { checksum: found.size + count, links: count, hosts: hosts.size, bytesRead: reader.bytesRead };
  }
  return { ms: ms / repeat, ...out };
}

g.__scBench = { useIndex, compile, floor, floorChars, naive, markJs, unmarkJs, scanner, links };

export type BenchApi = {
  useIndex: typeof useIndex;
  compile: typeof compile;
  floor: typeof floor;
  floorChars: typeof floorChars;
  naive: typeof naive;
  markJs: typeof markJs;
  unmarkJs: typeof unmarkJs;
  scanner: typeof scanner;
  links: typeof links;
};
