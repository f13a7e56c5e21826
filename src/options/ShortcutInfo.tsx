import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../ui/i18n.ts';
import { readPanelShortcut, shortcutPlatform } from './options-api.ts';

/**
 * The shortcut that opens the panel, as the browser reports it, and where to change it. Extension
 * pages cannot link to the browser's own settings pages, so the address is given as text to copy.
 */
export function ShortcutInfo(): JSX.Element {
  // undefined: still asking; null: the browser would not say.
  const [shortcut, setShortcut] = useState<string | null | undefined>(undefined);
  const [copied, setCopied] = useState(false);
  const platform = shortcutPlatform();
  const address = platform.firefox ? 'about:addons' : 'chrome://extensions/shortcuts';

  useEffect(() => {
    void readPanelShortcut().then(setShortcut);
    // The user may change it in another tab and come back.
    const onFocus = (): void => void readPanelShortcut().then(setShortcut);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  return (
    <section class="card" aria-labelledby="shortcut-heading">
      <h2 id="shortcut-heading">{t('options_shortcut_heading')}</h2>
      <p data-testid="shortcut-current">
        {shortcut === undefined
          ? t('options_loading')
          : shortcut === null
            ? t('options_shortcut_unknown')
            : shortcut === ''
              ? t('options_shortcut_none')
              : t('options_shortcut_current', shortcut)}
      </p>
      <p>
        {t(platform.firefox ? 'options_shortcut_howto_firefox' : 'options_shortcut_howto_chromium')}{' '}
        <code class="address">{address}</code>{' '}
        <button
          type="button"
          class="link-button"
          onClick={() => {
            void navigator.clipboard
              ?.writeText(address)
              .then(() => setCopied(true))
              .catch(() => setCopied(false));
          }}
        >
          {t('options_shortcut_copy')}
        </button>
        {platform.open && (
          <>
            {' '}
            <button type="button" class="link-button" onClick={() => void platform.open?.()}>
              {t('options_shortcut_open')}
            </button>
          </>
        )}
      </p>
      <p class="hint" role="status">
        {copied ? t('options_shortcut_copied') : ''}
      </p>
    </section>
  );
}
