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
 * The text around (nodes[i], offset): enough for the longest phrase before and after the hit, from
 * the hit's own block, walking the DOM's real neighbours (the hits' node list has only the pieces
 * of the page that had hits). `hit` is the offset's place in the window's text.
 */
export function windowAround(nodes: Text[], i: number, offset: number): { win: TextWindow; hit: number } {
  const here = nodes[i] as Text;
  const block = blockOf(here);
  const walker = document.createTreeWalker(block ?? here.ownerDocument.body ?? here.ownerDocument.documentElement, NodeFilter.SHOW_TEXT);
  const segs: TextWindow['segs'] = [];
  let text = '';
  // Earlier text of the same block, nearest last.
  const before: Text[] = [];
  let need = BEFORE - offset;
  walker.currentNode = here;
  for (let n = walker.previousNode(); n && need > 0 && before.length < 12; n = walker.previousNode()) {
    before.unshift(n as Text);
    need -= (n as Text).data.length;
  }
  for (const n of before) {
    const from = Math.max(0, n.data.length - BEFORE);
    segs.push({ node: n, at: text.length, from, len: n.data.length - from });
    text += n.data.slice(from);
  }
  const from = Math.max(0, offset - BEFORE);
  const to = Math.min(here.data.length, offset + AFTER);
  const hit = text.length + (offset - from);
  segs.push({ node: here, at: text.length, from, len: to - from });
  text += here.data.slice(from, to);
  let more = AFTER - (to - offset);
  walker.currentNode = here;
  for (let n = walker.nextNode(), k = 0; n && more > 0 && k < 16; n = walker.nextNode(), k++) {
    const t = n as Text;
    const len = Math.min(t.data.length, more);
    segs.push({ node: t, at: text.length, from: 0, len });
    text += t.data.slice(0, len);
    more -= len;
  }
  return { win: { text, segs }, hit };
}

/** All text of a block as one window (skipping form fields, scripts and our UI). */
export function blockWindow(block: Element): TextWindow {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  const segs: TextWindow['segs'] = [];
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (isSkipped(t)) continue;
    segs.push({ node: t, at: text.length, from: 0, len: t.data.length });
    text += t.data;
  }
  return { text, segs };
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
