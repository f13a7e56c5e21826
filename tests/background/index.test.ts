/**
 * The wired background: listeners exist as soon as the module has run (an MV3 worker woken by an
 * event delivers it only to listeners registered in its first run), and a message from a page or
 * content script reaches the dataset through the router.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { badgeCalls, calls, fakeBrowser } from '../fake-browser.ts';

vi.mock('../../src/data/dataset.json', async () => ({ default: (await import('../sample-data.ts')).bundledDataset() }));

const content = {
  id: 'test-extension-id',
  url: 'https://news.example.com/article',
  tab: { id: 11, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
};
const options = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/options/index.html' };

/** Delivers a message the way the browser does: to the worker's listener, awaiting its reply. */
function send(message: unknown, sender: unknown): Promise<unknown> {
  const [onMessage] = fakeBrowser.runtime.onMessage.listeners;
  return Promise.resolve(onMessage?.(message, sender));
}

describe('background worker', () => {
  // Each test is one worker lifetime: a fresh run of the module over an empty IndexedDB (the fake
  // browser is reset by setup.ts).
  beforeEach(async () => {
    vi.resetModules();
    globalThis.indexedDB = new IDBFactory();
    await import('../../src/background/index.ts');
  });
  // A worker's start goes on after its test; waiting for the bundle keeps it from writing into the next one's.
  afterEach(async () => {
    await vi.waitFor(async () => expect(await send({ type: 'dataset/info' }, options)).toMatchObject({ ok: true, value: { bundledVersion: '2026.01.10', loading: false } }));
  });

  it('registers its listeners during its first run', () => {
    expect(fakeBrowser.runtime.onMessage.listeners).toHaveLength(1);
    expect(fakeBrowser.runtime.onInstalled.listeners).toHaveLength(1);
    expect(fakeBrowser.tabs.onUpdated.listeners).toHaveLength(1);
  });

  it('serves a badge’s records to a content script, claims in display order', async () => {
    const reply = await send({ type: 'records/get', kind: 'incident', id: 'ishkobod-2019' }, content);
    expect(reply).toMatchObject({ ok: true, value: { kind: 'incident' } });
    const claims = (reply as { value: { claims: { id: string }[] } }).value.claims.map((c) => c.id);
    expect(claims).toEqual(['scns-account', 'amaq-claim', 'analyst-doubt']);
  });

  it('shows a content script’s mark count on its own tab', async () => {
    expect(await send({ type: 'tab/marks', count: 2 }, content)).toEqual({ ok: true, value: null });
    expect(badgeCalls).toContainEqual({ method: 'setBadgeText', details: { tabId: 11, text: '2' } });
  });

  it('opens the welcome page on a first install, and on no other reason the browser gives', async () => {
    const [onInstalled] = fakeBrowser.runtime.onInstalled.listeners;
    // An extension update, a browser update, a shared-module update: never the welcome page again.
    for (const reason of ['update', 'chrome_update', 'browser_update', 'shared_module_update']) await onInstalled?.({ reason });
    expect(calls.tabsCreated).toEqual([]);
    await onInstalled?.({ reason: 'install' });
    expect(calls.tabsCreated).toEqual(['chrome-extension://test-extension-id/src/welcome/index.html']);
  });

  it('reports dataset info to the options page once the bundle is loaded', async () => {
    await vi.waitFor(async () =>
      expect(await send({ type: 'dataset/info' }, options)).toMatchObject({ ok: true, value: { bundledVersion: '2026.01.10', loading: false } }),
    );
  });
});
