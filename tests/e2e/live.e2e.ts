/**
 * Live pages: content that arrives after load (infinite scroll, a single-page app's pushState
 * navigation) is marked as it arrives, content that goes takes its badges with it, and text
 * rewritten so it no longer names the incident loses its mark. Fixture: tests/fixtures/live/spa.html.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardEachTest } from './harness/expectations.ts';
import { FIXTURE_HOST, browsersUnderTest, launchDriver, type Driver, type DriverPage } from './harness/index.ts';

const INCIDENT = 'source-context-badge[data-kind="incident"][data-id="ishkobod-2019"]';

async function countWhen(page: DriverPage, selector: string, want: (n: number) => boolean, ms = 5000): Promise<number> {
  const deadline = Date.now() + ms;
  for (;;) {
    const n = await page.evaluate((sel) => document.querySelectorAll(sel).length, selector);
    if (want(n)) return n;
    if (Date.now() > deadline) throw new Error(`${selector}: ${n} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type FeedWindow = Window & { feed: { append(t: string): HTMLElement; removeAll(): void; navigate(path: string, title: string, paragraphs: string[]): void } };

describe.each(browsersUnderTest())('live pages in %s', (browser) => {
  let driver: Driver | undefined;
  beforeAll(async () => {
    driver = await launchDriver(browser);
  });
  afterAll(async () => {
    await driver?.close();
  });
  const { track } = guardEachTest(() => driver);
  const open = async (): Promise<DriverPage> => {
    const d = driver;
    if (!d) throw new Error('browser did not start');
    const page = track(await d.open(d.url(FIXTURE_HOST, '/live/spa.html')));
    await page.settle(400);
    return page;
  };

  it('leaves the page untouched until a mention arrives, then marks it', async () => {
    const page = await open();
    expect(await page.badges()).toEqual([]);
    await page.evaluate(() => {
      (window as unknown as FeedWindow).feed.append('Update 14:05 — Officials revisited the night attack on the Ishkobod border outpost in their briefing.');
    }, undefined);
    expect(await countWhen(page, INCIDENT, (n) => n === 1)).toBe(1);
  });

  it('marks each new item of an infinite feed once, and no item twice', async () => {
    const page = await open();
    await page.evaluate(() => {
      const f = (window as unknown as FeedWindow).feed;
      for (let i = 0; i < 40; i++) {
        f.append(i % 10 === 0 ? `Item ${i}: a reader asks what really happened at Ishqobod in November 2019.` : `Item ${i}: cotton prices steady, rail freight up two per cent.`);
      }
    }, undefined);
    await countWhen(page, INCIDENT, (n) => n === 4);
    await page.settle(600);
    expect(await countWhen(page, INCIDENT, () => true)).toBe(4);
    const perItem = await page.evaluate(() => [...document.querySelectorAll('.item')].map((el) => el.querySelectorAll('source-context-badge').length).filter((n) => n > 0), undefined);
    expect(perItem).toEqual([1, 1, 1, 1]);
  });

  it('removes the badges of content the page removes', async () => {
    const page = await open();
    await page.evaluate(() => {
      (window as unknown as FeedWindow).feed.append('The Ишкобод outpost attack is back in the news.');
    }, undefined);
    await countWhen(page, INCIDENT, (n) => n === 1);
    await page.evaluate(() => (window as unknown as FeedWindow).feed.removeAll(), undefined);
    expect(await countWhen(page, 'source-context-badge', (n) => n === 0)).toBe(0);
  });

  it('drops the mark when the text is rewritten to no longer name the incident, and brings one back when it does again', async () => {
    const page = await open();
    await page.evaluate(() => {
      const item = (window as unknown as FeedWindow).feed.append('Correspondents returned to Ishkobod this week.');
      item.id = 'rewrite';
    }, undefined);
    await countWhen(page, INCIDENT, (n) => n === 1);
    await page.evaluate(() => {
      const text = document.querySelector('#rewrite p')?.firstChild as Text;
      text.data = 'Correspondents returned to Khujand this week.';
    }, undefined);
    await countWhen(page, INCIDENT, (n) => n === 0);
    await page.evaluate(() => {
      const text = document.querySelector('#rewrite p')?.firstChild as Text;
      text.data = 'Correspondents returned to Ishkobod once more.';
    }, undefined);
    await countWhen(page, INCIDENT, (n) => n === 1);
    await page.settle(500);
    expect(await countWhen(page, INCIDENT, () => true)).toBe(1);
  });

  it('follows pushState navigation: the old view’s badges go, the new view is marked', async () => {
    const page = await open();
    await page.evaluate(() => {
      (window as unknown as FeedWindow).feed.append('Explainer: the Ishkobod attack and its competing accounts.');
    }, undefined);
    await countWhen(page, INCIDENT, (n) => n === 1);
    await page.evaluate(() => (window as unknown as FeedWindow).feed.navigate('/live/spa.html?view=weather', 'Weather', ['Snow is expected on the Anzob pass tonight.']), undefined);
    await countWhen(page, INCIDENT, (n) => n === 0);
    await page.evaluate(
      () =>
        (window as unknown as FeedWindow).feed.navigate('/live/spa.html?view=analysis', 'Analysis', [
          'Five years on, doubts about the official account of the Ishqobod outpost attack persist.',
          'Analysts still disagree about where the attackers came from.',
        ]),
      undefined,
    );
    expect(await countWhen(page, INCIDENT, (n) => n === 1)).toBe(1);
  });
});
