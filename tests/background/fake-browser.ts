/**
 * A small in-memory `browser` for the background's tests: storage.local, runtime (id, URLs, events),
 * action (badge calls recorded), tabs.onUpdated and tabs.create (recorded). Test files route `webextension-polyfill` here
 * with vi.mock and call `resetFakeBrowser()` before each test.
 */
type Listener = (...args: never[]) => unknown;

class FakeEvent<L extends Listener> {
  readonly listeners: L[] = [];
  addListener(l: L): void {
    this.listeners.push(l);
  }
  removeListener(l: L): void {
    const i = this.listeners.indexOf(l);
    if (i >= 0) this.listeners.splice(i, 1);
  }
  hasListener(l: L): boolean {
    return this.listeners.includes(l);
  }
}

const local = new Map<string, unknown>();
/** Set by a test to make the next storage.local.set of index keys reject (quota, disk). */
let failNextSet: Error | null = null;
/** Every storage.local.set, in order: the keys it wrote. */
export const setCalls: string[][] = [];

export const badgeCalls: { method: string; details: Record<string, unknown> }[] = [];
/** Every tabs.create, in order: the URL it opened. */
export const createdTabs: string[] = [];

export const fakeBrowser = {
  runtime: {
    id: 'test-extension-id',
    getURL: (path: string): string => `chrome-extension://test-extension-id/${path.replace(/^\//, '')}`,
    onMessage: new FakeEvent<(message: unknown, sender: unknown) => unknown>(),
    onInstalled: new FakeEvent<(details: { reason: string }) => unknown>(),
  },
  storage: {
    local: {
      async get(keys: null | string | string[]): Promise<Record<string, unknown>> {
        const wanted = keys === null ? [...local.keys()] : typeof keys === 'string' ? [keys] : keys;
        const out: Record<string, unknown> = {};
        for (const k of wanted) if (local.has(k)) out[k] = structuredClone(local.get(k));
        return out;
      },
      async set(items: Record<string, unknown>): Promise<void> {
        setCalls.push(Object.keys(items));
        if (failNextSet && Object.keys(items).some((k) => k.startsWith('idx:'))) {
          const e = failNextSet;
          failNextSet = null;
          throw e;
        }
        for (const [k, v] of Object.entries(items)) local.set(k, structuredClone(v));
      },
      async remove(keys: string | string[]): Promise<void> {
        for (const k of typeof keys === 'string' ? [keys] : keys) local.delete(k);
      },
    },
  },
  action: {
    async setBadgeText(details: Record<string, unknown>): Promise<void> {
      badgeCalls.push({ method: 'setBadgeText', details });
    },
    async setBadgeBackgroundColor(details: Record<string, unknown>): Promise<void> {
      badgeCalls.push({ method: 'setBadgeBackgroundColor', details });
    },
    async setBadgeTextColor(details: Record<string, unknown>): Promise<void> {
      badgeCalls.push({ method: 'setBadgeTextColor', details });
    },
  },
  tabs: {
    onUpdated: new FakeEvent<(tabId: number, changeInfo: { status?: string }) => unknown>(),
    async create(props: { url?: string }): Promise<{ id: number }> {
      createdTabs.push(props.url ?? '');
      return { id: 100 + createdTabs.length };
    },
  },
};

/** Everything in storage.local, sorted by key, as JSON: two calls compare equal only if storage is identical. */
export function dumpLocal(): string {
  return JSON.stringify([...local.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function localKeys(): string[] {
  return [...local.keys()].sort();
}

export function failNextIndexWrite(e: Error): void {
  failNextSet = e;
}

export function resetFakeBrowser(): void {
  local.clear();
  failNextSet = null;
  setCalls.length = 0;
  badgeCalls.length = 0;
  createdTabs.length = 0;
  fakeBrowser.runtime.onMessage.listeners.length = 0;
  fakeBrowser.runtime.onInstalled.listeners.length = 0;
  fakeBrowser.tabs.onUpdated.listeners.length = 0;
}
