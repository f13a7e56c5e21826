/**
 * The toolbar icon's badge: how many marks the content script placed in each tab.
 *
 * Counts are set per tab (`tabId`), so one tab's count never shows on another, and cleared when the
 * tab starts loading a new page. `tabs.onUpdated` reports `status` without the "tabs" permission
 * (only url, title and favicon need it), so no permission is added for this.
 */
import browser from 'webextension-polyfill';

/** Dark slate: readable white digits on it in light and dark toolbars, and no verdict colour (red/green). */
export const BADGE_COLOR = '#3f4a5a';
export const BADGE_TEXT_COLOR = '#ffffff';

/** Badge text for a count: empty for none, capped so it fits the badge's four characters. */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}

/** Shows `count` on `tabId`'s toolbar icon. A tab that closed meanwhile is not an error. */
export async function setTabCount(tabId: number, count: number): Promise<void> {
  const text = badgeText(count);
  try {
    await browser.action.setBadgeText({ tabId, text });
    if (text) {
      await browser.action.setBadgeBackgroundColor({ tabId, color: BADGE_COLOR });
      // Not in every browser version (Chrome 110+, Firefox 63+ as browserAction); the default is legible too.
      if (typeof browser.action.setBadgeTextColor === 'function') {
        await browser.action.setBadgeTextColor({ tabId, color: BADGE_TEXT_COLOR });
      }
    }
  } catch {
    // The tab is gone (closed or discarded between the message and now): nothing to show.
  }
}

/**
 * Clears a tab's count when it starts loading a page, so a count never outlives the page it was
 * counted on. Must be called at the worker's top level (see `index.ts`).
 */
export function clearCountsOnNavigation(): void {
  browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
    if (changeInfo.status === 'loading') void setTabCount(tabId, 0);
  });
}
