import type { JSX } from 'preact';
import type { SourceRef } from '../core/dataset-types.ts';
import { t } from '../ui/i18n.ts';
import { formatIsoDate } from './format.ts';
import { safeHref } from './panel-api.ts';

/** "Source: <title>, <publisher>, <date>" with the title linked when the URL is http(s). */
export function SourceLine({ source }: { source: SourceRef }): JSX.Element {
  const href = safeHref(source.url);
  const parts = [source.author, source.publisher, formatIsoDate(source.date)].filter((p): p is string => Boolean(p));
  return (
    <p class="source">
      {t('panel_source')}{' '}
      {href ? (
        <a href={href} target="_blank" rel="noopener noreferrer">
          {source.title}
        </a>
      ) : (
        <cite>{source.title}</cite>
      )}
      {', '}
      {parts.join(', ')}
      {source.via ? ` (${t('panel_source_via', source.via)})` : ''}
    </p>
  );
}
