/**
 * The store listing's pictures, made from the real extension (`SCREENSHOTS=1` only; otherwise every
 * test here is skipped): per UI language, the popup open on a news page and the toolbar panel beside
 * the page it describes, at the stores' 1280×800; in English also the welcome page and a publisher's
 * popup; and the small promotional tile, 440×280, from tests/fixtures/store/promo-tile.html with the
 * extension's own badge on it. Written to store/screenshots/ (see store/README.md).
 *
 * Chromium only: one set of pictures serves both stores, and the panel picture needs the
 * Playwright page behind a Chromium tab to compose it.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardEachTest } from './harness/expectations.ts';
import { playwrightPage } from './harness/extension-pages.ts';
import { extensionDirFor, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, PUBLISHER_HOSTS, REPO_ROOT, type Driver, type DriverPage } from './harness/index.ts';
import { setViewport } from './harness/media.ts';

const RUN = process.env.SCREENSHOTS === '1' && browsersUnderTest().includes('chromium');
const OUT = join(REPO_ROOT, 'store/screenshots');
const STORE = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
/** Each picture stays small enough for the repository and well under the stores' limits. */
const MAX_BYTES = 400 * 1024;
const INCIDENT = 'ishkobod-2019';
const LOCALES = ['en', 'ru', 'tg', 'uz', 'fa'] as const;
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;

/** Waits for a popup to show its content and its opening fade to end. */
async function waitForPopup(page: DriverPage): Promise<void> {
  await waitFor(() => page.dialogs(), (l) => (l[0]?.text.length ?? 0) > 200, 'the popup with its content', 8000);
  await new Promise((r) => setTimeout(r, 400));
}

/** Scrolls so the badge sits `fromTop` pixels below the top of the viewport. */
async function scrollBadgeTo(page: DriverPage, selector: string, fromTop: number): Promise<void> {
  await page.evaluate(
    (a: { sel: string; top: number }) => {
      const r = document.querySelector(a.sel)?.getBoundingClientRect();
      if (r) window.scrollBy(0, r.top - a.top);
    },
    { sel: selector, top: fromTop },
  );
}

describe.skipIf(!RUN)('store screenshots', () => {
  const written: string[] = [];
  beforeAll(async () => {
    await mkdir(OUT, { recursive: true });
  });
  afterAll(async () => {
    for (const file of written) expect((await stat(file)).size, file).toBeLessThanOrEqual(MAX_BYTES);
  });

  describe.each(LOCALES)('%s', (locale) => {
    let driver: Driver | undefined;
    const d = (): Driver => {
      if (!driver) throw new Error('browser did not start');
      return driver;
    };
    beforeAll(async () => {
      driver = await launchDriver('chromium', { lang: locale, ...extensionDirFor('chromium') });
    });
    afterAll(async () => {
      await driver?.close();
    });
    const { track } = guardEachTest(() => driver);
    const shoot = async (page: DriverPage, name: string): Promise<void> => {
      const path = join(OUT, `${locale}-${name}.png`);
      await page.screenshot(path);
      written.push(path);
    };
    // A Persian reader on a Persian page; everyone else on an English article of the seed set.
    const article = locale === 'fa' ? { host: FIXTURE_HOST, path: '/in-page/rtl.html' } : { host: PUBLISHER_HOSTS['hizb-ut-tahrir-cmo'], path: '/seed/000' };
    const openArticle = async (): Promise<DriverPage> => {
      const page = track(await d().open(d().url(article.host, article.path)));
      await setViewport(page, STORE);
      await page.waitForBadge('incident', INCIDENT, 8000);
      await page.settle(500);
      return page;
    };

    it('the popup open beside its badge on a news page', async () => {
      const page = await openArticle();
      const selector = `article ${BADGE('incident', INCIDENT)}`;
      await scrollBadgeTo(page, selector, 220);
      await page.click(selector);
      await waitForPopup(page);
      await shoot(page, '1-popup');
    });

    it('the toolbar panel over the page it describes', async () => {
      const page = await openArticle();
      await scrollBadgeTo(page, `article ${BADGE('incident', INCIDENT)}`, 260);
      const background = await playwrightPage(page).screenshot();
      const tabId = await page.tabId();
      const panel = track(await d().openExtensionPage(`src/popup/index.html?tab=${tabId}`));
      await waitFor(() => panel.evaluate(() => document.querySelector('[data-testid="panel-found"]') !== null, null), (ok) => ok, 'the panel’s findings');
      await panel.settle(400);
      // The panel's own box (its body is the toolbar popup's size), not the tab around it.
      const panelPicture = await playwrightPage(panel).locator('body').screenshot();
      const dir = await panel.evaluate(() => document.documentElement.dir, null);
      // The panel drops from the toolbar at the window's top end, over the page, as the browser shows it.
      const canvas = track(await d().open('about:blank'));
      await setViewport(canvas, STORE);
      await playwrightPage(canvas).setContent(
        `<html dir="${dir}"><body style="margin:0;overflow:hidden;background:#fff">
          <img src="data:image/png;base64,${background.toString('base64')}" style="position:absolute;inset-block-start:0;inset-inline-start:0;filter:brightness(0.92)">
          <img src="data:image/png;base64,${panelPicture.toString('base64')}" style="position:absolute;inset-block-start:6px;inset-inline-end:24px;max-height:788px;object-fit:cover;object-position:top;border-radius:8px;box-shadow:0 8px 28px rgba(0,0,0,.35),0 0 0 1px rgba(0,0,0,.15)">
        </body></html>`,
      );
      await shoot(canvas, '2-panel');
    });

    it.runIf(locale === 'en')('the welcome page, its sample popup open', async () => {
      const page = track(await d().openExtensionPage('src/welcome/index.html'));
      await setViewport(page, STORE);
      await page.waitForBadge('incident', INCIDENT, 8000);
      await page.click(BADGE('incident', INCIDENT));
      await waitForPopup(page);
      await shoot(page, '3-welcome');
    });

    it.runIf(locale === 'en')('a publisher’s own words apart from what others say about it', async () => {
      const page = track(await d().open(d().url(PUBLISHER_HOSTS['global-research'], '/seed/003')));
      await setViewport(page, STORE);
      await page.waitForBadge('publisher', 'global-research', 8000);
      await page.settle(500);
      await page.evaluate(() => window.scrollTo(0, 0), null);
      await page.click(BADGE('publisher', 'global-research'));
      await waitForPopup(page);
      await shoot(page, '4-publisher');
    });

    it.runIf(locale === 'en')('the small promotional tile, 440×280, with the extension’s own badge', async () => {
      const page = track(await d().open(d().url(FIXTURE_HOST, '/store/promo-tile.html')));
      await setViewport(page, TILE);
      await page.waitForBadge('incident', INCIDENT, 8000);
      await page.settle(400);
      const path = join(OUT, 'promo-tile-440x280.png');
      await page.screenshot(path);
      written.push(path);
    });
  });
});
