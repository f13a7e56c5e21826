/**
 * Settings: keys, defaults, validation and migration, all pure. `browser.storage` is reached only
 * through `src/storage/settings-store.ts` (pages and the in-page UI) and the content script's reader.
 *
 * Storage layout (storage.sync; a stored key is a contract, so a rename is a migration):
 * - `settings`         → GlobalSettings
 * - `site:<site key>`  → SiteSetting, one key per site so a long list stays within sync's 8 KB/item
 *
 * Site keys: the hostname in lower case with one leading `www.` removed. A subdomain inherits the
 * nearest parent's setting (`news.example.com` follows `example.com` unless it has its own), so
 * switching a site off covers all its subdomains, and a subdomain can still be switched back on.
 */

import { foldHost, normalizeHost } from './hostname.ts';

export const SETTINGS_KEY = 'settings';
export const SITE_PREFIX = 'site:';
export const SETTINGS_VERSION = 1;

export type SiteMode = 'on' | 'off' | 'publisher-only';

/** Every site mode, in the order the panel and the options page offer them. */
export const SITE_MODES: readonly SiteMode[] = ['on', 'publisher-only', 'off'];

export const isSiteMode = (v: unknown): v is SiteMode => (SITE_MODES as readonly unknown[]).includes(v);

export interface SiteSetting {
  mode: SiteMode;
  /** Label links to dataset publishers on this site; absent = follow the global default. */
  links?: boolean;
  /** The page banner (a page from a dataset publisher) was dismissed on this site. */
  bannerDismissed?: boolean;
}

export interface GlobalSettings {
  version: number;
  /** Pause everywhere, until turned back on. */
  paused: boolean;
  kinds: { incident: boolean; publisher: boolean; links: boolean };
  /** Highlight the matched text (besides the badge). */
  highlight: boolean;
  /** Description matches below this confidence are not marked (0..1). */
  minConfidence: number;
}

export const DEFAULT_SETTINGS: GlobalSettings = {
  version: SETTINGS_VERSION,
  paused: false,
  kinds: { incident: true, publisher: true, links: true },
  highlight: true,
  minConfidence: 0.5,
};

export const DEFAULT_SITE: SiteSetting = { mode: 'on' };

/**
 * The settings key for a hostname: its normal form (`normalizeHost`: lower case, trailing dot and
 * one leading `www.` removed, punycode), so a site is keyed the way the dataset's domains are. Text
 * that is not a hostname (a search query) is folded the same way by string work alone.
 */
export function siteKey(hostname: string): string {
  return normalizeHost(hostname) ?? foldHost(hostname);
}

/**
 * The keys to read for a hostname, nearest first: `a.b.example.com` → site:a.b.example.com,
 * site:b.example.com, site:example.com. Single-label parents (`com`) are not included.
 */
export function siteLookupKeys(hostname: string): string[] {
  const parts = siteKey(hostname).split('.');
  const keys: string[] = [];
  for (let i = 0; i < parts.length - 1; i++) keys.push(SITE_PREFIX + parts.slice(i).join('.'));
  if (keys.length === 0 && parts[0]) keys.push(SITE_PREFIX + parts[0]);
  return keys;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A valid GlobalSettings from whatever was stored: missing or malformed fields take their default,
 * well-formed ones are kept, so a corrupted value loses only what was corrupted. `repaired` says
 * whether anything had to change (the caller then writes the repaired value back).
 */
export function repairSettings(stored: unknown): { settings: GlobalSettings; repaired: boolean } {
  const d = DEFAULT_SETTINGS;
  if (!isObj(stored)) return { settings: structuredClone(d), repaired: stored !== undefined };
  let repaired = stored.version !== SETTINGS_VERSION;
  const bool = (v: unknown, fallback: boolean): boolean => {
    if (typeof v === 'boolean') return v;
    repaired = true;
    return fallback;
  };
  const kinds = isObj(stored.kinds) ? stored.kinds : ((repaired = true), {});
  const minC = stored.minConfidence;
  const minConfidence =
    typeof minC === 'number' && Number.isFinite(minC) && minC >= 0 && minC <= 1 ? minC : ((repaired = true), d.minConfidence);
  return {
    settings: {
      version: SETTINGS_VERSION,
      paused: bool(stored.paused, d.paused),
      kinds: {
        incident: bool(kinds.incident, d.kinds.incident),
        publisher: bool(kinds.publisher, d.kinds.publisher),
        links: bool(kinds.links, d.kinds.links),
      },
      highlight: bool(stored.highlight, d.highlight),
      minConfidence,
    },
    repaired,
  };
}

/** A valid SiteSetting, or null when the stored value cannot be read as one (then it is removed). */
export function parseSiteSetting(stored: unknown): SiteSetting | null {
  if (!isObj(stored)) return null;
  const mode = stored.mode;
  if (!isSiteMode(mode)) return null;
  const out: SiteSetting = { mode };
  if (typeof stored.links === 'boolean') out.links = stored.links;
  if (typeof stored.bannerDismissed === 'boolean') out.bannerDismissed = stored.bannerDismissed;
  return out;
}

/** What applies to a page: the nearest site setting in `lookup` order, or the default. */
export function effectiveSite(stored: Record<string, unknown>, hostname: string): { key: string; setting: SiteSetting; inherited: boolean } {
  const keys = siteLookupKeys(hostname);
  for (const [i, k] of keys.entries()) {
    const s = parseSiteSetting(stored[k]);
    if (s) return { key: k.slice(SITE_PREFIX.length), setting: s, inherited: i > 0 };
  }
  return { key: siteKey(hostname), setting: { ...DEFAULT_SITE }, inherited: false };
}
