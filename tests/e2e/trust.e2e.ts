/**
 * Who says so, in the built extension: packs that could speak for others are refused (the
 * background, the pack checker and, in Chromium, the options page say the same, and nothing is
 * stored), a pack's claim on the bundled incident is shown as the pack's in the popup and the panel,
 * removing the pack removes every trace, and a reader's "This is not about it" hides the mark, stays
 * after a reload, is undone from the options page, and offers a report shown in full before
 * anything is opened. No test here may make a request (guardEachTest checks every one).
 *
 * Chromium runs everything; Firefox runs all but choosing a file on the options page (its driver
 * has no file chooser, see panel-options.e2e.ts), and imports through the same message instead.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { DISMISSALS_KEY } from '../../src/core/dismissals.ts';
import { parsePackJson, validateDataset } from '../../src/data/schema.ts';
import { main as packCheck } from '../../tools/pack/pack-check.ts';
import { guardEachTest } from './harness/expectations.ts';
import { chooseFiles, isOneGeneration, visibleText, withoutGeneration, type StoredState } from './harness/extension-pages.ts';
import { dumpExtensionState, extensionDirFor, inspectOurUi, removeStorage, sendFromExtensionPage, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, REPO_ROOT, type Driver, type DriverPage } from './harness/index.ts';

const PACKS_DIR = join(REPO_ROOT, 'tests/fixtures/packs');
const PANEL_ARTICLE = '/packs/panel-article.html';
const VALLEY_ARTICLE = '/packs/valley-article.html';
const INCIDENT = 'ishkobod-2019';
const IMPORT_LABEL = 'Import a pack (.json)';
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;
const CHROMIUM_ONLY = 'choosing a file needs the Playwright page behind a Chromium tab; the Firefox driver has no file chooser';

type Loose = Record<string, unknown> & { publishers: Record<string, unknown>[] };
const readPack = async (file: string): Promise<string> => readFile(join(PACKS_DIR, file), 'utf8');

async function loadBundled(): Promise<Dataset> {
  const checked = validateDataset(JSON.parse(await readFile(join(REPO_ROOT, 'src/data/dataset.json'), 'utf8')) as unknown, { bundled: true });
  if (!checked.ok) throw new Error(`the bundled dataset does not validate: ${JSON.stringify(checked.error.slice(0, 3))}`);
  return checked.value;
}

/**
 * Packs the extension used to accept, each of which let a pack speak for others: the valley pack's
 * publisher, changed in one way. Each must now be refused at `path`.
 */
const SPEAKS_FOR_OTHERS: { what: string; change: (publisher: Record<string, unknown>) => void; path: string; says: RegExp }[] = [
  {
    what: 'www. plus a bundled publisher’s domain',
    change: (p) => (p.domains = ['www.globalresearch.ca']),
    path: 'publishers[0].domains[0]',
    says: /is the host globalresearch\.ca, which already belongs to publisher "global-research" of the bundled data; this pack's publisher "steppe-courier" cannot claim it/,
  },
  { what: 'a byline of one common word', change: (p) => (p.bylines = ['of']), path: 'publishers[0].bylines[0]', says: /at least 3 words/ },
  { what: 'an alias that is a common word', change: (p) => (p.aliases = [{ text: 'the', lang: 'en' }]), path: 'publishers[0].aliases[0].text', says: /common words of English/ },
  { what: 'a public suffix as a domain', change: (p) => (p.domains = ['co.uk']), path: 'publishers[0].domains[0]', says: /"co\.uk" is a public suffix/ },
  { what: 'a hosting suffix as a domain', change: (p) => (p.domains = ['github.io']), path: 'publishers[0].domains[0]', says: /"github\.io" is a public suffix/ },
  { what: 'a platform as a domain', change: (p) => (p.domains = ['google.com']), path: 'publishers[0].domains[0]', says: /"google\.com" is a platform/ },
];

/** What `npm run pack:check -- FILE` prints for `text`, line by line, and its exit code. */
async function checkWithCli(text: string): Promise<{ code: number; out: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-trust-cli-'));
  try {
    const file = join(dir, 'pack.json');
    await writeFile(file, text);
    const out: string[] = [];
    const code = packCheck([file], { out: (l) => out.push(...l.split('\n')), err: (l) => out.push(...l.split('\n')) });
    return { code, out };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe.each(browsersUnderTest())('who says so, in %s', (browser) => {
  let driver: Driver | undefined;
  let bundled: Dataset;
  const d = (): Driver => {
    if (!driver) throw new Error('browser did not start');
    return driver;
  };
  beforeAll(async () => {
    bundled = await loadBundled();
    driver = await launchDriver(browser, extensionDirFor(browser));
  });
  afterAll(async () => {
    await driver?.close();
  });
  const { track } = guardEachTest(() => driver);
  const open = async (path: string, host = FIXTURE_HOST): Promise<DriverPage> => track(await d().open(d().url(host, path)));
  const stored = async (): Promise<StoredState> =>
    withoutGeneration(await waitFor(() => dumpExtensionState(d()), isOneGeneration, 'the index as one generation', 15_000));
  const send = (message: unknown): Promise<unknown> => sendFromExtensionPage(d(), message);
  const importPack = async (text: string): Promise<void> => {
    expect(await send({ type: 'pack/import', json: text }), 'the pack imports').toMatchObject({ ok: true });
  };
  const removePack = async (name: string): Promise<void> => {
    expect(await send({ type: 'pack/remove', name }), `the pack ${name} is removed`).toMatchObject({ ok: true });
  };
  const waitForText = (page: DriverPage, re: RegExp, ms = 10_000): Promise<string> =>
    waitFor(() => visibleText(page).catch(() => ''), (t) => re.test(t), `text ${re} on ${page.url()}`, ms);
  /** The badge's popup, opened and past its loading state. */
  const popupOf = async (page: DriverPage, kind: string, id: string, shows: RegExp): Promise<string> => {
    await page.click(BADGE(kind, id));
    const dialogs = await waitFor(() => page.dialogs(), (l) => l.some((x) => shows.test(x.text)), `the ${kind} popup showing ${shows}`, 10_000);
    return dialogs.find((x) => shows.test(x.text))?.text ?? '';
  };
  const dialogText = async (page: DriverPage, shows: RegExp): Promise<string> =>
    (await waitFor(() => page.dialogs(), (l) => l.some((x) => shows.test(x.text)), `a popup showing ${shows}`, 10_000)).find((x) => shows.test(x.text))?.text ?? '';
  const noBadges = (page: DriverPage, kind: string): Promise<unknown> =>
    waitFor(() => page.badges(), (b) => !b.some((x) => x.kind === kind), `no ${kind} badges on ${page.url()}`, 10_000);

  describe('no pack can speak for everyone', () => {
    it.each(SPEAKS_FOR_OTHERS)('refuses $what, as the checker does, and stores nothing', async ({ change, path, says }) => {
      const pack = JSON.parse(await readPack('valley-pack.json')) as Loose;
      change(pack.publishers[0] as Record<string, unknown>);
      const text = JSON.stringify(pack);
      const expected = parsePackJson(text, [bundled]);
      if (expected.ok) throw new Error('the validator accepted the pack');
      expect(expected.error.find((i) => i.path === path)?.message).toMatch(says);

      const before = await stored();
      // The check before import and the import itself both refuse it, with the validator's words.
      expect(await send({ type: 'pack/preview', json: text })).toEqual({ ok: false, error: expected.error });
      expect(await send({ type: 'pack/import', json: text })).toEqual({ ok: false, error: expected.error });
      expect(await stored()).toEqual(before);
      // `npm run pack:check` lists the same problems and exits non-zero.
      const cli = await checkWithCli(text);
      expect(cli.code).toBe(1);
      for (const issue of expected.error) expect(cli.out).toContain(`  ${issue.path}: ${issue.message}`);
    });

    it('the options page lists the same problems for each, and asks nothing', async (ctx) => {
      ctx.skip(browser !== 'chromium', CHROMIUM_ONLY);
      const dir = await mkdtemp(join(tmpdir(), 'sc-trust-options-'));
      const options = track(await d().openExtensionPage('src/options/index.html'));
      try {
        await waitForText(options, /Records \d/);
        const before = await stored();
        for (const [n, { change }] of SPEAKS_FOR_OTHERS.entries()) {
          const pack = JSON.parse(await readPack('valley-pack.json')) as Loose;
          change(pack.publishers[0] as Record<string, unknown>);
          const text = JSON.stringify(pack);
          const expected = parsePackJson(text, [bundled]);
          if (expected.ok) throw new Error('the validator accepted the pack');
          const file = `refused-${n}.json`;
          await writeFile(join(dir, file), text);
          await chooseFiles(options, IMPORT_LABEL, join(dir, file));
          const shown = await waitForText(options, new RegExp(`${file} was not imported`));
          for (const issue of expected.error) expect(shown).toContain(`${issue.path}: ${issue.message}`);
          expect(await options.control('button', 'Import this pack')).toBeNull();
        }
        expect(await stored()).toEqual(before);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  describe('a pack’s words are shown as the pack’s', () => {
    const PROVENANCE = 'From Test pack: Rudaki notes, curated by Rudaki Valley Notes desk, version 2, Nov 12, 2026';

    it('in the popup and the panel, beside its claim on the bundled incident and no bundled one; removing the pack removes every trace', async () => {
      const before = await stored();
      const text = await readPack('rudaki-notes-pack.json');
      const pack = JSON.parse(text) as Dataset;
      // Before it is written, the reader is told whose it is and what it extends.
      expect(await send({ type: 'pack/preview', json: text })).toMatchObject({
        ok: true,
        value: {
          origin: { packId: 'test-pack-rudaki-notes', curator: { name: 'Rudaki Valley Notes desk' }, version: 2, date: '2026-11-12' },
          extends: [{ id: INCIDENT, dataset: 'bundled', claims: 1 }],
        },
      });
      await importPack(text);
      try {
        const page = await open(PANEL_ARTICLE);
        await page.waitForBadge('incident', INCIDENT);
        const popup = await popupOf(page, 'incident', INCIDENT, /Tamsin Orlova/);
        expect(popup).toContain(PROVENANCE);
        expect(popup.split(PROVENANCE).length - 1, 'one claim of the pack, one line').toBe(1);
        // Which claims carry the line: the pack's alone.
        const marked = await inspectOurUi(page, (...roots) =>
          roots.flatMap((r) => [...r.querySelectorAll('li.claim')].map((li) => [li.getAttribute('data-claim-id'), li.querySelector('.provenance')?.textContent ?? null])),
        );
        const bundledIds = bundled.claims.filter((c) => c.incidentId === INCIDENT).map((c) => c.id);
        expect(marked.filter(([id]) => id === 'rudaki-notes-route-doubt')).toEqual([['rudaki-notes-route-doubt', PROVENANCE]]);
        const others = marked.filter(([id]) => id !== 'rudaki-notes-route-doubt');
        expect(others.length).toBeGreaterThan(0);
        for (const [id, line] of others) {
          expect(bundledIds).toContain(id);
          expect(line, `bundled claim ${String(id)}`).toBeNull();
        }
        await page.press('Escape');

        const panel = track(await d().openExtensionPage(`src/popup/index.html?tab=${await page.tabId()}`));
        const panelText = await waitForText(panel, /Tamsin Orlova/);
        expect(panelText.split(PROVENANCE).length - 1).toBe(1);
        await panel.close();
      } finally {
        await removePack(pack.name);
      }
      expect(await stored()).toEqual(before);
      const after = await open(PANEL_ARTICLE);
      await after.waitForBadge('incident', INCIDENT);
      const popup = await popupOf(after, 'incident', INCIDENT, new RegExp(bundled.claims.find((c) => c.incidentId === INCIDENT)?.claimant.name ?? 'State Committee'));
      expect(popup).not.toContain('Tamsin Orlova');
      expect(popup).not.toContain('curated by');
    });
  });

  describe('the reader can say a mark is wrong', () => {
    it('"This is not about it" removes the mark at once, keeps it off after a reload, and the options page undoes it', async () => {
      const page = await open(PANEL_ARTICLE);
      await page.waitForBadge('incident', INCIDENT);
      await popupOf(page, 'incident', INCIDENT, /Why this is marked/);
      await page.clickControl('button', 'This is not about it');
      // The mark goes at once; the popup stays to say so.
      await noBadges(page, 'incident');
      expect(await dialogText(page, /no longer marked on fixtures\.test/)).toContain('You can show it again on the options page.');
      const saved = await d().readStorage('local', [DISMISSALS_KEY]);
      expect(saved[DISMISSALS_KEY]).toMatchObject([{ site: FIXTURE_HOST, kind: 'incident', id: INCIDENT, text: 'Ishkobod' }]);
      try {
        // A reload (a new tab of the same page) leaves it off; the page's other words stay as they were.
        const again = await open(PANEL_ARTICLE);
        await again.settle(800);
        expect((await again.badges()).filter((b) => b.kind === 'incident')).toEqual([]);

        // Undone from the options page: the open tab gets its mark back without a reload.
        const options = track(await d().openExtensionPage('src/options/index.html'));
        await waitForText(options, /Marks you hid/);
        await waitFor(() => options.control('button', `Show “Ishkobod” on ${FIXTURE_HOST} again`), (c) => c !== null, 'the hidden mark listed');
        await options.clickControl('button', `Show “Ishkobod” on ${FIXTURE_HOST} again`);
        await again.waitForBadge('incident', INCIDENT, 10_000);
        await waitForText(options, /None\. “This is not about it”/);
        expect((await d().readStorage('local', [DISMISSALS_KEY]))[DISMISSALS_KEY]).toEqual([]);
      } finally {
        await removeStorage(d(), 'local', [DISMISSALS_KEY]);
      }
    });

    it('the report shows its content before anything is opened, and the page address only when ticked', async () => {
      const text = await readPack('valley-pack.json');
      const pack = JSON.parse(text) as Dataset;
      await importPack(text);
      try {
        const page = await open(VALLEY_ARTICLE);
        await page.waitForBadge('incident', 'sarbandkhor-2021');
        await popupOf(page, 'incident', 'sarbandkhor-2021', /Why this is marked/);
        await page.clickControl('button', 'This is not about it');
        await noBadges(page, 'incident');
        await page.clickControl('button', 'Tell the curator, Zarvoshi Press Watch…');
        const report = await dialogText(page, /Report to Zarvoshi Press Watch/);
        const pageUrl = d().url(FIXTURE_HOST, VALLEY_ARTICLE);
        expect(report).toContain('Record: sarbandkhor-2021 (pack “Test pack: Sarbandkhor”, version 3)');
        expect(report).toContain('Marked text: “Sarbandkhor”');
        expect(report).not.toContain(pageUrl);
        expect(await page.control('link', 'Write an e-mail to Zarvoshi Press Watch')).not.toBeNull();
        const link = (): Promise<string[]> =>
          inspectOurUi(page, (...roots) => roots.flatMap((r) => [...r.querySelectorAll('.report a')].map((a) => a.getAttribute('href') ?? '')));
        const [href] = await link();
        expect(href).toMatch(/^mailto:packs@press-watch\.zarvoshi\.test\?subject=/);
        expect(decodeURIComponent(href ?? '')).toContain('Marked text: “Sarbandkhor”');
        expect(decodeURIComponent(href ?? '')).not.toContain(pageUrl);

        await page.clickControl('checkbox', "Include this page's address");
        expect(await dialogText(page, new RegExp(`Page address: ${pageUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))).toContain('Marked text: “Sarbandkhor”');
        const [ticked] = await link();
        expect(decodeURIComponent(ticked ?? '')).toContain(`Page address: ${pageUrl}`);
        // Nothing was sent: the extension opened nothing and asked nothing of the network.
        expect(d().forbiddenRequests()).toEqual([]);
      } finally {
        await removeStorage(d(), 'local', [DISMISSALS_KEY]);
        await removePack(pack.name);
      }
    });
  });
});

/* Fixtures: tests/fixtures/packs/valley-pack.json, rudaki-notes-pack.json, panel-article.html, valley-article.html */
