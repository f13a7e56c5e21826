// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Subscription } from '../../src/core/channel-subscription.ts';
import { ChannelSection } from '../../src/options/ChannelSection.tsx';
import { getByRole, waitFor } from '../popup/dom.ts';
import { calls, grantedOrigins, handlers } from '../fake-browser.ts';
import { samplePreview, sampleSubscription } from '../core/channel-fixtures.ts';

const KEY = 'xpWPvNMyr7HFqVVr8o451M45ys5NAA9qlusjfyVDL-E';
const LINK = `https://desk.example/ch/channel.json#key=${KEY}`;
const PREVIEW = samplePreview();

let root: HTMLElement;
let subs: Subscription[];
/** What the fake background answers a preview (the verified manifest, or a refusal). */
let previewReply: unknown;

/** The element matching `selector`, once it is there. */
const found = (selector: string): Promise<Element> =>
  waitFor(() => {
    const el = root.querySelector(selector);
    if (!el) throw new Error(`no ${selector}`);
    return el;
  });

/** The messages the page sent to the background, by type. */
const sent = (): string[] => calls.runtimeMessages.map((m) => (m as { type: string }).type);

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
  subs = [];
  previewReply = { ok: true, value: PREVIEW };
  handlers.runtime = (msg) => {
    const m = msg as { type: string; channel?: string };
    switch (m.type) {
      case 'channel/list':
        return { ok: true, value: subs };
      case 'channel/preview':
        return previewReply;
      case 'channel/subscribe':
        subs = [{ ...sampleSubscription(), fingerprint: PREVIEW.fingerprint }];
        return { ok: true, value: subs };
      case 'channel/update':
        subs = subs.map((s) => ({ ...s, lastCheck: { at: s.lastCheck.at + 1000, ok: false, code: 'expired', message: 'expired 2026-11-19T09:00:00Z: the host has not served a newer manifest' } }));
        return { ok: true, value: subs };
      case 'channel/unsubscribe':
        subs = subs.filter((s) => s.channel !== m.channel);
        return { ok: true, value: subs };
      default:
        return { ok: false, error: 'unexpected' };
    }
  };
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

async function mount(): Promise<void> {
  await act(() => {
    render(<ChannelSection />, root);
  });
}

async function check(link: string): Promise<void> {
  const input = await waitFor(() => getByRole<HTMLInputElement>(root, 'textbox', 'Subscription link'));
  await act(() => {
    input.value = link;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => getByRole(root, 'button', 'Check the channel').click());
}

describe('subscribing to a channel', () => {
  it('asks for access to the channel host, then shows what the verified manifest says before anything is written', async () => {
    await mount();
    await check(LINK);
    const preview = await found('[data-testid="channel-preview"]');
    expect(grantedOrigins.has('https://desk.example/*')).toBe(true);
    expect(sent()).toEqual(['channel/list', 'channel/preview']);
    expect(preview.textContent).toContain('Dalmorish Standards Desk');
    expect(preview.textContent).toContain('de2c efd2 51b2 37d1 95dd c59a 6837 fce9 31a1 87a6 5126 2653 8e24 71c4 966e 90a5');
    expect(preview.textContent).toContain('dalmorish-herald.example');
    expect(preview.textContent).toContain('desk-notes, version 3');

    await act(() => getByRole(root, 'button', 'Subscribe').click());
    await found('[data-testid="channel-row"]');
    const subscribe = calls.runtimeMessages.find((m) => (m as { type: string }).type === 'channel/subscribe');
    expect(subscribe).toEqual({ type: 'channel/subscribe', link: LINK, scope: PREVIEW.scope });
    expect(getByRole(root, 'status', /Subscribed to the channel of Dalmorish Standards Desk/)).toBeTruthy();
  });

  it('asks nothing of the background when the reader declines the browser’s prompt', async () => {
    handlers.grantPermissions = false;
    await mount();
    await check(LINK);
    const alert = await waitFor(() => getByRole(root, 'alert'));
    expect(alert.textContent).toMatch(/nothing was changed: access to https:\/\/desk\.example was not granted/);
    expect(sent()).toEqual(['channel/list']);
  });

  it('refuses a link without a key before asking for any access', async () => {
    await mount();
    await check('https://desk.example/ch/channel.json');
    expect((await waitFor(() => getByRole(root, 'alert'))).textContent).toMatch(/no key/);
    expect(grantedOrigins.size).toBe(0);
    expect(sent()).toEqual(['channel/list']);
  });

  it('shows a refused channel with every problem and gives the access back', async () => {
    previewReply = { ok: false, error: { code: 'manifest', message: 'the manifest is not valid (1 problem)', issues: [{ path: 'expires', message: 'is missing' }] } };
    await mount();
    await check(LINK);
    const alert = await waitFor(() => getByRole(root, 'alert'));
    expect(alert.textContent).toContain('the manifest is not valid (1 problem)');
    expect(alert.textContent).toContain('expires: is missing');
    await waitFor(() => expect(grantedOrigins.size).toBe(0));
  });

  it('gives the access back when the reader cancels', async () => {
    await mount();
    await check(LINK);
    await waitFor(() => getByRole(root, 'button', 'Cancel'));
    await act(() => getByRole(root, 'button', 'Cancel').click());
    await waitFor(() => expect(grantedOrigins.size).toBe(0));
    expect(sent()).not.toContain('channel/subscribe');
  });
});

describe('the channel list', () => {
  it('shows each channel with its curator, fingerprint, version and checks; Update now and Unsubscribe act on it', async () => {
    subs = [sampleSubscription()];
    await mount();
    const row = await found('[data-testid="channel-row"]');
    expect(row.textContent).toContain('Dalmorish Standards Desk');
    expect(row.textContent).toContain('bbbb bbbb');
    expect(row.textContent).toMatch(/3 \(valid until /);
    expect(row.querySelector('[data-testid="channel-last-check"]')?.textContent).toMatch(/: up to date$/);

    await act(() => getByRole(root, 'button', 'Update the channel of Dalmorish Standards Desk now').click());
    await waitFor(() => expect(root.querySelector('[data-testid="channel-last-check"]')?.textContent).toMatch(/failed, the last good copy is still in use: expired 2026-11-19T09:00:00Z/));

    await act(() => getByRole(root, 'button', 'Unsubscribe from the channel of Dalmorish Standards Desk').click());
    await waitFor(() => expect(root.querySelector('[data-testid="channel-row"]')).toBeNull());
    expect(getByRole(root, 'status', /access to https:\/\/desk\.example are removed/)).toBeTruthy();
    expect(sent()).toEqual(['channel/list', 'channel/update', 'channel/unsubscribe']);
  });
});
