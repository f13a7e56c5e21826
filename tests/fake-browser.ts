/**
 * The one fake `browser` of the unit tests: every `webextension-polyfill` import gets it (see
 * setup.ts, which also resets it before each test). It holds the slice of the API the extension
 * uses, in memory and answering as the browser does: later, a throw becoming a rejection.
 *
 * - storage.local and storage.sync, with storage.onChanged told of each write after it resolves;
 * - runtime: id, getURL, onMessage / onInstalled (listeners kept for a test to call),
 *   sendMessage (answered by `handlers.runtime`), openOptionsPage;
 * - tabs: query (the active tab is `handlers.activeTabId`), sendMessage (answered by
 *   `handlers.tab`), onUpdated, create (the URLs it opened, in `calls.tabsCreated`);
 * - action: the badge calls, recorded in `badgeCalls`;
 * - commands.getAll (`handlers.commands`);
 * - alarms: create / clear / getAll over `alarms`, onAlarm (a test fires an alarm by calling its listeners);
 * - permissions: contains / request / remove over the origins in `grantedOrigins` (request grants,
 *   unless `handlers.grantPermissions` is false, as a reader declining the browser's prompt).
 */
type Changes = Record<string, { oldValue?: unknown; newValue?: unknown }>;
type Area = 'local' | 'sync';
type ChangeListener = (changes: Changes, area: Area) => void;

class FakeEvent<L extends (...args: never[]) => unknown> {
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

/** Runs `fn` as a browser API call does: answered later, a throw becomes a rejection. */
const later = <T>(fn: () => T | Promise<T>): Promise<T> => Promise.resolve().then(fn);

// storage.sync holds JSON; storage.local holds what structured clone keeps.
const jsonClone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const areas = { local: new Map<string, unknown>(), sync: new Map<string, unknown>() };
const clones: Record<Area, <T>(v: T) => T> = { local: structuredClone, sync: jsonClone };

const onChanged = new FakeEvent<ChangeListener>();
/** Bumped by each reset, so a change event queued before it never reaches the next test. */
let generation = 0;

function emit(changes: Changes, area: Area): void {
  if (Object.keys(changes).length === 0) return;
  const queuedIn = generation;
  // Storage events arrive after the write resolves, as in the browser.
  setTimeout(() => {
    if (queuedIn !== generation) return;
    for (const l of [...onChanged.listeners]) l(changes, area);
  }, 0);
}

/** Set by a test to make the next storage.local.set of index keys reject (quota, disk). */
let failNextIndexSet: Error | null = null;

/** Every storage.local.set, in order: the keys it wrote. */
export const setCalls: string[][] = [];

export const badgeCalls: { method: string; details: Record<string, unknown> }[] = [];

/** What the extension sent through runtime and tabs, and how often it asked for the active tab; recorded as it calls. */
export const calls = {
  tabsQuery: 0,
  tabMessages: [] as { tabId: number; msg: unknown }[],
  runtimeMessages: [] as unknown[],
  optionsOpened: 0,
  tabsCreated: [] as string[],
};

const defaultHandlers = () => ({
  /** Answers `tabs.sendMessage`; throws, as a tab without a content script does, unless a test sets it. */
  tab: (_tabId: number, _msg: unknown): unknown => {
    throw new Error('Could not establish connection. Receiving end does not exist.');
  },
  /** Answers `runtime.sendMessage`, as the background would. */
  runtime: (_msg: unknown): unknown => ({ ok: false, error: 'no handler' }),
  activeTabId: 7 as number | undefined,
  commands: [] as { name?: string; shortcut?: string; description?: string }[],
  /** Whether `permissions.request` grants what it is asked (the reader accepts the browser's prompt). */
  grantPermissions: true,
});

/** How the fake answers; each test programs what it needs (reset before each test). */
export const handlers = defaultHandlers();

function storageArea(area: Area) {
  const map = areas[area];
  const clone = clones[area];
  return {
    get: (keys: null | string | string[]): Promise<Record<string, unknown>> =>
      later(() => {
        const wanted = keys === null ? [...map.keys()] : typeof keys === 'string' ? [keys] : keys;
        const out: Record<string, unknown> = {};
        for (const k of wanted) if (map.has(k)) out[k] = clone(map.get(k));
        return out;
      }),
    set: (items: Record<string, unknown>): Promise<void> =>
      later(() => {
        if (area === 'local') {
          setCalls.push(Object.keys(items));
          if (failNextIndexSet && Object.keys(items).some((k) => k.startsWith('idx:'))) {
            const e = failNextIndexSet;
            failNextIndexSet = null;
            throw e;
          }
        }
        const changes: Changes = {};
        for (const [k, v] of Object.entries(items)) {
          changes[k] = { oldValue: map.get(k), newValue: clone(v) };
          map.set(k, clone(v));
        }
        emit(changes, area);
      }),
    remove: (keys: string | string[]): Promise<void> =>
      later(() => {
        const changes: Changes = {};
        for (const k of typeof keys === 'string' ? [keys] : keys) {
          if (!map.has(k)) continue;
          changes[k] = { oldValue: map.get(k) };
          map.delete(k);
        }
        emit(changes, area);
      }),
  };
}

const badge = (method: string) => (details: Record<string, unknown>): Promise<void> =>
  later(() => {
    badgeCalls.push({ method, details });
  });

/** Alarms by name: when each is due. */
export const alarms = new Map<string, number>();
/** Host permission patterns granted (`https://desk.example/*`). */
export const grantedOrigins = new Set<string>();

export const fakeBrowser = {
  storage: { local: storageArea('local'), sync: storageArea('sync'), onChanged },
  runtime: {
    id: 'test-extension-id',
    getURL: (path: string): string => `chrome-extension://test-extension-id/${path.replace(/^\//, '')}`,
    onMessage: new FakeEvent<(message: unknown, sender: unknown) => unknown>(),
    onInstalled: new FakeEvent<(details: { reason: string }) => unknown>(),
    sendMessage: (msg: unknown): Promise<unknown> => {
      calls.runtimeMessages.push(msg);
      return later(() => handlers.runtime(msg));
    },
    openOptionsPage: (): Promise<void> => {
      calls.optionsOpened++;
      return later(() => undefined);
    },
  },
  tabs: {
    query: (_query?: unknown): Promise<{ id?: number }[]> => {
      calls.tabsQuery++;
      return later(() => (handlers.activeTabId === undefined ? [] : [{ id: handlers.activeTabId }]));
    },
    sendMessage: (tabId: number, msg: unknown): Promise<unknown> => {
      calls.tabMessages.push({ tabId, msg });
      return later(() => handlers.tab(tabId, msg));
    },
    onUpdated: new FakeEvent<(tabId: number, changeInfo: { status?: string }) => unknown>(),
    create: (props: { url?: string }): Promise<{ id: number }> => {
      calls.tabsCreated.push(props.url ?? '');
      return later(() => ({ id: 100 + calls.tabsCreated.length }));
    },
  },
  action: {
    setBadgeText: badge('setBadgeText'),
    setBadgeBackgroundColor: badge('setBadgeBackgroundColor'),
    setBadgeTextColor: badge('setBadgeTextColor'),
  },
  commands: {
    getAll: (): Promise<{ name?: string; shortcut?: string; description?: string }[]> => later(() => handlers.commands),
  },
  alarms: {
    create: (name: string, info: { when: number }): Promise<void> => later(() => void alarms.set(name, info.when)),
    clear: (name: string): Promise<boolean> => later(() => alarms.delete(name)),
    getAll: (): Promise<{ name: string; scheduledTime: number }[]> => later(() => [...alarms].map(([name, scheduledTime]) => ({ name, scheduledTime }))),
    onAlarm: new FakeEvent<(alarm: { name: string }) => unknown>(),
  },
  permissions: {
    contains: (p: { origins?: string[] }): Promise<boolean> => later(() => (p.origins ?? []).every((o) => grantedOrigins.has(o))),
    request: (p: { origins?: string[] }): Promise<boolean> =>
      later(() => {
        if (!handlers.grantPermissions) return false;
        for (const o of p.origins ?? []) grantedOrigins.add(o);
        return true;
      }),
    remove: (p: { origins?: string[] }): Promise<boolean> =>
      later(() => {
        for (const o of p.origins ?? []) grantedOrigins.delete(o);
        return true;
      }),
  },
};

/** What storage.sync holds under `key` now. */
export const storedSync = (key: string): unknown => jsonClone(areas.sync.get(key));

/** What storage.local holds under `key` now. */
export const storedLocal = (key: string): unknown => jsonClone(areas.local.get(key));

/** Everything in storage.local, sorted by key, as JSON: two calls compare equal only if storage is identical. */
export function dumpLocal(): string {
  return JSON.stringify([...areas.local.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function localKeys(): string[] {
  return [...areas.local.keys()].sort();
}

export function failNextIndexWrite(e: Error): void {
  failNextIndexSet = e;
}

/**
 * A clean browser: empty storage (or storage.sync holding `initialSync`, without change events),
 * no listeners, nothing recorded, the default handlers. setup.ts calls it before each test; a test
 * calls it itself to start from stored settings.
 */
export function resetFakeBrowser(initialSync: Record<string, unknown> = {}): void {
  generation++;
  areas.local.clear();
  areas.sync.clear();
  for (const [k, v] of Object.entries(initialSync)) areas.sync.set(k, jsonClone(v));
  failNextIndexSet = null;
  setCalls.length = 0;
  badgeCalls.length = 0;
  calls.tabsQuery = 0;
  calls.tabMessages = [];
  calls.runtimeMessages = [];
  calls.optionsOpened = 0;
  calls.tabsCreated = [];
  Object.assign(handlers, defaultHandlers());
  alarms.clear();
  grantedOrigins.clear();
  for (const event of [onChanged, fakeBrowser.runtime.onMessage, fakeBrowser.runtime.onInstalled, fakeBrowser.tabs.onUpdated, fakeBrowser.alarms.onAlarm]) {
    event.listeners.length = 0;
  }
}
