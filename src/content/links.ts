/**
 * Link labels: links whose destination is a dataset publisher get a publisher badge after the link.
 * The check is a host lookup per new link (never a text scan of the link): read `a.hostname`, unwrap
 * the redirect wrappers search engines and feeds use, look the host up in the index's host shards.
 */

/**
 * Redirect wrappers: a host (or host suffix) and the query parameters that carry the real address.
 * - google.<tld>/url?q= or url=       search result and Gmail click-through
 * - bing.com/ck/a?u=             Bing (the `u` value is "a1" + base64url of the address)
 * - duckduckgo.com/l/?uddg=      DuckDuckGo
 * - l.facebook.com/l.php?u=      Facebook outbound links
 * - t.umblr.com/redirect?z=      Tumblr
 * - out.reddit.com/…?url=        Reddit
 * - vk.com/away.php?to=          VK
 * - away.vk.com/away.php?to=     VK
 * - r.search.yahoo.com …/RU=…/   Yahoo (path parameter)
 * - yandex.ru/clck?…&url= (and any host with a `url=`/`u=` carrying an absolute http(s) address)
 */
const WRAPPER_PARAMS = ['url', 'u', 'q', 'uddg', 'to', 'z', 'target', 'dest', 'redirect', 'link'];

function absoluteHttp(value: string | null): URL | null {
  if (!value) return null;
  let v = value;
  // Bing: "a1" + base64url
  if (/^a1[A-Za-z0-9_-]+$/.test(v)) {
    try {
      v = atob(v.slice(2).replace(/-/g, '+').replace(/_/g, '/'));
    } catch {
      return null;
    }
  }
  if (!/^https?:\/\//i.test(v)) return null;
  try {
    return new URL(v);
  } catch {
    return null;
  }
}

const WRAPPED = /[?&](?:url|u|q|uddg|to|z|target|dest|redirect|link)=(?:https?|a1)|%3A%2F%2F/i;

/** Whether an address (even a relative one, as search engines write them: `/url?q=…`) carries another. */
export function carriesAddress(href: string): boolean {
  return WRAPPED.test(href) || href.includes('/RU=');
}

/** Host of an absolute http(s) address (already serialised by the browser: lower case, punycode). */
function hostOfHref(href: string): string | null {
  const colon = href.indexOf('://');
  if (colon !== 4 && colon !== 5) return null;
  const scheme = href.slice(0, colon).toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return null;
  const from = colon + 3;
  let to = from;
  while (to < href.length) {
    const c = href.charCodeAt(to);
    if (c === 47 || c === 63 || c === 35) break; // / ? #
    to++;
  }
  let authority = href.slice(from, to);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  if (authority.startsWith('[')) return authority.toLowerCase();
  const port = authority.indexOf(':');
  if (port >= 0) authority = authority.slice(0, port);
  return authority.toLowerCase().replace(/\.$/, '') || null;
}

/**
 * The host a link really leads to: its own, or the one inside a redirect wrapper. Null for links that
 * go nowhere on the web (javascript:, mailto:, fragments). Takes the link's `href` property (absolute):
 * plain string work, no URL parsing unless the address carries another address.
 */
export function destinationHost(href: string): string | null {
  const host = hostOfHref(href);
  if (!host) return null;
  const q = href.indexOf('?');
  if (q >= 0 && WRAPPED.test(href)) {
    const hash = href.indexOf('#', q);
    const params = new URLSearchParams(href.slice(q, hash < 0 ? undefined : hash));
    for (const p of WRAPPER_PARAMS) {
      const inner = absoluteHttp(params.get(p));
      if (inner) return inner.hostname.toLowerCase();
    }
  }
  const ru = href.indexOf('/RU=');
  if (ru >= 0) {
    const m = /\/RU=([^/]+)\//.exec(href.slice(ru));
    const inner = m?.[1] ? absoluteHttp(safeDecode(m[1])) : null;
    if (inner) return inner.hostname.toLowerCase();
  }
  return host;
}

function safeDecode(v: string): string | null {
  try {
    return decodeURIComponent(v);
  } catch {
    return null;
  }
}

/* Fixtures: tests/fixtures/links/search-results.html, feed-recycling.html, redirect-wrappers.html */
