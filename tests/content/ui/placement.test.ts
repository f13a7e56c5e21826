import { describe, expect, it } from 'vitest';
import { ANCHOR_GAP, VIEWPORT_MARGIN, computePlacement } from '../../../src/content/ui/placement.ts';

const viewport = { width: 1000, height: 800 };
const size = { width: 400, height: 300 };
const badgeAt = (left: number, top: number) => ({ left, top, right: left + 20, bottom: top + 16 });

describe('computePlacement', () => {
  it('goes below the badge when it fits', () => {
    const p = computePlacement(badgeAt(100, 100), size, viewport, 'ltr');
    expect(p).toMatchObject({ side: 'below', top: 116 + ANCHOR_GAP, x: 100, inlineStart: 100 });
  });

  it('flips above a badge near the bottom of the viewport', () => {
    const p = computePlacement(badgeAt(100, 700), size, viewport, 'ltr');
    expect(p.side).toBe('above');
    expect(p.top + size.height).toBe(700 - ANCHOR_GAP);
  });

  it('takes the roomier side and caps its height when it fits on neither', () => {
    const p = computePlacement(badgeAt(100, 500), { width: 400, height: 2000 }, viewport, 'ltr');
    expect(p.side).toBe('above');
    expect(p.maxHeight).toBe(500 - ANCHOR_GAP - VIEWPORT_MARGIN);
    expect(p.top).toBe(VIEWPORT_MARGIN);
  });

  it('stays inside the viewport near the right edge', () => {
    const p = computePlacement(badgeAt(950, 100), size, viewport, 'ltr');
    expect(p.x).toBe(viewport.width - VIEWPORT_MARGIN - size.width);
  });

  it('lines up its right edge with the badge on a right-to-left page', () => {
    const p = computePlacement(badgeAt(600, 100), size, viewport, 'rtl');
    expect(p.x + size.width).toBe(620);
  });

  it('shrinks to a narrow viewport', () => {
    const p = computePlacement(badgeAt(10, 100), size, { width: 320, height: 640 }, 'ltr');
    expect(p.maxWidth).toBe(320 - 2 * VIEWPORT_MARGIN);
    expect(p.x).toBe(VIEWPORT_MARGIN);
  });

  it('stays on screen when the badge has scrolled out of view', () => {
    const p = computePlacement(badgeAt(100, -400), size, viewport, 'ltr');
    expect(p.top).toBeGreaterThanOrEqual(VIEWPORT_MARGIN);
    expect(p.top + Math.min(size.height, p.maxHeight)).toBeLessThanOrEqual(viewport.height - VIEWPORT_MARGIN);
  });

  describe('in every combination of page and UI direction', () => {
    // The page's direction picks the edge the popup lines up with; the UI's only how it is written.
    it.each([
      ['an English UI on a left-to-right page', 'ltr', 'ltr', 100, 100],
      ['a Persian UI on a left-to-right page', 'ltr', 'rtl', 100, 1000 - 100 - 400],
      ['an English UI on a right-to-left page', 'rtl', 'ltr', 620 - 400, 620 - 400],
      ['a Persian UI on a right-to-left page', 'rtl', 'rtl', 620 - 400, 1000 - 620],
    ] as const)('%s', (_what, pageDir, uiDir, x, inlineStart) => {
      const p = computePlacement(badgeAt(pageDir === 'rtl' ? 600 : 100, 100), size, viewport, pageDir, uiDir);
      expect({ x: p.x, inlineStart: p.inlineStart }).toEqual({ x, inlineStart });
    });

    it('keeps the margin from the start edge of a Persian popup pushed against the viewport', () => {
      const p = computePlacement(badgeAt(990, 100), size, viewport, 'ltr', 'rtl');
      expect(p.inlineStart).toBe(VIEWPORT_MARGIN);
      expect(p.x + size.width).toBe(viewport.width - VIEWPORT_MARGIN);
    });
  });
});
