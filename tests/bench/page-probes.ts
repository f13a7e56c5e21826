/**
 * Probes the benchmark puts around the real content script. They are strings evaluated in the
 * browser, not modules: one goes into the page's main world before any page script (mutation and
 * timing log), the other into the content script's own isolated world the moment Chromium creates
 * it (before the crxjs loader's dynamic import has brought in the content script's code), where it
 * wraps `storage.local.get`, `storage.sync.get` and `runtime.sendMessage` to log what the content
 * script reads and sends. The wrappers only record times and keep references; sizes are computed
 * after the run, so the content script's timings are not charged with the probe's work.
 */

/** Main world, at document start. Mutations are counted from the end of parsing on: the page has no scripts, so they are the extension's. */
export const MAIN_WORLD_PROBE = `(() => {
  const log = { firstBadge: -1, firstMutation: -1, added: 0, removed: 0, attributes: 0, characterData: 0, addedNames: {}, badges: 0 };
  Object.defineProperty(window, '__scbPage', { value: log, enumerable: false });
  const start = () => {
    new MutationObserver((records) => {
      const now = performance.now();
      for (const r of records) {
        if (log.firstMutation < 0) {
          log.firstMutation = now;
          // Puts the moment into the trace (blink.user_timing), where the analysis needs it.
          performance.mark('scb-first-mutation');
        }
        if (r.type === 'attributes') log.attributes++;
        else if (r.type === 'characterData') log.characterData++;
        else {
          log.removed += r.removedNodes.length;
          for (const n of r.addedNodes) {
            log.added++;
            log.addedNames[n.nodeName] = (log.addedNames[n.nodeName] || 0) + 1;
            if (n.nodeName === 'SOURCE-CONTEXT-BADGE') {
              log.badges++;
              if (log.firstBadge < 0) log.firstBadge = now;
            }
          }
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
})()`;

/** Content script's isolated world. Idempotent; wraps `chrome` and `browser` (distinct objects in Chromium 156). */
export const ISOLATED_WORLD_PROBE = `(() => {
  if (globalThis.__scbLog) return 'again';
  const log = { installedAt: performance.now(), local: [], sync: [], sent: [] };
  Object.defineProperty(globalThis, '__scbLog', { value: log, enumerable: false });
  const done = new WeakSet();
  const wrapGet = (area, list) => {
    if (!area || done.has(area)) return;
    done.add(area);
    const orig = area.get;
    area.get = function (keys, ...rest) {
      const rec = { keys, t0: performance.now(), t1: -1, value: null };
      list.push(rec);
      const p = orig.call(this, keys, ...rest);
      if (p && typeof p.then === 'function') p.then((v) => { rec.t1 = performance.now(); rec.value = v; }, () => { rec.t1 = performance.now(); });
      return p;
    };
  };
  const wrapSend = (runtime) => {
    if (!runtime || done.has(runtime)) return;
    done.add(runtime);
    const orig = runtime.sendMessage;
    runtime.sendMessage = function (...args) {
      log.sent.push({ t: performance.now(), type: args[0] && args[0].type });
      return orig.apply(this, args);
    };
  };
  for (const api of [globalThis.browser, globalThis.chrome]) {
    if (!api || !api.storage) continue;
    wrapGet(api.storage.local, log.local);
    wrapGet(api.storage.sync, log.sync);
    wrapSend(api.runtime);
  }
  return 'ok';
})()`;

/** Isolated world, after the run: the log with value sizes (JSON characters) instead of values. */
export const ISOLATED_WORLD_REPORT = `JSON.stringify(globalThis.__scbLog ? {
  installedAt: globalThis.__scbLog.installedAt,
  sent: globalThis.__scbLog.sent,
  local: globalThis.__scbLog.local.map((r) => ({ keys: r.keys, t0: r.t0, t1: r.t1, bytes: r.value ? JSON.stringify(r.value).length : 0 })),
  sync: globalThis.__scbLog.sync.map((r) => ({ keys: r.keys, t0: r.t0, t1: r.t1, bytes: r.value ? JSON.stringify(r.value).length : 0 })),
} : null)`;

export interface PageLog {
  firstBadge: number;
  firstMutation: number;
  added: number;
  removed: number;
  attributes: number;
  characterData: number;
  addedNames: Record<string, number>;
  badges: number;
}

export interface StorageRead {
  keys: string[] | string | null;
  t0: number;
  t1: number;
  bytes: number;
}

export interface IsolatedLog {
  installedAt: number;
  sent: { t: number; type?: string }[];
  local: StorageRead[];
  sync: StorageRead[];
}
