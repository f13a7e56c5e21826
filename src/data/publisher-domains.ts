/**
 * Hosts no publisher may claim. A publisher's domain labels that host and every host under it
 * (parent-domain inheritance), so a domain shared by many unrelated owners would make all of them
 * that publisher: a public suffix (`co.uk`, `github.io`) or a platform (`google.com`). Documented
 * for pack authors in README.md ("Domains").
 *
 * Public suffixes come from the Public Suffix List, ICANN and private sections both (github.io and
 * blogspot.com are in the private one), through `tldts`: kept current with the list, and the
 * smallest exact reader we found (psl is larger, tldts-experimental answers from a probabilistic
 * table). It is about 140 KB minified, which is why this file is imported by the validator alone:
 * the background and `pack:check`, never the script every page loads. It is imported from the
 * package's own minified build: bundled from its sources, our minifier copied the 68 KB suffix
 * text into each place that reads it, and the background grew by 283 KB instead of 144 KB.
 */
import { getDomainWithoutSuffix, getPublicSuffix } from 'tldts/dist/index.esm.min.js';

/**
 * How much of a platform is refused:
 * - `all`: the platform and every host under it (its subdomains are its own services: news.google.com);
 * - `itself`: the platform's own host only; hosts under it are separate sites of their own
 *   (someone.substack.com is one publication, and may be claimed).
 */
export type PlatformScope = 'all' | 'itself';

/**
 * Platforms refused as publisher domains: search engines, social networks, messengers, video and
 * blog hosting, archives. Sorted by name within each scope. Hosts on the Public Suffix List
 * (blogspot.com, github.io) need no entry; they are listed where an author would look for them.
 */
export const PLATFORMS: Readonly<Record<string, PlatformScope>> = {
  'archive.org': 'all',
  'bing.com': 'all',
  'blogger.com': 'all',
  'dzen.ru': 'all',
  'facebook.com': 'all',
  'fb.com': 'all',
  'github.com': 'all',
  'google.com': 'all',
  'instagram.com': 'all',
  'linkedin.com': 'all',
  'mail.ru': 'all',
  'ok.ru': 'all',
  'reddit.com': 'all',
  'rutube.ru': 'all',
  't.co': 'all',
  't.me': 'all',
  'telegram.me': 'all',
  'telegram.org': 'all',
  'threads.net': 'all',
  'tiktok.com': 'all',
  'twitter.com': 'all',
  'vk.com': 'all',
  'whatsapp.com': 'all',
  'wikipedia.org': 'all',
  'x.com': 'all',
  'yahoo.com': 'all',
  'yandex.ru': 'all',
  'youtu.be': 'all',
  'youtube.com': 'all',
  'blogspot.com': 'itself',
  'github.io': 'itself',
  'livejournal.com': 'itself',
  'medium.com': 'itself',
  'substack.com': 'itself',
  'telegra.ph': 'itself',
  'tumblr.com': 'itself',
  'wixsite.com': 'itself',
  'wordpress.com': 'itself',
};

/** Platforms that run one site under many country suffixes (google.de, google.co.uk, yandex.kz). */
const PLATFORM_NAMES_ANY_SUFFIX: ReadonlySet<string> = new Set(['google', 'yandex']);

const PSL = { allowPrivateDomains: true, extractHostname: false, validateHostname: false } as const;

/**
 * The platform entry `host` falls under, if any: itself, or its last two labels with scope `all`
 * (every platform listed is a name of two labels, so no other parent can be one).
 */
function platformOf(host: string): string | null {
  if (Object.hasOwn(PLATFORMS, host)) return host;
  const last = host.lastIndexOf('.');
  const cut = last > 0 ? host.lastIndexOf('.', last - 1) : -1;
  if (cut < 0) return null;
  const parent = host.slice(cut + 1);
  return Object.hasOwn(PLATFORMS, parent) && PLATFORMS[parent] === 'all' ? parent : null;
}

/**
 * Why a publisher may not claim `host` (a hostname in normal form, see `normalizeHost`), or null
 * when it may.
 */
export function publisherDomainProblem(host: string): string | null {
  const suffix = getPublicSuffix(host, PSL);
  if (suffix === host) {
    return `"${host}" is a public suffix (on the Public Suffix List): sites under it belong to many unrelated owners, and a publisher's domain labels every one of them`;
  }
  const platform = platformOf(host);
  if (platform !== null) {
    const what = platform === host ? `"${host}" is a platform` : `"${host}" is part of the platform "${platform}"`;
    return `${what} on which many unrelated people publish, so it cannot be one publisher's domain: give the publisher's own domain`;
  }
  const label = getDomainWithoutSuffix(host, PSL);
  if (label !== null && PLATFORM_NAMES_ANY_SUFFIX.has(label)) {
    return `"${host}" is a platform on which many unrelated people publish (${label} under a country suffix), so it cannot be one publisher's domain`;
  }
  return null;
}
