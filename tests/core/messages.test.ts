import { describe, expect, it, vi } from 'vitest';
import { admit, handleContentMessage, parseMessage, ROUTES, type ContentHandlers, type Message } from '../../src/core/messages.ts';
import { ok } from '../../src/core/result.ts';

/** One well-formed message of every type, as a receiver reads it back. */
const GOOD: Message[] = [
  { type: 'records/get', kind: 'incident', id: 'ishkobod-2019' },
  { type: 'records/get', kind: 'publisher', id: 'global-research' },
  { type: 'tab/marks', count: 0 },
  { type: 'tab/marks', count: 12 },
  { type: 'dataset/info' },
  { type: 'pack/preview', json: '{"name":"regional-press"}' },
  { type: 'pack/import', json: '{"name":"regional-press"}' },
  { type: 'pack/remove', name: 'regional-press' },
  { type: 'pack/export' },
  { type: 'dataset/reset' },
  { type: 'findings/get' },
  { type: 'findings/reveal', markId: 'm12' },
  { type: 'channel/list' },
  { type: 'channel/preview', link: 'https://desk.example/ch/channel.json#key=abc' },
  { type: 'channel/subscribe', link: 'https://desk.example/ch/channel.json#key=abc', scope: { domains: ['desk.example'], incidentIds: ['ishkobod-2019'] } },
  { type: 'channel/update', channel: 'ishkobod-desk' },
  { type: 'channel/unsubscribe', channel: 'ishkobod-desk' },
];

describe('parseMessage', () => {
  it('covers every type in the table', () => {
    expect(new Set(GOOD.map((m) => m.type))).toEqual(new Set(Object.keys(ROUTES)));
  });

  it.each(GOOD)('reads back $type as sent', (msg) => {
    expect(parseMessage(JSON.parse(JSON.stringify(msg)))).toEqual(msg);
  });

  it('keeps only the fields it reads', () => {
    expect(parseMessage({ type: 'pack/export', json: 'x', then: 'y' })).toEqual({ type: 'pack/export' });
    expect(parseMessage({ type: 'records/get', kind: 'incident', id: 'a-b', extra: { deep: true } })).toEqual({ type: 'records/get', kind: 'incident', id: 'a-b' });
  });

  it.each([
    ['records/get with an unknown kind', { type: 'records/get', kind: 'author', id: 'omid-rahimi' }],
    ['records/get with an id in capitals and spaces', { type: 'records/get', kind: 'incident', id: 'Ishkobod 2019' }],
    ['records/get with an id too long', { type: 'records/get', kind: 'incident', id: 'a'.repeat(121) }],
    ['records/get without an id', { type: 'records/get', kind: 'incident' }],
    ['tab/marks with a negative count', { type: 'tab/marks', count: -1 }],
    ['tab/marks with a fraction', { type: 'tab/marks', count: 1.5 }],
    ['tab/marks with a count as text', { type: 'tab/marks', count: '3' }],
    ['tab/marks with a huge count', { type: 'tab/marks', count: 1e6 }],
    ['pack/import without text', { type: 'pack/import' }],
    ['pack/import with an object', { type: 'pack/import', json: { name: 'x' } }],
    ['pack/remove with an empty name', { type: 'pack/remove', name: '' }],
    ['pack/remove with a name too long', { type: 'pack/remove', name: 'x'.repeat(201) }],
    ['findings/reveal with a number', { type: 'findings/reveal', markId: 12 }],
    ['findings/reveal with an id too long', { type: 'findings/reveal', markId: 'm'.repeat(65) }],
    ['channel/preview without a link', { type: 'channel/preview' }],
    ['channel/preview with a link too long', { type: 'channel/preview', link: `https://desk.example/${'x'.repeat(4000)}` }],
    ['channel/subscribe without the scope shown', { type: 'channel/subscribe', link: 'https://desk.example/c.json#key=abc' }],
    ['channel/subscribe with a scope of numbers', { type: 'channel/subscribe', link: 'https://desk.example/c.json#key=abc', scope: { domains: [1], incidentIds: [] } }],
    ['channel/update with a channel id in capitals', { type: 'channel/update', channel: 'Desk' }],
    ['channel/unsubscribe without a channel', { type: 'channel/unsubscribe' }],
  ])('refuses %s as malformed', (_what, value) => {
    expect(parseMessage(value)).toBeNull();
    expect(admit(value, 'page', 'background')).toEqual({ ok: false, error: `malformed or unknown message "${value.type}"` });
  });

  it.each([
    ['an unknown type', { type: 'records/delete' }, 'malformed or unknown message "records/delete"'],
    ['a type named after an object property', { type: 'constructor' }, 'malformed or unknown message "constructor"'],
    ['a type named after the prototype', { type: '__proto__' }, 'malformed or unknown message "__proto__"'],
    ['a long unknown type, cut short', { type: 'x'.repeat(100) }, `malformed or unknown message "${'x'.repeat(40)}"`],
    ['no type', { kind: 'incident' }, 'not a message (no type)'],
    ['a type that is not text', { type: 7 }, 'not a message (no type)'],
    ['a string', 'records/get', 'not a message (no type)'],
    ['an array', [{ type: 'dataset/info' }], 'not a message (no type)'],
    ['null', null, 'not a message (no type)'],
    ['undefined', undefined, 'not a message (no type)'],
  ])('refuses %s, saying why', (_what, value, error) => {
    expect(parseMessage(value)).toBeNull();
    expect(admit(value, 'page', 'background')).toEqual({ ok: false, error });
  });
});

describe('admit: the dispatch table', () => {
  it.each([
    ['records/get', 'content', 'background'],
    ['records/get', 'page', 'background'],
    ['tab/marks', 'content', 'background'],
    ['dataset/info', 'page', 'background'],
    ['pack/import', 'page', 'background'],
    ['pack/remove', 'page', 'background'],
    ['pack/export', 'page', 'background'],
    ['dataset/reset', 'page', 'background'],
    ['channel/list', 'page', 'background'],
    ['channel/preview', 'page', 'background'],
    ['channel/subscribe', 'page', 'background'],
    ['channel/update', 'page', 'background'],
    ['channel/unsubscribe', 'page', 'background'],
    ['findings/get', 'page', 'content'],
    ['findings/reveal', 'page', 'content'],
  ] as const)('lets %s from a %s through to the %s', (type, from, at) => {
    const msg = GOOD.find((m) => m.type === type);
    expect(admit(msg, from, at)).toEqual({ ok: true, value: msg });
  });

  it.each([
    ['dataset/info', 'content', 'background', `"dataset/info" may only be sent from the extension's own pages`],
    ['pack/import', 'content', 'background', `"pack/import" may only be sent from the extension's own pages`],
    ['pack/remove', 'content', 'background', `"pack/remove" may only be sent from the extension's own pages`],
    ['pack/export', 'content', 'background', `"pack/export" may only be sent from the extension's own pages`],
    ['dataset/reset', 'content', 'background', `"dataset/reset" may only be sent from the extension's own pages`],
    ['channel/subscribe', 'content', 'background', `"channel/subscribe" may only be sent from the extension's own pages`],
    ['channel/update', 'content', 'background', `"channel/update" may only be sent from the extension's own pages`],
    ['channel/unsubscribe', 'content', 'background', `"channel/unsubscribe" may only be sent from the extension's own pages`],
    ['tab/marks', 'page', 'background', '"tab/marks" may only be sent from content scripts'],
    ['findings/get', 'page', 'background', '"findings/get" is not handled by the background'],
    ['findings/reveal', 'content', 'background', '"findings/reveal" is not handled by the background'],
    ['records/get', 'page', 'content', '"records/get" is not handled by the content script'],
    ['pack/import', 'page', 'content', '"pack/import" is not handled by the content script'],
    ['findings/get', 'content', 'content', `"findings/get" may only be sent from the extension's own pages`],
  ] as const)('refuses %s from a %s at the %s', (type, from, at, error) => {
    expect(admit(GOOD.find((m) => m.type === type), from, at)).toEqual({ ok: false, error });
  });

  it('checks the shape before the route', () => {
    expect(admit({ type: 'findings/reveal', markId: 3 }, 'page', 'background')).toEqual({ ok: false, error: 'malformed or unknown message "findings/reveal"' });
  });
});

describe('handleContentMessage', () => {
  const EXT = 'test-extension-id';
  const handlers = (): ContentHandlers & { [K in keyof ContentHandlers]: ReturnType<typeof vi.fn> } => ({
    'findings/get': vi.fn(async () => ok({ url: 'https://news.example/a', site: 'news.example', state: 'done' as const, mode: 'on' as const, publisher: null, mentions: [] })),
    'findings/reveal': vi.fn(async (msg: { markId: string }) => ok(msg.markId === 'm1')),
  });
  /** The answer sent back, or 'none' when the listener did not take the message. */
  async function answer(h: ContentHandlers, raw: unknown, sender: { id?: string; url?: string }, extensionId: string | undefined): Promise<unknown> {
    let reply: unknown = 'none';
    const sent = new Promise<void>((resolve) => {
      const taken = handleContentMessage(h, raw, sender, extensionId, (r) => {
        reply = r;
        resolve();
      });
      if (taken !== true) resolve();
    });
    await sent;
    return reply;
  }
  const panel = { id: EXT, url: `chrome-extension://${EXT}/src/popup/index.html` };

  it('answers the panel’s findings/get and findings/reveal through the handlers', async () => {
    const h = handlers();
    expect(await answer(h, { type: 'findings/get' }, panel, EXT)).toMatchObject({ ok: true, value: { site: 'news.example' } });
    expect(await answer(h, { type: 'findings/reveal', markId: 'm1' }, panel, EXT)).toEqual({ ok: true, value: true });
    expect(h['findings/reveal']).toHaveBeenCalledWith({ type: 'findings/reveal', markId: 'm1' }, { url: panel.url });
  });

  it.each([
    ['another extension', { type: 'findings/get' }, { id: 'other-extension' }, EXT],
    ['a sender without an id', { type: 'findings/get' }, {}, EXT],
    ['a context that lost its extension id', { type: 'findings/get' }, panel, undefined],
    ['a message for the background', { type: 'records/get', kind: 'incident', id: 'ishkobod-2019' }, panel, EXT],
    ['a malformed reveal', { type: 'findings/reveal' }, panel, EXT],
    ['junk', 'findings/get', panel, EXT],
  ])('leaves %s unanswered, without running a handler', async (_what, raw, sender, extensionId) => {
    const h = handlers();
    expect(await answer(h, raw, sender, extensionId)).toBe('none');
    expect(h['findings/get']).not.toHaveBeenCalled();
    expect(h['findings/reveal']).not.toHaveBeenCalled();
  });

  it('answers a handler that throws with its error, not silence', async () => {
    const h = handlers();
    h['findings/get'].mockRejectedValueOnce(new Error('marker gone'));
    expect(await answer(h, { type: 'findings/get' }, panel, EXT)).toEqual({ ok: false, error: 'failed: marker gone' });
  });
});
