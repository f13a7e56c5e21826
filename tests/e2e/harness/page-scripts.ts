/**
 * Functions the drivers run inside the page (serialized by the driver, so each one must be
 * self-contained: no outer variables, no imports).
 */
import type { BadgeInfo } from './driver.ts';

export function listBadges(): BadgeInfo[] {
  return Array.from(document.querySelectorAll('source-context-badge')).map((el) => ({
    kind: el.getAttribute('data-kind') ?? '',
    id: el.getAttribute('data-id') ?? '',
  }));
}

/** Resolves once the DOM has had no mutation for `quietMs` (true), or at `timeoutMs` (false). */
export function waitForQuietDom(arg: { quietMs: number; timeoutMs: number }): Promise<boolean> {
  return new Promise((resolve) => {
    let timer = 0;
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = window.setTimeout(() => finish(true), arg.quietMs);
    });
    const finish = (quiet: boolean): void => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(limit);
      resolve(quiet);
    };
    const limit = window.setTimeout(() => finish(false), arg.timeoutMs);
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    timer = window.setTimeout(() => finish(true), arg.quietMs);
  });
}

/**
 * Whether keyboard focus is on (or, for a shadow host, inside) the element matching `selector`: focus
 * inside a closed shadow root shows in the document as its host being the active element.
 */
export function isFocused(selector: string): boolean {
  return document.activeElement?.matches(selector) ?? false;
}

/** Puts focus back at the start of the document, so Tab walks from the top. */
export function resetFocus(): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
  window.getSelection()?.removeAllRanges();
}

/** The viewport rectangle around the first element matching `selector`, scrolled into view; null if none. */
export function clipAround(arg: { selector: string; padding: number }): { x: number; y: number; width: number; height: number } | null {
  const el = document.querySelector(arg.selector);
  if (!el) return null;
  el.scrollIntoView({ block: 'center' });
  const r = el.getBoundingClientRect();
  const x = Math.max(0, r.left - arg.padding);
  const y = Math.max(0, r.top - arg.padding);
  return {
    x,
    y,
    width: Math.min(window.innerWidth - x, r.width + 2 * arg.padding),
    height: Math.min(window.innerHeight - y, r.height + 2 * arg.padding),
  };
}
