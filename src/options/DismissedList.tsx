/**
 * The marks the reader hid with "This is not about it" or "Wrong label": each text, the site and
 * the record, with a way to show it again. Read from storage.local and re-read when it changes, so
 * a mark hidden in a tab appears here at once, and one shown again here comes back in open tabs.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { DISMISSALS_KEY, type Dismissal } from '../core/dismissals.ts';
import { DATA_TEXT } from '../ui/dataset-lang.ts';
import { t } from '../ui/i18n.ts';
import { listDismissals, undoDismissal } from '../storage/dismissals-store.ts';

export function DismissedList(): JSX.Element {
  const [list, setList] = useState<Dismissal[] | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    const load = (): void =>
      void listDismissals().then(
        (l) => live && setList([...l].sort((a, b) => a.site.localeCompare(b.site) || b.at - a.at)),
        () => live && setFailed(true),
      );
    load();
    const onChanged = (changes: Record<string, unknown>, area: string): void => {
      if (area === 'local' && Object.hasOwn(changes, DISMISSALS_KEY)) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
  }, []);

  const undo = (d: Dismissal): void => {
    setFailed(false);
    undoDismissal(d).catch(() => setFailed(true));
  };

  return (
    <section class="card" aria-labelledby="dismissed-heading" data-testid="dismissed">
      <h2 id="dismissed-heading">{t('options_dismissed_heading')}</h2>
      {list === null && !failed && <p role="status">{t('options_loading')}</p>}
      {list !== null && list.length === 0 && <p class="empty-line">{t('options_dismissed_empty')}</p>}
      {list !== null && list.length > 0 && (
        <ul class="plain pack-list">
          {list.map((d) => (
            <li key={`${d.site} ${d.kind} ${d.id} ${d.folded}`} class="pack-row">
              <span>
                <q {...DATA_TEXT}>{d.text}</q> · <strong>{d.site}</strong>
                <br />
                <span class="hint">
                  {t(d.kind === 'incident' ? 'options_dismissed_what_incident' : 'options_dismissed_what_publisher', d.name)}
                </span>
              </span>
              <button type="button" aria-label={t('options_dismissed_undo_label', [d.text, d.site])} onClick={() => undo(d)}>
                {t('options_dismissed_undo')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {failed && (
        <p class="error" role="alert">
          {t('options_dismissed_failed')}
        </p>
      )}
    </section>
  );
}
