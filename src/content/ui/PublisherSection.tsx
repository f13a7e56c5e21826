/**
 * A publisher in two parts that never mix: first what it says about itself (quoted, with where on
 * its pages that appears), then what others say about it, labelled as third-party and sourced.
 */
import type { Author, Publisher } from '../../core/dataset-types.ts';
import type { RecordView } from '../../core/messages.ts';
import { originKey } from '../../core/origin.ts';
import { DATA_TEXT } from '../../ui/dataset-lang.ts';
import { t } from '../../ui/i18n.ts';
import { Provenance } from '../../ui/Provenance.tsx';
import { Reviewed } from '../../ui/Reviewed.tsx';
import { SourceLine } from '../../ui/SourceLine.tsx';

/** `origins`: the view's (see RecordView); the publisher's own text, its third-party items and each author say which pack they are from. */
export function PublisherSection({ publisher, authors, origins }: { publisher: Publisher; authors: readonly Author[]; origins?: RecordView['origins'] }) {
  const own = publisher.statedAffiliation;
  const others = publisher.thirdParty;
  const origin = origins?.[originKey('publisher', publisher.id)];
  return (
    <>
      <section aria-labelledby="sc-own-words">
        <h3 id="sc-own-words">{t('page_ownWords')}</h3>
        {own.length === 0 ? (
          <p class="where">{t('page_ownWordsNone')}</p>
        ) : (
          <ul class="plain">
            {own.map((a, i) => (
              <li class="item" key={i}>
                <blockquote {...DATA_TEXT}>{a.quote}</blockquote>
                {a.where && <p class="where">{t('page_whereItAppears', a.where)}</p>}
                <SourceLine source={a.source} />
              </li>
            ))}
          </ul>
        )}
        {own.length > 0 && <Provenance origin={origin} />}
      </section>
      {others.length > 0 && (
        <section class="third" aria-labelledby="sc-third-party">
          <h3 id="sc-third-party">{t('page_thirdParty')}</h3>
          <p class="where">{t('page_thirdPartyNote')}</p>
          <ul class="plain">
            {others.map((item, i) => (
              <li class="item" key={i}>
                <p {...DATA_TEXT}>{item.text}</p>
                <SourceLine source={item.source} />
              </li>
            ))}
          </ul>
          <Provenance origin={origin} />
        </section>
      )}
      {authors.length > 0 && (
        <section aria-labelledby="sc-authors">
          <h3 id="sc-authors">{t('page_authors')}</h3>
          <ul class="plain">
            {authors.map((a) => (
              <li class="item" key={a.id}>
                <p class="who">
                  <strong {...DATA_TEXT}>{a.name}</strong>
                  {a.description && <span class="role">: {t('page_authorDescribed', a.description)}</span>}
                </p>
                <SourceLine source={a.source} />
                <Provenance origin={origins?.[originKey('author', a.id)]} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <Reviewed iso={publisher.reviewed} />
    </>
  );
}
