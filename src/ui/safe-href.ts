/**
 * The one gate between a dataset URL and an `href`. Dataset strings reach the DOM as text; a URL
 * becomes a link only when it is an absolute http(s) address of a sane length.
 */

/**
 * Longer URLs are refused: browsers and servers commonly stop near 2,000 characters, so a longer
 * one in a dataset is a mistake or a payload rather than a source a reader can open.
 */
export const MAX_HREF_LENGTH = 2048;

/** `url` as an absolute http(s) URL, or null for anything else (javascript:, data:, relative, too long). */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > MAX_HREF_LENGTH) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
