/**
 * Where the popup goes relative to its badge: below when it fits, above when only that fits,
 * otherwise on the roomier side with a capped height (the popup then scrolls inside). Always inside
 * the viewport, with a margin. Pure, so it is tested without layout.
 *
 * Two directions meet here. The page's (the badge's text) decides which edges line up: the popup
 * starts where the badge's line starts, so on a Persian or Arabic page it opens leftwards from the
 * badge. The popup's own (the UI language's) decides how that position is written: as an offset from
 * the viewport's inline-start edge, which is the right edge for a Persian UI. Client rects are the
 * only physical coordinates, and they stay inside this file.
 */

export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface Placement {
  top: number;
  /** The popup's offset from the viewport's inline-start edge, in the popup's own direction (`inset-inline-start`). */
  inlineStart: number;
  /** The same position as a client x coordinate (its left edge), for tests and geometry. */
  x: number;
  /** Height the popup may take; its content scrolls beyond this. */
  maxHeight: number;
  /** Width the popup may take. */
  maxWidth: number;
  side: 'above' | 'below';
}

/** Distance kept from the viewport's edges. */
export const VIEWPORT_MARGIN = 8;
/** Distance between the badge and the popup. */
export const ANCHOR_GAP = 6;
/** Below this, a capped popup is too short to use; it may then overlap the badge instead. */
const MIN_USEFUL_HEIGHT = 160;

/**
 * @param anchor the badge's client rect
 * @param size the popup's natural size (content height without a cap; width as laid out)
 * @param viewport the layout viewport's size
 * @param dir the badge's text direction: the popup's start edge lines up with the badge's
 * @param popupDir the popup's own direction, in which `inlineStart` is measured
 */
export function computePlacement(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  dir: 'ltr' | 'rtl',
  popupDir: 'ltr' | 'rtl' = 'ltr',
): Placement {
  const m = VIEWPORT_MARGIN;
  const maxWidth = Math.max(0, viewport.width - 2 * m);
  const width = Math.min(size.width, maxWidth);
  const below = viewport.height - anchor.bottom - ANCHOR_GAP - m;
  const above = anchor.top - ANCHOR_GAP - m;

  let side: Placement['side'];
  let maxHeight: number;
  if (size.height <= below) [side, maxHeight] = ['below', below];
  else if (size.height <= above) [side, maxHeight] = ['above', above];
  else if (below >= above) [side, maxHeight] = ['below', below];
  else [side, maxHeight] = ['above', above];

  const fullHeight = Math.max(0, viewport.height - 2 * m);
  // The badge sits near an edge or off screen: give the popup a usable height and let it overlap.
  maxHeight = Math.min(fullHeight, Math.max(maxHeight, MIN_USEFUL_HEIGHT));
  const height = Math.min(size.height, maxHeight);

  let top = side === 'below' ? anchor.bottom + ANCHOR_GAP : anchor.top - ANCHOR_GAP - height;
  top = clamp(top, m, viewport.height - m - height);

  const x = Math.round(clamp(dir === 'rtl' ? anchor.right - width : anchor.left, m, viewport.width - m - width));
  const inlineStart = popupDir === 'rtl' ? Math.round(viewport.width - x - width) : x;

  return { top: Math.round(top), inlineStart, x, maxHeight: Math.floor(maxHeight), maxWidth, side };
}

/** `v` within [lo, hi]; `lo` wins when the range is empty (a viewport smaller than the popup). */
function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, hi));
}
