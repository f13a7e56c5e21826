/**
 * The in-page UI, loaded by the content script only when a page has something to mark: the badges
 * and the banner. The popup loads on the first click (popup-loader.ts). Importing it runs nothing
 * but definitions; every element it adds to the page is removed by `destroyUi`.
 */
import { destroyBadges } from './badge-host.tsx';
import { removeBanners } from './banner-host.tsx';
import { destroyPopup } from './popup-loader.ts';

export { mountBadge, openPopupFor, type BadgeInit } from './badge-host.tsx';
export { showBanner, type BannerInit } from './banner-host.tsx';
export { clearRecordCache, closePopup } from './popup-loader.ts';

/** Remove everything this module added (popup host, banners, badge renderings, listeners). */
export function destroyUi(): void {
  destroyPopup();
  removeBanners();
  destroyBadges();
}
