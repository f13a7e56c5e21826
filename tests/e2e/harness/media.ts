/**
 * What the in-page UI tests need beyond the Driver, kept apart from the harness owner's files: how a
 * reader's setup is imitated in each browser.
 * - media: `print`, `prefers-color-scheme`, `prefers-reduced-motion` (Chromium: Playwright's
 *   emulateMedia, i.e. CDP; Firefox: the tab's BrowsingContext overrides, set from privileged
 *   script, which is what Firefox's own devtools use);
 * - the viewport size, the reader's default font size ("large fonts") and the browser zoom;
 * - a screenshot of any rectangle (the popup's host is a 0×0 box, so `DriverPage.screenshot`'s
 *   selector clip cannot frame it);
 * - the browser's UI language for Firefox (Chromium's follows $LANGUAGE at launch, if it has the
 *   locale's resources installed: see `hasChromiumLocale`).
 *
 * Everything goes through the drivers' public fields, checked at run time, so a change there fails
 * with a message rather than silently.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import { CHROMIUM_PATH } from './chromium.ts';
import type { Driver, DriverPage } from './driver.ts';
import { extensionPage } from './extras.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

type Inner = { browser: 'chromium'; page: PlaywrightPage } | { browser: 'firefox'; page: PuppeteerPage; chromeEval: (expression: string) => Promise<string> };

/** The automation library's page behind a DriverPage, and for Firefox the driver's privileged eval. */
function innerOf(page: DriverPage): Inner {
  const inner: unknown = Reflect.get(page, 'page');
  const driver: unknown = Reflect.get(page, 'driver');
  if (!isObj(inner) || !isObj(driver)) throw new Error('the driver page exposes no inner page or driver');
  if (driver.browser === 'chromium') return { browser: 'chromium', page: inner as unknown as PlaywrightPage };
  const chromeEval = driver.chromeEval;
  if (driver.browser !== 'firefox' || typeof chromeEval !== 'function') throw new Error('unknown driver');
  return {
    browser: 'firefox',
    page: inner as unknown as PuppeteerPage,
    chromeEval: (expression) => (chromeEval as (e: string) => Promise<string>).call(driver, expression),
  };
}

/**
 * Privileged script run against the Firefox tab showing `page` (brought to the front first, since
 * that is how the tab is found). `body` sees `bc` (the tab's top BrowsingContext) and `browser`
 * (its <browser> element) and must return a string.
 */
async function inFirefoxTab(page: DriverPage, inner: Extract<Inner, { browser: 'firefox' }>, body: string): Promise<string> {
  await page.bringToFront();
  const url = page.url();
  return inner.chromeEval(`(() => {
    const browser = gBrowser.selectedBrowser;
    if (browser.currentURI.spec !== ${JSON.stringify(url)}) throw new Error('the selected tab is ' + browser.currentURI.spec);
    const bc = browser.browsingContext;
    ${body}
  })()`);
}

export interface MediaEmulation {
  media?: 'screen' | 'print';
  colorScheme?: 'light' | 'dark';
  reducedMotion?: 'reduce' | 'no-preference';
}

/** Media queries that hold once `m` is in force, to wait for (the Firefox overrides apply asynchronously). */
function queriesFor(m: MediaEmulation): string[] {
  const q: string[] = [];
  if (m.media) q.push(m.media);
  if (m.colorScheme) q.push(`(prefers-color-scheme: ${m.colorScheme})`);
  if (m.reducedMotion) q.push(`(prefers-reduced-motion: ${m.reducedMotion})`);
  return q;
}

/** Makes the page's media queries answer as `m` says (fields left out keep their current value). */
export async function emulateMedia(page: DriverPage, m: MediaEmulation): Promise<void> {
  const inner = innerOf(page);
  if (inner.browser === 'chromium') {
    const opts: Parameters<PlaywrightPage['emulateMedia']>[0] = {};
    if (m.media) opts.media = m.media;
    if (m.colorScheme) opts.colorScheme = m.colorScheme;
    if (m.reducedMotion) opts.reducedMotion = m.reducedMotion;
    await inner.page.emulateMedia(opts);
  } else {
    const sets: string[] = [];
    if (m.media) sets.push(`bc.mediumOverride = ${JSON.stringify(m.media === 'print' ? 'print' : '')};`);
    if (m.colorScheme) sets.push(`bc.prefersColorSchemeOverride = ${JSON.stringify(m.colorScheme)};`);
    if (m.reducedMotion) sets.push(`bc.prefersReducedMotionOverride = ${JSON.stringify(m.reducedMotion === 'reduce' ? 'reduce' : 'no-preference')};`);
    await inFirefoxTab(page, inner, `${sets.join('\n')} return 'ok';`);
  }
  const queries = queriesFor(m);
  const deadline = Date.now() + 3000;
  while (!(await page.evaluate((qs: string[]) => qs.every((q) => matchMedia(q).matches), queries))) {
    if (Date.now() > deadline) throw new Error(`media emulation did not take: ${queries.join(', ')}`);
    await sleep(50);
  }
}

/** Back to the browser's own media (screen, light, motion allowed: what the test browsers report). */
export function resetMedia(page: DriverPage): Promise<void> {
  return emulateMedia(page, { media: 'screen', colorScheme: 'light', reducedMotion: 'no-preference' });
}

/** Sets the page's viewport (CSS pixels). */
export async function setViewport(page: DriverPage, size: { width: number; height: number }): Promise<void> {
  const inner = innerOf(page);
  if (inner.browser === 'chromium') await inner.page.setViewportSize(size);
  else await inner.page.setViewport(size);
  const deadline = Date.now() + 3000;
  while ((await page.evaluate(() => document.documentElement.clientHeight, null)) > size.height) {
    if (Date.now() > deadline) throw new Error('the viewport did not change');
    await sleep(50);
  }
}

/**
 * The reader's default font size (what `medium` is), as a "large fonts" setting changes it; `null`
 * restores the browser's. Chromium: CDP `Page.setFontSizes` for this page, live. Firefox: the
 * `font.size.variable.x-western` preference, which is browser-wide (a test must restore it) and
 * reaches only documents loaded after it, so the page is reloaded.
 */
export async function setDefaultFontSize(page: DriverPage, px: number | null): Promise<void> {
  const inner = innerOf(page);
  if (inner.browser === 'chromium') {
    const cdp = await inner.page.context().newCDPSession(inner.page);
    try {
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: px ?? 16, fixed: px === null ? 13 : Math.round(px * 0.8125) } });
    } finally {
      await cdp.detach().catch(() => undefined);
    }
  } else {
    await inner.chromeEval(
      px === null
        ? `(() => { Services.prefs.clearUserPref('font.size.variable.x-western'); return 'ok'; })()`
        : `(() => { Services.prefs.setIntPref('font.size.variable.x-western', ${Math.round(px)}); return 'ok'; })()`,
    );
    // Firefox applies the preference to documents loaded after it changed, not to open ones.
    await inner.page.reload({ waitUntil: 'load' });
  }
  const want = px ?? 16;
  const deadline = Date.now() + 3000;
  for (;;) {
    // Read without touching the DOM (the content script rescans what a page adds or removes): `em` in a
    // media query is the default font size, so the viewport's width in em gives it away.
    const medium = await page.evaluate(() => {
      let lo = 0;
      let hi = window.innerWidth;
      for (let i = 0; i < 40; i++) {
        const mid = (lo + hi) / 2;
        if (matchMedia(`(min-width: ${mid}em)`).matches) lo = mid;
        else hi = mid;
      }
      return lo > 0 ? window.innerWidth / lo : 0;
    }, null);
    if (Math.abs(medium - want) < 0.5) return;
    if (Date.now() > deadline) throw new Error(`the default font size is ${medium}px, not ${want}px`);
    await sleep(50);
  }
}

/**
 * The browser zoom of `page`'s tab, set as the reader would (the extension API `tabs.setZoom`, from an
 * extension page). Zoom is remembered per site in both browsers: set it back to 1 at the end.
 */
export async function setZoom(driver: Driver, page: DriverPage, factor: number): Promise<void> {
  const tabId = await page.tabId();
  const helper = await extensionPage(driver);
  await helper.evaluate(async (a: { tabId: number; factor: number }) => chrome.tabs.setZoom(a.tabId, a.factor), { tabId, factor });
  await page.bringToFront();
}

/** A PNG of the viewport rectangle `clip` (CSS pixels), clamped to the viewport. */
export async function screenshotRect(page: DriverPage, path: string, clip: { x: number; y: number; width: number; height: number }): Promise<void> {
  const inner = innerOf(page);
  const vp = await page.evaluate(() => ({ w: document.documentElement.clientWidth, h: document.documentElement.clientHeight }), null);
  const x = Math.max(0, Math.floor(clip.x));
  const y = Math.max(0, Math.floor(clip.y));
  const rect = { x, y, width: Math.min(vp.w - x, Math.ceil(clip.width)), height: Math.min(vp.h - y, Math.ceil(clip.height)) };
  if (inner.browser === 'chromium') await inner.page.screenshot({ path, clip: rect });
  else await inner.page.screenshot({ path: path as `${string}.png`, clip: rect });
}

/**
 * Whether Chromium has a locale's UI resources: without `locales/<locale>.pak` (Debian ships them in
 * `chromium-l10n`) it falls back to en-US whatever $LANGUAGE or --lang say, and so does
 * `browser.i18n`.
 */
export function hasChromiumLocale(locale: string): boolean {
  // /usr/bin/chromium is Debian's wrapper script; the binary and its resources are in /usr/lib/chromium.
  return [dirname(CHROMIUM_PATH), '/usr/lib/chromium'].some((dir) => existsSync(join(dir, 'locales', `${locale}.pak`)));
}

/**
 * Switches Firefox's UI language to `locale` and reloads the add-on, which picks its `_locales`
 * folder when it starts. Firefox has no Russian resources here either; it negotiates the locale
 * from the list it is told is available, which is all `browser.i18n` looks at. Opened extension
 * pages close with the reload: use a driver of its own for this.
 */
export async function switchFirefoxLocale(driver: Driver, locale: string): Promise<void> {
  const chromeEval: unknown = Reflect.get(driver, 'chromeEval');
  const addonId: unknown = Reflect.get(driver, 'addonId');
  if (driver.browser !== 'firefox' || typeof chromeEval !== 'function' || typeof addonId !== 'string') throw new Error('not a Firefox driver');
  const run = (expression: string): Promise<string> => (chromeEval as (e: string) => Promise<string>).call(driver, expression);
  await run(`(() => {
    Services.locale.availableLocales = [${JSON.stringify(locale)}, 'en-US'];
    Services.locale.requestedLocales = [${JSON.stringify(locale)}];
    return Services.locale.appLocaleAsBCP47;
  })()`);
  await run(`(async () => {
    const { AddonManager } = ChromeUtils.importESModule('resource://gre/modules/AddonManager.sys.mjs');
    const addon = await AddonManager.getAddonByID(${JSON.stringify(addonId)});
    await addon.reload();
    return 'ok';
  })()`);
}
