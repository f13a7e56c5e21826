// @vitest-environment happy-dom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { incidentView, nameMention, publisherView } from '../../sample-data.ts';
import { calls, handlers, storedSync } from '../../fake-browser.ts';

// The UI asks for records on the browser's own object (src/content/ext.ts): here, the fake browser.
vi.mock('../../../src/content/ext.ts', async () => {
  const { fakeBrowser } = await import('../../fake-browser.ts');
  return { ext: () => fakeBrowser };
});

const { mountBadge, openPopupFor, closePopup, showBanner, destroyUi } = await import('../../../src/content/ui/index.ts');
const { openShadowRootsForTests } = await import('../../../src/content/ui/shadow-host.ts');
const { clearRecordCache, RETRY_DELAYS } = await import('../../../src/content/ui/record-view.ts');
const { UNDO_HIDE_MS } = await import('../../../src/content/ui/popup-host.tsx');

beforeAll(async () => {
  openShadowRootsForTests();
  // The popup's code, which a first click loads, is in the module cache before any test runs, so
  // the tests on fake timers time the retries alone.
  await import('../../../src/content/ui/popup-host.tsx');
});

const ok = (value: unknown) => ({ ok: true, value });
const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

function replyWith(view: unknown): void {
  handlers.runtime = () => ok(view);
}

function addBadge(kind: 'incident' | 'publisher' = 'incident', claimCount = 11): { host: HTMLElement; destroy: () => void } {
  const p = document.createElement('p');
  p.textContent = 'Coverage of the attack on Ishkobod';
  const host = document.createElement('source-context-badge');
  host.dataset.kind = kind;
  host.dataset.id = kind === 'incident' ? 'ishkobod-2019' : 'global-research';
  p.append(host);
  document.body.append(p);
  const destroy = mountBadge(host, {
    kind,
    id: host.dataset.id,
    name: kind === 'incident' ? 'Ishkobod' : 'Global Research',
    claimCount,
    mention: nameMention(kind === 'publisher' ? { kind, id: 'global-research', text: 'Global Research' } : {}),
    site: 'example.com',
  });
  return { host, destroy };
}

const badgeButton = (host: HTMLElement): HTMLButtonElement => host.shadowRoot!.querySelector('button')!;
const popupHosts = (): Element[] => [...document.documentElement.querySelectorAll('source-context-popup')];
const popupRoot = (): ShadowRoot | null => (popupHosts()[0] as HTMLElement | undefined)?.shadowRoot ?? null;
const dialog = (): HTMLElement | null => popupRoot()?.querySelector<HTMLElement>('[role="dialog"]') ?? null;
/** The popup's code loads on the first click (popup-loader.ts): wait for the dialog to be there. */
const opened = (): Promise<void> => vi.waitFor(() => expect(dialog()).not.toBeNull());
const key = (target: Element, k: string, shiftKey = false): void => {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, shiftKey, bubbles: true, composed: true, cancelable: true }));
};

beforeEach(() => {
  clearRecordCache();
});
afterEach(() => {
  vi.useRealTimers();
  destroyUi();
  document.body.innerHTML = '';
});

describe('badge', () => {
  it('is a button named for a disputed incident with its claim count', () => {
    const { host } = addBadge('incident', 11);
    const button = badgeButton(host);
    expect(button.getAttribute('aria-label')).toBe('Source context: disputed incident, 11 claims');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(text(button)).toBe('11');
  });

  it('is a button named for a publisher', () => {
    const { host } = addBadge('publisher');
    expect(badgeButton(host).getAttribute('aria-label')).toBe('Source context: publisher Global Research');
    expect(badgeButton(host).className).toBe('badge publisher');
  });

  it('defends its box against page CSS with inline !important styles', () => {
    const { host } = addBadge();
    expect(host.style.getPropertyValue('display')).toBe('inline-block');
    expect(host.style.getPropertyPriority('display')).toBe('important');
  });

  it('a click inside a link opens the popup and does not follow the link', async () => {
    replyWith(incidentView());
    const a = document.createElement('a');
    a.href = 'https://example.com/elsewhere';
    const { host } = addBadge();
    a.append(host);
    document.body.append(a);
    const click = new MouseEvent('click', { bubbles: true, composed: true, cancelable: true });
    badgeButton(host).dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await opened();
  });
});

describe('popup', () => {
  it('opens as one host on <html>, asks for the record and shows the claims', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await opened();
    expect(popupHosts()).toHaveLength(1);
    expect(badgeButton(host).getAttribute('aria-expanded')).toBe('true');
    expect(calls.runtimeMessages).toEqual([{ type: 'records/get', kind: 'incident', id: 'ishkobod-2019' }]);
    await vi.waitFor(() => expect(popupRoot()?.querySelectorAll('li.claim')).toHaveLength(3));
    expect(text(popupRoot()?.querySelector('h2'))).toBe('Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019');
    expect(popupRoot()?.activeElement).toBe(dialog());
  });

  it('keeps one popup host when another badge opens', async () => {
    replyWith(incidentView());
    const a = addBadge();
    const b = addBadge();
    badgeButton(a.host).click();
    await opened();
    badgeButton(b.host).click();
    await vi.waitFor(() => expect(badgeButton(b.host).getAttribute('aria-expanded')).toBe('true'));
    expect(popupHosts()).toHaveLength(1);
    expect(badgeButton(a.host).getAttribute('aria-expanded')).toBe('false');
    expect(badgeButton(b.host).getAttribute('aria-expanded')).toBe('true');
  });

  it('closes on Escape and returns focus to the badge', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await opened();
    key(dialog()!, 'Escape');
    expect(popupHosts()).toHaveLength(0);
    expect(host.shadowRoot!.activeElement).toBe(badgeButton(host));
    expect(badgeButton(host).getAttribute('aria-expanded')).toBe('false');
  });

  it('closes from its Close button, and when the badge is clicked again', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await opened();
    popupRoot()!.querySelector<HTMLButtonElement>('button[aria-label="Close"]')!.click();
    expect(popupHosts()).toHaveLength(0);
    badgeButton(host).click();
    await opened();
    badgeButton(host).click();
    expect(popupHosts()).toHaveLength(0);
  });

  it('closes on a click elsewhere in the page', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await opened();
    document.body.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
    expect(popupHosts()).toHaveLength(0);
  });

  it('keeps Tab inside the dialog', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await vi.waitFor(() => expect(popupRoot()?.querySelector('li.claim')).not.toBeNull());
    const focusables = [...dialog()!.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), [tabindex]:not([tabindex="-1"])')];
    const last = focusables[focusables.length - 1]!;
    last.focus();
    key(last, 'Tab');
    expect(popupRoot()!.activeElement).toBe(focusables[0]);
    key(focusables[0]!, 'Tab', true);
    expect(popupRoot()!.activeElement).toBe(last);
  });

  it('closes when the page removes the badge it points at', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await opened();
    host.parentElement!.remove();
    await vi.waitFor(() => expect(popupHosts()).toHaveLength(0), { timeout: 2000 });
  });

  it('closes when its badge is destroyed', async () => {
    replyWith(incidentView());
    const { host, destroy } = addBadge();
    badgeButton(host).click();
    await opened();
    destroy();
    expect(popupHosts()).toHaveLength(0);
  });

  it('opens for a badge from the panel (openPopupFor) and closes with closePopup', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    openPopupFor(host);
    await opened();
    closePopup();
    expect(popupHosts()).toHaveLength(0);
  });

  it('retries while the worker wakes, then shows the record', async () => {
    vi.useFakeTimers();
    let attempts = 0;
    handlers.runtime = () => {
      attempts++;
      if (attempts === 1) throw new Error('Could not establish connection. Receiving end does not exist.');
      if (attempts === 2) return { ok: false, error: 'dataset loading' };
      return ok(incidentView());
    };
    const { host } = addBadge();
    badgeButton(host).click();
    await vi.advanceTimersByTimeAsync(0);
    expect(popupRoot()?.querySelector('[role="status"]')).not.toBeNull();
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS[0]! + RETRY_DELAYS[1]! + 50);
    expect(attempts).toBe(3);
    expect(popupRoot()?.querySelectorAll('li.claim')).toHaveLength(3);
  });

  it('shows an error with a retry button after the last attempt, and the retry loads it', async () => {
    vi.useFakeTimers();
    replyWith({ kind: 'incident', incident: 'not an incident' });
    const { host } = addBadge();
    badgeButton(host).click();
    await vi.advanceTimersByTimeAsync(RETRY_DELAYS.reduce((a, b) => a + b, 0) + 100);
    expect(calls.runtimeMessages).toHaveLength(RETRY_DELAYS.length + 1);
    const alert = popupRoot()?.querySelector('[role="alert"]');
    expect(text(alert)).toContain('The details could not be loaded.');
    replyWith(incidentView());
    alert!.querySelector('button')!.click();
    await vi.advanceTimersByTimeAsync(0);
    expect(popupRoot()?.querySelectorAll('li.claim')).toHaveLength(3);
    expect(popupRoot()?.activeElement).toBe(dialog());
  });

  it('"Hide on this site" switches the site off in storage, offers Undo for a few seconds, then closes', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    await opened();
    const hide = [...popupRoot()!.querySelectorAll('button')].find((b) => text(b) === 'Hide on this site (example.com)')!;
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      hide.click();
      await vi.waitFor(() => expect(storedSync('site:example.com')).toEqual({ mode: 'off' }));
      await vi.waitFor(() => expect(text(popupRoot()!.querySelector('.foot [role="status"]'))).toBe('Source Context is now off on example.com.'));
      // The badge goes with the marks (the content script follows the storage change); the popup stays.
      host.remove();
      vi.advanceTimersByTime(UNDO_HIDE_MS / 2);
      expect(popupHosts()).toHaveLength(1);
      vi.advanceTimersByTime(UNDO_HIDE_MS / 2);
      expect(popupHosts()).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Undo after "Hide on this site" puts the site back as it was and closes', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    badgeButton(host).click();
    [...popupRoot()!.querySelectorAll('button')].find((b) => text(b) === 'Hide on this site (example.com)')!.click();
    const undo = await vi.waitFor(() => {
      const b = [...popupRoot()!.querySelectorAll('button')].find((x) => text(x) === 'Undo');
      if (!b) throw new Error('no Undo yet');
      return b;
    });
    expect(storedSync('site:example.com')).toEqual({ mode: 'off' });
    undo.click();
    await vi.waitFor(() => expect(popupHosts()).toHaveLength(0));
    // The site had no setting of its own: it has none again (it follows its parent domain or the default).
    expect(storedSync('site:example.com')).toBeUndefined();
  });
});

describe('banner', () => {
  it('goes first in the article, names the publisher, then quotes its own words', async () => {
    replyWith(publisherView());
    const article = document.createElement('article');
    article.innerHTML = '<h1>Headline</h1><p>Body</p>';
    document.body.append(article);
    showBanner({ publisherId: 'global-research', name: 'Global Research', site: 'example.com', anchor: article });
    const banner = article.firstElementChild as HTMLElement;
    expect(banner.localName).toBe('source-context-banner');
    expect(text(banner.shadowRoot!.querySelector('.text'))).toBe('This page is from Global Research.');
    await vi.waitFor(() => expect(banner.shadowRoot!.querySelector('q')).not.toBeNull());
    expect(text(banner.shadowRoot!.querySelector('.text'))).toBe(
      'This page is from Global Research. In its own words: The original source of this article is Global Research',
    );
  });

  it('dismissal removes it and is remembered for the site', async () => {
    replyWith(publisherView());
    document.body.innerHTML = '<main><p>Body</p></main>';
    showBanner({ publisherId: 'global-research', name: 'Global Research', site: 'example.com', anchor: document.querySelector('main')! });
    const banner = document.querySelector('source-context-banner') as HTMLElement;
    banner.shadowRoot!.querySelector<HTMLButtonElement>('button[aria-label="Dismiss on this site (example.com)"]')!.click();
    expect(document.querySelector('source-context-banner')).toBeNull();
    await vi.waitFor(() => expect(storedSync('site:example.com')).toEqual({ mode: 'on', bannerDismissed: true }));
  });

  it('opens the publisher popup from "About this publisher"', async () => {
    replyWith(publisherView());
    showBanner({ publisherId: 'global-research', name: 'Global Research', site: 'example.com', anchor: document.body });
    const banner = document.querySelector('source-context-banner') as HTMLElement;
    [...banner.shadowRoot!.querySelectorAll('button')].find((b) => text(b) === 'About this publisher')!.click();
    await vi.waitFor(() => expect(text(popupRoot()?.querySelector('h3'))).toBe('In its own words'));
    key(dialog()!, 'Escape');
    expect(banner.shadowRoot!.activeElement?.textContent).toBe('About this publisher');
  });
});

describe('destroyUi', () => {
  it('removes the popup host and banners', async () => {
    replyWith(incidentView());
    const { host } = addBadge();
    showBanner({ publisherId: 'global-research', name: 'Global Research', site: 'example.com', anchor: document.body });
    badgeButton(host).click();
    await opened();
    destroyUi();
    expect(popupHosts()).toHaveLength(0);
    expect(document.querySelector('source-context-banner')).toBeNull();
    expect(host.shadowRoot!.querySelector('button')).toBeNull();
  });
});
