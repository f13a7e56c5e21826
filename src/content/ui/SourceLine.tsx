/**
 * Where something was published: title (a link when the dataset has an http(s) URL), publisher,
 * author, date, and who relayed it. Every string is dataset text, rendered as text.
 */
import type { ComponentChildren } from 'preact';
import type { SourceRef } from '../../core/dataset-types.ts';
import { t } from '../../ui/i18n.ts';
import { formatDate, safeHref } from './format.ts';

/** A link that opens in a new tab, or plain text when `href` is not http(s). */
export function ExternalLink({ href, children }: { href: string | undefined; children: ComponentChildren }) {
  const safe = safeHref(href);
  if (!safe) return <>{children}</>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="sr-only"> {t('page_newTab')}</span>
    </a>
  );
}

export function DateText({ iso }: { iso: string }) {
  return iso ? <time dateTime={iso}>{formatDate(iso)}</time> : null;
}

/** "Source: <title>, <publisher>, <author>, <date> (as reported by <via>)". */
export function SourceLine({ source, label = t('page_source') }: { source: SourceRef; label?: string }) {
  return (
    <p class="src">
      {label}{' '}
      <ExternalLink href={source.url}>
        <cite>{source.title}</cite>
      </ExternalLink>
      {source.publisher && `, ${source.publisher}`}
      {source.author && `, ${source.author}`}
      {source.date && ', '}
      <DateText iso={source.date} />
      {source.via && ` (${t('page_via', source.via)})`}
    </p>
  );
}
