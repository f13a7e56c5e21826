/**
 * Text windows: the page's text as the matcher reads it, assembled from consecutive text nodes of
 * one block, with a map back to the nodes, so a match in the window becomes a DOM range. Words never
 * continue across a block's edge, so a block is also where a window ends.
 */
import { BLOCK_EDGE } from '../core/matcher.ts';
import { isSkipped } from './skip-rules.ts';

/** Elements that end a paragraph-like block (words never continue across them). */
export const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY BR CAPTION DD DETAILS DIALOG DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR HTML LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(' '),
);
/** The same elements as a selector, to ask natively whether a piece of the page holds any. */
export const BLOCK_SELECTOR = [...BLOCK_TAGS].map((t) => t.toLowerCase()).join(',');

const isBlock = (n: Node): boolean => n.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has(n.nodeName.toUpperCase());

/** Block-level element that holds `node` (the paragraph, list item, cell, heading…). */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && !BLOCK_TAGS.has(el.nodeName.toUpperCase())) el = el.parentElement;
  return el;
}

/**
 * Offsets in `root.textContent` where a block starts or ends, or a `<br>` or `<hr>` stands: the
 * scanner ends a word there, so `<li>Khorog</li><li>Ishkobod</li>` is two words. Walks the nodes of
 * `root`, so it is called only for a piece that holds such an element.
 */
export function blockEdges(root: Node): number[] {
  const edges: number[] = [];
  let pos = 0;
  const walk = (n: Node): void => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      const type = c.nodeType;
      if (type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE) pos += (c as CharacterData).length;
      else if (type === Node.ELEMENT_NODE) {
        const block = isBlock(c);
        if (block) edges.push(pos);
        walk(c);
        if (block) edges.push(pos);
      }
    }
  };
  walk(root);
  return edges;
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

/** How much text a window takes around its hit. */
export interface WindowSize {
  /** Characters before and after the hit. */
  before: number;
  after: number;
  /** Text nodes walked either way, at most. */
  nodes: number;
}

/** For a name: more than the longest phrase either side. */
export const NAME_WINDOW: WindowSize = { before: 200, after: 300, nodes: 16 };
/** For a description rule or an ambiguous name's context: the block, up to a bounded length. */
export const RULE_WINDOW: WindowSize = { before: 1500, after: 1500, nodes: 200 };

/**
 * Whether a block edge or a line break lies between text nodes `a` (earlier) and `b` of the same
 * window: they sit in different blocks, or a `<br>`/`<hr>` comes between them.
 */
function edgeBetween(a: Text, b: Text): boolean {
  if (blockOf(a) !== blockOf(b)) return true;
  let steps = 0;
  for (let n: Node | null = a; n && n !== b && steps < 64; steps++) {
    let next: Node | null = n.firstChild ?? n.nextSibling;
    for (let up: Node | null = n; !next && up; up = up.parentNode) next = up.nextSibling;
    n = next;
    if (n && (n.nodeName === 'BR' || n.nodeName === 'HR')) return true;
  }
  return false;
}

/**
 * The text around (nodes[i], offset) in the hit's own block, walking the DOM's real neighbours (the
 * hits' node list has only the pieces of the page that had hits). Text the page does not show as
 * prose (scripts, form fields, our UI) is left out; a nested block's edge or a `<br>` becomes BLOCK_EDGE,
 * so no word or phrase runs across it. `hit` is the offset's place in the window's text.
 */
export function windowAround(nodes: Text[], i: number, offset: number, size: WindowSize = NAME_WINDOW): { win: TextWindow; hit: number } {
  const here = nodes[i] as Text;
  const block = blockOf(here);
  const walker = document.createTreeWalker(block ?? here.ownerDocument.body ?? here.ownerDocument.documentElement, NodeFilter.SHOW_TEXT);
  const segs: TextWindow['segs'] = [];
  let text = '';
  let prev: Text | null = null;
  const append = (t: Text, from: number, len: number): void => {
    if (prev && edgeBetween(prev, t)) text += BLOCK_EDGE;
    segs.push({ node: t, at: text.length, from, len });
    text += t.data.slice(from, from + len);
    prev = t;
  };
  // Earlier text of the same block, nearest last.
  const before: Text[] = [];
  let need = size.before - offset;
  walker.currentNode = here;
  for (let n = walker.previousNode(); n && need > 0 && before.length < size.nodes; n = walker.previousNode()) {
    if (isSkipped(n)) continue;
    before.unshift(n as Text);
    need -= (n as Text).data.length;
  }
  for (const n of before) {
    const from = Math.max(0, n.data.length - size.before);
    append(n, from, n.data.length - from);
  }
  const from = Math.max(0, offset - size.before);
  const to = Math.min(here.data.length, offset + size.after);
  append(here, from, to - from);
  const hit = text.length - (to - from) + (offset - from);
  let more = size.after - (to - offset);
  walker.currentNode = here;
  for (let n = walker.nextNode(), k = 0; n && more > 0 && k < size.nodes; n = walker.nextNode(), k++) {
    if (isSkipped(n)) continue;
    const t = n as Text;
    const len = Math.min(t.data.length, more);
    append(t, 0, len);
    more -= len;
  }
  return { win: { text, segs }, hit };
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

/*
 * Fixtures: tests/fixtures/corpus/en-name-06.html (a name split across inline elements), en-name-11.html
 * (a <br> in a phrase), en-desc-06.html (a description split by markup), en-name-13.html … en-name-15.html
 * and ru-name-09.html (names in blocks that touch), en-pub-07.html (a byline line after a <br>)
 */
