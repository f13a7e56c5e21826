/**
 * The harness checks itself, apart from the extension: pages are served under the test hostnames,
 * seeds render as news pages, UI in closed shadow roots can be reached by keyboard and found by
 * role and name, and a request to a foreign host is caught. If these fail, the foundation tests'
 * failures say nothing about the extension.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browsersUnderTest, launchDriver, PUBLISHER_HOSTS, REPOST_HOST, type Driver } from './harness/index.ts';
import { guardEachTest } from './harness/expectations.ts';

describe.each(browsersUnderTest())('test harness in %s', (browser) => {
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
  const { track, acceptRequestsSoFar } = guardEachTest(() => driver);

  it('serves a seed as a news page under the publisher hostname and the repost hostname', async () => {
    for (const host of [PUBLISHER_HOSTS['global-research'], REPOST_HOST]) {
      const page = track(await d().open(d().url(host, '/seed/003')));
      const seen = await page.evaluate(
        () => ({
          host: location.hostname,
          h1: document.querySelector('article h1')?.textContent ?? '',
          sup: document.querySelectorAll('article sup').length,
          anchors: document.querySelectorAll('article a[href="#"]').length,
          chrome: ['nav', 'header', 'footer', 'aside'].every((s) => document.querySelector(s)),
          text: document.querySelector('article')?.textContent ?? '',
        }),
        null,
      );
      expect(seen.host).toBe(host);
      expect(seen.h1).toContain('Did the US-funded Afghan Border Outpost Help Tajikistan');
      expect(seen.sup).toBeGreaterThan(0);
      expect(seen.anchors).toBeGreaterThan(5);
      expect(seen.chrome).toBe(true);
      expect(seen.text).toContain('The original source of this article is Global Research');
      expect(seen.text).not.toContain('](#)');
    }
  });

  it('reaches controls inside closed shadow roots by keyboard, role and name', async () => {
    const page = track(await d().open(d().url('fixtures.test', '/e2e/closed-shadow.html')));
    expect(await page.evaluate(() => document.querySelector('harness-chip')?.shadowRoot ?? null, null)).toBeNull();
    expect(await page.tabTo('harness-chip')).toBe(true);
    await page.press('Enter');
    const dialogs = await page.dialogs();
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]?.name).toBe('Forecast sources');
    expect(dialogs[0]?.text).toContain('according to the regional weather office');
    expect(await page.control('switch', 'Alerts on this site')).toMatchObject({ checked: true });
    await page.clickControl('switch', 'Alerts on this site');
    expect(await page.control('switch', 'Alerts on this site')).toMatchObject({ checked: false });
    expect(await page.control('switch', 'No such control')).toBeNull();
  });

  it('catches a request to a host outside the test server', async () => {
    const page = track(await d().open(d().url('fixtures.test', '/e2e/no-match.html')));
    const before = d().forbiddenRequests().length;
    await page.evaluate(() => fetch('http://escape.example/ping').then(
      () => 'answered',
      () => 'failed',
    ), null);
    const caught = d().forbiddenRequests().slice(before);
    expect(caught.map((r) => r.url).join(' ')).toContain('escape.example');
    // This test made the escape on purpose; the after-each guard must not count it.
    acceptRequestsSoFar();
  });
});
