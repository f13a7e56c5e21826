/**
 * Where something was published: the title (a link when the dataset has an http(s) URL), its
 * language when it is not the UI's, author, publisher, date, and who relayed it; and a claim's
 * further publications, folded under "Also reported by". Used by the panel, the options page and the
 * in-page popup; both style sheets know `.source`, `.also` and `.sr-only`. Every string is dataset
 * text, rendered as text.
 */
import type { ComponentChildren, JSX } from 'preact';
import type { SourceRef } from '../core/dataset-types.ts';
import { DATA_LANG, DATA_TEXT } from './dataset-lang.ts';
import { DateText } from './DateText.tsx';
import { formatNumber, listSeparator, t } from './i18n.ts';
import { otherLanguageName } from './language-name.ts';
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

/** "<title> (<language>), <author>, <publisher>, <date> (as reported by <via>)", inline. */
export function Citation({ source }: { source: SourceRef }): JSX.Element {
  const language = otherLanguageName(source.lang);
  return (
    <>
      <ExternalLink href={source.url}>
        {/* A title is in its publication's language; the names around it are the dataset's English. */}
        <cite lang={source.lang ?? DATA_LANG} dir="auto">
          {source.title}
        </cite>
      </ExternalLink>
      {language && ` (${language})`}
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

/**
 * The other publications that carried a claim, closed until asked for: a native disclosure, so it
 * opens with Enter or Space and screen readers announce it as collapsed or expanded, under a summary
 * that says what it holds ("Also reported by (3)"). Nothing when there are none.
 */
export function AlsoReported({ appearances }: { appearances: readonly SourceRef[] | undefined }): JSX.Element | null {
  if (!appearances || appearances.length === 0) return null;
  return (
    <details class="also">
      <summary>{t('page_alsoReported', formatNumber(appearances.length))}</summary>
      <ul class="plain">
        {appearances.map((a, i) => (
          <li key={i} class="source">
            <Citation source={a} />
          </li>
        ))}
      </ul>
    </details>
  );
}
