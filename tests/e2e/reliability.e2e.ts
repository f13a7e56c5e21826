/**
 * Reliability at the extension's edges, against the built extension:
 * - a web page cannot talk to the background at all; an extension page that sends a malformed or
 *   unknown message gets a clear refusal, and nothing runs;
 * - a pack whose strings carry markup shows it as inert text in the real popup; a pack with a
 *   `javascript:` link or an over-long string, malformed JSON, a wrong schema version, a huge file,
 *   duplicate ids or dangling references is refused with a message naming the problem, and the
 *   stored index and IndexedDB are exactly as before;
 * - corrupted settings in storage.sync still give the page its badges, and are repaired;
 * - a service worker stopped mid-session (as Chromium does after 30 s idle) is woken by a badge
 *   click and the popup shows the claims (Chromium: Firefox runs the background as an event page,
 *   which the test driver cannot stop).
 *
 * A little over our usual length: the test pack and its broken variants are data the tests share.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES } from '../../src/core/pack-size.ts';
import { DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { guardEachTest, readBundledFacts } from './harness/expectations.ts';
import {
  dumpExtensionState,
  extensionDirFor,
  extensionPage,
  inspectOurUi,
  isWorkerRunning,
  removeStorage,
  sendFromExtensionPage,
  stopServiceWorker,
  waitFor,
} from './harness/extras.ts';
import { browsersUnderTest, DIST_DIR, FIXTURE_HOST, launchDriver, OTHER_HOST, type Driver, type DriverPage } from './harness/index.ts';

const INCIDENT = 'ishkobod-2019';
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// --- a test pack --------------------------------------------------------------------------------

const PACK_NAME = 'e2e-test-pack';
const PACK_INCIDENT = 'kelvara-drill-2024';
/** Markup in dataset strings: if any of it were parsed as HTML, the page's title would change. */
const MARKUP = {
  claimant: `<img src="x" onerror="document.title='injected'">Harbour office`,
  summary: `According to the notice, <b>nobody</b> was hurt <script>document.title='injected'</script> and <a href="javascript:document.title='injected'">details</a> follow.`,
  title: `<iframe srcdoc="<p>framed</p>"></iframe>Harbour notice`,
};

/** A valid pack with one (fictional, test-only) incident and one claim, its strings full of markup. */
function testPack(): Record<string, unknown> & { incidents: Record<string, unknown>[]; claims: Record<string, unknown>[] } {
  const source = { title: 'Harbour notice', publisher: 'Harbour office', date: '2024-04' };
  return {
    schemaVersion: 3,
    contentVersion: '2026.11.20',
    name: PACK_NAME,
    pack: {
      id: PACK_NAME,
      curator: { name: 'Browser tests', homepage: 'https://tests.example/', contact: 'packs@tests.example' },
      version: 1,
      date: '2026-11-20',
    },
    incidents: [
      {
        id: PACK_INCIDENT,
        title: 'Test only: the Kelvara pier fire drill',
        summary: 'A fictional event used by the browser tests to check how pack strings are shown.',
        date: '2024-04-10',
        place: 'Kelvara pier',
        country: 'Testland',
        aliases: [{ text: 'Kelvara pier fire drill', lang: 'en' }],
        relatedPlaces: [],
        descriptionRules: [],
        keyFigures: [],
        claimIds: ['kelvara-harbour-notice'],
        sources: [source],
      },
    ],
    claims: [
      {
        id: 'kelvara-harbour-notice',
        incidentId: PACK_INCIDENT,
        kind: 'official',
        claimant: { name: MARKUP.claimant },
        date: '2024-04-11',
        summary: MARKUP.summary,
        source: { ...source, title: MARKUP.title, url: 'https://harbour.example.org/notice' },
        relations: [],
      },
    ],
    publishers: [],
    authors: [],
  };
}

/** Refused packs: how each is made, and what the refusal must say (matched against "path: message" lines). */
const BAD_PACKS: { what: string; json: () => string; says: RegExp }[] = [
  { what: 'malformed JSON', json: () => '{"schemaVersion": 1, "name": "broken", "incidents": [ {', says: /JSON|line \d+|column|unexpected|end of/i },
  { what: 'a wrong schema version', json: () => JSON.stringify({ ...testPack(), schemaVersion: 99 }), says: /schemaVersion/ },
  {
    what: 'duplicate ids',
    json: () => {
      const p = testPack();
      p.incidents.push({ ...(p.incidents[0] as Record<string, unknown>) });
      return JSON.stringify(p);
    },
    says: new RegExp(`${PACK_INCIDENT}|duplicate|repeat|more than once|already`, 'i'),
  },
  {
    what: 'a dangling reference',
    json: () => {
      const p = testPack();
      (p.claims[0] as Record<string, unknown>).incidentId = 'no-such-incident';
      return JSON.stringify(p);
    },
    says: /claims\[0\]\.incidentId.*no-such-incident|no-such-incident/,
  },
  {
    what: 'a javascript: link',
    json: () => {
      const p = testPack();
      (p.claims[0] as Record<string, unknown>).source = { title: 'Notice', publisher: 'Harbour office', date: '2024-04', url: "javascript:document.title='injected'" };
      return JSON.stringify(p);
    },
    says: /claims\[0\]\.source\.url.*http/,
  },
  {
    what: 'a very long string',
    json: () => {
      const p = testPack();
      (p.claims[0] as Record<string, unknown>).summary = 'A notice that never ends. '.repeat(4000);
      return JSON.stringify(p);
    },
    says: /claims\[0\]\.summary.*too long/,
  },
];

/** A refusal's issues as "path: message" lines, or null when the reply is not a refusal with issues. */
function issueLines(reply: unknown): string | null {
  if (!isObj(reply) || reply.ok !== false || !Array.isArray(reply.error) || reply.error.length === 0) return null;
  return reply.error.map((i: unknown) => (isObj(i) ? `${String(i.path)}: ${String(i.message)}` : String(i))).join('\n');
}

describe.each(browsersUnderTest())('reliability in %s', (browser) => {
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
  const open = async (path: string, host = FIXTURE_HOST): Promise<DriverPage> => track(await d().open(d().url(host, path)));
  const waitForDialog = (page: DriverPage) =>
    // Open, and past its loading state (the records come from the background, which may be busy).
    waitFor(
      () => page.dialogs(),
      (l) => l.length > 0 && (l[0]?.text.length ?? 0) > 60 && !/Loading the details/.test(l[0]?.text ?? ''),
      'a popup with content',
    ).then((l) => l[0] as { text: string });

  // First in the file: the options page (which the other tests use to talk to the extension)
  // repairs settings as soon as they change, so it must not be open while they are corrupted.
  describe('corrupted settings', () => {
    it('still give the page its badges, and are repaired when the settings are next read', async () => {
      await d().writeStorage('sync', {
        settings: 'garbage',
        [`site:${FIXTURE_HOST}`]: 42,
        [`site:${OTHER_HOST}`]: { mode: 'sideways', links: 'maybe' },
      });
      if (browser === 'chromium') {
        // Written through the service worker, so nothing has read (and repaired) them yet. (Firefox's
        // driver writes storage from the options page, which repairs at once: there this test shows
        // only that the page works during and after the repair.)
        const raw = await d().readStorage('sync', ['settings', `site:${FIXTURE_HOST}`]);
        expect(raw).toEqual({ settings: 'garbage', [`site:${FIXTURE_HOST}`]: 42 });
      }
      const page = await open('/hostile/strict-csp.html');
      await page.waitForBadge('incident', INCIDENT);
      const other = await open('/hostile/rtl.html', OTHER_HOST);
      await other.waitForBadge('incident', INCIDENT);

      // The options page reads the settings, writes the repaired value back and drops unreadable sites.
      await extensionPage(d());
      const repaired = await waitFor(
        () => d().readStorage('sync', null),
        (s) => isObj(s.settings) && !(`site:${FIXTURE_HOST}` in s) && !(`site:${OTHER_HOST}` in s),
        'settings repaired',
      );
      expect(repaired.settings).toEqual(DEFAULT_SETTINGS);
      // The pages follow the repaired settings (still on) and keep their badges.
      await page.settle(600);
      await page.waitForBadge('incident', INCIDENT);
      await other.waitForBadge('incident', INCIDENT);
    });

    it('repairs a settings object field by field, keeping what is valid', async () => {
      await extensionPage(d());
      await d().writeStorage('sync', {
        settings: { version: 1, paused: 'yes', kinds: { incident: true, publisher: 'no', links: false }, highlight: false, minConfidence: 7 },
      });
      const repaired = await waitFor(
        async () => (await d().readStorage('sync', ['settings'])).settings,
        (s) => isObj(s) && s.paused === false,
        'settings repaired by the open options page',
      );
      expect(repaired).toEqual({ ...DEFAULT_SETTINGS, kinds: { ...DEFAULT_SETTINGS.kinds, links: false }, highlight: false });
      const page = await open('/hostile/strict-csp.html');
      await page.waitForBadge('incident', INCIDENT);
      await removeStorage(d(), 'sync', ['settings']);
    });
  });

  describe('messages', () => {
    it('a web page has no way to message the background (no externally_connectable), and posting lookalike messages changes nothing', async () => {
      const manifest: unknown = JSON.parse(readFileSync(join(extensionDirFor(browser).extensionDir ?? DIST_DIR[browser], 'manifest.json'), 'utf8'));
      expect(isObj(manifest) && 'externally_connectable' in manifest).toBe(false);
      const before = await dumpExtensionState(d());
      const page = await open('/hostile/strict-csp.html');
      await page.waitForBadge('incident', INCIDENT);
      const reach = await page.evaluate(() => {
        const g = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } }; browser?: unknown };
        return { runtime: typeof g.chrome?.runtime, sendMessage: typeof g.chrome?.runtime?.sendMessage, browser: typeof g.browser };
      }, null);
      expect(reach).toEqual({ runtime: 'undefined', sendMessage: 'undefined', browser: 'undefined' });
      // The content script listens to the extension only, never to the page's messages.
      await page.evaluate(() => {
        for (const m of [{ type: 'dataset/reset' }, { type: 'pack/remove', name: 'bundled' }, { type: 'findings/get' }, { type: 'pack/import', json: '{}' }]) {
          window.postMessage(m, '*');
          document.dispatchEvent(new CustomEvent('source-context', { detail: m }));
        }
      }, null);
      await page.settle(800);
      expect(await dumpExtensionState(d())).toEqual(before);
      await page.waitForBadge('incident', INCIDENT);
    });

    const REFUSED: { what: string; message: unknown; says: RegExp }[] = [
      { what: 'an unknown type', message: { type: 'records/delete', id: 'ishkobod-2019' }, says: /^refused: malformed or unknown message "records\/delete"/ },
      { what: 'no type', message: { kind: 'incident', id: 'ishkobod-2019' }, says: /^refused: not a message/ },
      { what: 'a string', message: 'records/get', says: /^refused: not a message/ },
      { what: 'an array', message: ['records/get', 'incident'], says: /^refused: not a message/ },
      { what: 'a field of the wrong type', message: { type: 'records/get', kind: 'incident', id: 42 }, says: /^refused: malformed or unknown message "records\/get"/ },
      { what: 'an id that is not an id', message: { type: 'records/get', kind: 'incident', id: '../../settings' }, says: /^refused: malformed/ },
      { what: 'a missing field', message: { type: 'pack/import' }, says: /^refused: malformed or unknown message "pack\/import"/ },
      { what: 'a negative count', message: { type: 'tab/marks', count: -1 }, says: /^refused: malformed/ },
      { what: 'an empty pack name', message: { type: 'pack/remove', name: '' }, says: /^refused: malformed or unknown message "pack\/remove"/ },
      { what: 'a content-script message sent to the background', message: { type: 'findings/get' }, says: /^refused: "findings\/get" is not handled by the background/ },
    ];
    it.each(REFUSED)('an extension page sending $what gets a clear refusal', async ({ message, says }) => {
      const reply = await sendFromExtensionPage(d(), message);
      expect(reply).toMatchObject({ ok: false });
      expect(isObj(reply) ? String(reply.error) : '').toMatch(says);
    });

    it('a well-formed message still gets its answer', async () => {
      const reply = await sendFromExtensionPage(d(), { type: 'records/get', kind: 'incident', id: INCIDENT });
      expect(reply).toMatchObject({ ok: true, value: { kind: 'incident', incident: { id: INCIDENT } } });
    });
  });

  describe('packs', () => {
    it('shows markup in a pack\u2019s strings as inert text in the real popup', async () => {
      const imported = await sendFromExtensionPage(d(), { type: 'pack/import', json: JSON.stringify(testPack()) });
      expect(imported, 'the test pack is valid').toMatchObject({ ok: true });
      try {
        const page = await open('/hostile/pack-markup.html');
        await page.waitForBadge('incident', PACK_INCIDENT, 8000);
        const title = await page.evaluate(() => document.title, null);
        await page.click(BADGE('incident', PACK_INCIDENT));
        const dialog = await waitForDialog(page);
        // The markup is there, character for character, as text.
        expect(dialog.text).toContain('<b>nobody</b>');
        expect(dialog.text).toContain("<script>document.title='injected'</script>");
        expect(dialog.text).toContain('<img src="x"');
        await page.settle(500);
        expect(await page.evaluate(() => document.title, null)).toBe(title);
        const inside = await inspectOurUi(page, (...roots) => {
          const els = roots.flatMap((r) => Array.from(r.querySelectorAll('img, script, iframe, object, embed, b')));
          const hrefs = roots.flatMap((r) => Array.from(r.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''));
          return { elements: els.map((e) => e.localName), hrefs };
        });
        expect(inside.elements, 'elements made from dataset markup').toEqual([]);
        expect(inside.hrefs.filter((h) => !/^https?:\/\//.test(h)), 'links that are not http(s)').toEqual([]);
      } finally {
        const removed = await sendFromExtensionPage(d(), { type: 'pack/remove', name: PACK_NAME });
        expect(removed).toMatchObject({ ok: true });
      }
    });

    it.each(BAD_PACKS)('refuses a pack with $what, says why, and leaves the index and IndexedDB as they were', async ({ json, says }) => {
      const before = await dumpExtensionState(d());
      const reply = await sendFromExtensionPage(d(), { type: 'pack/import', json: json() });
      const lines = issueLines(reply);
      expect(lines, `a refusal listing the problems, got ${JSON.stringify(reply).slice(0, 300)}`).not.toBeNull();
      expect(lines).toMatch(says);
      expect(await dumpExtensionState(d())).toEqual(before);
    });

    it('refuses a pack that would be over 64 MiB as sent, with a clear message, and leaves everything as it was', async () => {
      const before = await dumpExtensionState(d());
      const helper = await extensionPage(d());
      // Built in the extension page: 64 MiB would be slow to hand over from the test process. Fewer
      // characters than the limit, but its escaped quotes take it over once the message is JSON.
      const json = await helper.evaluate(async (limit) => {
        const head = '{"schemaVersion":1,"contentVersion":"2026.11.20","name":"huge","padding":"';
        const escapes = '\\"'.repeat(200);
        const text = `${head}${'x'.repeat(limit - 100 - head.length - escapes.length - 2)}${escapes}"}`;
        try {
          return JSON.stringify({ chars: text.length, reply: await chrome.runtime.sendMessage({ type: 'pack/import', json: text }) });
        } catch (e) {
          return JSON.stringify({ thrown: e instanceof Error ? e.message : String(e) });
        }
      }, MAX_PACK_BYTES);
      const got: unknown = JSON.parse(json);
      if (browser === 'chromium') {
        // Chromium refuses it before it leaves the page. The options page never sends one: it checks
        // the file's size and then the text, as sent (see panel-options.e2e.ts).
        expect(isObj(got) && got.thrown, json.slice(0, 300)).toMatch(/exceeded maximum allowed size of 64MiB/);
      } else {
        // Firefox carries it; the background refuses it before parsing.
        expect(isObj(got) && got.chars, json.slice(0, 300)).toBe(MAX_PACK_BYTES - 100);
        expect(isObj(got) && got.reply).toEqual({
          ok: false,
          error: [{ path: '(file)', message: 'too large: 64.0 MiB as sent, with quotes, backslashes and line breaks escaped; packs are limited to 64 MiB' }],
        });
      }
      expect(await dumpExtensionState(d())).toEqual(before);
    });
  });

  // Last: after the worker is stopped, the driver's own storage helpers may still address the old one.
  describe('a stopped service worker', () => {
    it.skipIf(browser !== 'chromium')('is woken by a badge click, and the popup shows the claims and the publisher\u2019s own words', async () => {
      const facts = await readBundledFacts(INCIDENT);
      const page = await open('/hostile/rtl.html');
      await page.waitForBadge('incident', INCIDENT);
      await page.waitForBadge('publisher', 'hizb-ut-tahrir-cmo');
      await page.settle(800);
      await stopServiceWorker(d());
      expect(await isWorkerRunning(d())).toBe(false);

      await page.click(BADGE('incident', INCIDENT));
      const official = facts.claimants.get('official') ?? [];
      const disputing = [...(facts.claimants.get('doubt') ?? []), ...(facts.claimants.get('alternative') ?? [])];
      // The popup shows "Loading" while the worker starts; then the claims, not an error or nothing.
      const dialog = await waitFor(
        () => page.dialogs().then((l) => l[0]?.text ?? ''),
        (t) => official.some((n) => t.includes(n)),
        'the claims in the popup',
        10_000,
      );
      expect(disputing.some((n) => dialog.includes(n)), `a disputing claimant in: ${dialog.slice(0, 300)}`).toBe(true);
      expect(await isWorkerRunning(d()), 'the click woke the worker').toBe(true);

      // Stopped again while the page stays open: the next badge's popup wakes it again.
      await page.press('Escape');
      await stopServiceWorker(d());
      await page.click(BADGE('publisher', 'hizb-ut-tahrir-cmo'));
      const quotes = facts.affiliation.get('hizb-ut-tahrir-cmo') ?? [];
      expect(quotes.length).toBeGreaterThan(0);
      await waitFor(
        () => page.dialogs().then((l) => l[0]?.text ?? ''),
        (t) => quotes.some((q) => t.includes(q)),
        'the publisher\u2019s own words in the popup',
        10_000,
      );
    });
  });
});
