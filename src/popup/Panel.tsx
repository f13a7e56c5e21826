import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Findings } from '../core/findings.ts';
import { t } from '../ui/i18n.ts';
import { ClaimsOverview } from './ClaimsOverview.tsx';
import { MentionList } from './MentionList.tsx';
import { openSettings, revealMark } from './panel-api.ts';
import { PublisherCard } from './PublisherCard.tsx';
import { SiteControls } from './SiteControls.tsx';
import { Switch } from './Switch.tsx';
import { recordKey, usePanelData, type PanelData, type Records } from './use-panel-data.ts';

/** A message that stands in for content: nothing found, off, paused, unavailable. */
function EmptyState({ title, children, testId }: { title: string; children?: ComponentChildren; testId: string }): JSX.Element {
  return (
    <section class="empty" data-testid={testId} aria-live="polite">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** Whether a record the findings point to is still being fetched. */
function isWaitingForRecords(f: Findings, records: Records): boolean {
  const keys = f.mentions.map((m) => recordKey(m.kind, m.id));
  if (f.publisher) keys.push(recordKey('publisher', f.publisher.id));
  return keys.some((k) => records.get(k) === undefined);
}

function Body({ data }: { data: PanelData }): JSX.Element {
  const { tab, settings, site, records } = data;
  const [notice, setNotice] = useState<string | null>(null);

  if (tab.kind === 'loading') {
    return (
      <p class="empty" role="status" data-testid="panel-loading">
        {t('panel_loading')}
      </p>
    );
  }
  if (tab.kind === 'unavailable') {
    return (
      <EmptyState title={t('panel_unavailable_title')} testId="panel-unavailable">
        <p>{t('panel_unavailable_body')}</p>
      </EmptyState>
    );
  }

  const f = tab.findings;
  // The stored settings win over the page's report: it may lag a moment behind a change.
  const paused = settings?.paused ?? f.state === 'paused';
  const mode = site?.setting.mode ?? f.mode;
  const stale = (f.state === 'paused' && !paused) || (f.state === 'site-off' && mode !== 'off');

  let content: JSX.Element;
  if (paused) {
    content = (
      <EmptyState title={t('panel_paused_title')} testId="panel-paused">
        <p>{t('panel_paused_body')}</p>
      </EmptyState>
    );
  } else if (mode === 'off') {
    content = (
      <EmptyState title={t('panel_site_off_title', f.site)} testId="panel-site-off">
        <p>{t('panel_site_off_body')}</p>
      </EmptyState>
    );
  } else if (f.state === 'scanning' || stale) {
    content = (
      <p class="empty" role="status" data-testid="panel-scanning">
        {t('panel_scanning')}
      </p>
    );
  } else if (!f.publisher && f.mentions.length === 0) {
    content = (
      <EmptyState title={t('panel_nothing_title')} testId="panel-nothing">
        <p>{t(mode === 'publisher-only' ? 'panel_nothing_body_publisher_only' : 'panel_nothing_body')}</p>
      </EmptyState>
    );
  } else if (isWaitingForRecords(f, records)) {
    // Records come from the local database in a moment; waiting for them paints the panel once
    // instead of growing it section by section.
    content = (
      <p class="empty" role="status" data-testid="panel-loading">
        {t('panel_loading')}
      </p>
    );
  } else {
    const incidentIds = [...new Set(f.mentions.filter((m) => m.kind === 'incident').map((m) => m.id))];
    content = (
      <div data-testid="panel-found">
        {f.publisher && <PublisherCard page={f.publisher} record={records.get(recordKey('publisher', f.publisher.id))} />}
        {f.mentions.length > 0 && (
          <MentionList
            mentions={f.mentions}
            records={records}
            onReveal={(markId) => {
              setNotice(null);
              void revealMark(tab.tabId, markId).then((shown) => {
                if (!shown) {
                  setNotice(t('panel_mention_gone'));
                  data.refresh();
                }
              });
            }}
          />
        )}
        {notice && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {incidentIds.map((id) => {
          const view = records.get(recordKey('incident', id));
          return view ? <ClaimsOverview key={id} view={view} /> : null;
        })}
      </div>
    );
  }

  return (
    <>
      <SiteControls site={f.site} state={site} paused={paused} onMode={(m) => void data.setSiteMode(m)} />
      {content}
    </>
  );
}

/** The toolbar panel: what Source Context found on this tab, and its switches. */
export function Panel({ search }: { search: string }): JSX.Element {
  const data = usePanelData(search);
  return (
    <div class="panel">
      <header class="panel-header">
        <h1>{t('panel_title')}</h1>
        <button type="button" class="link-button" onClick={() => void openSettings()}>
          {t('panel_open_settings')}
        </button>
      </header>
      <main>
        <Body data={data} />
      </main>
      <footer class="panel-footer">
        <Switch
          label={t('panel_pause_switch')}
          checked={data.settings?.paused ?? false}
          disabled={data.settings === null}
          onChange={(p) => void data.setPaused(p)}
        />
      </footer>
    </div>
  );
}
