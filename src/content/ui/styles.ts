/**
 * CSS for the in-page UI, one string per shadow root kind, plus the inline !important declarations
 * for each host element (see shadow-host.ts for why both). Sizes are in em of the host, and the
 * popup's and banner's host font is `medium`: the reader's own default size, which zoom and "large
 * fonts" settings scale and the page's CSS cannot change.
 */
import { SHARED_CLASSES_CSS, TOKENS_CSS } from '../../ui/tokens.ts';

/** Host-box declarations the page must not override, shared by all our hosts. */
const HOST_RESET = `
:host { all: initial !important; }
:host::before, :host::after { content: none !important; display: none !important; }
`;

/** Last in each sheet, so it outranks the `:host { display: … !important }` rules before it. */
const PRINT_HIDDEN = `
@media print { :host { display: none !important; } }
`;

const SHARED = `
*, *::before, *::after { box-sizing: border-box; }
.sc-root { font-family: var(--sc-font); color: var(--sc-fg); }
${SHARED_CLASSES_CSS}
svg.icon { width: 1em; height: 1em; flex: none; fill: currentColor; }
a { color: var(--sc-link); text-decoration: underline; text-underline-offset: 0.15em; overflow-wrap: anywhere; }
button, a { -webkit-tap-highlight-color: transparent; }
:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 2px; }
@media (forced-colors: active) { :focus-visible { outline-color: Highlight; } }
`;

export const BADGE_HOST_STYLES: Readonly<Record<string, string>> = {
  all: 'initial',
  display: 'inline-block',
  position: 'static',
  // Follows the text it sits in, within bounds (see `.badge` below), so it never grows a line much.
  'font-size': 'inherit',
  'line-height': '0',
  'vertical-align': 'middle',
  'margin-inline-start': '0.25em',
  'margin-inline-end': '0.1em',
  visibility: 'visible',
  opacity: '1',
  'pointer-events': 'auto',
};

export const BADGE_CSS = `${TOKENS_CSS}${HOST_RESET}
:host { display: inline-block !important; line-height: 0 !important; vertical-align: middle !important; font-size: inherit !important; }
${SHARED}
.sc-root { display: block; line-height: 0; }
.badge {
  all: unset;
  box-sizing: border-box;
  display: inline-flex; align-items: center; justify-content: center; gap: 0.2em;
  vertical-align: top;
  height: 1.3em; min-width: 1.3em; padding: 0 0.3em;
  font: 700 clamp(11px, 0.78em, 20px)/1 var(--sc-font);
  font-variant-numeric: tabular-nums;
  border: 1px solid; border-radius: 0.65em;
  cursor: pointer; user-select: none; white-space: nowrap;
}
.badge.incident { background: var(--sc-incident-bg); color: var(--sc-incident-fg); border-color: var(--sc-incident-edge); }
/* A different shape as well as a different colour, for readers who do not tell the colours apart. */
.badge.publisher { background: var(--sc-publisher-bg); color: var(--sc-publisher-fg); border-color: var(--sc-publisher-edge); border-radius: 0.25em; }
.badge:hover { filter: brightness(1.08) saturate(1.1); }
.badge[aria-expanded="true"] { box-shadow: inset 0 0 0 1px currentColor; }
.badge:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 1px; box-shadow: 0 0 0 1px var(--sc-bg); }
.badge .icon { width: 0.95em; height: 0.95em; }
@media (forced-colors: active) { .badge { border-color: ButtonText; } }
${PRINT_HIDDEN}`;

export const POPUP_HOST_STYLES: Readonly<Record<string, string>> = {
  all: 'initial',
  display: 'block',
  position: 'fixed',
  'inset-block-start': '0',
  'inset-inline-start': '0',
  width: '0',
  height: '0',
  overflow: 'visible',
  'z-index': '2147483647',
  visibility: 'visible',
  opacity: '1',
  transform: 'none',
  'pointer-events': 'auto',
};

export const POPUP_CSS = `${TOKENS_CSS}${HOST_RESET}
:host { display: block !important; position: fixed !important; inset-block-start: 0 !important; inset-inline-start: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483647 !important; }
${SHARED}
.dialog {
  position: fixed; display: flex; flex-direction: column;
  width: 27em; max-width: calc(100vw - 16px);
  font-size: 0.9375em; line-height: 1.45; text-align: start;
  background: var(--sc-bg); color: var(--sc-fg);
  border: 1px solid var(--sc-border); border-radius: var(--sc-radius); box-shadow: var(--sc-shadow);
  overflow: hidden; animation: sc-in 120ms ease-out;
}
.dialog:focus { outline: none; }
.dialog:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 2px; }
@keyframes sc-in { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .dialog { animation: none; } }
.head { display: grid; grid-template-columns: 1fr auto; gap: 0.15em 0.5em; padding-block: 0.75em 0.6em; padding-inline: 1em 0.75em; border-bottom: 1px solid var(--sc-border); }
.head.incident { border-top: 4px solid var(--sc-incident-bg); }
.head.publisher { border-top: 4px solid var(--sc-publisher-bg); }
.kind { grid-column: 1; display: flex; align-items: center; gap: 0.35em; font-size: 0.8em; font-weight: 600; text-transform: uppercase; letter-spacing: 0.03em; color: var(--sc-muted); }
.head h2 { grid-column: 1; margin: 0; font-size: 1.1em; line-height: 1.3; font-weight: 700; overflow-wrap: anywhere; }
.close {
  all: unset; grid-column: 2; grid-row: 1 / span 2; align-self: start; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  width: 2em; height: 2em; border-radius: 50%; cursor: pointer; color: var(--sc-muted); font-size: 1em;
}
.close:hover { background: var(--sc-bg-2); color: var(--sc-fg); }
.close:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 0; }
.body { flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain; padding: 0.75em 1em; }
.body:focus-visible { outline-offset: -2px; }
.body > :first-child { margin-top: 0; }
.meta { margin: 0 0 0.4em; color: var(--sc-muted); font-size: 0.9em; }
.summary { margin: 0 0 0.5em; }
.summary > summary { cursor: pointer; color: var(--sc-link); font-size: 0.9em; width: fit-content; }
.summary > p { margin: 0.3em 0 0; }
.note { margin: 0.4em 0 0.6em; padding: 0.45em 0.6em; background: var(--sc-bg-2); border-radius: 6px; font-size: 0.85em; color: var(--sc-muted); }
/* A pack's statement says whose it is, set off from the extension's own data by a rule at its start. */
.provenance { margin: 0.35em 0 0; padding-inline-start: 0.5em; border-inline-start: 3px solid var(--sc-border); font-size: 0.82em; color: var(--sc-muted); }
section { margin: 0.9em 0 0; }
h3 { margin: 0 0 0.4em; font-size: 0.95em; font-weight: 700; }
h3 .count { font-weight: 400; color: var(--sc-muted); }
ul.plain { list-style: none; margin: 0; padding: 0; }
.item, .claim { padding: 0.55em 0 0.6em; border-top: 1px solid var(--sc-border); }
.item:first-child, .claim:first-child { border-top: 0; padding-top: 0.1em; }
.item p, .claim p { margin: 0.15em 0; overflow-wrap: anywhere; }
.who { font-size: 0.92em; }
.who strong { font-weight: 650; }
.who .role, .who time, .source, .where { color: var(--sc-muted); }
.source, .where { font-size: 0.85em; }
.also { margin: 0.15em 0 0; font-size: 0.85em; color: var(--sc-muted); }
.also > summary { cursor: pointer; color: var(--sc-link); width: fit-content; }
.also ul { margin: 0.15em 0 0; padding-inline-start: 0.7em; border-inline-start: 2px solid var(--sc-border); }
.also .source { font-size: 1em; margin: 0.15em 0; overflow-wrap: anywhere; }
.reviewed { margin: 0.9em 0 0; font-size: 0.8em; color: var(--sc-muted); }
blockquote { margin: 0.35em 0; padding-block: 0.1em; padding-inline: 0.7em 0; border-inline-start: 3px solid var(--sc-quote-bar); font-style: italic; overflow-wrap: anywhere; }
.rels { margin: 0.3em 0 0; padding: 0; list-style: none; font-size: 0.85em; }
.rels li { margin: 0.15em 0; }
.rel { display: inline-block; padding: 0 0.4em; margin-inline-end: 0.1em; border-radius: 0.7em; background: var(--sc-incident-soft); color: var(--sc-fg); font-weight: 600; font-size: 0.92em; }
.rel.supports { background: var(--sc-publisher-soft); }
dl.figures { margin: 0; }
.figure { padding: 0.4em 0; border-top: 1px solid var(--sc-border); }
.figure:first-child { border-top: 0; }
.figure dt { font-weight: 600; font-size: 0.9em; margin-bottom: 0.25em; }
.figure dd { margin: 0; }
.values { display: flex; flex-wrap: wrap; gap: 0.35em; list-style: none; margin: 0; padding: 0; }
.values li { flex: 1 1 10em; min-width: 0; padding: 0.3em 0.5em; border: 1px solid var(--sc-border); border-radius: 6px; background: var(--sc-bg-2); }
.values .value { display: block; font-weight: 600; overflow-wrap: break-word; }
.values .by { display: block; font-size: 0.8em; color: var(--sc-muted); }
.third { border-inline-start: 3px solid var(--sc-border); padding-inline-start: 0.7em; }
.evidence { margin: 0.3em 0 0; padding-inline-start: 1.2em; }
.status { display: flex; align-items: center; gap: 0.6em; padding: 0.5em 0; }
.spinner { width: 1.1em; height: 1.1em; border-radius: 50%; border: 2px solid var(--sc-border); border-top-color: var(--sc-link); animation: sc-spin 0.9s linear infinite; flex: none; }
@keyframes sc-spin { to { transform: rotate(360deg); } }
@media (prefers-reduced-motion: reduce) { .spinner { animation: none; border-top-color: var(--sc-border); } }
.error { margin-top: 0; color: var(--sc-fg); }
.foot { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5em; padding: 0.55em 1em; border-top: 1px solid var(--sc-border); background: var(--sc-bg-2); font-size: 0.9em; }
.btn {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; gap: 0.35em;
  padding: 0.3em 0.75em; min-height: 2em; border: 1px solid var(--sc-border); border-radius: 6px;
  background: var(--sc-bg); color: var(--sc-fg); font-size: 0.95em; cursor: pointer; overflow-wrap: anywhere;
}
.btn:hover { border-color: var(--sc-muted); }
.btn:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 1px; }
.btn[disabled] { opacity: 0.6; cursor: default; }
.foot .msg { color: var(--sc-muted); }
.dismissed { padding: 0.5em 0.6em; background: var(--sc-bg-2); border-radius: 6px; }
.dismissed h3 { font-weight: 600; }
.report { margin-top: 0.5em; display: grid; gap: 0.45em; }
.report h3 { margin: 0; }
.check { display: flex; align-items: center; gap: 0.4em; font-size: 0.9em; cursor: pointer; }
.check input { all: revert; margin: 0; }
.report-text { display: grid; gap: 0.2em; margin: 0; font-size: 0.85em; color: var(--sc-muted); }
.report-text pre {
  box-sizing: border-box; margin: 0; padding: 0.4em 0.5em; white-space: pre-wrap; overflow-wrap: anywhere; user-select: text;
  border: 1px solid var(--sc-border); border-radius: 6px; background: var(--sc-bg); color: var(--sc-fg); font: 0.95em/1.4 var(--sc-font);
}
.report-text pre:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 1px; }
.report a.btn { justify-self: start; text-decoration: none; color: var(--sc-fg); }
@media (forced-colors: active) { .dialog { border: 2px solid CanvasText; } .btn, .close { border: 1px solid ButtonText; } }
${PRINT_HIDDEN}`;

export const BANNER_HOST_STYLES: Readonly<Record<string, string>> = {
  all: 'initial',
  display: 'block',
  position: 'relative',
  margin: '0 0 0.75em',
  width: 'auto',
  'max-width': '100%',
  visibility: 'visible',
  opacity: '1',
  'pointer-events': 'auto',
};

export const BANNER_CSS = `${TOKENS_CSS}${HOST_RESET}
:host { display: block !important; position: relative !important; }
${SHARED}
.banner {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.35em 0.75em;
  padding-block: 0.45em; padding-inline: 0.8em 0.5em; font-size: 0.875em; line-height: 1.4; text-align: start;
  background: var(--sc-publisher-soft); color: var(--sc-fg);
  border: 1px solid var(--sc-border); border-inline-start: 4px solid var(--sc-publisher-bg); border-radius: 6px;
}
.banner .icon { color: var(--sc-publisher-bg); width: 1.15em; height: 1.15em; }
.text { flex: 1 1 18em; min-width: 0; margin: 0; overflow-wrap: anywhere; }
.text q { font-style: italic; }
.actions { display: flex; align-items: center; gap: 0.35em; margin-inline-start: auto; }
.btn {
  all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center;
  padding: 0.2em 0.65em; min-height: 1.9em; border: 1px solid var(--sc-border); border-radius: 6px;
  background: var(--sc-bg); color: var(--sc-fg); cursor: pointer;
}
.btn.icon-only { padding: 0; width: 1.9em; }
.btn:hover { border-color: var(--sc-muted); }
.btn:focus-visible { outline: 2px solid var(--sc-focus); outline-offset: 1px; }
@media (forced-colors: active) { .banner { border: 1px solid CanvasText; } .btn { border-color: ButtonText; } }
${PRINT_HIDDEN}`;
