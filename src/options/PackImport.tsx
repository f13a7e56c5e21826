import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { DatasetInfo, PackPreview, ValidationIssue } from '../core/messages.ts';
import { joinList, t, tn } from '../ui/i18n.ts';
import { IssueList } from './IssueList.tsx';
import { importPack, previewPack, readPackFile } from './options-api.ts';
import { PackFacts } from './PackFacts.tsx';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'running'; file: string; phase: 'reading' | 'checking' | 'saving' }
  | { kind: 'confirm'; file: string; text: string; preview: PackPreview }
  | { kind: 'failed'; file: string; issues: ValidationIssue[] }
  | { kind: 'cancelled'; file: string }
  | { kind: 'done'; file: string; info: DatasetInfo };

/** "12 incidents, 40 claims, 3 publishers, 9 authors" in the UI language. */
export function countsText(c: DatasetInfo['counts']): string {
  return joinList([
    tn('options_count_incidents', c.incidents),
    tn('options_count_claims', c.claims),
    tn('options_count_publishers', c.publishers),
    tn('options_count_authors', c.authors),
  ]);
}

/**
 * Import a dataset pack from a JSON file, in two steps. The background first checks the whole pack
 * and says what it would add (who curates it, counts, the sites it will label, the incidents of
 * other datasets it extends, the pack it replaces), writing nothing; only when the reader confirms
 * is it checked again and written, in one transaction. A refused or cancelled pack changes nothing;
 * every problem is listed with its path so the pack's author can fix them all in one go.
 */
export function PackImport({ onImported }: { onImported: (info: DatasetInfo) => void }): JSX.Element {
  const [state, setState] = useState<ImportState>({ kind: 'idle' });
  const running = state.kind === 'running';

  const onFile = async (input: HTMLInputElement): Promise<void> => {
    const file = input.files?.[0];
    if (!file) return;
    setState({ kind: 'running', file: file.name, phase: 'reading' });
    const read = await readPackFile(file);
    if (read.ok) setState({ kind: 'running', file: file.name, phase: 'checking' });
    const preview = read.ok ? await previewPack(read.value) : read;
    // Clear the input so choosing the same file again (after fixing it) fires a change.
    input.value = '';
    if (read.ok && preview.ok) setState({ kind: 'confirm', file: file.name, text: read.value, preview: preview.value });
    else if (!preview.ok) setState({ kind: 'failed', file: file.name, issues: preview.error });
  };

  const onConfirm = async (file: string, text: string): Promise<void> => {
    setState({ kind: 'running', file, phase: 'saving' });
    const result = await importPack(text);
    if (result.ok) {
      setState({ kind: 'done', file, info: result.value });
      onImported(result.value);
    } else {
      setState({ kind: 'failed', file, issues: result.error });
    }
  };

  return (
    <div class="pack-import">
      <label class="field">
        <span>{t('options_import_label')}</span>
        <input
          type="file"
          accept=".json,application/json"
          disabled={running}
          onChange={(e) => void onFile(e.currentTarget)}
        />
      </label>
      <div class="import-status" role="status" aria-live="polite">
        {state.kind === 'running' && (
          <p>
            <progress aria-label={t('options_import_progress_label')} />{' '}
            {t(state.phase === 'reading' ? 'options_import_reading' : state.phase === 'checking' ? 'options_import_checking' : 'options_import_saving', state.file)}
          </p>
        )}
        {state.kind === 'cancelled' && <p>{t('options_import_cancelled', state.file)}</p>}
        {state.kind === 'done' && (
          <p class="success" data-testid="import-success">
            {t('options_import_done', [state.file, countsText(state.info.counts)])}
          </p>
        )}
      </div>
      {state.kind === 'confirm' && (
        <div class="import-confirm" role="group" aria-labelledby="import-confirm-heading" data-testid="import-confirm">
          <h4 id="import-confirm-heading">{t('options_import_confirm_heading', [state.preview.name, state.file])}</h4>
          <PackFacts facts={state.preview} />
          {state.preview.replaces && (
            <p class="hint">{t('options_import_replaces', [state.preview.replaces.packName, state.preview.replaces.contentVersion])}</p>
          )}
          <div class="actions">
            <button type="button" onClick={() => void onConfirm(state.file, state.text)}>
              {t('options_import_confirm')}
            </button>
            <button type="button" onClick={() => setState({ kind: 'cancelled', file: state.file })}>
              {t('options_import_cancel')}
            </button>
          </div>
        </div>
      )}
      {state.kind === 'failed' && (
        <div class="error" role="alert" data-testid="import-issues">
          <p>{tn('options_import_failed', state.issues.length, [state.file])}</p>
          <IssueList issues={state.issues} />
        </div>
      )}
    </div>
  );
}
