/**
 * Skip rules: where text is not the page's prose, or not ours to mark. Checked only for text that
 * holds a hit, so a page without candidates pays nothing for them.
 */

/** One selector per reason; `isSkipped` tests a text node's parent against all of them at once. */
export const SKIP_SELECTOR = [
  'script', 'style', 'noscript', 'template', // code and data, not prose
  'textarea', 'input', 'select', 'option', // form fields hold the reader's own input
  '[contenteditable]:not([contenteditable="false"])', // editors: never touch what the reader is writing
  'source-context-badge', 'source-context-popup', 'source-context-banner', // our own UI
  'svg', 'math', // drawings and formulas: text there is not prose
  'title', // the tab title is not in the page body
].join(',');

/** Whether the text node `node` is out of bounds (see SKIP_SELECTOR); a detached node is too. */
export function isSkipped(node: Node): boolean {
  const parent = node.parentElement;
  return !parent || parent.closest(SKIP_SELECTOR) !== null;
}

/* Fixtures: tests/fixtures/corpus/en-hidden-01.html … en-hidden-04.html, tests/fixtures/hostile/contenteditable.html, tests/fixtures/hostile/form-fields.html */
