import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { SETTINGS_KEY, SITE_PREFIX, type GlobalSettings } from '../core/settings.ts';
import { t } from '../ui/i18n.ts';
import { PrivacyNote } from '../ui/PrivacyNote.tsx';
import { listSites, readSettings } from '../storage/settings-store.ts';
import { ChannelSection } from './ChannelSection.tsx';
import { DatasetSection } from './DatasetSection.tsx';
import { DismissedList } from './DismissedList.tsx';
import { GlobalDefaults } from './GlobalDefaults.tsx';
import { ShortcutInfo } from './ShortcutInfo.tsx';
import { SiteList, type SiteRow } from './SiteList.tsx';

/**
 * The settings page. Settings are read from storage and re-read on every `storage.onChanged`, so a
 * change made in the panel or an in-page popup shows here at once, and a change made here reaches
 * every open tab the same way.
 */
export function OptionsApp(): JSX.Element {
  const [settings, setSettings] = useState<GlobalSettings | null>(null);
  const [sites, setSites] = useState<SiteRow[] | null>(null);
  /** Raised when a channel changed the data, so the data section reads it again. */
  const [dataChanges, setDataChanges] = useState(0);

  useEffect(() => {
    let live = true;
    const loadSettings = (): void => void readSettings().then((s) => live && setSettings(s));
    const loadSites = (): void => void listSites().then((s) => live && setSites(s));
    loadSettings();
    loadSites();
    const onChanged = (changes: Record<string, unknown>, area: string): void => {
      if (area !== 'sync') return;
      const keys = Object.keys(changes);
      if (keys.includes(SETTINGS_KEY)) loadSettings();
      if (keys.some((k) => k.startsWith(SITE_PREFIX))) loadSites();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  return (
    <div class="options">
      <header>
        <h1>{t('options_title')}</h1>
        <p class="hint">{t('options_intro')}</p>
      </header>
      <main>
        <SiteList sites={sites} />
        <GlobalDefaults settings={settings} />
        <DismissedList />
        <ShortcutInfo />
        <DatasetSection key={dataChanges} />
        <ChannelSection onDataChanged={() => setDataChanges((n) => n + 1)} />
        <PrivacyNote heading={t('options_privacy_heading')} headingId="privacy-heading" />
      </main>
    </div>
  );
}
