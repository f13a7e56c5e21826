/**
 * Link labels (tests/fixtures/links/): every `<a href>` whose destination is a dataset publisher's
 * site (subdomains, `www.`, mirrors, and through the redirect wrappers of search engines and feeds)
 * gets one publisher badge right after the link, never inside it, so a click still goes where the
 * link goes. Links that only name a publisher, and links in an editor, get none. Labels follow the
 * page as it changes (new results, a re-rendered list, a virtualised feed recycling its rows) and the
 * settings (off everywhere, off on one site).
 *
 * Each fixture link says in `data-expect` which label it should carry (a publisher id or "none").
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { guardEachTest } from './harness/expectations.ts';
import { extensionDirFor, findingsOf, removeStorage, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, OTHER_HOST, type Driver, type DriverPage } from './harness/index.ts';

type PageWindow = Window & Record<string, unknown>;

interface LinkLabel {
  expect: string;
  href: string;
  text: string;
  /** data-id of each publisher badge right after the link (whitespace between them skipped). */
  labels: string[];
  /** Badges of ours inside the link. */
  inside: number;
}

/** The label state of every `a[data-expect]` under `scope` (runs in the page). */
function readLinkLabels(scope: string): LinkLabel[] {
  const root = document.querySelector(scope) ?? document;
  return Array.from(root.querySelectorAll('a[data-expect]'), (a) => {
    const labels: string[] = [];
    for (let n = a.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE && !(n.textContent ?? '').trim()) continue;
      if (n.nodeName !== 'SOURCE-CONTEXT-BADGE') break;
      const el = n as Element;
      if (el.getAttribute('data-kind') === 'publisher') labels.push(el.getAttribute('data-id') ?? '');
    }
    return {
      expect: a.getAttribute('data-expect') ?? '',
      href: (a as HTMLAnchorElement).href,
      text: (a.textContent ?? '').trim().slice(0, 60),
      labels,
      inside: a.querySelectorAll('source-context-badge').length,
    };
  });
}

/** Links whose labels are not what their `data-expect` says (none: no label; an id: exactly that one label). */
const wrong = (links: LinkLabel[]): LinkLabel[] =>
  links.filter((l) => l.inside > 0 || (l.expect === 'none' ? l.labels.length > 0 : l.labels.length !== 1 || l.labels[0] !== l.expect));

describe.each(browsersUnderTest())('link labels in %s', (browser) => {
  let driver: Driver | undefined;
  const d = (): Driver => {
    if (!driver) throw new Error('browser did not start');
    return driver;
  };
  beforeAll(async () => {
    driver = await launchDriver(browser, extensionDirFor(browser));
  });
  afterAll(async () => {
    await driver?.close();
  });
  const { track } = guardEachTest(() => driver);
  afterEach(async () => {
    if (driver) await removeStorage(driver, 'sync', ['settings', `site:${FIXTURE_HOST}`, `site:${OTHER_HOST}`]);
  });

  const open = async (path: string, host = FIXTURE_HOST): Promise<DriverPage> => track(await d().open(d().url(host, path)));
  const labels = (page: DriverPage, scope = 'body'): Promise<LinkLabel[]> => page.evaluate(readLinkLabels, scope);
  /** Waits until every link carries its expected label; fails listing the links that do not. */
  const allRight = async (page: DriverPage, what: string, scope = 'body', ms = 5000): Promise<LinkLabel[]> => {
    const list = await waitFor(() => labels(page, scope), (l) => l.length > 0 && wrong(l).length === 0, `${what}: links with the wrong label`, ms).catch(
      async (e: unknown) => {
        const bad = wrong(await labels(page, scope));
        throw new Error(`${what}: ${bad.length} link(s) with the wrong label:\n${bad.map((l) => `  expect ${l.expect}, got [${l.labels}]${l.inside ? ` and ${l.inside} inside` : ''}: ${l.href}`).join('\n')}\n(${e instanceof Error ? e.message.slice(0, 80) : ''})`);
      },
    );
    return list;
  };
  const publisherLabels = (list: LinkLabel[]): number => list.reduce((n, l) => n + l.labels.length, 0);

  describe('search-results.html', () => {
    it('labels each publisher result once, after the link, and new and re-rendered results as they arrive', async () => {
      const page = await open('/links/search-results.html');
      const first = await allRight(page, 'page one', '#results');
      expect(first.filter((l) => l.expect !== 'none').length, 'page one has publisher links').toBeGreaterThanOrEqual(4);
      // The page counts our badges coming and going from here on, and remembers the ones it has seen.
      await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        const churn = { added: 0, removed: 0 };
        w.badgeChurn = churn;
        w.badgesBefore = Array.from(document.querySelectorAll('#results a + source-context-badge[data-kind="publisher"]'));
        new MutationObserver((records) => {
          for (const r of records) {
            for (const n of r.addedNodes) if (n.nodeName === 'SOURCE-CONTEXT-BADGE') churn.added++;
            for (const n of r.removedNodes) if (n.nodeName === 'SOURCE-CONTEXT-BADGE') churn.removed++;
          }
        }).observe(document.body, { childList: true, subtree: true });
      }, null);

      await page.click('#more');
      const both = await allRight(page, 'after "More results"', '#results');
      expect(both.length).toBeGreaterThan(first.length);
      const kept = await page.evaluate(() => {
        const w = window as unknown as PageWindow;
        const before = w.badgesBefore as Element[];
        return { before: before.length, stillThere: before.filter((b) => b.isConnected).length, churn: w.badgeChurn as { added: number; removed: number } };
      }, null);
      // Labelled as they arrive, without touching what was labelled before (no rescan of old results).
      expect(kept.stillThere, 'labels of page one untouched').toBe(kept.before);
      expect(kept.churn.removed, 'badges removed while page two arrived').toBe(0);

      // The filter rebuilds the list from fresh nodes: each link labelled once again.
      await page.click('#past-year');
      await allRight(page, 'after the list was rebuilt (past year)', '#results');
      await page.click('#past-year');
      const rebuilt = await allRight(page, 'after the list was rebuilt (all)', '#results');
      expect(rebuilt.length).toBe(both.length);
    });

    it('never changes where a click goes: the link follows its href, the badge opens the popup instead', async () => {
      const page = await open('/links/search-results.html');
      const target = await page.evaluate(() => {
        const a = document.querySelector('#results a[data-expect="hizb-ut-tahrir-cmo"]') as HTMLAnchorElement;
        a.id = 'target';
        return a.href;
      }, null);
      await waitFor(() => page.evaluate(() => document.querySelectorAll('#target + source-context-badge[data-kind="publisher"]').length, null), (n) => n === 1, 'the label after the link');
      await page.click('#target');
      expect(await page.evaluate(() => (window as unknown as PageWindow).fixtureClicks, null)).toEqual([target]);
      await page.click('#target + source-context-badge');
      const dialogs = await waitFor(() => page.dialogs(), (l) => l.length > 0 && (l[0]?.text.length ?? 0) > 30, 'the publisher popup');
      expect(dialogs[0]?.text).toContain('Hizb ut Tahrir');
      expect(await page.evaluate(() => (window as unknown as PageWindow).fixtureClicks, null), 'a click on the badge goes nowhere').toEqual([target]);
      expect(await page.evaluate(() => location.pathname, null)).toBe('/links/search-results.html');
    });
  });

  it('feed-recycling.html: a virtualised feed that recycles its rows gets the right label on each row, and new posts too', async () => {
    const page = await open('/links/feed-recycling.html');
    await allRight(page, 'first rows', '#viewport');
    // Rows are reused: each scroll rewrites the href and text of links that may already be labelled.
    for (const post of [9, 37, 150]) {
      await page.evaluate((i: number) => (window as unknown as { feed: { scrollToPost(i: number): void } }).feed.scrollToPost(i), post);
      await allRight(page, `after scrolling to post ${post}`, '#viewport');
    }
    // Near the end, more posts arrive in the same recycled rows.
    const before = await page.evaluate(() => (window as unknown as { feed: { count(): number } }).feed.count(), null);
    await page.evaluate(() => (window as unknown as { feed: { scrollToPost(i: number): void } }).feed.scrollToPost(195), null);
    await page.evaluate(() => (window as unknown as { feed: { scrollToPost(i: number): void } }).feed.scrollToPost(230), null);
    expect(await page.evaluate(() => (window as unknown as { feed: { count(): number } }).feed.count(), null)).toBeGreaterThan(before);
    await allRight(page, 'after new posts arrived', '#viewport');
  });

  it('redirect-wrappers.html: follows search and feed redirect wrappers to the real host; subdomains, mirrors and odd host forms count, look-alikes do not', async () => {
    const page = await open('/links/redirect-wrappers.html');
    const list = await allRight(page, 'wrapped, direct and look-alike links');
    expect(list.filter((l) => l.expect === 'none').length).toBeGreaterThanOrEqual(6);
    expect(publisherLabels(list)).toBe(list.filter((l) => l.expect !== 'none').length);
    const found = await findingsOf(d(), page);
    const viaLink = found.mentions.filter((m) => m.via === 'link');
    expect(viaLink.length, 'the panel lists each labelled link').toBe(publisherLabels(list));
  });

  it('name-not-destination.html: a link that names a publisher but goes elsewhere gets no badge', async () => {
    const page = await open('/links/name-not-destination.html');
    await page.waitForBadge('publisher', 'global-research');
    await page.settle(600);
    await allRight(page, 'links named after publishers');
    const found = await findingsOf(d(), page);
    expect(found.mentions.filter((m) => m.via === 'link').map((m) => m.href)).toEqual([
      'https://www.globalresearch.ca/tajikistan-border-attack-who-benefits/5694120',
    ]);
  });

  it('editable-link.html: a publisher link inside a contenteditable draft gets no badge, and the draft is not changed', async () => {
    const page = await open('/links/editable-link.html');
    await page.waitForBadge('publisher', 'global-research');
    await page.settle(600);
    await allRight(page, 'sent and draft links');
    const draft = await page.evaluate(() => ({
      now: document.getElementById('draft')?.innerHTML,
      before: ((window as unknown as PageWindow).fixtureOriginal as { draft: string }).draft,
      ours: document.querySelectorAll('#draft source-context-badge').length,
    }), null);
    expect(draft.ours).toBe(0);
    expect(draft.now).toBe(draft.before);
  });

  describe('settings', () => {
    const labelCount = async (page: DriverPage): Promise<number> => publisherLabels(await labels(page));

    it('turns link labels off everywhere and back on, in open pages, without a reload', async () => {
      const page = await open('/links/redirect-wrappers.html');
      const all = await allRight(page, 'labels on');
      const expected = publisherLabels(all);
      await d().writeStorage('sync', { settings: { ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds, links: false } } });
      await waitFor(() => labelCount(page), (n) => n === 0, 'labels gone after switching link labels off');
      await d().writeStorage('sync', { settings: DEFAULT_SETTINGS });
      await waitFor(() => labelCount(page), (n) => n === expected, 'labels back after switching them on');
      await allRight(page, 'labels on again');
    });

    it('turns link labels off on one site only', async () => {
      // Each page is checked while it is the tab in front: a tab in the background labels its links
      // too, but at the pace the browser gives background timers.
      const here = await open('/links/redirect-wrappers.html');
      const expected = publisherLabels(await allRight(here, `labels on ${FIXTURE_HOST}`));
      const there = await open('/links/redirect-wrappers.html', OTHER_HOST);
      await allRight(there, `labels on ${OTHER_HOST}`);
      await d().writeStorage('sync', { [`site:${FIXTURE_HOST}`]: { mode: 'on', links: false } });
      await waitFor(() => labelCount(here), (n) => n === 0, `labels gone on ${FIXTURE_HOST}`);
      expect(await labelCount(there), `labels stay on ${OTHER_HOST}`).toBe(expected);
      // A new page on the site follows the setting from its first scan.
      const again = await open('/links/redirect-wrappers.html');
      await again.settle(800);
      expect(await labelCount(again)).toBe(0);
    });
  });
});
