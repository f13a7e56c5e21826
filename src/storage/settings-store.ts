/**
 * The one wrapper around `browser.storage` for settings, used by the panel, the options page and the
 * in-page popup. Content scripts and every open tab follow changes through `storage.onChanged`, so a
 * write here is all it takes to apply a setting everywhere at once.
 */
import browser from 'webextension-polyfill';
import {
  DEFAULT_SITE,
  SETTINGS_KEY,
  SITE_PREFIX,
  effectiveSite,
  parseSiteSetting,
  repairSettings,
  siteKey,
  siteLookupKeys,
  type GlobalSettings,
  type SiteSetting,
} from '../core/settings.ts';

/**
 * Global settings, repaired to defaults field by field if the stored value is corrupted or old (the
 * repaired value is written back, so it is repaired once).
 */
export async function readSettings(): Promise<GlobalSettings> {
  const stored = await browser.storage.sync.get(SETTINGS_KEY);
  const { settings, repaired } = repairSettings(stored[SETTINGS_KEY]);
  if (repaired) await browser.storage.sync.set({ [SETTINGS_KEY]: settings });
  return settings;
}

export async function writeSettings(patch: Partial<GlobalSettings>): Promise<GlobalSettings> {
  const current = await readSettings();
  const next: GlobalSettings = { ...current, ...patch, kinds: { ...current.kinds, ...(patch.kinds ?? {}) } };
  await browser.storage.sync.set({ [SETTINGS_KEY]: next });
  return next;
}

/** The setting that applies to `hostname` (its own, or inherited from a parent domain). */
export async function readSite(hostname: string): Promise<{ key: string; setting: SiteSetting; inherited: boolean }> {
  const stored = await browser.storage.sync.get(siteLookupKeys(hostname));
  return effectiveSite(stored, hostname);
}

/** `site`'s own setting, or null when it has none (it follows its parent domain or the default). */
export async function readOwnSite(site: string): Promise<SiteSetting | null> {
  const key = SITE_PREFIX + siteKey(site);
  return parseSiteSetting((await browser.storage.sync.get(key))[key]) ?? null;
}

/** Set `site`'s own setting (merged into what it has). `site` is a hostname or a site key. */
export async function writeSite(site: string, patch: Partial<SiteSetting>): Promise<void> {
  const key = SITE_PREFIX + siteKey(site);
  const stored = await browser.storage.sync.get(key);
  const current = parseSiteSetting(stored[key]) ?? (await readSite(site)).setting ?? DEFAULT_SITE;
  await browser.storage.sync.set({ [key]: { ...current, ...patch } });
}

/** Remove `site`'s own setting, so it follows its parent domain or the default again. */
export async function removeSite(site: string): Promise<void> {
  await browser.storage.sync.remove(SITE_PREFIX + siteKey(site));
}

/** Every site with its own setting, sorted by key. Unreadable values are removed. */
export async function listSites(): Promise<{ key: string; setting: SiteSetting }[]> {
  const all = await browser.storage.sync.get(null);
  const out: { key: string; setting: SiteSetting }[] = [];
  const broken: string[] = [];
  for (const [k, v] of Object.entries(all)) {
    if (!k.startsWith(SITE_PREFIX)) continue;
    const s = parseSiteSetting(v);
    if (s) out.push({ key: k.slice(SITE_PREFIX.length), setting: s });
    else broken.push(k);
  }
  if (broken.length) await browser.storage.sync.remove(broken);
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
