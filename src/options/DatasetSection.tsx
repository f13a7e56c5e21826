import type { JSX } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { claimToJsonLd, type JsonLdClaim } from '../core/claim-jsonld.ts';
import type { DatasetInfo } from '../core/messages.ts';
import type { Dataset, SourceRef } from '../core/dataset-types.ts';
import { formatNumber, t } from '../ui/i18n.ts';
import { downloadJson, exportDataset, fileSafe, getDatasetInfo, removePack, resetDataset } from './options-api.ts';
import { countsText, PackImport } from './PackImport.tsx';
import { PackFacts } from './PackFacts.tsx';
import { SourceList } from './SourceList.tsx';

/** How often to ask again while the background is still writing the data. */
const LOADING_POLL_MS = 500;

/** The sources behind the incidents, each once (by title and publisher). */
export function datasetSources(data: Dataset): SourceRef[] {
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const inc of data.incidents) {
    for (const s of inc.sources) {
      const k = `${s.title}\u0000${s.publisher}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

/** Every claim as a schema.org Claim, each with the incident it is about. */
export function claimsAsJsonLd(data: Dataset): JsonLdClaim[] {
  const incidents = new Map(data.incidents.map((i) => [i.id, i]));
  return data.claims.map((c) => claimToJsonLd(c, incidents.get(c.incidentId)));
}

/** The dataset: what is loaded, where it comes from, and the packs on top of it. */
export function DatasetSection(): JSX.Element {
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [infoError, setInfoError] = useState<string | null>(null);
  const [data, setData] = useState<Dataset | null>(null);
  const [status, setStatus] = useState<string>('');
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async (): Promise<void> => {
    const r = await getDatasetInfo();
    if (!r.ok) {
      setInfoError(r.error);
      return;
    }
    setInfoError(null);
    setInfo(r.value);
    const d = await exportDataset();
    setData(d.ok ? d.value : null);
  }, []);

  useEffect(() => void refresh(), [refresh]);
  useEffect(() => {
    if (!info?.loading) return;
    const id = setTimeout(() => void refresh(), LOADING_POLL_MS);
    return () => clearTimeout(id);
  }, [info, refresh]);

  const afterChange = (next: DatasetInfo, message: string): void => {
    setInfo(next);
    setStatus(message);
    void exportDataset().then((d) => setData(d.ok ? d.value : null));
  };

  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setStatus('');
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };

  const onExport = (): Promise<void> =>
    run(async () => {
      const r = await exportDataset();
      if (!r.ok) {
        setStatus(t('options_action_failed', r.error));
        return;
      }
      downloadJson(`source-context-${fileSafe(r.value.contentVersion)}.json`, r.value);
      setStatus(t('options_export_done'));
    });

  const onExportJsonLd = (): Promise<void> =>
    run(async () => {
      const r = await exportDataset();
      if (!r.ok) {
        setStatus(t('options_action_failed', r.error));
        return;
      }
      downloadJson(`source-context-claims-${fileSafe(r.value.contentVersion)}.jsonld`, claimsAsJsonLd(r.value), 'application/ld+json');
      setStatus(t('options_export_done'));
    });

  const onReset = (): Promise<void> =>
    run(async () => {
      const r = await resetDataset();
      if (r.ok) afterChange(r.value, t('options_reset_done', countsText(r.value.counts)));
      else setStatus(t('options_action_failed', r.error));
    });

  const onRemove = (name: string): Promise<void> =>
    run(async () => {
      const r = await removePack(name);
      if (r.ok) afterChange(r.value, t('options_pack_removed', [name, countsText(r.value.counts)]));
      else setStatus(t('options_action_failed', r.error));
    });

  const sources = data ? datasetSources(data) : [];

  return (
    <section class="card" aria-labelledby="dataset-heading">
      <h2 id="dataset-heading">{t('options_dataset_heading')}</h2>
      {infoError && (
        <p class="error" role="alert">
          {t('options_dataset_unavailable', infoError)}
        </p>
      )}
      {!info && !infoError && <p role="status">{t('options_loading')}</p>}
      {info && (
        <>
          <dl class="facts" data-testid="dataset-facts">
            <dt>{t('options_dataset_version')}</dt>
            <dd>{data ? data.contentVersion : info.bundledVersion}</dd>
            <dt>{t('options_dataset_bundled')}</dt>
            <dd>{info.bundledVersion}</dd>
            <dt>{t('options_dataset_schema')}</dt>
            <dd>{formatNumber(info.schemaVersion)}</dd>
            <dt>{t('options_dataset_counts')}</dt>
            <dd data-testid="dataset-counts">{countsText(info.counts)}</dd>
          </dl>
          {info.loading && <p role="status">{t('options_dataset_loading')}</p>}
          {info.lastError && (
            <p class="error" role="alert">
              {t('options_dataset_last_error', info.lastError)}
            </p>
          )}
          <h3>{t('options_packs_heading')}</h3>
          {info.packs.length === 0 ? (
            <p class="empty-line">{t('options_packs_empty')}</p>
          ) : (
            <ul class="plain pack-list">
              {info.packs.map((p) => (
                <li key={p.name} class="pack-row">
                  <div>
                    <strong>{p.name}</strong> <span class="hint">{p.contentVersion}</span>
                    <PackFacts facts={{ ...p, counts: { incidents: p.incidents, claims: p.claims, publishers: p.publishers, authors: p.authors } }} />
                  </div>
                  <button type="button" disabled={busy} aria-label={t('options_pack_remove_label', p.name)} onClick={() => void onRemove(p.name)}>
                    {t('options_pack_remove')}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {sources.length > 0 && <SourceList sources={sources} />}
        </>
      )}
      <h3>{t('options_packs_manage_heading')}</h3>
      <PackImport onImported={(next) => afterChange(next, '')} />
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void onExport()}>
          {t('options_export')}
        </button>
        <button type="button" disabled={busy} onClick={() => void onExportJsonLd()}>
          {t('options_export_jsonld')}
        </button>
        <button type="button" disabled={busy} onClick={() => void onReset()}>
          {t('options_reset')}
        </button>
      </div>
      <p class="hint" role="status" data-testid="dataset-status">
        {status}
      </p>
    </section>
  );
}
