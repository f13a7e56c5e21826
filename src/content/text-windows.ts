/**
 * Text windows: the page's text as the matcher reads it, assembled from consecutive text nodes of
 * one block, with a map back to the nodes, so a match in the window becomes a DOM range. Words never
 * continue across a block's edge, so a block is also where a window ends.
 */
import { isSkipped } from './skip-rules.ts';

/** Elements that end a paragraph-like block (words never continue across them). */
const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY BR CAPTION DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR HTML LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(' '),
);

/** Block-level element that holds `node` (the paragraph, list item, cell, heading…). */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && !BLOCK_TAGS.has(el.nodeName.toUpperCase())) el = el.parentElement;
  return el;
}

/** Text assembled from consecutive text nodes, with a map back to them. */
export interface TextWindow {
  text: string;
  segs: { node: Text; at: number; from: number; len: number }[];
}

function position(win: TextWindow, offset: number, isEnd: boolean): { node: Text; offset: number } | null {
  for (const s of win.segs) {
    if (offset >= s.at && (offset < s.at + s.len || (isEnd && offset === s.at + s.len))) return { node: s.node, offset: s.from + offset - s.at };
  }
  return null;
}

/** The DOM range of `win.text[start, end)`; null when either end falls outside the window. */
export function rangeOf(win: TextWindow, start: number, end: number): Range | null {
  const a = position(win, start, false);
  const b = position(win, end, true);
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r;
}

/** Characters read before and after a hit: more than the longest phrase either side. */
const BEFORE = 200;
const AFTER = 300;

/**
 * Characters either side of an anchor word on which its incident's description rules are
 * evaluated: a long paragraph's worth. Rules are never evaluated on more, so one huge block with an
 * anchor word costs what a paragraph costs, on every rescan (tests/fixtures/hostile/huge-block.html).
 */
export const RULE_WINDOW_CHARS = 1500;
/** Text nodes read either side of an anchor at most (a block of a thousand one-letter spans). */
const RULE_WINDOW_NODES = 300;

/**
 * Text of `here`'s block around `offset`: up to `before` characters before it and `after` after it,
 * from at most `maxBefore` and `maxAfter` neighbouring text nodes, walking the DOM's real neighbours.
 * `skip`: text nodes to leave out (form fields, scripts, our UI).
 */
function collect(here: Text, offset: number, before: number, after: number, maxBefore: number, maxAfter: number, skip?: (n: Text) => boolean): { win: TextWindow; hit: number } {
  const block = blockOf(here);
  const walker = document.createTreeWalker(block ?? here.ownerDocument.body ?? here.ownerDocument.documentElement, NodeFilter.SHOW_TEXT);
  const segs: TextWindow['segs'] = [];
  let text = '';
  // Earlier text of the same block, nearest last.
  const earlier: Text[] = [];
  let need = before - offset;
  walker.currentNode = here;
  for (let n = walker.previousNode(), k = 0; n && need > 0 && k < maxBefore; n = walker.previousNode(), k++) {
    if (skip?.(n as Text)) continue;
    earlier.unshift(n as Text);
    need -= (n as Text).data.length;
  }
  for (const n of earlier) {
    const from = Math.max(0, n.data.length - before);
    segs.push({ node: n, at: text.length, from, len: n.data.length - from });
    text += n.data.slice(from);
  }
  const from = Math.max(0, offset - before);
  const to = Math.min(here.data.length, offset + after);
  const hit = text.length + (offset - from);
  segs.push({ node: here, at: text.length, from, len: to - from });
  text += here.data.slice(from, to);
  let more = after - (to - offset);
  walker.currentNode = here;
  for (let n = walker.nextNode(), k = 0; n && more > 0 && k < maxAfter; n = walker.nextNode(), k++) {
    const t = n as Text;
    if (skip?.(t)) continue;
    const len = Math.min(t.data.length, more);
    segs.push({ node: t, at: text.length, from: 0, len });
    text += t.data.slice(0, len);
    more -= len;
  }
  return { win: { text, segs }, hit };
}

/**
 * The text around (nodes[i], offset): enough for the longest phrase before and after the hit, from
 * the hit's own block, walking the DOM's real neighbours (the hits' node list has only the pieces
 * of the page that had hits). `hit` is the offset's place in the window's text.
 */
export function windowAround(nodes: Text[], i: number, offset: number): { win: TextWindow; hit: number } {
  return collect(nodes[i] as Text, offset, BEFORE, AFTER, 12, 16);
}

/**
 * The text an anchor word's description rules are evaluated on: its block, at most
 * RULE_WINDOW_CHARS either side of the anchor (skipping form fields, scripts and our UI).
 */
export function ruleWindow(here: Text, offset: number): TextWindow {
  return collect(here, offset, RULE_WINDOW_CHARS, RULE_WINDOW_CHARS, RULE_WINDOW_NODES, RULE_WINDOW_NODES, isSkipped).win;
}

/** The text nodes under `root` in document order, with the offset of each in `root.textContent`. */
export function textNodes(root: Node): { nodes: Text[]; starts: number[] } {
  if (root.nodeType === Node.TEXT_NODE) return { nodes: [root as Text], starts: [0] };
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes: Text[] = [];
  const starts: number[] = [];
  let pos = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    nodes.push(n as Text);
    starts.push(pos);
    pos += (n as Text).data.length;
  }
  return { nodes, starts };
}

/** Index of the last start ≤ offset (`starts` ascending, as `textNodes` gives them). */
export function nodeAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/* Fixtures: tests/fixtures/corpus/en-name-06.html (a name split across inline elements), en-name-11.html (a <br> in a phrase), en-desc-06.html (a description split by markup) */
