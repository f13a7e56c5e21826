/**
 * Link labels: where a link really leads, as the browser itself resolves it. A label must name the
 * site a click reaches, so the destination is the browser's own parse of the link (`a.href`), never
 * a reading of the raw attribute that the browser might resolve another way (`https://a\@b/` goes to
 * `a`; `%2E`, an ideographic full stop, a tab or backslashes all still reach the named host). Only
 * the plainest attribute values, whose host every URL parser reads alike, skip the browser's parse:
 * on a feed of a thousand links that parse is most of the cost (about 6 µs a link in Chromium).
 *
 * A redirect wrapper is unwrapped only on the redirector hosts below, each on the path where it
 * redirects: a `?url=` on any other site (or a search for an address) is that site's own page.
 */
import { normalizeHost } from '../core/hostname.ts';

/**
 * Known redirectors: host, the path that redirects, and the query parameters holding the address.
 * - google.<tld>/url?q= or url=          search results and Gmail click-through
 * - bing.com/ck/a?u=                     Bing (the value is "a1" + base64url of the address)
 * - duckduckgo.com/l/?uddg=              DuckDuckGo
 * - l.facebook.com, lm.facebook.com /l.php?u=   Facebook outbound links
 * - t.umblr.com/redirect?z=              Tumblr
 * - out.reddit.com/…?url=                Reddit
 * - vk.com, m.vk.com, away.vk.com /away.php?to=   VK
 * - yandex.<tld>/clck/…?url=             Yandex
 * - r.search.yahoo.com …/RU=<address>/   Yahoo (in the path, not the query)
 */
const REDIRECTORS: { host: RegExp; path: RegExp; params: readonly string[] }[] = [
  { host: /^(?:www\.)?google\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/, path: /^\/url$/, params: ['q', 'url'] },
  { host: /^(?:www\.)?bing\.com$/, path: /^\/ck\/a$/, params: ['u'] },
  { host: /^(?:html\.|lite\.)?duckduckgo\.com$/, path: /^\/l\/?$/, params: ['uddg'] },
  { host: /^l[m]?\.facebook\.com$/, path: /^\/l\.php$/, params: ['u'] },
  { host: /^t\.umblr\.com$/, path: /^\/redirect$/, params: ['z'] },
  { host: /^out\.reddit\.com$/, path: /^\//, params: ['url'] },
  { host: /^(?:m\.|away\.)?vk\.com$/, path: /^\/away\.php$/, params: ['to'] },
  { host: /^(?:www\.)?yandex\.(?:ru|com|by|kz|uz|com\.tr)$/, path: /^\/clck\//, params: ['url'] },
];
const YAHOO = /^r\.search\.yahoo\.com$/;
/** Every redirector host matches this (one test per link, before the table's). */
const MAYBE_REDIRECTOR = /(?:^|\.)(?:google\.|bing\.com$|duckduckgo\.com$|facebook\.com$|umblr\.com$|reddit\.com$|vk\.com$|yandex\.|yahoo\.com$)/;

/** Whether a host is one of the redirectors above (its links' addresses are worth unwrapping). */
export function isRedirector(host: string): boolean {
  return MAYBE_REDIRECTOR.test(host) && (YAHOO.test(host) || REDIRECTORS.some((r) => r.host.test(host)));
}

/** `href` parsed (against `base`), or null when the URL parser refuses it (the browser goes nowhere). */
function parse(href: string, base?: URL): URL | null {
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * The http(s) address a redirector's parameter holds (Bing's "a1" + base64url decoded), resolved as
 * the browser resolves a redirect's Location against the redirector's own address; or null.
 */
function absoluteHttp(value: string | null, from: URL): URL | null {
  if (!value) return null;
  let v = value;
  if (/^a1[A-Za-z0-9_-]+$/.test(v)) {
    try {
      v = atob(v.slice(2).replace(/-/g, '+').replace(/_/g, '/'));
    } catch {
      return null;
    }
  }
  const u = parse(v, from);
  return u && (u.protocol === 'http:' || u.protocol === 'https:') ? u : null;
}

/**
 * A host in the one normal form every comparison uses (core/hostname.ts: case, trailing dot, one
 * `www.`, punycode); an address that is no bare name (an IPv6 literal) only loses a trailing dot.
 */
const bare = (host: string): string => normalizeHost(host) ?? (host.endsWith('.') ? host.slice(0, -1) : host);

/** The address a known redirector's link sends the browser on to, or null (not a redirect). */
function unwrap(url: URL): URL | null {
  const host = bare(url.hostname);
  if (YAHOO.test(host)) {
    const m = /\/RU=([^/]+)\//.exec(url.pathname);
    if (!m?.[1]) return null;
    try {
      return absoluteHttp(decodeURIComponent(m[1]), url);
    } catch {
      return null;
    }
  }
  const r = REDIRECTORS.find((x) => x.host.test(host));
  if (!r || !r.path.test(url.pathname)) return null;
  for (const p of r.params) {
    const inner = absoluteHttp(url.searchParams.get(p), url);
    if (inner) return inner;
  }
  return null;
}

/**
 * The host a link leads to: its own, or, on a known redirector, the one its wrapper redirects to
 * (once: a wrapper inside a wrapper is followed too, up to three deep). Null for links that go
 * nowhere on the web (javascript:, mailto:, ftp:, fragments of an unparsable address).
 * `href`: an absolute address, as the browser serialises a link's `href`.
 */
export function destinationHost(href: string): string | null {
  let url = parse(href);
  if (!url) return null;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  for (let depth = 0; depth < 3; depth++) {
    const inner = unwrap(url);
    if (!inner) break;
    url = inner;
  }
  return bare(url.hostname) || null;
}

/** The page's base address, read once per pass over the links. */
export interface LinkBase {
  /** Where a relative link leads (the base URL's host, a `<base>` element's included). */
  host: string;
  /** Whether that base is http(s): a protocol-relative link (`//host/`) then stays on the web. */
  http: boolean;
  /** Whether relative links lead through a redirector (a search results page's own `/url?q=`). */
  redirector: boolean;
}

export function linkBase(doc: Document): LinkBase {
  const base = parse(doc.baseURI);
  const http = base?.protocol === 'http:' || base?.protocol === 'https:';
  const host = http && base ? bare(base.hostname) : '';
  return { host, http, redirector: http && isRedirector(host) };
}

/** What the raw attribute alone says: a host, a relative link, or "ask the browser". */
export type RawReading = { host: string } | 'relative' | 'ask';

/**
 * A plain absolute or protocol-relative address: letters, digits, dots and hyphens up to the first
 * `/`, `?`, `#` or the end, with a last label that begins with a letter (so no IPv4 form) and no
 * `xn--` label (punycode the browser may refuse). Every parser reads such a host as written.
 */
const PLAIN = /^(https?:)?\/\/((?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*\.?)(?=[/?#]|$)/i;
/** A scheme, or a start the URL parser reads as the start of a host (two slashes either way). */
const NOT_RELATIVE = /^(?:[a-z][a-z0-9+.-]*:|[/\\]{2})/i;
/** Characters the URL parser removes or treats specially before reading the address. */
const ODD = /[\t\n\r\\]|^[\0- ]|[\0- ]$/;

/**
 * Read a link's raw `href` attribute where that is safe, else say to ask the browser. A relative
 * address (no scheme, not starting with two slashes or backslashes) resolves against the base;
 * anything with a tab, newline, backslash or control character at its ends goes to the browser.
 */
export function readRaw(raw: string, base: LinkBase): RawReading {
  if (ODD.test(raw)) return 'ask';
  if (!NOT_RELATIVE.test(raw)) return 'relative';
  const m = PLAIN.exec(raw);
  if (!m || (!m[1] && !base.http)) return 'ask';
  const host = m[2] as string;
  if (/xn--/i.test(host)) return 'ask';
  return { host: bare(host) };
}

/**
 * The host `a` leads to, as the browser resolves it, through a known redirector's wrapper; null
 * when it has none. A link in an odd form is read through `a.hostname` (the browser's own parse);
 * its scheme is not checked here, as that costs another parse: before labelling, `isWebLink`.
 * `raw`: the link's `href` attribute (the caller reads it anyway); `base`: `linkBase(document)`.
 */
export function linkDestination(a: HTMLAnchorElement, raw: string, base: LinkBase): string | null {
  const read = readRaw(raw, base);
  if (read === 'relative') {
    if (!base.http) return null;
    return base.redirector ? destinationHost(a.href) : base.host || null;
  }
  const host = read === 'ask' ? bare(a.hostname) : read.host;
  if (!host) return null;
  return isRedirector(host) ? destinationHost(a.href) : host;
}

/** Whether a link goes to an http(s) address (a link to an `ftp:` host is not the publisher's page). */
export function isWebLink(a: HTMLAnchorElement): boolean {
  const p = a.protocol;
  return p === 'http:' || p === 'https:';
}

/* Fixtures: tests/fixtures/links/search-results.html, feed-recycling.html, redirect-wrappers.html, tests/fixtures/hostile/link-forms.html */
