/**
 * The page banner's life: a `<source-context-banner>` host inserted at the top of the article, its
 * closed shadow root, the publisher's own words once the record arrives, and dismissal remembered for
 * the site (SiteSetting.bannerDismissed).
 */
import { render } from 'preact';
import type { StatedAffiliation } from '../../core/dataset-types.ts';
import { PageBanner } from './PageBanner.tsx';
import type { PopupAnchor } from './popup-host.tsx';
import { closePopupFor, openPopup, recordView } from './popup-loader.ts';
import { attachShadowUi } from './shadow-host.ts';
import { BANNER_CSS, BANNER_HOST_STYLES } from './styles.ts';

export interface BannerInit {
  publisherId: string;
  name: string;
  site: string;
  /** Where the banner goes: first inside it for <article>/<main>/<body>, otherwise just before it. */
  anchor: Element;
}

/** Containers the banner goes into rather than beside: beside one, it could become an item of its parent's grid. */
const CONTAINERS = 'article, main, [role="main"], body';

function insertBanner(host: HTMLElement, anchor: Element): void {
  if (anchor === document.documentElement || !anchor.parentNode) (document.body ?? document.documentElement).prepend(host);
  else if (anchor.matches(CONTAINERS)) anchor.prepend(host);
  else anchor.parentNode.insertBefore(host, anchor);
}

const banners = new Set<() => void>();

/** Show the banner; returns remove(). */
export function showBanner(init: BannerInit): () => void {
  const host = document.createElement('source-context-banner');
  host.dataset.id = init.publisherId;
  const { container } = attachShadowUi(host, BANNER_CSS, BANNER_HOST_STYLES);
  let affiliation: StatedAffiliation | null = null;
  const loading = new AbortController();

  const anchor: PopupAnchor = {
    host,
    kind: 'publisher',
    id: init.publisherId,
    name: init.name,
    site: init.site,
    setExpanded: () => {},
    focus: () => container.querySelector<HTMLElement>('.btn')?.focus(),
  };

  const remove = (): void => {
    if (!banners.delete(remove)) return;
    loading.abort();
    closePopupFor(host, false);
    render(null, container);
    host.remove();
  };

  const draw = (): void =>
    render(
      <PageBanner
        name={init.name}
        site={init.site}
        affiliation={affiliation}
        onMore={() => openPopup(anchor)}
        onDismiss={() => {
          remove();
          // Best effort: if the write fails the banner is gone for this page view only. The settings
          // code loads with this click, not with the banner.
          import('../../storage/settings-store.ts')
            .then(({ writeSite }) => writeSite(init.site, { bannerDismissed: true }))
            .catch(() => {});
        }}
      />,
      container,
    );

  insertBanner(host, init.anchor);
  banners.add(remove);
  draw();
  recordView()
    .then(({ loadRecord }) => loadRecord('publisher', init.publisherId, loading.signal))
    .then(
      (view) => {
        affiliation = view.publisher?.statedAffiliation[0] ?? null;
        if (banners.has(remove)) draw();
      },
      () => {
        // The banner still names the publisher; its "About" popup retries and shows the error.
      },
    );
  return remove;
}

/** Remove every banner. */
export function removeBanners(): void {
  for (const remove of [...banners]) remove();
}
