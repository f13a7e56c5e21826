import type { JSX } from 'preact';
import type { SourceRef } from '../core/dataset-types.ts';
import { formatNumber, t } from '../ui/i18n.ts';
import { Citation } from '../ui/SourceLine.tsx';

/** The dataset's sources, one click away so the page stays short. */
export function SourceList({ sources }: { sources: readonly SourceRef[] }): JSX.Element {
  return (
    <details class="sources">
      <summary>{t('options_sources_summary', formatNumber(sources.length))}</summary>
      <ul>
        {sources.map((s, i) => (
          <li key={i}>
            <Citation source={s} />
          </li>
        ))}
      </ul>
    </details>
  );
}
