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

/**
 * The host a link really leads to: its own, or the one inside a redirect wrapper. Null for links that
 * go nowhere on the web (javascript:, mailto:, fragments).
 */
export function destinationHost(a: HTMLAnchorElement): string | null {
  const protocol = a.protocol;
  if (protocol !== 'http:' && protocol !== 'https:') return null;
  const host = a.hostname.toLowerCase();
  const search = a.search;
  if (search.length > 3) {
    // Only links that carry an address in their query are parsed further: cheap for ordinary links.
    if (/[?&](?:url|u|q|uddg|to|z|target|dest|redirect|link)=(?:https?|a1)/i.test(search) || /%3A%2F%2F/i.test(search)) {
      const params = new URLSearchParams(search);
      for (const p of WRAPPER_PARAMS) {
        const inner = absoluteHttp(params.get(p));
        if (inner) return inner.hostname.toLowerCase();
      }
    }
  }
  const ru = /\/RU=([^/]+)\//.exec(a.pathname);
  if (ru?.[1]) {
    const inner = absoluteHttp(decodeURIComponent(ru[1]));
    if (inner) return inner.hostname.toLowerCase();
  }
  return host;
}

/* Fixtures: tests/fixtures/links/search-results.html, feed-recycling.html, redirect-wrappers.html */
