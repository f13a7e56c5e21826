/**
 * The store listing's pictures, made from the real extension (`SCREENSHOTS=1` only; otherwise every
 * test here is skipped): per UI language, the popup open on a news page in that language and the
 * toolbar panel beside the page it describes, at the stores' 1280×800; in English also the welcome
 * page and a publisher's popup; and the small promotional tile, 440×280, from
 * tests/fixtures/store/promo-tile.html with the extension's own badge on it. Written to
 * store/screenshots/ (see store/README.md).
 *
 * Every page shown is the team's own writing: the news pages come from the detection corpus
 * (tests/fixtures/corpus/), served from the neutral fixture site, never the seed articles, whose text
 * is their publishers'. A picture is written only once the driver sees the popup open with the
 * locale's own words and its box wholly inside the viewport, so a broken picture fails the run.
 *
 * Chromium only: one set of pictures serves both stores, and the panel picture needs the
 * Playwright page behind a Chromium tab to compose it.
 */
import { readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardEachTest } from './harness/expectations.ts';
import { playwrightPage } from './harness/extension-pages.ts';
import { extensionDirFor, inspectOurUi, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, REPO_ROOT, type Driver, type DriverPage } from './harness/index.ts';
import { setViewport } from './harness/media.ts';

const RUN = process.env.SCREENSHOTS === '1' && browsersUnderTest().includes('chromium');
const OUT = join(REPO_ROOT, 'store/screenshots');
const STORE = { width: 1280, height: 800 };
const TILE = { width: 440, height: 280 };
/** Each picture stays small enough for the repository and well under the stores' limits. */
const MAX_BYTES = 400 * 1024;
const INCIDENT = 'ishkobod-2019';
const PUBLISHER = 'global-research';
const LOCALES = ['en', 'ru', 'tg', 'uz', 'fa'] as const;
type Locale = (typeof LOCALES)[number];
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;

/**
 * Each UI language's news page, a corpus page in that language that names the outpost in its body
 * (labels.json: group name-*), so the badge sits in running text the reader can see beside the popup.
 */
const ARTICLE: Record<Locale, string> = {
  en: '/corpus/en-name-01.html',
  ru: '/corpus/ru-name-02.html',
  tg: '/corpus/tg-name-01.html',
  uz: '/corpus/uz-name-01.html',
  fa: '/corpus/fa-name-01.html',
};
/** A corpus report that names Global Research in running text (publisher-mention, no incident). */
const PUBLISHER_PAGE = '/corpus/en-pub-02.html';

/** A message of the UI in `locale`, as the extension's own messages file has it. */
function message(locale: Locale, key: string): string {
  const raw: unknown = JSON.parse(readFileSync(join(REPO_ROOT, `assets/_locales/${locale}/messages.json`), 'utf8'));
  const entry: unknown = typeof raw === 'object' && raw !== null ? Reflect.get(raw, key) : undefined;
  const text: unknown = typeof entry === 'object' && entry !== null ? Reflect.get(entry, 'message') : undefined;
  if (typeof text !== 'string') throw new Error(`${locale} has no message ${key}`);
  return text;
}

interface PopupSight {
  left: number;
  top: number;
  right: number;
  bottom: number;
  vw: number;
  vh: number;
  /** The dialog's computed opacity: its opening fade runs only while the tab is painted. */
  opacity: string;
  /** Whether the topmost element at the dialog's centre is the dialog's own (nothing of the page over it). */
  onTop: boolean;
  visibility: DocumentVisibilityState;
}

/** What a reader would see of the open popup, read inside the extension's closed shadow roots. */
function popupSight(page: DriverPage): Promise<PopupSight | null> {
  return inspectOurUi(page, (...roots) => {
    for (const root of roots) {
      const dialog = root.querySelector('[role="dialog"]');
      if (!dialog) continue;
      const r = dialog.getBoundingClientRect();
      const hit = root.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
      return {
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
        vw: document.documentElement.clientWidth,
        vh: document.documentElement.clientHeight,
        opacity: getComputedStyle(dialog).opacity,
        onTop: hit !== null && dialog.contains(hit),
        visibility: document.visibilityState,
      };
    }
    return null;
  });
}

/**
 * Waits for the popup to show its content in the UI language (`words`, a heading of that language's
 * messages) and its opening fade to end, then checks that a reader sees all of it: the tab in front,
 * the dialog opaque, on top, and its whole box on screen. (A tab left behind another, such as the
 * welcome page the install opens, keeps the fade at its first frame: the popup is there, unseen.)
 */
async function waitForPopup(page: DriverPage, words: string): Promise<void> {
  await waitFor(() => page.dialogs(), (l) => l.some((d) => d.text.includes(words)), `the popup, saying “${words}”`, 8000);
  const box = await waitFor(() => popupSight(page), (b) => b?.opacity === '1', 'the popup’s fade to end', 3000).catch(() => popupSight(page));
  expect(box, 'an open popup in the extension’s UI').not.toBeNull();
  if (!box) return;
  expect(box.visibility, 'the tab in front').toBe('visible');
  expect(box.opacity, 'the popup fully opaque').toBe('1');
  expect(box.onTop, 'the popup above the page').toBe(true);
  expect(box.right - box.left, 'the popup’s width').toBeGreaterThan(200);
  expect(box.bottom - box.top, 'the popup’s height').toBeGreaterThan(200);
  expect(box.left, 'the popup’s start inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box.top, 'the popup’s top inside the viewport').toBeGreaterThanOrEqual(0);
  expect(box.right, 'the popup’s end inside the viewport').toBeLessThanOrEqual(box.vw);
  expect(box.bottom, 'the popup’s bottom inside the viewport').toBeLessThanOrEqual(box.vh);
}

/** Scrolls so the badge sits `fromTop` pixels below the top of the viewport, and lets the page settle. */
async function scrollBadgeTo(page: DriverPage, selector: string, fromTop: number): Promise<void> {
  const found = await page.evaluate(
    (a: { sel: string; top: number }) => {
      const r = document.querySelector(a.sel)?.getBoundingClientRect();
      if (r) window.scrollBy({ top: r.top - a.top, behavior: 'instant' });
      return r !== undefined;
    },
    { sel: selector, top: fromTop },
  );
  expect(found, `a badge matching ${selector}`).toBe(true);
  await page.settle(300);
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
    const openArticle = async (): Promise<DriverPage> => {
      const page = track(await d().open(d().url(FIXTURE_HOST, ARTICLE[locale])));
      // In front, or the install's welcome tab may be: a tab behind others paints nothing new.
      await page.bringToFront();
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
      await waitForPopup(page, message(locale, 'page_kindOfficial'));
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
      await page.bringToFront();
      await setViewport(page, STORE);
      await page.waitForBadge('incident', INCIDENT, 8000);
      await page.click(BADGE('incident', INCIDENT));
      await waitForPopup(page, message(locale, 'page_kindOfficial'));
      await shoot(page, '3-welcome');
    });

    it.runIf(locale === 'en')('a publisher’s own words apart from what others say about it', async () => {
      const page = track(await d().open(d().url(FIXTURE_HOST, PUBLISHER_PAGE)));
      await page.bringToFront();
      await setViewport(page, STORE);
      await page.waitForBadge('publisher', PUBLISHER, 8000);
      await page.settle(500);
      const selector = `article ${BADGE('publisher', PUBLISHER)}`;
      await scrollBadgeTo(page, selector, 220);
      await page.click(selector);
      await waitForPopup(page, message(locale, 'page_ownWords'));
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
