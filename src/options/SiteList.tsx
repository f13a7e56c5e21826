import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { siteKey, type SiteMode, type SiteSetting } from '../core/settings.ts';
import { removeSite, writeSite } from '../storage/settings-store.ts';
import { t } from '../ui/i18n.ts';
import { ModeSelect } from '../ui/ModeSelect.tsx';

export interface SiteRow {
  key: string;
  setting: SiteSetting;
}

/**
 * The sites that match a search: by key, with `www.` and case folded the way site keys are, so
 * "WWW.Example.com" finds example.com. An empty search matches every site.
 */
export function filterSites(sites: readonly SiteRow[], query: string): SiteRow[] {
  const q = query.trim();
  if (!q) return [...sites];
  const folded = siteKey(q);
  return sites.filter((s) => s.key.includes(folded));
}

/**
 * A site key from what a user types: a hostname or a whole address. `null` when it is neither
 * (spaces, a path alone, characters a hostname cannot hold).
 */
export function parseSiteInput(input: string): string | null {
  const raw = input.trim();
  if (!raw) return null;
  let host = raw;
  try {
    host = new URL(raw.includes('://') ? raw : `http://${raw}`).hostname;
  } catch {
    return null;
  }
  const key = siteKey(host);
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(key) || /^xn--/.test(key) ? key : null;
}

function SiteItem({ row }: { row: SiteRow }): JSX.Element {
  const { key, setting } = row;
  const links = setting.links === undefined ? 'default' : setting.links ? 'on' : 'off';
  return (
    <li class="site-row">
      <span class="site-key">
        {key}
        {setting.bannerDismissed && (
          <button type="button" class="link-button" onClick={() => void writeSite(key, { bannerDismissed: false })}>
            {t('options_site_show_banner', key)}
          </button>
        )}
      </span>
      <ModeSelect label={t('options_site_mode_label', key)} value={setting.mode} onChange={(mode) => void writeSite(key, { mode })} />
      <select
        aria-label={t('options_site_links_label', key)}
        value={links}
        onChange={(e) => {
          const v = e.currentTarget.value;
          // 'default' removes the override, so the site follows the global default again.
          void writeSite(key, { links: v === 'default' ? undefined : v === 'on' });
        }}
      >
        <option value="default">{t('options_links_default')}</option>
        <option value="on">{t('options_links_on')}</option>
        <option value="off">{t('options_links_off')}</option>
      </select>
      <button type="button" aria-label={t('options_site_remove_label', key)} onClick={() => void removeSite(key)}>
        {t('options_site_remove')}
      </button>
    </li>
  );
}

/** The per-site list: search, change, remove, and add a site by name. */
export function SiteList({ sites }: { sites: readonly SiteRow[] | null }): JSX.Element {
  const [query, setQuery] = useState('');
  const [newSite, setNewSite] = useState('');
  const [newMode, setNewMode] = useState<SiteMode>('off');
  const [addError, setAddError] = useState<string | null>(null);
  const shown = sites ? filterSites(sites, query) : [];

  const add = (e: Event): void => {
    e.preventDefault();
    const key = parseSiteInput(newSite);
    if (!key) {
      setAddError(t('options_site_add_invalid'));
      return;
    }
    setAddError(null);
    setNewSite('');
    void writeSite(key, { mode: newMode });
  };

  return (
    <section class="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options_sites_heading')}</h2>
      <p class="hint">{t('options_sites_intro')}</p>
      <label class="field">
        <span>{t('options_sites_search')}</span>
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
      </label>
      {sites === null ? (
        <p role="status">{t('options_loading')}</p>
      ) : sites.length === 0 ? (
        <p class="empty-line">{t('options_sites_empty')}</p>
      ) : shown.length === 0 ? (
        <p class="empty-line" role="status">
          {t('options_sites_no_match', query.trim())}
        </p>
      ) : (
        <ul class="plain site-list" aria-label={t('options_sites_list_label')}>
          {shown.map((row) => (
            <SiteItem key={row.key} row={row} />
          ))}
        </ul>
      )}
      <form class="site-add" onSubmit={add}>
        <label class="field">
          <span>{t('options_site_add_label')}</span>
          <input
            type="text"
            value={newSite}
            placeholder="example.com"
            aria-invalid={addError ? 'true' : undefined}
            aria-describedby={addError ? 'site-add-error' : undefined}
            onInput={(e) => setNewSite(e.currentTarget.value)}
          />
        </label>
        <ModeSelect label={t('options_site_add_mode_label')} value={newMode} onChange={setNewMode} />
        <button type="submit">{t('options_site_add')}</button>
        {addError && (
          <p id="site-add-error" class="error" role="alert">
            {addError}
          </p>
        )}
      </form>
    </section>
  );
}
