/**
 * A fake `webextension-polyfill` for the panel and options tests: storage.sync with onChanged,
 * tabs and runtime messaging answered by per-test handlers, commands. For use in tests only:
 * `vi.mock('webextension-polyfill', async () => ({ default: (await import('./fake-browser.ts')).fakeBrowser }))`.
 */
type Listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void;
type Handler = (msg: unknown) => unknown;

const store = new Map<string, unknown>();
const listeners = new Set<Listener>();

export const calls = {
  tabsQuery: 0,
  tabMessages: [] as { tabId: number; msg: unknown }[],
  runtimeMessages: [] as unknown[],
  optionsOpened: 0,
};

export const handlers: {
  /** Answers `tabs.sendMessage`; throw to act as a tab without a content script. */
  tab: (tabId: number, msg: unknown) => unknown;
  runtime: Handler;
  activeTabId: number | undefined;
  commands: { name?: string; shortcut?: string; description?: string }[];
} = {
  tab: () => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  },
  runtime: () => ({ ok: false, error: 'no handler' }),
  activeTabId: 7,
  commands: [],
};

function emit(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): void {
  if (Object.keys(changes).length === 0) return;
  // Storage events arrive after the write resolves, as in the browser.
  setTimeout(() => {
    for (const l of listeners) l(changes, 'sync');
  }, 0);
}

/** Runs `fn` as a browser API call does: answered later, a throw becomes a rejection. */
const later = <T>(fn: () => T | Promise<T>): Promise<T> => Promise.resolve().then(fn);

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export const fakeBrowser = {
  storage: {
    sync: {
      get: (keys: string | string[] | null): Promise<Record<string, unknown>> =>
        later(() => {
          const out: Record<string, unknown> = {};
          const wanted = keys === null ? [...store.keys()] : typeof keys === 'string' ? [keys] : keys;
          for (const k of wanted) if (store.has(k)) out[k] = clone(store.get(k));
          return out;
        }),
      set: (items: Record<string, unknown>): Promise<void> =>
        later(() => {
          const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
          for (const [k, v] of Object.entries(items)) {
            changes[k] = { oldValue: store.get(k), newValue: clone(v) };
            store.set(k, clone(v));
          }
          emit(changes);
        }),
      remove: (keys: string | string[]): Promise<void> =>
        later(() => {
          const changes: Record<string, { oldValue?: unknown }> = {};
          for (const k of typeof keys === 'string' ? [keys] : keys) {
            if (!store.has(k)) continue;
            changes[k] = { oldValue: store.get(k) };
            store.delete(k);
          }
          emit(changes);
        }),
    },
    onChanged: {
      addListener: (l: Listener) => listeners.add(l),
      removeListener: (l: Listener) => listeners.delete(l),
    },
  },
  tabs: {
    query: (): Promise<{ id?: number }[]> =>
      later(() => {
        calls.tabsQuery++;
        return handlers.activeTabId === undefined ? [] : [{ id: handlers.activeTabId }];
      }),
    sendMessage: (tabId: number, msg: unknown): Promise<unknown> =>
      later(() => {
        calls.tabMessages.push({ tabId, msg });
        return handlers.tab(tabId, msg);
      }),
  },
  runtime: {
    sendMessage: (msg: unknown): Promise<unknown> =>
      later(() => {
        calls.runtimeMessages.push(msg);
        return handlers.runtime(msg);
      }),
    openOptionsPage: (): Promise<void> =>
      later(() => {
        calls.optionsOpened++;
      }),
  },
  commands: {
    getAll: (): Promise<{ name?: string; shortcut?: string }[]> => later(() => handlers.commands),
  },
};

/** What is stored under `key` now. */
export const stored = (key: string): unknown => clone(store.get(key));

/** Start a test from a clean browser: empty storage, no listeners, default handlers. */
export function resetFakeBrowser(initial: Record<string, unknown> = {}): void {
  store.clear();
  listeners.clear();
  for (const [k, v] of Object.entries(initial)) store.set(k, clone(v));
  calls.tabsQuery = 0;
  calls.tabMessages = [];
  calls.runtimeMessages = [];
  calls.optionsOpened = 0;
  handlers.tab = () => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  };
  handlers.runtime = () => ({ ok: false, error: 'no handler' });
  handlers.activeTabId = 7;
  handlers.commands = [];
}
