/**
 * What a reader must see on the seed articles, in Chromium and Firefox, against the built
 * extension: the incident badge and the publisher badge where they belong (on the publisher's own
 * host and on a site that reposts it), nothing on a page that names neither, a popup that gives the
 * competing claims with who makes each, and a panel switch that turns a site off and on at once.
 * After every test: no request from the extension, no error from it in any console.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardEachTest, readBundledFacts } from './harness/expectations.ts';
import {
  browsersUnderTest,
  launchDriver,
  PUBLISHER_HOSTS,
  REPOST_HOST,
  type Driver,
  type DriverPage,
} from './harness/index.ts';

const INCIDENT = 'ishkobod-2019';
const INCIDENT_SEEDS = [
  { seed: '000', publisher: 'hizb-ut-tahrir-cmo' },
  { seed: '003', publisher: 'global-research' },
] as const;
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;

/** Waits until the page shows no badge, or fails after `ms`. */
async function waitForNoBadges(page: DriverPage, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while ((await page.badges()).length > 0) {
    if (Date.now() > deadline) throw new Error(`badges still there after ${ms} ms: ${JSON.stringify(await page.badges())}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits for a dialog to appear and returns it. */
async function waitForDialog(page: DriverPage, ms = 5000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const [dialog] = await page.dialogs();
    // Open, and past its loading state (the records come from the background, which may be waking).
    if (dialog && !/Loading the details/.test(dialog.text)) return dialog;
    if (Date.now() > deadline) throw new Error(`no dialog opened within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(browsersUnderTest())('foundation in %s', (browser) => {
  let driver: Driver | undefined;
  const d = (): Driver => {
    if (!driver) throw new Error('browser did not start');
    return driver;
  };
  beforeAll(async () => {
    driver = await launchDriver(browser);
  });
  afterAll(async () => {
    await driver?.close();
  });
  const { track } = guardEachTest(() => driver);
  const open = async (host: string, path: string): Promise<DriverPage> => track(await d().open(d().url(host, path)));

  describe.each(INCIDENT_SEEDS)('seed $seed', ({ seed, publisher }) => {
    it("gets the incident badge and its publisher's badge on the publisher's own host", async () => {
      const page = await open(PUBLISHER_HOSTS[publisher], `/seed/${seed}`);
      await page.waitForBadge('incident', INCIDENT);
      await page.waitForBadge('publisher', publisher);
    });

    it('gets both badges on a repost site, where only the byline names the publisher', async () => {
      const page = await open(REPOST_HOST, `/seed/${seed}`);
      await page.waitForBadge('incident', INCIDENT);
      await page.waitForBadge('publisher', publisher);
    });
  });

  it.each([PUBLISHER_HOSTS['hizb-ut-tahrir-cmo'], REPOST_HOST])(
    'seed 002 (before the attack) gets the publisher badge and no incident badge on %s',
    async (host) => {
      const page = await open(host, '/seed/002');
      await page.waitForBadge('publisher', 'hizb-ut-tahrir-cmo');
      await page.settle(800);
      expect((await page.badges()).filter((b) => b.kind === 'incident')).toEqual([]);
    },
  );

  it('leaves a page that names neither the incident nor a publisher exactly as it was', async () => {
    const page = await open('fixtures.test', '/e2e/no-match.html');
    await page.settle(1500);
    // The served HTML parsed afresh is the page as it would be without the extension (the page has no
    // scripts of its own), so any difference is something the extension left behind.
    const { live, pristine } = await page.evaluate(async () => {
      const html = await (await fetch(location.href, { cache: 'no-store' })).text();
      const parsed = new DOMParser().parseFromString(html, 'text/html');
      return { live: document.documentElement.outerHTML, pristine: parsed.documentElement.outerHTML };
    }, null);
    expect(await page.badges()).toEqual([]);
    expect(live).toBe(pristine);
  });

  describe('badge popup', () => {
    it('opens on click and lists the competing claims with who makes each', async () => {
      const facts = await readBundledFacts(INCIDENT);
      const page = await open(PUBLISHER_HOSTS['hizb-ut-tahrir-cmo'], '/seed/000');
      await page.waitForBadge('incident', INCIDENT);
      await page.click(BADGE('incident', INCIDENT));
      const dialog = await waitForDialog(page);
      const official = facts.claimants.get('official') ?? [];
      const disputing = [...(facts.claimants.get('doubt') ?? []), ...(facts.claimants.get('alternative') ?? [])];
      expect(official.length, 'the dataset has official claims').toBeGreaterThan(0);
      expect(disputing.length, 'the dataset has disputing claims').toBeGreaterThan(0);
      // Competing accounts side by side: at least one official claimant and one who disputes it.
      expect(official.some((name) => dialog.text.includes(name)), `an official claimant in: ${dialog.text.slice(0, 400)}`).toBe(true);
      expect(disputing.some((name) => dialog.text.includes(name)), `a disputing claimant in: ${dialog.text.slice(0, 400)}`).toBe(true);
    });

    it('opens from the keyboard: Tab to the badge, Enter', async () => {
      const page = await open(REPOST_HOST, '/seed/003');
      await page.waitForBadge('incident', INCIDENT);
      expect(await page.tabToBadge('incident', INCIDENT), 'Tab reaches the incident badge').toBe(true);
      expect(await page.dialogs()).toEqual([]);
      await page.press('Enter');
      const dialog = await waitForDialog(page);
      expect(dialog.text.length).toBeGreaterThan(50);
    });

    it("shows a publisher's stated affiliation in its own words", async () => {
      const facts = await readBundledFacts(INCIDENT);
      const quotes = facts.affiliation.get('global-research') ?? [];
      expect(quotes.length, 'the dataset quotes Global Research about itself').toBeGreaterThan(0);
      const page = await open(REPOST_HOST, '/seed/003');
      await page.waitForBadge('publisher', 'global-research');
      await page.click(BADGE('publisher', 'global-research'));
      const dialog = await waitForDialog(page);
      expect(quotes.some((q) => dialog.text.includes(q)), `a stated-affiliation quote in: ${dialog.text.slice(0, 400)}`).toBe(true);
    });
  });

  describe('toolbar panel', () => {
    it('its site switch turns badges off in the open page without a reload, and back on', async () => {
      const page = await open(REPOST_HOST, '/seed/003');
      await page.waitForBadge('incident', INCIDENT);
      // A page-world flag that a reload would wipe.
      await page.evaluate(() => {
        document.documentElement.dataset.testLoaded = 'once';
      }, null);
      const tabId = await page.tabId();
      const panel = track(await d().openExtensionPage(`src/popup/index.html?tab=${tabId}`));
      const name = `Source Context on ${REPOST_HOST}`;
      const deadline = Date.now() + 5000;
      while (!(await panel.control('switch', name)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await panel.control('switch', name)).toMatchObject({ checked: true });

      await panel.clickControl('switch', name);
      await waitForNoBadges(page);
      expect(await panel.control('switch', name)).toMatchObject({ checked: false });
      // The setting is stored under the site's key (a contract: core/settings.ts), so it outlives the tab.
      expect(await d().readStorage('sync', [`site:${REPOST_HOST}`])).toMatchObject({ [`site:${REPOST_HOST}`]: { mode: 'off' } });

      await panel.clickControl('switch', name);
      await page.waitForBadge('incident', INCIDENT);
      await page.waitForBadge('publisher', 'global-research');
      expect(await panel.control('switch', name)).toMatchObject({ checked: true });
      expect(await page.evaluate(() => document.documentElement.dataset.testLoaded ?? null, null)).toBe('once');
    });
  });
});
