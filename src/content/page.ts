/**
 * The content script's controller for one page: reads the settings and the index, recognises the
 * page's publisher, scans, marks, follows live changes, answers the panel. `start(signal)` runs it;
 * aborting the signal removes everything it added.
 */
import type { Findings, Mention, PagePublisher } from '../core/findings.ts';
import { parseMessage } from '../core/messages.ts';
import { SETTINGS_KEY, SITE_PREFIX, effectiveSite, repairSettings, siteKey, siteLookupKeys, type GlobalSettings, type SiteSetting } from '../core/settings.ts';
import { ext, storageSyncGet } from './ext.ts';
import { IndexReader } from './index-reader.ts';
import { carriesAddress, destinationHost } from './links.ts';
import { Marker, type Mark } from './marker.ts';
import { findPhrasesInText } from './metadata.ts';
import { observe } from './observer.ts';
import { quietly } from './quietly.ts';
import { SKIP_SELECTOR, scan, type FoundMatch } from './scanner.ts';

type UiModule = typeof import('./ui/index.ts');
let uiPromise: Promise<UiModule> | null = null;
/** The UI (Preact, popup, badge) loads only when the page has something to mark. */
const loadUi = (): Promise<UiModule> => (uiPromise ??= import('./ui/index.ts'));

interface State {
  settings: GlobalSettings;
  site: { key: string; setting: SiteSetting };
  reader: IndexReader | null;
  marker: Marker | null;
  publisher: PagePublisher | null;
  scanning: boolean;
  run: AbortController | null;
  claimCounts: Map<string, number>;
  /** Links already looked at, with the address they had: a recycled row's link gets a new one. */
  labelled: WeakMap<HTMLAnchorElement, string>;
  reportedCount: number;
  bannerOff: (() => void) | null;
  url: string;
}

const host = location.hostname;

async function readSettings(): Promise<{ settings: GlobalSettings; site: { key: string; setting: SiteSetting } }> {
  const stored = await storageSyncGet([SETTINGS_KEY, ...siteLookupKeys(host)]);
  const { settings } = repairSettings(stored[SETTINGS_KEY]);
  const eff = effectiveSite(stored, host);
  return { settings, site: { key: eff.key, setting: eff.setting } };
}

function isActive(s: State): boolean {
  return !s.settings.paused && s.site.setting.mode !== 'off';
}

function wantMatch(s: State, m: FoundMatch): boolean {
  if (m.kind === 'incident') return s.settings.kinds.incident && s.site.setting.mode === 'on';
  return s.settings.kinds.publisher;
}

function wantLinks(s: State): boolean {
  return s.settings.kinds.links && (s.site.setting.links ?? true) && s.site.setting.mode !== 'off';
}

async function claimCountsFor(s: State, matches: FoundMatch[]): Promise<void> {
  const ids = matches.filter((m) => m.kind === 'incident' && !s.claimCounts.has(m.id)).map((m) => m.id);
  if (!ids.length || !s.reader) return;
  for (const [id, r] of await s.reader.records(ids)) s.claimCounts.set(id, r.claimCount);
}

/** Page statements about its publisher: og:site_name, JSON-LD publisher, application-name. */
function metadataNames(): string[] {
  const names: string[] = [];
  for (const sel of ['meta[property="og:site_name"]', 'meta[name="application-name"]', 'meta[name="publisher"]', 'meta[name="author"]']) {
    const v = document.querySelector(sel)?.getAttribute('content');
    if (v) names.push(v.slice(0, 200));
  }
  for (const script of document.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > 100_000) continue;
    try {
      collectPublisherNames(JSON.parse(text), names, 0);
    } catch {
      // The page's own malformed JSON-LD: nothing to learn from it.
    }
  }
  return names;
}

function collectPublisherNames(v: unknown, out: string[], depth: number): void {
  if (depth > 6 || out.length > 20 || typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) collectPublisherNames(x, out, depth + 1);
    return;
  }
  const o = v as Record<string, unknown>;
  for (const key of ['publisher', 'sourceOrganization', 'provider']) {
    const p = o[key];
    if (typeof p === 'string') out.push(p.slice(0, 200));
    else if (p && typeof p === 'object' && typeof (p as Record<string, unknown>).name === 'string') out.push(((p as Record<string, unknown>).name as string).slice(0, 200));
  }
  if (Array.isArray(o['@graph'])) collectPublisherNames(o['@graph'], out, depth + 1);
}

async function recognisePublisher(s: State, matches: FoundMatch[], byHost: { id: string } | undefined): Promise<PagePublisher | null> {
  if (!s.reader) return null;
  if (byHost) return { id: byHost.id, how: 'domain', detail: siteKey(host) };
  const byline = matches.find((m) => m.via === 'byline');
  if (byline) return { id: byline.id, how: 'byline', detail: byline.text };
  for (const name of metadataNames()) {
    const found = await findPhrasesInText(name, s.reader);
    const p = found.find((e) => e.r === 'publisher' || e.r === 'byline');
    if (p) return { id: p.id, how: 'metadata', detail: name };
  }
  return null;
}

async function labelLinks(s: State, root: ParentNode, signal: AbortSignal): Promise<Mark[]> {
  if (!s.reader || !s.marker || !wantLinks(s)) return [];
  const links = root.querySelectorAll('a[href]');
  const pending: { a: HTMLAnchorElement; host: string }[] = [];
  const pageSite = siteKey(host);
  const sameSite = new Map<string, boolean>();
  let sliceStart = performance.now();
  for (let i = 0; i < links.length; i++) {
    const a = links[i] as HTMLAnchorElement;
    // The attribute as written: a relative address stays on this site and needs no parsing at all
    // (reading `a.href` would resolve and serialise every one of them).
    const raw = (a.getAttribute('href') ?? '').trim();
    const href = /^(?:https?:)?\/\//i.test(raw) ? (raw.startsWith('//') ? location.protocol + raw : raw) : carriesAddress(raw) ? a.href : '';
    const before = s.labelled.get(a);
    if (before === href) continue;
    if (before !== undefined) {
      // A virtualised list reused this row for another item: its old label no longer applies.
      for (const [id, mark] of s.marker.marks) if (mark.link === a) s.marker.remove(id);
    }
    s.labelled.set(a, href);
    if (!href) continue;
    const dest = destinationHost(href);
    if (!dest) continue;
    // Links within the site itself are not labelled: the page banner already says who publishes it.
    let own = sameSite.get(dest);
    if (own === undefined) sameSite.set(dest, (own = siteKey(dest) === pageSite));
    if (!own) pending.push({ a, host: dest });
    if ((i & 255) === 255 && performance.now() - sliceStart > 6) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal.aborted) return [];
      sliceStart = performance.now();
    }
  }
  if (!pending.length) return [];
  const found = await s.reader.publisherForHosts(new Set(pending.map((p) => p.host)));
  const marks: Mark[] = [];
  for (const { a, host: h } of pending) {
    const pub = found.get(h);
    if (!pub || signal.aborted || a.closest(SKIP_SELECTOR)) continue;
    const mark = await s.marker.addLink(a, pub.id, pub.nm);
    if (mark) marks.push(mark);
  }
  return marks;
}

function reportCount(s: State): void {
  const count = s.marker?.marks.size ?? 0;
  // No message to the background on a page with nothing marked (it stays asleep).
  if (count === s.reportedCount || (count === 0 && s.reportedCount <= 0)) return;
  s.reportedCount = count;
  ext()
    ?.runtime.sendMessage({ type: 'tab/marks', count })
    .catch(() => undefined);
}

async function scanRoot(s: State, root: Node, signal: AbortSignal): Promise<void> {
  if (!s.reader || !s.marker) return;
  const matches = (await scan(root, s.reader, { signal, minConfidence: s.settings.minConfidence })).filter((m) => wantMatch(s, m));
  if (signal.aborted) return;
  await claimCountsFor(s, matches);
  await s.marker.add(matches, s.claimCounts);
  await labelLinks(s, root.nodeType === Node.ELEMENT_NODE || root.nodeType === Node.DOCUMENT_NODE ? (root as ParentNode) : document, signal);
  reportCount(s);
}

/** The index, read as soon as the script starts (in parallel with the settings). */
let indexRead: Promise<IndexReader | null> | null = null;

async function run(s: State): Promise<void> {
  s.run?.abort();
  s.marker?.clear();
  s.bannerOff?.();
  s.bannerOff = null;
  s.labelled = new WeakMap();
  s.publisher = null;
  const ctl = new AbortController();
  s.run = ctl;
  if (!isActive(s)) {
    reportCount(s);
    return;
  }
  // The early read may have found no index yet (first install still writing it); reading again now
  // that the storage listener is in place leaves no gap in which the new index could be missed.
  s.reader ??= (await indexRead) ?? (await IndexReader.open());
  indexRead = null;
  if (!s.reader || ctl.signal.aborted) return;
  const reader = s.reader;
  s.scanning = true;
  let initialDone: () => void = () => undefined;
  const initialScan = new Promise<void>((resolve) => (initialDone = resolve));
  ctl.signal.addEventListener('abort', () => initialDone());
  const marker = new Marker(loadUi, { site: s.site.key, highlight: s.settings.highlight });
  s.marker = marker;
  // Watch from the start: content that arrives while the page is being scanned is scanned after.
  observe(ctl.signal, {
    isOurs: (n) => marker.isOurs(n),
    marks: () => marker.marks,
    removeMark: (id) => marker.remove(id),
    rescan: async (root) => {
      await initialScan; // changes during the first scan are scanned once it is done
      if (!ctl.signal.aborted) await scanRoot(s, root, ctl.signal);
    },
    afterChange: () => {
      if (location.href !== s.url) {
        // pushState navigation: the toolbar count was cleared with the old URL; send it again.
        s.url = location.href;
        s.reportedCount = -1;
      }
      reportCount(s);
    },
    linkChanged: (a) => {
      if (!ctl.signal.aborted) quietly(labelLinks(s, a.parentElement ?? document, ctl.signal).then(() => reportCount(s)));
    },
  });
  try {
    // The page's own host is looked up while the text is scanned.
    const byHost = reader.publisherForHosts([host]);
    const matches = (await scan(document.body ?? document.documentElement, reader, { signal: ctl.signal, minConfidence: s.settings.minConfidence })).filter((m) => wantMatch(s, m));
    if (ctl.signal.aborted) return;
    if (matches.length) quietly(loadUi()); // start fetching the UI while the claim counts are read
    await claimCountsFor(s, matches);
    await marker.add(matches, s.claimCounts);
    s.publisher = await recognisePublisher(s, matches, (await byHost).get(host));
    if (s.publisher && s.settings.kinds.publisher && !ctl.signal.aborted) {
      const pubId = s.publisher.id;
      const badged = [...marker.marks.values()].some((m) => m.mention.id === pubId && m.badge);
      const name = (await byHost).get(host)?.nm ?? (await reader.records([pubId])).get(pubId)?.name ?? pubId;
      if (!badged) await marker.addPagePublisher(pubId, name, s.publisher.how, s.publisher.detail);
      if (!s.site.setting.bannerDismissed) {
        const ui = await loadUi();
        const anchor = document.querySelector('article, main, [role="main"]') ?? document.body;
        if (anchor && !ctl.signal.aborted) s.bannerOff = ui.showBanner({ publisherId: pubId, name, site: s.site.key, anchor });
      }
    }
    await labelLinks(s, document, ctl.signal);
  } finally {
    s.scanning = false;
    initialDone();
  }
  reportCount(s);
}

function findings(s: State): Findings {
  const mentions: Mention[] = s.marker ? [...s.marker.marks.values()].map((m) => m.mention) : [];
  return {
    url: location.href,
    site: s.site.key,
    state: s.settings.paused ? 'paused' : s.site.setting.mode === 'off' ? 'site-off' : s.scanning ? 'scanning' : 'done',
    mode: s.site.setting.mode,
    publisher: s.publisher,
    mentions,
  };
}

function reveal(s: State, markId: string): boolean {
  const mark = s.marker?.marks.get(markId);
  if (!mark) return false;
  const target = mark.badge ?? mark.link ?? (mark.match?.endNode.parentElement as HTMLElement | null);
  if (!target?.isConnected) return false;
  target.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
  flash(mark);
  quietly(
    loadUi().then((ui) => {
      if (mark.badge) ui.openPopupFor(mark.badge);
    }),
  );
  return true;
}

const FLASH = 'source-context-flash';
let flashTimer: ReturnType<typeof setTimeout> | null = null;

/** Show where a mention is for a moment (the panel's jump-to): its text, or the link, lit up. */
function flash(mark: Mark): void {
  const g = globalThis as unknown as { Highlight?: new (...r: Range[]) => unknown; CSS?: { highlights?: Map<string, unknown> } };
  if (!g.Highlight || !g.CSS?.highlights) return;
  let ranges = mark.match?.ranges ?? [];
  if (ranges.length === 0 && mark.link) {
    const r = document.createRange();
    r.selectNodeContents(mark.link);
    ranges = [r];
  }
  g.CSS.highlights.set(FLASH, new g.Highlight(...ranges));
  if (flashTimer) clearTimeout(flashTimer);
  flashTimer = setTimeout(() => g.CSS?.highlights?.delete(FLASH), 1600);
}

/** Run Source Context on this page until `signal` aborts. */
export async function start(signal: AbortSignal): Promise<void> {
  const api = ext();
  if (!api) return;
  indexRead = IndexReader.open();
  const initial = await readSettings();
  const s: State = {
    ...initial,
    reader: null,
    marker: null,
    publisher: null,
    scanning: false,
    run: null,
    claimCounts: new Map(),
    labelled: new WeakMap(),
    reportedCount: 0,
    bannerOff: null,
    url: location.href,
  };

  const onMessage = (raw: unknown, sender: { id?: string }, reply: (r: unknown) => void): boolean | undefined => {
    if (sender.id !== api.runtime.id) return undefined;
    const msg = parseMessage(raw);
    if (msg?.type === 'findings/get') reply({ ok: true, value: findings(s) });
    else if (msg?.type === 'findings/reveal') reply({ ok: true, value: reveal(s, msg.markId) });
    else return undefined;
    return true;
  };
  const onChanged = (changes: Record<string, unknown>, area: string): void => {
    if (area === 'local' && 'idx:meta' in changes) {
      // The index was rebuilt (pack imported or removed): read it afresh and rescan.
      s.reader = null;
      indexRead = null;
      quietly(run(s));
      return;
    }
    if (area !== 'sync') return;
    if (!Object.keys(changes).some((k) => k === SETTINGS_KEY || k.startsWith(SITE_PREFIX))) return;
    quietly(readSettings().then((next) => {
      // Dismissing the banner changes nothing on the page but the banner itself (already gone).
      const relevant = (x: Pick<State, 'settings' | 'site'>): string => JSON.stringify([x.settings, x.site.key, { ...x.site.setting, bannerDismissed: undefined }]);
      const changed = relevant(s) !== relevant(next);
      s.settings = next.settings;
      s.site = next.site;
      if (changed) quietly(run(s));
    }));
  };
  const onPageShow = (e: PageTransitionEvent): void => {
    // Back/forward cache restore: the toolbar count was cleared when the tab navigated away.
    if (e.persisted) {
      s.reportedCount = -1;
      reportCount(s);
    }
  };
  addEventListener('pageshow', onPageShow);
  api.runtime.onMessage.addListener(onMessage);
  api.storage.onChanged.addListener(onChanged as never);
  signal.addEventListener('abort', () => {
    removeEventListener('pageshow', onPageShow);
    api.runtime.onMessage.removeListener(onMessage);
    api.storage.onChanged.removeListener(onChanged as never);
    s.run?.abort();
    s.marker?.clear();
    s.bannerOff?.();
    quietly(uiPromise?.then((ui) => ui.destroyUi()));
  });
  await run(s);
}
