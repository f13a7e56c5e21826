/**
 * Style tokens shared by the in-page UI, the toolbar panel and the options page: CSS custom properties
 * for light and dark, as one CSS string to put in a shadow root or a page's stylesheet.
 *
 * Dark follows the system (`prefers-color-scheme`), not the page: our surfaces always paint their own
 * background, so text stays readable on a dark page in a light system and the reverse. Colours were
 * picked for at least 4.5:1 contrast of text on its surface in both schemes.
 */

/** Declarations for `:root` (extension pages) and `:host` (shadow roots in web pages). */
export const TOKENS_CSS = `
:root, :host {
  --sc-font: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  --sc-bg: #ffffff;
  --sc-bg-2: #f4f5f7;
  --sc-fg: #1b1d21;
  --sc-muted: #555b66;
  --sc-border: #c9ced6;
  --sc-link: #0b57c2;
  --sc-focus: #0b57c2;
  --sc-shadow: 0 6px 24px rgba(0, 0, 0, 0.18), 0 1px 3px rgba(0, 0, 0, 0.12);
  --sc-incident-bg: #f2b33d;
  --sc-incident-fg: #2b1a00;
  --sc-incident-edge: #9a5b00;
  --sc-incident-soft: #fff4dc;
  --sc-publisher-bg: #1d5fc4;
  --sc-publisher-fg: #ffffff;
  --sc-publisher-edge: #113d82;
  --sc-publisher-soft: #e6effc;
  --sc-quote-bar: #9aa3b0;
  --sc-radius: 8px;
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :root, :host {
    --sc-bg: #1e2126;
    --sc-bg-2: #272b31;
    --sc-fg: #eceef1;
    --sc-muted: #aeb5bf;
    --sc-border: #454b55;
    --sc-link: #8ab8ff;
    --sc-focus: #8ab8ff;
    --sc-shadow: 0 6px 24px rgba(0, 0, 0, 0.55), 0 1px 3px rgba(0, 0, 0, 0.4);
    --sc-incident-bg: #f5b94a;
    --sc-incident-fg: #241500;
    --sc-incident-edge: #ffd58a;
    --sc-incident-soft: #3a2c12;
    --sc-publisher-bg: #5b95ec;
    --sc-publisher-fg: #0b1a33;
    --sc-publisher-edge: #a9c8f7;
    --sc-publisher-soft: #1b2a42;
    --sc-quote-bar: #6b7380;
    color-scheme: dark;
  }
}
`;

/**
 * Rules for classes the shared components rely on that must look the same on every surface, put
 * after the tokens in each shadow root and extension page; the rest of their look is each surface's.
 */
export const SHARED_CLASSES_CSS = `
.sr-only {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
`;
