/**
 * The slim strip on a page whose own publisher is in the dataset: the publisher's name and how it
 * describes itself, in its own words. "About" opens the publisher popup; the close button dismisses
 * the strip for the site.
 */
import type { StatedAffiliation } from '../../core/dataset-types.ts';
import { DATA_TEXT } from '../../ui/dataset-lang.ts';
import { t, uiDir, uiLocale } from '../../ui/i18n.ts';
import { Icon } from './icons.tsx';

export interface PageBannerProps {
  name: string;
  site: string;
  /** The publisher's first stated affiliation, once the record has arrived. */
  affiliation: StatedAffiliation | null;
  onMore: () => void;
  onDismiss: () => void;
}

export function PageBanner({ name, site, affiliation, onMore, onDismiss }: PageBannerProps) {
  return (
    <section class="banner" aria-label={t('page_bannerLabel')} dir={uiDir()} lang={uiLocale()}>
      <Icon name="publisher" />
      <p class="text">
        {t('page_bannerFrom', name)}
        {affiliation && (
          <>
            {' '}
            {t('page_bannerOwnWords')} <q {...DATA_TEXT}>{affiliation.quote}</q>
          </>
        )}
      </p>
      <span class="actions">
        <button type="button" class="btn" onClick={onMore} aria-haspopup="dialog">
          {t('page_bannerMore')}
        </button>
        <button type="button" class="btn icon-only" onClick={onDismiss} aria-label={t('page_bannerDismiss', site)}>
          <Icon name="close" />
        </button>
      </span>
    </section>
  );
}
