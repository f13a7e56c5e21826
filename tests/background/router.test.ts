import type { Runtime } from 'webextension-polyfill';
import { describe, expect, it, vi } from 'vitest';
import { listenForMessages, routeMessage, type SenderCheck } from '../../src/background/router.ts';
import type { BackgroundHandlers } from '../../src/core/messages.ts';
import { err, ok } from '../../src/core/result.ts';
import { fakeBrowser } from '../fake-browser.ts';

const self: SenderCheck = { extensionId: 'test-extension-id', extensionOrigin: 'chrome-extension://test-extension-id/' };

/** A content script in a web page tab. */
const contentSender: Runtime.MessageSender = {
  id: 'test-extension-id',
  url: 'https://news.example.com/article',
  tab: { id: 7, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
  frameId: 0,
};
/** The toolbar panel. */
const panelSender: Runtime.MessageSender = { id: 'test-extension-id', url: 'chrome-extension://test-extension-id/src/popup/index.html' };

function fakeHandlers() {
  const info = { schemaVersion: 1, bundledVersion: '2026.01.10', packs: [], counts: { incidents: 1, claims: 3, publishers: 2, authors: 3 }, loading: false };
  const handlers = {
    'records/get': vi.fn(async () => ok({ kind: 'incident' as const, claims: [], authors: [] })),
    'tab/marks': vi.fn(async () => ok(null)),
    'dataset/info': vi.fn(async () => ok(info)),
    'pack/preview': vi.fn(async () => err([{ path: '', message: 'not a pack' }])),
    'pack/import': vi.fn(async () => ok(info)),
    'pack/remove': vi.fn(async () => ok(info)),
    'pack/export': vi.fn(async () => ok({ schemaVersion: 1, contentVersion: '2026.01.10', name: 'merged', incidents: [], claims: [], publishers: [], authors: [] })),
    'dataset/reset': vi.fn(async () => ok(info)),
    'channel/list': vi.fn(async () => ok([])),
    'channel/preview': vi.fn(async () => err({ code: 'link' as const, message: 'no link', issues: [] })),
    'channel/subscribe': vi.fn(async () => ok([])),
    'channel/update': vi.fn(async () => ok([])),
    'channel/unsubscribe': vi.fn(async () => ok([])),
  } satisfies BackgroundHandlers;
  const called = (): number => Object.values(handlers).reduce((n, h) => n + h.mock.calls.length, 0);
  return { handlers, called };
}

describe('routeMessage refuses', () => {
  it.each([
    ['another extension', { ...contentSender, id: 'some-other-extension' }, /^refused: the message does not come from this extension$/],
    ['a sender without an id (a web page)', { url: 'https://evil.example/' }, /^refused: the message does not come from this extension$/],
    ['a content script with no tab', { id: 'test-extension-id', url: 'https://news.example.com/' }, /^refused: a content-script message must come from a tab$/],
  ])('a message from %s, without running a handler', async (_who, sender, error) => {
    const { handlers, called } = fakeHandlers();
    const reply = await routeMessage(handlers, { type: 'records/get', kind: 'incident', id: 'ishkobod-2019' }, sender, self);
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error).toMatch(error);
    expect(called()).toBe(0);
  });

  it.each([
    ['an unknown type', { type: 'records/delete', id: 'ishkobod-2019' }, 'refused: malformed or unknown message "records/delete"'],
    ['a malformed id', { type: 'records/get', kind: 'incident', id: 'Ishkobod 2019' }, 'refused: malformed or unknown message "records/get"'],
    ['a missing field', { type: 'records/get', id: 'ishkobod-2019' }, 'refused: malformed or unknown message "records/get"'],
    ['a negative count', { type: 'tab/marks', count: -1 }, 'refused: malformed or unknown message "tab/marks"'],
    ['a string', 'records/get', 'refused: not a message (no type)'],
    ['null', null, 'refused: not a message (no type)'],
    ['a type meant for the content script', { type: 'findings/get' }, 'refused: "findings/get" is not handled by the background'],
  ])('%s, with a clear error', async (_what, message, error) => {
    const { handlers, called } = fakeHandlers();
    expect(await routeMessage(handlers, message, contentSender, self)).toEqual({ ok: false, error });
    expect(called()).toBe(0);
  });

  it.each([
    { type: 'pack/import', json: '{}' },
    { type: 'pack/remove', name: 'regional-press' },
    { type: 'dataset/reset' },
    { type: 'pack/export' },
  ])('a content script changing or reading out the dataset ($type)', async (message) => {
    const { handlers, called } = fakeHandlers();
    const reply = await routeMessage(handlers, message, contentSender, self);
    expect(reply).toEqual({ ok: false, error: `refused: "${message.type}" may only be sent from the extension's own pages` });
    expect(called()).toBe(0);
  });
});

describe('routeMessage dispatches', () => {
  it('records/get from a content script, with the parsed message', async () => {
    const { handlers } = fakeHandlers();
    const reply = await routeMessage(handlers, { type: 'records/get', kind: 'publisher', id: 'global-research', extra: 'dropped' }, contentSender, self);
    expect(reply.ok).toBe(true);
    expect(handlers['records/get']).toHaveBeenCalledWith({ type: 'records/get', kind: 'publisher', id: 'global-research' }, { tabId: 7, url: contentSender.url });
  });

  it('tab/marks with the sending tab', async () => {
    const { handlers } = fakeHandlers();
    await routeMessage(handlers, { type: 'tab/marks', count: 3 }, contentSender, self);
    expect(handlers['tab/marks']).toHaveBeenCalledWith({ type: 'tab/marks', count: 3 }, { tabId: 7, url: contentSender.url });
  });

  it('pack/import from the extension’s own page', async () => {
    const { handlers } = fakeHandlers();
    const reply = await routeMessage(handlers, { type: 'pack/import', json: '{"name":"x"}' }, panelSender, self);
    expect(reply.ok).toBe(true);
    expect(handlers['pack/import']).toHaveBeenCalledTimes(1);
  });

  it('turns a handler that throws into an error reply, never a rejection', async () => {
    const { handlers } = fakeHandlers();
    handlers['dataset/info'].mockImplementationOnce(async () => {
      throw new Error('database closed');
    });
    expect(await routeMessage(handlers, { type: 'dataset/info' }, panelSender, self)).toEqual({ ok: false, error: 'failed: database closed' });
  });
});

describe('listenForMessages', () => {
  it('registers one listener that answers with a promise of the reply, refusals included', async () => {
    const { handlers } = fakeHandlers();
    listenForMessages(handlers);
    expect(fakeBrowser.runtime.onMessage.listeners).toHaveLength(1);
    const listener = fakeBrowser.runtime.onMessage.listeners[0]!;
    await expect(listener({ type: 'dataset/info' }, panelSender)).resolves.toMatchObject({ ok: true });
    await expect(listener({ type: 'dataset/info' }, { ...panelSender, id: 'other' })).resolves.toEqual({
      ok: false,
      error: 'refused: the message does not come from this extension',
    });
  });
});
