/**
 * The slice of `browser` the in-page UI uses: runtime.sendMessage (a mock each test programs) and
 * storage.sync in memory. Test files route `webextension-polyfill` here with vi.mock.
 */
import { vi } from 'vitest';

const sync = new Map<string, unknown>();

export const fakeBrowser = {
  runtime: {
    id: 'test-extension-id',
    sendMessage: vi.fn<(message: unknown) => Promise<unknown>>(),
  },
  storage: {
    sync: {
      async get(keys: null | string | string[]): Promise<Record<string, unknown>> {
        const wanted = keys === null ? [...sync.keys()] : typeof keys === 'string' ? [keys] : keys;
        return Object.fromEntries(wanted.filter((k) => sync.has(k)).map((k) => [k, structuredClone(sync.get(k))]));
      },
      set: vi.fn(async (items: Record<string, unknown>): Promise<void> => {
        for (const [k, v] of Object.entries(items)) sync.set(k, structuredClone(v));
      }),
      async remove(keys: string | string[]): Promise<void> {
        for (const k of typeof keys === 'string' ? [keys] : keys) sync.delete(k);
      },
    },
  },
};

export function resetFakeBrowser(): void {
  sync.clear();
  fakeBrowser.runtime.sendMessage.mockReset();
  fakeBrowser.storage.sync.set.mockClear();
}

/** What storage.sync holds under `key`. */
export const storedSync = (key: string): unknown => sync.get(key);
