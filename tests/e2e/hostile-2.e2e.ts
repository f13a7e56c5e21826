/**
 * Hostile pages, round two (tests/fixtures/hostile/): pages written as an attacker would write
 * them, with ordinary content. Links in forms the browser reads differently from their text are
 * labelled for the site a click reaches; pages of thousands of mentions, links or appended items
 * and one huge block get no task of ours over 50 ms; hidden text is never marked nor highlighted;
 * a page probing for the extension learns nothing; synthetic events do nothing.
 *
 * Measured figures are printed (console.info) so a run's log shows them. Long tasks and long
 * animation frames exist in Chromium only; Firefox prints its longest timer gap instead.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Findings } from '../../src/core/findings.ts';
import { guardEachTest } from './harness/expectations.ts';
import { extensionDirFor, findingsOf, prepareServedRoot, removeStorage, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, PUBLISHER_HOSTS, REPO_ROOT, type Driver, type DriverPage } from './harness/index.ts';

const SITE_KEY = `site:${FIXTURE_HOST}`;

/** The label each `a[data-expect]` under `scope` carries: the publisher badge right after it, or "none". */
function readLabels(scope: string): { id: string; expect: string; label: string; click: boolean; href: string }[] {
  return Array.from(document.querySelectorAll(`${scope} a[data-expect]`), (a) => {
    let label = 'none';
    for (let n = a.nextSibling; n; n = n.nextSibling) {
      if (n.nodeType === Node.TEXT_NODE && !(n.textContent ?? '').trim()) continue;
      if (n.nodeName === 'SOURCE-CONTEXT-BADGE') label = (n as Element).getAttribute('data-id') ?? '';
      break;
    }
    return { id: a.id, expect: a.getAttribute('data-expect') ?? '', label, click: a.hasAttribute('data-click'), href: (a as HTMLAnchorElement).href };
  });
}

/** What tests/fixtures/hostile/task-meter.js reports. */
interface MeterReport {
  longestTask: number;
  longTasks: number[];
  longestFrame: number;
  longestBlocking: number;
  frameScripts: string[];
  /** The longest run of one of the extension's scripts within an animation frame (Chromium). */
  ourLongestScript: number;
  maxTimerGap: number;
  supported: { longtask: boolean; loaf: boolean };
}
type MeterWindow = Window & { taskMeter: { reset(): void; report(): MeterReport } };

/** The publisher whose site a host is (the test hosts' map), or "none". */
function publisherOfHost(host: string): string {
  const bare = host.replace(/^www\./, '');
  for (const [id, h] of Object.entries(PUBLISHER_HOSTS)) if (h.replace(/^www\./, '') === bare) return id;
  return 'none';
}

/**
 * `src/content/links.ts` bundled for a page, as `window.scLinks` (the code the extension ships, so an
 * in-page timing measures it and not a copy), written into the served root at `/vendor/links.js`.
 */
async function bundleLinks(root: string): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-links-'));
  try {
    const entry = join(dir, 'entry.ts');
    await writeFile(entry, `export { linkBase, linkDestination } from ${JSON.stringify(join(REPO_ROOT, 'src/content/links.ts'))};\n`);
    const { build } = await import('vite');
    await build({
      configFile: false,
      logLevel: 'error',
      publicDir: false,
      build: {
        outDir: join(root, 'vendor'),
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        copyPublicDir: false,
        lib: { entry, formats: ['iife'], name: 'scLinks', fileName: () => 'links.js' },
      },
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.each(browsersUnderTest())('hostile pages, round two, in %s', (browser) => {
  let driver: Driver | undefined;
  let served: { root: string; cleanup: () => Promise<void> } | undefined;
  const d = (): Driver => {
    if (!driver) throw new Error('browser did not start');
    return driver;
  };
  beforeAll(async () => {
    served = await prepareServedRoot();
    await bundleLinks(served.root);
    driver = await launchDriver(browser, { root: served.root, ...extensionDirFor(browser) });
  });
  afterAll(async () => {
    await driver?.close();
    await served?.cleanup();
  });
  const { track } = guardEachTest(() => driver);
  afterEach(async () => {
    if (driver) await removeStorage(driver, 'sync', [SITE_KEY, 'settings']);
  });

  const open = async (path: string, host = FIXTURE_HOST): Promise<DriverPage> => track(await d().open(d().url(host, path)));

  /**
   * Clicks each `data-click` link of the fixture at `path` (in a fresh copy of the page each time, as
   * the click navigates away) and returns the host the browser asked the test server for, by the
   * link's id: where a click really goes.
   */
  const followClicks = async (path: string, links: { id: string; click: boolean }[]): Promise<Map<string, string>> => {
    const went = new Map<string, string>();
    for (const l of links.filter((x) => x.click)) {
      const page = await open(path);
      const before = d().server.requests.length;
      await page.click(`#${l.id}`);
      const req = await waitFor(
        async () => d().server.requests.slice(before).find((r) => r.path.includes('/nav/')),
        (r) => r !== undefined,
        `the request a click on #${l.id} makes`,
      );
      went.set(l.id, req?.host ?? '');
      await page.close();
    }
    return went;
  };

  describe.each([
    ['link-forms.html', '#forms'],
    ['link-base.html', 'main'],
  ])('%s', (fixture, scope) => {
    it('labels each link for the site a click on it reaches', async () => {
      const page = await open(`/hostile/${fixture}`);
      await page.settle(600, 8000);
      const links = await page.evaluate(readLabels, scope);
      const went = await followClicks(`/hostile/${fixture}`, links);
      const rows = links.map((l) => ({ ...l, went: went.get(l.id) }));
      console.info(`[${browser}] ${fixture}: ${JSON.stringify(rows.map((r) => [r.id, r.label, r.went ?? '-', r.href]))}`);
      // Where the browser went decides; the fixture's data-expect says the same (checked apart, so
      // a browser that navigates otherwise shows as that, not as a wrong label).
      const wrongForClick = rows.filter((r) => r.went !== undefined && r.label !== publisherOfHost(r.went));
      expect(wrongForClick, 'labels that differ from where a click went').toEqual([]);
      expect(rows.filter((r) => r.label !== r.expect), 'labels that differ from data-expect').toEqual([]);
    });
  });

  describe('bounded work', () => {
    const setSite = async (mode: 'on' | 'off'): Promise<void> => d().writeStorage('sync', { [SITE_KEY]: { mode } });
    const meter = (page: DriverPage): Promise<MeterReport> => page.evaluate(() => (window as unknown as MeterWindow).taskMeter.report(), null);
    const resetMeter = (page: DriverPage): Promise<void> => page.evaluate(() => (window as unknown as MeterWindow).taskMeter.reset(), null);
    const marksOf = async (page: DriverPage): Promise<number> => (await findingsOf(d(), page)).mentions.length;
    /** The page's findings, or null while its content script does not answer yet (a page still building itself). */
    const findingsSoon = (page: DriverPage): Promise<Findings | null> => findingsOf(d(), page).catch(() => null);

    type Trial = MeterReport & { idleGap: number; idleBlocking: number };
    /**
     * Measures `work` (which starts the extension's work and waits for it) up to three times on a
     * page that stays open: the machine is shared, so one trial can catch another process's stall,
     * while a task of ours shows in every trial. Before each, `baseline` is measured the same way:
     * the idle page for a while, or the page doing the same with the extension off (a page that
     * lays out two million characters on every append pays for that itself). Returns every trial;
     * the best one is what the extension costs.
     */
    const trials = async (page: DriverPage, work: (trial: number) => Promise<void>, baseline?: () => Promise<void>): Promise<Trial[]> => {
      const out: Trial[] = [];
      for (let t = 0; t < 3; t++) {
        await resetMeter(page);
        await (baseline ? baseline() : new Promise((r) => setTimeout(r, 600)));
        const idle = await meter(page);
        await resetMeter(page);
        await work(t);
        await page.settle(500, 15_000);
        const report: Trial = { ...(await meter(page)), idleGap: idle.maxTimerGap, idleBlocking: idle.longestBlocking };
        out.push(report);
        if (report.longestTask < 50 && report.ourLongestScript < 50 && report.maxTimerGap - report.idleGap < 100) break;
      }
      return out;
    };
    /**
     * No task of ours over 50 ms in the best trial: Chromium measures long tasks (none at all, the
     * page's included) and, in long animation frames, the runs of the extension's own scripts; every
     * browser, the timer's gaps beyond the baseline's. A frame's blocking time is printed, not
     * checked: on a page of two million characters in one block, the browser's layout of the
     * page's own appends alone takes hundreds of milliseconds.
     */
    const expectNoLongTask = (what: string, list: Trial[]): void => {
      const best = (f: (r: Trial) => number): number => Math.min(...list.map(f));
      console.info(`[${browser}] ${what}: ${JSON.stringify(list)}`);
      if (list[0]?.supported.longtask) expect(best((r) => r.longestTask), `${what}: longest task (ms), best trial`).toBeLessThan(50);
      if (list[0]?.supported.loaf) expect(best((r) => r.ourLongestScript), `${what}: longest run of the extension's scripts in an animation frame (ms), best trial`).toBeLessThan(50);
      expect(best((r) => r.maxTimerGap - r.idleGap), `${what}: longest timer gap beyond the baseline's (ms), best trial`).toBeLessThan(100);
    };
    /** Switches the site off and on again: a full scan from scratch, with the page already built. */
    const rescanFromScratch = (page: DriverPage, done: () => Promise<boolean>) => async (): Promise<void> => {
      await setSite('off');
      await waitFor(() => marksOf(page), (n) => n === 0, 'marks removed');
      await resetMeter(page);
      await setSite('on');
      await waitFor(done, (ok) => ok, 'marked again', 20_000);
    };

    it('many-mentions.html: a paragraph naming the incident 5,000 times, no long task, a capped number of marks', async () => {
      const page = await open('/hostile/many-mentions.html');
      await page.waitForBadge('incident', 'ishkobod-2019', 15_000);
      await page.settle(500, 15_000);
      const list = await trials(page, rescanFromScratch(page, async () => (await marksOf(page)) > 0 && (await findingsOf(d(), page)).state === 'done'));
      const found = await findingsOf(d(), page);
      const perBlock = await page.evaluate(() => ({ flood: document.querySelectorAll('#flood source-context-badge').length }), null);
      console.info(`[${browser}] many-mentions: ${found.mentions.length} marks on the page`);
      expectNoLongTask('many-mentions', list);
      expect(found.mentions.length, 'marks on the page').toBeLessThanOrEqual(400);
      expect(found.mentions.filter((m) => m.text === 'Central Media Office of Hizb ut Tahrir').length, 'marks in the paragraph of 3,000 publisher names').toBeLessThanOrEqual(6);
      expect(perBlock.flood, 'badges in the flooded paragraph').toBeLessThanOrEqual(1);
    });

    it('many-items.html: thousands of items appended one at a time, no long task, new mentions marked', async () => {
      const page = await open('/hostile/many-items.html');
      await page.waitForBadge('incident', 'ishkobod-2019', 15_000);
      await page.settle(500);
      let total = 0;
      const list = await trials(page, async () => {
        total += 1500;
        const n = total;
        await page.evaluate((count: number) => (window as unknown as { appendItems(n: number): Promise<number> }).appendItems(count), n);
        // The last item naming the incident gets marked (highlighted) once the observer has caught up.
        await waitFor(async () => (await findingsOf(d(), page)).mentions.some((m) => m.kind === 'incident' && m.markId && m.text) && (await page.evaluate(() => (window as unknown as { appended: number }).appended, null)) === n, (ok) => ok, 'all items in');
      });
      const marks = await marksOf(page);
      console.info(`[${browser}] many-items: ${await page.evaluate(() => document.querySelectorAll('#feed li').length, null)} items, ${marks} marks`);
      expectNoLongTask('many-items', list);
      expect(marks, 'items naming the incident are marked').toBeGreaterThan(10);
      expect(marks).toBeLessThanOrEqual(400);
    });

    it('huge-block.html: one block of two million characters with one anchor word, rescanned on every append, no long task', async () => {
      const page = await open('/hostile/huge-block.html');
      await waitFor(async () => (await findingsSoon(page))?.mentions.some((m) => m.via === 'description') ?? false, (ok) => ok, 'the description marked', 20_000);
      await page.settle(500, 15_000);
      const append = (): Promise<number> => page.evaluate(() => (window as unknown as { appendToBlock(times: number, everyMs: number): Promise<number> }).appendToBlock(10, 200), null);
      const list = await trials(
        page,
        async () => {
          await setSite('on');
          // Measured from here: the scan of the whole page, then a rescan of the block on every append.
          await waitFor(async () => (await findingsSoon(page))?.mentions.some((m) => m.via === 'description') ?? false, (ok) => ok, 'the description marked again', 20_000);
          await append();
        },
        async () => {
          await setSite('off');
          await waitFor(() => marksOf(page), (n) => n === 0, 'marks removed');
          await resetMeter(page);
          await append();
        },
      );
      const found = await findingsOf(d(), page);
      expectNoLongTask('huge-block', list);
      expect(found.mentions.filter((m) => m.via === 'description').length, 'the description stays marked through the appends').toBe(1);
    });

    it('many-links.html: 3,000 links, no long task, labels capped, and the link code under 2 ms per 1,000 links', async () => {
      const page = await open('/hostile/many-links.html');
      await page.waitForBadge('publisher', 'global-research', 15_000);
      await page.settle(500, 15_000);
      const list = await trials(page, rescanFromScratch(page, async () => (await marksOf(page)) > 0 && (await page.evaluate(() => document.querySelectorAll('source-context-badge').length, null)) >= 60));
      const labels = await page.evaluate(() => document.querySelectorAll('source-context-badge[data-kind="publisher"]').length, null);
      // The extension's own link code, bundled for the page, timed over the page's links.
      const timing = await page.evaluate(async () => {
        await new Promise<void>((resolve, reject) => {
          const s = document.createElement('script');
          s.src = '/vendor/links.js';
          s.onload = () => resolve();
          s.onerror = () => reject(new Error('no /vendor/links.js'));
          document.head.append(s);
        });
        type Links = { linkBase(d: Document): unknown; linkDestination(a: HTMLAnchorElement, raw: string, base: unknown): string | null };
        const api = (window as unknown as { scLinks: Links }).scLinks;
        const links = Array.from(document.querySelectorAll('a[href]')) as HTMLAnchorElement[];
        let sink = 0;
        const time = (f: (a: HTMLAnchorElement) => string | null): number => {
          const runs: number[] = [];
          for (let r = 0; r < 9; r++) {
            const t0 = performance.now();
            for (const a of links) sink += f(a)?.length ?? 0;
            runs.push(performance.now() - t0);
          }
          runs.sort((x, y) => x - y);
          return ((runs[4] as number) / links.length) * 1000;
        };
        const base = api.linkBase(document);
        const plain = links.filter((a) => !/[\\%@\u3002]/.test(a.getAttribute('href') ?? ''));
        // The base is read once per pass, as the content script does.
        const perThousand = time((a) => api.linkDestination(a, a.getAttribute('href') ?? '', base));
        const attrOnly = time((a) => a.getAttribute('href'));
        const hrefOnly = time((a) => a.href);
        return { links: links.length, plain: plain.length, perThousand, attrOnly, hrefOnly, sink };
      }, null);
      console.info(`[${browser}] many-links: ${labels} labels; link code ${timing.perThousand.toFixed(2)} ms per 1,000 links (${timing.links} links, ${timing.links - timing.plain} in odd forms); reading every attribute ${timing.attrOnly.toFixed(2)} ms, every a.href ${timing.hrefOnly.toFixed(2)} ms per 1,000`);
      expectNoLongTask('many-links', list);
      expect(labels, 'link labels on the page').toBeLessThanOrEqual(60);
    });
  });

  it('hidden-names.html: names planted out of sight are never marked, badged, labelled nor put in the highlight registry', async () => {
    const page = await open('/hostile/hidden-names.html');
    await page.waitForBadge('incident', 'ishkobod-2019', 15_000);
    await page.settle(600, 15_000);
    /** What the page itself can learn: our highlights' ranges, our badges and where they sit. */
    const probe = (): Promise<{ highlighted: string[]; outside: string[]; badgesIn: Record<string, number>; labelled: string[] }> =>
      page.evaluate(() => {
        const reg = (CSS as unknown as { highlights?: Map<string, Set<AbstractRange>> }).highlights;
        const highlighted: string[] = [];
        const outside: string[] = [];
        for (const [name, h] of reg ?? []) {
          if (!name.startsWith('source-context-')) continue;
          for (const r of h) {
            const range = r as Range;
            const text = range.toString();
            highlighted.push(text);
            const el = range.commonAncestorContainer.nodeType === Node.ELEMENT_NODE ? (range.commonAncestorContainer as Element) : range.commonAncestorContainer.parentElement;
            if (!el?.closest('#visible, #reveal-later:not(.gone)')) outside.push(`${text} (in ${el?.className || el?.localName})`);
          }
        }
        const count = (sel: string): number => document.querySelectorAll(`${sel} source-context-badge`).length;
        const labelled = Array.from(document.querySelectorAll('a[href]'))
          .filter((a) => a.nextElementSibling?.nodeName === 'SOURCE-CONTEXT-BADGE')
          .map((a) => a.id || a.getAttribute('href') || '');
        return { highlighted, outside, badgesIn: { visible: count('#visible'), planted: count('#planted'), revealed: count('#reveal-later') }, labelled };
      }, null);
    const before = await probe();
    const findings = await findingsOf(d(), page);
    console.info(`[${browser}] hidden-names: highlighted ${JSON.stringify(before.highlighted)}; badges ${JSON.stringify(before.badgesIn)}; labelled ${JSON.stringify(before.labelled)}; ${findings.mentions.length} mentions`);
    expect(before.highlighted.length, 'the visible mention is highlighted').toBeGreaterThan(0);
    expect(before.outside, 'highlighted text outside what the reader can see').toEqual([]);
    expect(before.badgesIn.planted, 'badges among the planted names').toBe(0);
    expect(before.labelled, 'links labelled').toEqual(['visible-link']);
    expect(findings.mentions.filter((m) => /Hidden|Candidate/.test(m.text)), 'mentions of hidden text').toEqual([]);
    // Text the page shows later is marked then.
    await page.evaluate(() => (window as unknown as { reveal(): void }).reveal(), null);
    await waitFor(probe, (p) => p.badgesIn.revealed === 1, 'a badge on the paragraph once it is shown');
    expect((await probe()).outside, 'highlighted text outside what the reader can see, after the reveal').toEqual([]);
  });
  it('removes-our-elements.html: a badge the page takes out is given back once, then its text is left alone until the page changes it', async () => {
    const page = await open('/hostile/removes-our-elements.html');
    // The page's own sweep takes the first badge (in #p1) out a second after they appear.
    await waitFor(() => page.evaluate(() => ((window as unknown as { fixtureLog: string[] }).fixtureLog ?? []).join(' | '), null), (s) => s.includes('removed one badge'), 'the page’s sweep', 15_000);
    const inP1 = (): Promise<number> => page.evaluate(() => document.querySelectorAll('#p1 source-context-badge').length, null);
    await waitFor(inP1, (n) => n === 1, 'the badge given back once');
    // Taken out again: not given back.
    await page.evaluate(() => document.querySelector('#p1 source-context-badge')?.remove(), null);
    await page.settle(1000, 8000);
    expect(await inP1(), 'badges in #p1 after a second removal').toBe(0);
    expect((await findingsOf(d(), page)).mentions.filter((m) => m.badged).length, 'the other badges stay').toBeGreaterThan(0);
    // The page changes the text: it is marked again.
    await page.evaluate(() => document.getElementById('p1')?.append(' Updated.'), null);
    await waitFor(inP1, (n) => n === 1, 'a badge on the changed text');
  });
});
