/**
 * Where something was published: the title (a link when the dataset has an http(s) URL), author,
 * publisher, date, and who relayed it. Used by the panel, the options page and the in-page popup;
 * both style sheets know `.source` and `.sr-only`. Every string is dataset text, rendered as text.
 */
import type { ComponentChildren, JSX } from 'preact';
import type { SourceRef } from '../data/schema-types.ts';
import { DATA_TEXT } from './dataset-lang.ts';
import { DateText } from './DateText.tsx';
import { listSeparator, t } from './i18n.ts';
import { safeHref } from './safe-href.ts';

/** A link that opens in a new tab and says so to screen readers; its content alone when `href` is not http(s). */
export function ExternalLink({ href, children }: { href: string | undefined; children: ComponentChildren }): JSX.Element {
  const safe = safeHref(href);
  if (!safe) return <>{children}</>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer">
      {children}
      <span class="sr-only"> {t('page_newTab')}</span>
    </a>
  );
}

/** "<title>, <author>, <publisher>, <date> (as reported by <via>)", inline. */
export function Citation({ source }: { source: SourceRef }): JSX.Element {
  return (
    <>
      <ExternalLink href={source.url}>
        <cite {...DATA_TEXT}>{source.title}</cite>
      </ExternalLink>
      {source.author && (
        <>
          {listSeparator()}
          <span {...DATA_TEXT}>{source.author}</span>
        </>
      )}
      {source.publisher && (
        <>
          {listSeparator()}
          <span {...DATA_TEXT}>{source.publisher}</span>
        </>
      )}
      {source.date && listSeparator()}
      <DateText iso={source.date} />
      {source.via && ` (${t('page_via', source.via)})`}
    </>
  );
}

/** A paragraph "Source: <citation>"; `label` replaces "Source:" ("Published in" under a claim). */
export function SourceLine({ source, label = t('page_source') }: { source: SourceRef; label?: string }): JSX.Element {
  return (
    <p class="source">
      {label} <Citation source={source} />
    </p>
  );
}
