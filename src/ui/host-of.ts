import { siteKey } from '../core/settings.ts';
import { safeHref } from './safe-href.ts';

/**
 * Where a link leads, for captions ("Link to globalresearch.ca"): the host of an http(s) URL as a
 * site key (lower case, `www.` dropped), the way the panel and the options page name sites. Null
 * when `url` is not one, so the caller shows something else (the link's own text).
 */
export function hostOf(url: unknown): string | null {
  const href = safeHref(url);
  return href ? siteKey(new URL(href).hostname) || null : null;
}
