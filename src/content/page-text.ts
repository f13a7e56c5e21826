/**
 * Reading the page's text: a subtree is cut into pieces read with one `textContent` each (the
 * browser concatenates text nodes natively, faster than a script can visit them), and streamed
 * through the word filter. Block edges act as spaces in this reading: a word never runs from one
 * block into the next (`<li>Ishkobod</li><li>Khorog</li>` is two words), while a word split by
 * inline markup (`Ish<b>kobod</b>`) stays one.
 */
import { WordScanner } from '../core/matcher.ts';
import { foldedWordAt } from '../core/normalize.ts';
import type { Slices } from './slices.ts';
import { BLOCK_SELECTOR, BLOCK_TAGS, blockEdges } from './text-windows.ts';

/** Elements that hold blocks rather than running text: a page is read one child of these at a time. */
const CONTAINERS = new Set('BODY DIV MAIN ARTICLE SECTION ASIDE NAV HEADER FOOTER UL OL DL TABLE TBODY THEAD TFOOT TR FORM FIELDSET DETAILS FIGURE BLOCKQUOTE'.split(' '));

/** Characters read between checks of the clock. */
const SLICE_CHARS = 1 << 16;

/**
 * The pieces of `top` whose text is read in one `textContent` each: its containers are opened a few
 * levels down, so a page that is one wrapper around a thousand paragraphs is not read in one call
 * (on a 5 MB page that one call alone would be a long task). Paragraphs stay whole, so a phrase
 * split across inline elements is still read as one.
 */
function segmentsOf(top: Node): Node[] {
  let level: Node[] = [top];
  for (let depth = 0; depth < 6 && level.length < 400; depth++) {
    const next: Node[] = [];
    let opened = false;
    for (const n of level) {
      if (n.nodeType === Node.ELEMENT_NODE && CONTAINERS.has(n.nodeName.toUpperCase()) && (n as Element).childElementCount > 0) {
        for (let c = n.firstChild; c; c = c.nextSibling) next.push(c);
        opened = true;
      } else next.push(n);
    }
    level = next;
    if (!opened) break;
  }
  return level;
}

const isBlockElement = (n: Node): boolean => n.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has(n.nodeName.toUpperCase());

/** The page's text as read, piece by piece, with the hits the word filter let through. */
export interface PageText {
  pieces: Node[];
  texts: string[];
  /** For a piece that holds blocks or line breaks: the offsets of their edges in its text. */
  edges: Map<number, number[]>;
  /** Pieces read as one run of text (no block edge between them) share a number. */
  runs: number[];
  /** Flat triples [piece, offset, keyHash] of the words that passed the filter. */
  hits: number[];
}

/** Read the text under `top` through `words`; null when aborted. */
export async function readText(top: Node, words: WordScanner, slices: Slices): Promise<PageText | null> {
  const pieces = segmentsOf(top);
  const texts: string[] = [];
  const edges = new Map<number, number[]>();
  const runs: number[] = [];
  let run = 0;
  for (let c = 0; c < pieces.length; c++) {
    const piece = pieces[c] as Node;
    // A comment between blocks is no text of the page (its textContent is the comment's).
    const type = piece.nodeType;
    const text = type === Node.ELEMENT_NODE || type === Node.TEXT_NODE || type === Node.CDATA_SECTION_NODE ? (piece.textContent ?? '') : '';
    texts.push(text);
    const block = isBlockElement(piece);
    // Asked natively first: most pieces (paragraphs) hold no block and no <br>.
    const inner = piece.nodeType === Node.ELEMENT_NODE && (piece as Element).childElementCount > 0 && (piece as Element).querySelector(BLOCK_SELECTOR) ? blockEdges(piece) : null;
    if (inner && inner.length > 0) edges.set(c, inner);
    // Pieces are siblings in document order: a block piece, or the piece after one, starts anew.
    if (c > 0 && (block || isBlockElement(pieces[c - 1] as Node) || inner?.[0] === 0)) {
      words.breakWord();
      run++;
    }
    runs.push(run);
    let e = 0;
    for (let from = 0; from < text.length; ) {
      // Up to the next edge (where the word ends) or the end of this slice of characters.
      while (inner && e < inner.length && (inner[e] as number) <= from) e++;
      const edge = inner && e < inner.length ? (inner[e] as number) : text.length;
      const to = Math.min(edge, from + SLICE_CHARS, text.length);
      words.feedRange(text, from, to, c);
      if (to === edge && edge < text.length) {
        words.breakWord();
        run++;
      }
      from = to;
      if (slices.due() && !(await slices.pause())) return null;
    }
    if (inner && inner[inner.length - 1] === text.length) run++;
  }
  words.breakWord();
  return { pieces, texts, edges, runs, hits: words.hits };
}

/** The edges of piece `c` around `at`: the last at or before it, and the first after it. */
export function edgesAround(page: PageText, c: number, at: number): { from: number; to: number } {
  const list = page.edges.get(c);
  const len = (page.texts[c] as string).length;
  if (!list) return { from: 0, to: len };
  let from = 0;
  let to = len;
  for (const e of list) {
    if (e <= at) from = e;
    else {
      to = e;
      break;
    }
  }
  return { from, to };
}

/** The folded word at (piece, at), as the filter read it: it stops at an edge, and runs on into the next piece only within a run. */
export function wordAt(page: PageText, c: number, at: number): string {
  const { to } = edgesAround(page, c, at);
  const text = page.texts[c] as string;
  if (to < text.length) return foldedWordAt([text.slice(0, to)], 0, at);
  // The word may run on into the next pieces of the same run (Ish<b>kobod</b>), up to an edge.
  const parts = [text];
  for (let n = c + 1; n < page.texts.length && page.runs[n] === page.runs[c] && parts.length < 8; n++) {
    const first = page.edges.get(n)?.[0];
    parts.push(first === undefined ? (page.texts[n] as string) : (page.texts[n] as string).slice(0, first));
    if (first !== undefined) break;
  }
  return foldedWordAt(parts, 0, at);
}
