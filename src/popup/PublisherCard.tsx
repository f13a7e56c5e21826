import type { JSX } from 'preact';
import type { PagePublisher } from '../core/findings.ts';
import type { RecordView } from '../core/messages.ts';
import { originKey } from '../core/origin.ts';
import type { SourceRef } from '../core/dataset-types.ts';
import { DATA_TEXT } from '../ui/dataset-lang.ts';
import { formatNumber, t } from '../ui/i18n.ts';
import { Provenance } from '../ui/Provenance.tsx';
import { Reviewed } from '../ui/Reviewed.tsx';
import { SourceLine } from '../ui/SourceLine.tsx';

interface PublisherCardProps {
  page: PagePublisher;
  /** `undefined` while loading, `null` when the background has no record. */
  record: RecordView | null | undefined;
}

const HOW_KEYS: Record<PagePublisher['how'], string> = {
  domain: 'panel_publisher_how_domain',
  byline: 'panel_publisher_how_byline',
  metadata: 'panel_publisher_how_metadata',
};

const sameSource = (a: SourceRef, b: SourceRef | undefined): boolean =>
  b !== undefined && a.title === b.title && a.publisher === b.publisher && a.date === b.date && a.url === b.url;

/**
 * The page's own publisher: its stated affiliation in its own words first, and what others say about
 * it one click away, kept apart so the two are never read as one.
 */
export function PublisherCard({ page, record }: PublisherCardProps): JSX.Element {
  const pub = record?.publisher;
  const origin = pub ? record?.origins?.[originKey('publisher', pub.id)] : undefined;
  return (
    <section class="card publisher" aria-labelledby="publisher-heading">
      <h2 id="publisher-heading">{t('panel_publisher_heading')}</h2>
      <p class="publisher-name" {...(pub ? DATA_TEXT : {})}>
        {pub ? pub.name : record === undefined ? t('panel_loading') : page.id}
      </p>
      <p class="hint">{t(HOW_KEYS[page.how], page.detail)}</p>
      {pub && pub.statedAffiliation.length > 0 && (
        <>
          <h3>{t('panel_publisher_own_words')}</h3>
          <ul class="plain">
            {pub.statedAffiliation.map((s, i, all) => (
              <li key={i}>
                <blockquote {...DATA_TEXT}>{s.quote}</blockquote>
                <p class="hint" {...DATA_TEXT}>
                  {s.where}
                </p>
                {/* Quotes from one page share one source line, shown after the last of them. */}
                {!sameSource(s.source, all[i + 1]?.source) && <SourceLine source={s.source} />}
              </li>
            ))}
          </ul>
          <Provenance origin={origin} />
        </>
      )}
      {pub && pub.thirdParty.length > 0 && (
        <details class="third-party">
          <summary>{t('panel_publisher_third_party', formatNumber(pub.thirdParty.length))}</summary>
          <ul class="plain">
            {pub.thirdParty.map((item, i) => (
              <li key={i}>
                <p {...DATA_TEXT}>{item.text}</p>
                <SourceLine source={item.source} />
              </li>
            ))}
          </ul>
          <Provenance origin={origin} />
        </details>
      )}
      {pub && <Reviewed iso={pub.reviewed} />}
    </section>
  );
}
