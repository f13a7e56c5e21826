/**
 * The settings as this page sees them: the global settings and the one site setting that applies to
 * its host (its own or the nearest parent domain's), read from `storage.sync` directly, and what
 * they mean for the content script's features.
 */
import { SETTINGS_KEY, effectiveSite, repairSettings, siteLookupKeys, type GlobalSettings, type SiteSetting } from '../core/settings.ts';
import { storageSyncGet } from './ext.ts';
import type { FoundMatch } from './scanner.ts';

export interface PageSettings {
  settings: GlobalSettings;
  site: { key: string; setting: SiteSetting };
}

export async function readPageSettings(host: string): Promise<PageSettings> {
  const stored = await storageSyncGet([SETTINGS_KEY, ...siteLookupKeys(host)]);
  const { settings } = repairSettings(stored[SETTINGS_KEY]);
  const eff = effectiveSite(stored, host);
  return { settings, site: { key: eff.key, setting: eff.setting } };
}

/** Whether two readings differ in what the page shows. Dismissing the banner changes nothing but the banner (already gone). */
export function differInEffect(a: PageSettings, b: PageSettings): boolean {
  const relevant = (x: PageSettings): string => JSON.stringify([x.settings, x.site.key, { ...x.site.setting, bannerDismissed: undefined }]);
  return relevant(a) !== relevant(b);
}

/** Whether the page is marked at all (not paused, not switched off for the site). */
export function isActive(p: PageSettings): boolean {
  return !p.settings.paused && p.site.setting.mode !== 'off';
}

/** Whether a match is of a kind the reader wants marked here ("publishers only" leaves incidents out). */
export function wantsMatch(p: PageSettings, m: FoundMatch): boolean {
  if (m.kind === 'incident') return p.settings.kinds.incident && p.site.setting.mode === 'on';
  return p.settings.kinds.publisher;
}

/** Whether links to publishers are labelled here. */
export function wantsLinkLabels(p: PageSettings): boolean {
  return p.settings.kinds.links && (p.site.setting.links ?? true) && p.site.setting.mode !== 'off';
}
