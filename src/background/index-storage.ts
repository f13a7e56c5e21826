/**
 * The detection index in `storage.local`, where content scripts read it without waking the worker.
 * The entries come from `compileIndex` (core/detection-index.ts); this only writes them in the
 * order that keeps a reader from seeing a half-written index.
 */
import browser from 'webextension-polyfill';
import { INDEX_PREFIX, META_KEY as INDEX_META } from '../core/detection-index.ts';

export { INDEX_META, INDEX_PREFIX };

/**
 * Writes the compiled index to storage.local: every entry but `idx:meta` first, then `idx:meta`
 * (content scripts go by it, so they never read a half-written index), then removes `idx:` keys
 * the new index no longer has. When a write fails (the quota), the generation in use stays: its
 * entries are all there and `idx:meta` still names it, so detection goes on with the data it had;
 * what was written of the new generation is removed again, to give the space back. Throws the
 * write's error.
 */
export async function publishIndex(entries: Record<string, unknown>): Promise<void> {
  const { [INDEX_META]: meta, ...parts } = entries;
  try {
    await browser.storage.local.set(parts);
    if (meta !== undefined) await browser.storage.local.set({ [INDEX_META]: meta });
  } catch (e) {
    const inUse = generationOf((await browser.storage.local.get(INDEX_META))[INDEX_META]);
    const mine = Object.keys(parts).filter((k) => inUse === null || !k.startsWith(`${INDEX_PREFIX}${inUse}:`));
    await browser.storage.local.remove(mine).catch(() => undefined);
    throw e;
  }
  const stale = (await storedKeys()).filter((k) => k.startsWith(INDEX_PREFIX) && !(k in entries));
  if (stale.length > 0) await browser.storage.local.remove(stale);
}

/** The generation an `idx:meta` value names, or null. */
function generationOf(meta: unknown): string | null {
  return typeof meta === 'object' && meta !== null && typeof (meta as { gen?: unknown }).gen === 'string' ? (meta as { gen: string }).gen : null;
}

/** Every key in storage.local; without reading the values where the browser can (getKeys: Chrome 130+, Firefox 143+). */
async function storedKeys(): Promise<string[]> {
  const local = browser.storage.local;
  if (typeof local.getKeys === 'function') return local.getKeys();
  return Object.keys(await local.get(null));
}
