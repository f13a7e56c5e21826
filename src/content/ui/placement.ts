/**
 * Where the popup goes relative to its badge: below when it fits, above when only that fits,
 * otherwise on the roomier side with a capped height (the popup then scrolls inside). Always inside
 * the viewport, with a margin. Pure, so it is tested without layout.
 */

export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface Placement {
  top: number;
  left: number;
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
 */
export function computePlacement(
  anchor: Box,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
  dir: 'ltr' | 'rtl',
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

  let left = dir === 'rtl' ? anchor.right - width : anchor.left;
  left = clamp(left, m, viewport.width - m - width);

  return { top: Math.round(top), left: Math.round(left), maxHeight: Math.floor(maxHeight), maxWidth, side };
}

/** `v` within [lo, hi]; `lo` wins when the range is empty (a viewport smaller than the popup). */
function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(v, hi));
}
