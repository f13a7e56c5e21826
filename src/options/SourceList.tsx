import type { JSX } from 'preact';
import type { SourceRef } from '../core/dataset-types.ts';
import { t } from '../ui/i18n.ts';

/** Only http(s) links leave the extension; anything else is shown as text. */
function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** The dataset's sources, one click away so the page stays short. */
export function SourceList({ sources }: { sources: readonly SourceRef[] }): JSX.Element {
  return (
    <details class="sources">
      <summary>{t('options_sources_summary', String(sources.length))}</summary>
      <ul>
        {sources.map((s, i) => {
          const href = safeHref(s.url);
          return (
            <li key={i}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer">
                  {s.title}
                </a>
              ) : (
                <cite>{s.title}</cite>
              )}
              {`, ${[s.author, s.publisher, s.date].filter(Boolean).join(', ')}`}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
