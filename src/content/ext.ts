/**
 * The few extension APIs the always-loaded content script uses, called on the browser's own object.
 * Both Chromium (MV3) and Firefox return promises for these calls, so the every-page script does
 * without webextension-polyfill (about 3 KB gzip); the UI chunk, loaded only on pages with a match,
 * and the extension pages use the polyfill.
 */
type StorageArea = { get(keys: string[] | string | null): Promise<Record<string, unknown>> };
type Listener<A extends unknown[]> = { addListener(cb: (...args: A) => unknown): void; removeListener(cb: (...args: A) => unknown): void };
export interface ExtApi {
  runtime: {
    id?: string;
    sendMessage(msg: unknown): Promise<unknown>;
    onMessage: Listener<[unknown, { id?: string; url?: string; tab?: unknown }, (reply: unknown) => void]>;
  };
  storage: {
    local: StorageArea;
    sync: StorageArea;
    onChanged: Listener<[Record<string, { oldValue?: unknown; newValue?: unknown }>, string]>;
  };
}

const g = globalThis as unknown as { browser?: ExtApi; chrome?: ExtApi };

/** The extension API object, or null when the context is gone (extension updated or removed). */
export function ext(): ExtApi | null {
  const api = g.browser ?? g.chrome;
  return api?.runtime?.id ? api : null;
}

export async function storageLocalGet(keys: string[]): Promise<Record<string, unknown>> {
  const api = ext();
  return api ? api.storage.local.get(keys) : {};
}

export async function storageSyncGet(keys: string[]): Promise<Record<string, unknown>> {
  const api = ext();
  return api ? api.storage.sync.get(keys) : {};
}
