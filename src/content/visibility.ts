/**
 * Rendered text only. A page can plant thousands of candidate names out of the reader's sight and
 * read back, through our badges or the document's highlight registry (which page scripts see),
 * which of them the reader's data holds. So a match is marked only where the reader can see it:
 * its block and the elements around its text are rendered (`checkVisibility`: not display:none,
 * visibility:hidden, opacity:0, inside content-visibility:hidden, a closed <details>; and their
 * own contents neither skipped nor in a transparent colour), no ancestor is a
 * collapsed box that clips its content (the visually-hidden "sr-only" pattern, a zero-height
 * wrapper), and the text itself has a box of readable size on the page (not font-size:0, not pushed
 * off the page, not transparent).
 *
 * Checked per match and cached per element, never per text node of the page: a page without
 * matches pays nothing, and one with many pays once per block and per element around them. All the
 * reads come together, after the scan has built its ranges, so the page is laid out once for them.
 */

import type { FoundMatch } from './scanner.ts';
import { Slices } from './slices.ts';

/** `checkVisibility` options under both their names (Chromium 121 renamed them; Firefox has both). */
const CHECK: CheckVisibilityOptions = { checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true };

/** Smallest box (px) of readable text: a line of text a reader could make out is larger than this. */
const MIN_WIDTH = 2;
const MIN_HEIGHT = 4;

export class Visibility {
  private shown = new Map<Element, boolean>();
  private clipped = new Map<Element, boolean>();
  private pageWidth = -1;

  /** Whether the text of every range is rendered where the reader can see it. */
  rangesShown(ranges: readonly Range[], block: Element | null): boolean {
    if (ranges.length === 0) return false;
    if (block && !this.isShown(block)) return false;
    for (const r of ranges) {
      for (const n of [r.startContainer, r.endContainer]) {
        const el = n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement;
        if (!el || !this.isShown(el) || this.isClippedAway(el)) return false;
      }
      if (!this.hasReadableBox(r)) return false;
    }
    return true;
  }

  /** Whether an element (a link, say) is rendered where the reader can see it. */
  elementShown(el: Element): boolean {
    if (!this.isShown(el) || this.isClippedAway(el)) return false;
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return this.hasReadableBox(range);
  }

  /**
   * The outermost element around `el` that is not rendered (a `display: none` container of a
   * thousand hidden paragraphs), or `el` itself: what to watch for being shown again.
   */
  hiddenRoot(el: Element): Element {
    let root = el;
    for (let p = el.parentElement; p && !this.isShown(p); p = p.parentElement) root = p;
    return root;
  }

  private isShown(el: Element): boolean {
    let v = this.shown.get(el);
    if (v === undefined) {
      v = el.checkVisibility(CHECK) && showsText(getComputedStyle(el));
      this.shown.set(el, v);
    }
    return v;
  }

  /** Whether `el` or an ancestor is a box of (nearly) no size that clips what it holds. */
  private isClippedAway(el: Element): boolean {
    const path: Element[] = [];
    let verdict = false;
    for (let e: Element | null = el; e; e = e.parentElement) {
      const known = this.clipped.get(e);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      path.push(e);
      if (collapsesContent(e)) {
        verdict = true;
        break;
      }
    }
    // Everything below a clipping box is clipped; everything below a clear path is clear so far.
    for (const e of path) this.clipped.set(e, verdict);
    return verdict;
  }

  /** Whether the range's text has a box large enough to read, somewhere on the page. */
  private hasReadableBox(r: Range): boolean {
    const doc = r.startContainer.ownerDocument;
    const view = doc?.defaultView;
    if (!doc || !view) return false;
    if (this.pageWidth < 0) this.pageWidth = Math.max(doc.documentElement.scrollWidth, view.innerWidth);
    for (const box of r.getClientRects()) {
      if (box.width < MIN_WIDTH || box.height < MIN_HEIGHT) continue;
      const left = box.left + view.scrollX;
      const top = box.top + view.scrollY;
      // Off the page to the left or above (a negative text-indent, a far negative position), or past its right edge.
      if (left + box.width <= 0 || top + box.height <= 0 || left >= this.pageWidth) continue;
      return true;
    }
    return false;
  }
}

/** A box under 2 px wide or high that hides what overflows it that way (overflow, clip, clip-path, paint containment). */
function collapsesContent(el: Element): boolean {
  const box = el.getBoundingClientRect();
  const narrow = box.width < MIN_WIDTH;
  const low = box.height < MIN_WIDTH;
  if (!narrow && !low) return false;
  const cs = getComputedStyle(el);
  if ((narrow && cs.overflowX !== 'visible') || (low && cs.overflowY !== 'visible')) return true;
  return (cs.clip !== 'auto' && cs.clip !== '') || cs.clipPath !== 'none' || cs.contain.includes('paint');
}

/**
 * Whether an element that is itself rendered shows the text it holds: its contents are not skipped
 * (`content-visibility: hidden` hides them, not the element) and its colour is not fully transparent.
 */
function showsText(cs: CSSStyleDeclaration): boolean {
  if (cs.contentVisibility === 'hidden') return false;
  const color = cs.color;
  return !(color === 'transparent' || /^rgba\(.*,\s*0\)$/.test(color) || /\/\s*0\)$/.test(color));
}

/**
 * A moment when the page's layout is fresh: just after the browser's next rendering (a frame, then
 * a task), or after 100 ms when no frame comes (a tab in the background). Boxes read then are
 * looked up; read right after the page changed, they make our task lay the page out (on a block of
 * two million characters, tens of milliseconds of the page's own layout: huge-block.html).
 */
export function afterRendering(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timer);
        resolve();
      }, 0),
    );
  });
}

/**
 * The matches whose text the reader can see, in slices (a page of a hundred thousand hidden names
 * is checked in turns with the page). `hidden` gets the blocks of those left out, so their text can
 * be looked at again once the page shows it (the outermost hidden element around each). Resolves to [] when aborted.
 */
export async function renderedOnly(matches: FoundMatch[], signal: AbortSignal, hidden: (block: Element) => void): Promise<FoundMatch[]> {
  if (matches.length === 0) return [];
  await afterRendering();
  let vis = new Visibility();
  const slices = new Slices(signal);
  const out: FoundMatch[] = [];
  for (const m of matches) {
    if (signal.aborted) return [];
    if (slices.due()) {
      await afterRendering();
      if (signal.aborted) return [];
      vis = new Visibility(); // the page may have changed meanwhile
      slices.restart();
    }
    if (!m.endNode.isConnected) continue;
    if (vis.rangesShown(m.ranges, m.block)) out.push(m);
    else hidden(vis.hiddenRoot(m.block ?? (m.endNode.parentElement as Element)));
  }
  return out;
}

/* Fixtures: tests/fixtures/hostile/hidden-names.html */
