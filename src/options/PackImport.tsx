import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { DatasetInfo, ValidationIssue } from '../core/messages.ts';
import { t, tn } from '../ui/i18n.ts';
import { IssueList } from './IssueList.tsx';
import { importPack, readPackFile } from './options-api.ts';

type ImportState =
  | { kind: 'idle' }
  | { kind: 'running'; file: string; phase: 'reading' | 'checking' }
  | { kind: 'failed'; file: string; issues: ValidationIssue[] }
  | { kind: 'done'; file: string; info: DatasetInfo };

/** "12 incidents, 40 claims, 3 publishers, 9 authors" in the UI language. */
export function countsText(c: DatasetInfo['counts']): string {
  return [
    tn('options_count_incidents', c.incidents),
    tn('options_count_claims', c.claims),
    tn('options_count_publishers', c.publishers),
    tn('options_count_authors', c.authors),
  ].join(', ');
}

/**
 * Import a dataset pack from a JSON file. The background validates the whole pack and writes it in
 * one transaction, so a refused pack changes nothing; every problem is listed with its path so the
 * pack's author can fix them all in one go.
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
    const result = read.ok ? await importPack(read.value) : read;
    // Clear the input so choosing the same file again (after fixing it) fires a change.
    input.value = '';
    if (result.ok) {
      setState({ kind: 'done', file: file.name, info: result.value });
      onImported(result.value);
    } else {
      setState({ kind: 'failed', file: file.name, issues: result.error });
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
            {t(state.phase === 'reading' ? 'options_import_reading' : 'options_import_checking', state.file)}
          </p>
        )}
        {state.kind === 'done' && (
          <p class="success" data-testid="import-success">
            {t('options_import_done', [state.file, countsText(state.info.counts)])}
          </p>
        )}
      </div>
      {state.kind === 'failed' && (
        <div class="error" role="alert" data-testid="import-issues">
          <p>{tn('options_import_failed', state.issues.length, [state.file])}</p>
          <IssueList issues={state.issues} />
        </div>
      )}
    </div>
  );
}
