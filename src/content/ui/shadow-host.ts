/**
 * The one way our UI enters a page: a host element of ours, a CLOSED shadow root on it, our styles
 * inside, and a container Preact renders into (not the root itself: Preact's render would remove the
 * `<style>` fallback beside it).
 *
 * The host element itself is in the page's light DOM, so page CSS reaches it (`* { all: unset }`,
 * `source-context-badge { display: none }`). Inline `!important` declarations outrank every page rule,
 * layered or not, so the host's box is set there; `:host` rules with `!important` inside the root
 * repeat them (inner context wins for important rules) and also cover the host's ::before/::after.
 */

export interface ShadowUi {
  root: ShadowRoot;
  container: HTMLElement;
}

const attached = new WeakMap<Element, ShadowUi>();
let shadowMode: ShadowRootMode = 'closed';
const sheets = new Map<string, CSSStyleSheet>();

/** Text spacing the reader's own styles may widen (WCAG 1.4.12): never forced inline. */
const ADJUSTABLE_SPACING = ['letter-spacing', 'word-spacing', 'line-height'];

/**
 * Set each declaration on `el` inline with `!important`. `all` first, so the rest override it. Text
 * spacing is then set again without `!important`, so a reader's spacing styles still apply.
 */
export function setImportantStyles(el: HTMLElement, styles: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value, 'important');
  for (const name of ADJUSTABLE_SPACING) el.style.setProperty(name, styles[name] ?? 'normal');
}

/**
 * Styles into a shadow root. A constructed sheet is shared by every badge and is not subject to the
 * page's CSP; where adopting fails (Firefox content scripts may refuse an array from the extension's
 * compartment), a `<style>` element carries the same CSS.
 */
function addStyles(root: ShadowRoot, css: string): void {
  try {
    let sheet = sheets.get(css);
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      sheets.set(css, sheet);
    }
    root.adoptedStyleSheets = [sheet];
    if (root.adoptedStyleSheets.length === 1) return;
  } catch {
    // Fall through to the <style> element.
  }
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
}

/**
 * Our shadow root on `host` (attached once; a second call returns the same one), styled with `css`,
 * with an empty `<tag>` container to render into. `hostStyles` are set inline with !important.
 */
export function attachShadowUi(host: HTMLElement, css: string, hostStyles: Readonly<Record<string, string>>, tag = 'div'): ShadowUi {
  setImportantStyles(host, hostStyles);
  const existing = attached.get(host);
  if (existing) return existing;
  const root = host.attachShadow({ mode: shadowMode });
  addStyles(root, css);
  const container = document.createElement(tag);
  container.className = 'sc-root';
  root.append(container);
  const ui = { root, container };
  attached.set(host, ui);
  return ui;
}

/**
 * For use in tests and the UI playground: open shadow roots, so a test can query inside them and
 * axe-core can check them. The extension never calls this.
 */
export function openShadowRootsForTests(): void {
  shadowMode = 'open';
}
