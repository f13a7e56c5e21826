/**
 * The in-page experience as a reader meets it, in Chromium and Firefox, against the built extension:
 * the badge (name, highlight, print), the popup by keyboard (open, trap, close, focus back), what the
 * popup says (claims by kind with who, when, where and what each disputes; key figures side by side;
 * a publisher's own words apart from third-party context; why it is marked; hide on this site), how
 * it looks anywhere (dark, dark pages, reduced motion, short viewports, scroll, resize, zoom, large
 * fonts, right-to-left), the page banner, an axe-core check of every popup state, and the Russian UI.
 * `SCREENSHOTS=1` also writes the README's pictures to tests/demo/readme/.
 *
 * Longer than our usual file: it is one issue's acceptance list, and its tests share the page probes
 * defined at the top. Where a browser differs, the test says so.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AxeResults, ContextObject, RunOptions } from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteKey } from '../../src/core/settings.ts';
import { guardEachTest } from './harness/expectations.ts';
import { extensionDirFor, inspectOurUi, removeStorage, waitFor } from './harness/extras.ts';
import { browsersUnderTest, FIXTURE_HOST, launchDriver, OTHER_HOST, PUBLISHER_HOSTS, REPO_ROOT, type Driver, type DriverPage } from './harness/index.ts';
import { emulateMedia, hasChromiumLocale, resetMedia, screenshotRect, setDefaultFontSize, setViewport, setZoom, switchFirefoxLocale } from './harness/media.ts';
import { FIXTURES_DIR } from './harness/server.ts';

const INCIDENT = 'ishkobod-2019';
const BADGE = (kind: string, id: string): string => `source-context-badge[data-kind="${kind}"][data-id="${id}"]`;
const SEEDS = [
  { seed: '000', publisher: 'hizb-ut-tahrir-cmo' },
  { seed: '003', publisher: 'global-research' },
] as const;
const SCREENSHOTS = process.env.SCREENSHOTS === '1';
const README_SHOTS = join(REPO_ROOT, 'tests/demo/readme');

// --- what the bundled data and the English messages say ------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

interface ClaimFact {
  id: string;
  kind: string;
  claimant: string;
  date: string;
  url: string;
  disputes: string[];
}
interface Facts {
  title: string;
  claims: ClaimFact[];
  figures: { label: string; values: string[] }[];
  publishers: Map<string, { name: string; aliases: string[]; own: { quote: string; where: string }[]; thirdParty: string[] }>;
  en: Record<string, string>;
  ru: Record<string, string>;
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(join(REPO_ROOT, path), 'utf8')) as unknown;
}

function messages(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(raw)) for (const [k, v] of Object.entries(raw)) if (isObj(v)) out[k] = str(v.message);
  return out;
}

/** The dataset (src/data/dataset.json) and locales, read as data: tests follow them instead of copying them. */
async function readFacts(): Promise<Facts> {
  const data = await readJson('src/data/dataset.json');
  if (!isObj(data)) throw new Error('dataset.json is not an object');
  const incident = list(data.incidents).find((i) => isObj(i) && i.id === INCIDENT);
  if (!isObj(incident)) throw new Error(`no incident ${INCIDENT}`);
  const claimIds = new Set(list(incident.claimIds).map(str));
  const claims: ClaimFact[] = list(data.claims)
    .filter((c): c is Obj => isObj(c) && claimIds.has(str(c.id)))
    .map((c) => ({
      id: str(c.id),
      kind: str(c.kind),
      claimant: isObj(c.claimant) ? str(c.claimant.name) : '',
      date: str(c.date),
      url: isObj(c.source) ? str(c.source.url) : '',
      disputes: list(c.relations).flatMap((r) => (isObj(r) && r.type === 'disputes' ? [str(r.claimId)] : [])),
    }));
  const figures = list(incident.keyFigures).flatMap((f) =>
    isObj(f) ? [{ label: str(f.label), values: list(f.values).flatMap((v) => (isObj(v) ? [str(v.value)] : [])) }] : [],
  );
  const publishers: Facts['publishers'] = new Map();
  for (const p of list(data.publishers)) {
    if (!isObj(p)) continue;
    publishers.set(str(p.id), {
      name: str(p.name),
      aliases: list(p.aliases).map((a) => (isObj(a) ? str(a.text) : str(a))),
      own: list(p.statedAffiliation).flatMap((s) => (isObj(s) ? [{ quote: str(s.quote), where: str(s.where) }] : [])),
      thirdParty: list(p.thirdParty).flatMap((t) => (isObj(t) ? [str(t.text)] : [])),
    });
  }
  return {
    title: str(incident.title),
    claims,
    figures,
    publishers,
    en: messages(await readJson('assets/_locales/en/messages.json')),
    ru: messages(await readJson('assets/_locales/ru/messages.json')),
  };
}

/** A message with its `$NAME$` placeholders filled in order (each of ours has one at most). */
function fill(template: string | undefined, ...subs: string[]): string {
  if (template === undefined) throw new Error('missing message');
  let i = 0;
  return template.replace(/\$[A-Z_]+\$/g, () => subs[i++] ?? '');
}

const KIND_MESSAGE: Record<string, string> = {
  official: 'page_kindOfficial',
  responsibility: 'page_kindResponsibility',
  doubt: 'page_kindDoubt',
  alternative: 'page_kindAlternative',
  context: 'page_kindContext',
};

// --- probes run inside the page (serialized: self-contained, no outer names) ---------------------

interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}

interface PopupView {
  dialog: Box;
  viewport: { width: number; height: number };
  fontSize: number;
  color: string;
  background: string;
  /** A date in a claim (muted text) and a link, when there are any. */
  mutedColor: string | null;
  linkColor: string | null;
  animation: string;
  /** Description of the element focused inside our UI ('' when none). */
  focused: string;
  /** How many controls Tab can reach in the dialog (links in a closed disclosure are not among them). */
  controls: number;
}

/** The open popup's dialog, as laid out and styled; null when no popup is open. */
function probePopup(...roots: ShadowRoot[]): PopupView | null {
  for (const root of roots) {
    const dialog = root.querySelector('[role="dialog"]');
    if (!(dialog instanceof HTMLElement)) continue;
    const r = dialog.getBoundingClientRect();
    const cs = getComputedStyle(dialog);
    const time = dialog.querySelector('li time');
    const link = dialog.querySelector('a[href]');
    const active = root.activeElement;
    return {
      dialog: { top: r.top, left: r.left, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
      fontSize: parseFloat(cs.fontSize),
      color: cs.color,
      background: cs.backgroundColor,
      mutedColor: time ? getComputedStyle(time).color : null,
      linkColor: link ? getComputedStyle(link).color : null,
      animation: cs.animationName,
      focused: active ? `${active.localName}|${active.getAttribute('aria-label') ?? (active.textContent ?? '').trim().slice(0, 40)}` : '',
      controls: [...dialog.querySelectorAll('a[href], button:not([disabled]), summary, [tabindex]:not([tabindex="-1"])')].filter(
        (el) => el !== dialog && el.checkVisibility(),
      ).length,
    };
  }
  return null;
}

/** The disclosure holding the focused element (its summary), or null when focus is elsewhere. */
function probeFocusedDisclosure(...roots: ShadowRoot[]): { open: boolean; summary: string; links: string[] } | null {
  for (const root of roots) {
    const details = root.activeElement?.localName === 'summary' ? root.activeElement.parentElement : null;
    if (!(details instanceof HTMLDetailsElement)) continue;
    return {
      open: details.open,
      summary: (details.querySelector('summary')?.textContent ?? '').trim(),
      // A closed disclosure's content keeps its boxes in Chromium (content-visibility), so ask what is shown.
      links: [...details.querySelectorAll('a[href]')].filter((a) => a.checkVisibility()).map((a) => (a as HTMLAnchorElement).href),
    };
  }
  return null;
}

interface ClaimView {
  id: string;
  group: string;
  text: string;
  dates: string[];
  links: string[];
}

/** Every claim item of the open popup with its group heading, text, dates and links. */
function probeClaims(...roots: ShadowRoot[]): ClaimView[] {
  const out: ClaimView[] = [];
  for (const root of roots) {
    for (const li of Array.from(root.querySelectorAll('[role="dialog"] li[data-claim-id]'))) {
      out.push({
        id: li.getAttribute('data-claim-id') ?? '',
        group: (li.closest('section')?.querySelector('h3')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
        text: (li.textContent ?? '').replace(/\s+/g, ' ').trim(),
        dates: Array.from(li.querySelectorAll('time')).map((t) => t.getAttribute('datetime') ?? ''),
        links: Array.from(li.querySelectorAll('a[href]')).map((a) => (a as HTMLAnchorElement).href),
      });
    }
  }
  return out;
}

/** Per key figure (a `dt` of the popup's description list): how many of its values share the first row. */
function probeFigures(...roots: ShadowRoot[]): { label: string; values: number; onFirstRow: number }[] {
  for (const root of roots) {
    const dl = root.querySelector('[role="dialog"] dl');
    if (!dl) continue;
    return Array.from(dl.querySelectorAll('dt')).map((dt) => {
      const items = Array.from(dt.nextElementSibling?.querySelectorAll('li') ?? []);
      const firstTop = items[0] ? Math.round(items[0].getBoundingClientRect().top) : 0;
      return {
        label: (dt.textContent ?? '').trim(),
        values: items.length,
        onFirstRow: items.filter((li) => Math.abs(Math.round(li.getBoundingClientRect().top) - firstTop) <= 1).length,
      };
    });
  }
  return [];
}

interface BadgeLook {
  kind: string;
  label: string;
  fontSize: number;
  height: number;
  background: string;
  radius: string;
}

/** Each badge's button: accessible label, size and look. */
function probeBadges(...roots: ShadowRoot[]): BadgeLook[] {
  return roots.flatMap((root) => {
    const b = root.querySelector('button[aria-haspopup="dialog"]');
    const host = root.host;
    if (!b || host.localName !== 'source-context-badge') return [];
    const cs = getComputedStyle(b);
    return [
      {
        kind: host.getAttribute('data-kind') ?? '',
        label: b.getAttribute('aria-label') ?? '',
        fontSize: parseFloat(cs.fontSize),
        height: b.getBoundingClientRect().height,
        background: cs.backgroundColor,
        radius: cs.borderTopLeftRadius,
      },
    ];
  });
}

// --- colour arithmetic (WCAG 2 relative luminance) ------------------------------------------------

function rgbOf(css: string): [number, number, number] {
  const m = /rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)/.exec(css);
  if (!m) throw new Error(`not an rgb() colour: ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
function luminance(css: string): number {
  const [r, g, b] = rgbOf(css).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

// --- the UI playground, built for the axe-core checks ---------------------------------------------

const PLAYGROUND_DIR = 'built-playground';
const PLAYGROUND_PATH = `/${PLAYGROUND_DIR}/tests/fixtures/ui-playground.html`;

/**
 * A served root: every entry of tests/fixtures linked in, plus the UI playground built by vite (its
 * page imports TypeScript and JSON, which only a bundler serves). The playground opens its shadow
 * roots by default, so axe-core can look inside them; the extension ships them closed.
 */
async function prepareRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sc-in-page-'));
  try {
    for (const entry of await readdir(FIXTURES_DIR)) await symlink(join(FIXTURES_DIR, entry), join(root, entry));
    const { build } = await import('vite');
    await build({
      configFile: false,
      logLevel: 'error',
      root: REPO_ROOT,
      base: './',
      publicDir: false,
      build: {
        outDir: join(root, PLAYGROUND_DIR),
        emptyOutDir: true,
        target: 'es2022',
        minify: false,
        modulePreload: false,
        copyPublicDir: false,
        rollupOptions: { input: join(FIXTURES_DIR, 'ui-playground.html') },
      },
    });
  } catch (e) {
    await rm(root, { recursive: true, force: true });
    throw e;
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

interface AxeViolation {
  id: string;
  impact: string;
  nodes: string[];
}

/** axe-core's findings within our elements (popup, badges, banner): violations, and the rules that passed. */
async function runAxe(page: DriverPage, source: string): Promise<{ violations: AxeViolation[]; passed: string[] }> {
  await page.evaluate((src: string) => {
    if ('axe' in window) return;
    const script = document.createElement('script');
    script.textContent = src;
    document.head.append(script);
    script.remove();
  }, source);
  const json = await page.evaluate(async () => {
    type Axe = { run(context: ContextObject, options: RunOptions): Promise<AxeResults> };
    const axe = (window as unknown as { axe: Axe }).axe;
    const results = await axe.run(
      { include: [['source-context-popup'], ['source-context-badge'], ['source-context-banner']] },
      { resultTypes: ['violations'] },
    );
    return JSON.stringify({
      violations: results.violations.map((v) => ({ id: v.id, impact: v.impact ?? '', nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary ?? ''}`) })),
      passed: results.passes.map((p) => p.id),
    });
  }, null);
  return JSON.parse(json) as { violations: AxeViolation[]; passed: string[] };
}

// --- the tests ------------------------------------------------------------------------------------

describe.each(browsersUnderTest())('in-page experience in %s', (browser) => {
  let driver: Driver | undefined;
  let served: { root: string; cleanup: () => Promise<void> } | undefined;
  let facts: Facts;
  const d = (): Driver => {
    if (!driver) throw new Error('browser did not start');
    return driver;
  };
  beforeAll(async () => {
    facts = await readFacts();
    served = await prepareRoot();
    driver = await launchDriver(browser, { root: served.root, ...extensionDirFor(browser) });
  });
  afterAll(async () => {
    await driver?.close();
    await served?.cleanup();
  });
  const { track } = guardEachTest(() => driver);
  const open = async (host: string, path: string): Promise<DriverPage> => track(await d().open(d().url(host, path)));
  const claimCount = (): number => facts.claims.length;
  const incidentLabel = (): string => fill(facts.en.page_badgeIncident_other, String(claimCount()));

  /**
   * The open popup, once its record has arrived: its text then holds `shows` (dataset text, English
   * in every UI language); by default the first claimant of the incident.
   */
  const waitForPopup = async (page: DriverPage, shows = facts.claims[0]?.claimant ?? '?') => {
    const [dialog] = await waitFor(
      () => page.dialogs(),
      (l) => (l[0]?.text ?? '').includes(shows),
      `a popup showing “${shows}”`,
      8000,
    );
    if (!dialog) throw new Error('no dialog');
    return dialog;
  };
  const popup = async (page: DriverPage): Promise<PopupView> => {
    const view = await inspectOurUi(page, probePopup);
    if (!view) throw new Error('no popup open');
    return view;
  };
  /**
   * The popup once it stands still: read until two readings a frame apart agree (its opening
   * transition, or a placement after a scroll, can still be moving it on a loaded machine).
   */
  const stillPopup = async (page: DriverPage): Promise<PopupView> => {
    let last = await popup(page);
    for (let i = 0; i < 40; i++) {
      await frames(page);
      const next = await popup(page);
      if (Math.abs(next.dialog.top - last.dialog.top) < 0.5 && Math.abs(next.dialog.bottom - last.dialog.bottom) < 0.5) return next;
      last = next;
    }
    return last;
  };
  /** Waits two frames, so the popup has been placed after a scroll or resize. */
  const frames = (page: DriverPage): Promise<void> =>
    page.evaluate(() => new Promise<void>((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok()))), null);
  const hostBox = (page: DriverPage, selector: string): Promise<Box> =>
    page.evaluate((sel: string) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`no ${sel}`);
      const r = el.getBoundingClientRect();
      return { top: r.top, left: r.left, right: r.right, bottom: r.bottom, width: r.width, height: r.height };
    }, selector);
  const expectInside = (v: PopupView): void => {
    expect(v.dialog.top, 'dialog top inside the viewport').toBeGreaterThanOrEqual(0);
    expect(v.dialog.left, 'dialog left inside the viewport').toBeGreaterThanOrEqual(0);
    expect(v.dialog.bottom, 'dialog bottom inside the viewport').toBeLessThanOrEqual(v.viewport.height);
    expect(v.dialog.right, 'dialog right inside the viewport').toBeLessThanOrEqual(v.viewport.width);
  };
  const openIncidentPopupByKeyboard = async (page: DriverPage): Promise<void> => {
    await page.waitForBadge('incident', INCIDENT, 8000);
    expect(await page.tabToBadge('incident', INCIDENT), 'Tab reaches the incident badge').toBe(true);
    await page.press('Enter');
    await waitForPopup(page);
  };
  const closePopup = async (page: DriverPage): Promise<void> => {
    await page.press('Escape');
    await waitFor(() => page.dialogs(), (l) => l.length === 0, 'the popup closed');
  };
  /** Runs `fn` with the site's setting as it is now, and writes that setting back afterwards. */
  const keepingSiteSetting = async (host: string, fn: () => Promise<void>): Promise<void> => {
    const key = `site:${siteKey(host)}`;
    const before = (await d().readStorage('sync', [key]))[key];
    try {
      await fn();
    } finally {
      if (before === undefined) await removeStorage(d(), 'sync', [key]);
      else await d().writeStorage('sync', { [key]: before });
    }
  };

  describe.each(SEEDS)('seed $seed on its publisher’s host', ({ seed, publisher }) => {
    const host = PUBLISHER_HOSTS[publisher];
    const site = siteKey(host);

    it('names the badges for screen readers: the disputed incident with its claim count, and the publisher', async () => {
      const page = await open(host, `/seed/${seed}`);
      await page.waitForBadge('incident', INCIDENT, 8000);
      await page.waitForBadge('publisher', publisher, 8000);
      const labels = (await inspectOurUi(page, probeBadges)).map((b) => `${b.kind}: ${b.label}`);
      const incident = labels.filter((l) => l.startsWith('incident: ')).map((l) => l.slice('incident: '.length));
      expect(incident.length).toBeGreaterThan(0);
      for (const label of incident) expect(label).toMatch(/^Source context: disputed incident, \d+ claims$/);
      expect(incident[0]).toBe(incidentLabel());
      // The name as the accessibility tree (Chromium) or its DOM stand-in (Firefox) gives it.
      expect(await page.control('button', incidentLabel())).toMatchObject({ role: 'button' });
      const p = facts.publishers.get(publisher);
      const names = [p?.name ?? '', ...(p?.aliases ?? [])].map((n) => fill(facts.en.page_badgePublisher, n));
      const found: string[] = [];
      for (const name of names) if (await page.control('button', name)) found.push(name);
      expect(found.length, `a publisher badge named one of ${JSON.stringify(names.slice(0, 3))}…; labels: ${JSON.stringify(labels)}`).toBeGreaterThan(0);
    });

    it('opens from the keyboard: Tab reaches the badge, Enter opens a dialog named after the incident, Escape closes it and returns focus to the badge', async () => {
      const page = await open(host, `/seed/${seed}`);
      await page.waitForBadge('incident', INCIDENT, 8000);
      expect(await page.tabToBadge('incident', INCIDENT), 'Tab reaches the incident badge').toBe(true);
      expect(await page.dialogs()).toEqual([]);
      await page.press('Enter');
      const dialog = await waitForPopup(page);
      expect(dialog.name).toBe(facts.title);
      // Focus moved into the dialog (its host is the page's active element; the rest is in a closed root).
      expect(await page.evaluate(() => document.activeElement?.localName ?? null, null)).toBe('source-context-popup');
      await closePopup(page);
      expect(await page.evaluate((sel: string) => document.activeElement?.matches(sel) ?? false, BADGE('incident', INCIDENT)), 'focus is back on the badge').toBe(true);
      expect(await page.control('button', incidentLabel()), 'the badge says its popup is closed').not.toBeNull();
    });

    it('opens with Space too', async () => {
      const page = await open(host, `/seed/${seed}`);
      await page.waitForBadge('incident', INCIDENT, 8000);
      expect(await page.tabToBadge('incident', INCIDENT)).toBe(true);
      // ' ' rather than 'Space': the Firefox driver's keyboard (puppeteer over BiDi) knows only the character.
      await page.press(' ');
      expect((await waitForPopup(page)).name).toBe(facts.title);
    });

    it('keeps Tab and Shift+Tab inside the open popup, wrapping from the last control to the first', async () => {
      const page = await open(host, `/seed/${seed}`);
      await openIncidentPopupByKeyboard(page);
      const seen: string[] = [];
      // Enough presses to come round once and a little more, however many claims the dataset holds.
      const { controls } = await popup(page);
      expect(controls).toBeGreaterThan(2);
      for (let i = 0; i < controls + 3; i++) {
        await page.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.localName ?? null, null), `after Tab ${i + 1}`).toBe('source-context-popup');
        seen.push((await popup(page)).focused);
      }
      expect(seen.every((s) => s !== ''), `focus is on a control each time: ${JSON.stringify(seen)}`).toBe(true);
      // The cycle: after as many presses as there are controls, the first comes round again.
      const period = seen.indexOf(seen[0] ?? '', 1);
      expect(period, `the focus order wraps: ${JSON.stringify(seen)}`).toBeGreaterThan(2);
      expect(seen.slice(period, period * 2)).toEqual(seen.slice(0, Math.min(period, seen.length - period)));
      for (let i = 0; i < 5; i++) {
        await page.press('Shift+Tab');
        expect(await page.evaluate(() => document.activeElement?.localName ?? null, null), `after Shift+Tab ${i + 1}`).toBe('source-context-popup');
      }
    });

    it('lists every claim of the dataset, grouped by kind, each with claimant, date, where published and what it disputes', async () => {
      const page = await open(host, `/seed/${seed}`);
      await openIncidentPopupByKeyboard(page);
      const dialog = await waitForPopup(page);
      expect(dialog.text, 'no untranslated message key').not.toMatch(/\bpage_[A-Za-z]+/);
      for (const c of facts.claims) expect(dialog.text, `claimant ${c.claimant}`).toContain(c.claimant);
      const kinds = [...new Set(facts.claims.map((c) => c.kind))];
      for (const k of kinds) expect(dialog.text, `group heading for ${k}`).toContain(facts.en[KIND_MESSAGE[k] ?? ''] ?? `?${k}`);

      const shown = await inspectOurUi(page, probeClaims);
      expect(shown.map((c) => c.id).sort()).toEqual(facts.claims.map((c) => c.id).sort());
      const byId = new Map(facts.claims.map((c) => [c.id, c]));
      for (const view of shown) {
        const c = byId.get(view.id);
        if (!c) continue;
        expect(view.group, `${c.id} sits under its kind`).toContain(facts.en[KIND_MESSAGE[c.kind] ?? ''] ?? '?');
        expect(view.text).toContain(c.claimant);
        expect(view.dates, `${c.id} is dated`).toContain(c.date);
        if (c.url) expect(view.links, `${c.id} links where it was published`).toContain(new URL(c.url).href);
        for (const other of c.disputes) {
          expect(view.text, `${c.id} says it disputes ${other}`).toContain(facts.en.page_relDisputes ?? '?');
          expect(view.text).toContain(byId.get(other)?.claimant ?? `?${other}`);
        }
      }
    });

    it('offers each claim’s further publications in a disclosure that opens from the keyboard, and says when the context was reviewed', async () => {
      const page = await open(host, `/seed/${seed}`);
      await openIncidentPopupByKeyboard(page);
      const dialog = await waitForPopup(page);
      const reviewed = fill(facts.en.page_reviewed, 'Dec 1, 2026');
      expect(dialog.text).toContain(reviewed);
      const { controls } = await popup(page);
      const also = (facts.en.page_alsoReported ?? '?').split('(')[0]?.trim() ?? '?';
      let found: { open: boolean; summary: string; links: string[] } | null = null;
      for (let i = 0; i < controls && !found; i++) {
        await page.press('Tab');
        const d = await inspectOurUi(page, probeFocusedDisclosure);
        if (d?.summary.startsWith(also)) found = d;
      }
      if (!found) throw new Error('Tab never reached an “Also reported by” disclosure');
      expect(found.open).toBe(false);
      expect(found.links).toEqual([]);
      await page.press('Enter');
      const opened = await inspectOurUi(page, probeFocusedDisclosure);
      expect(opened?.open).toBe(true);
      expect(opened?.links.length).toBeGreaterThan(0);
      await page.press(' ');
      expect((await inspectOurUi(page, probeFocusedDisclosure))?.open).toBe(false);
    });

    it('shows the key figures with their values side by side', async () => {
      const page = await open(host, `/seed/${seed}`);
      await openIncidentPopupByKeyboard(page);
      const dialog = await waitForPopup(page);
      expect(dialog.text).toContain(facts.en.page_keyFigures ?? '?');
      for (const f of facts.figures) for (const v of f.values) expect(dialog.text).toContain(v);
      const figures = await inspectOurUi(page, probeFigures);
      expect(figures.map((f) => f.label)).toEqual(facts.figures.map((f) => f.label));
      // Values of a figure share a row (the popup is wide enough for two at least).
      for (const f of figures) if (f.values > 1) expect(f.onFirstRow, `${f.label}: values on the first row`).toBeGreaterThanOrEqual(2);
    });

    it('says why the text is marked and offers “hide on this site” for this site', async () => {
      const page = await open(host, `/seed/${seed}`);
      await openIncidentPopupByKeyboard(page);
      const dialog = await waitForPopup(page);
      expect(dialog.text).toContain(facts.en.page_whyMarked ?? '?');
      expect(await page.control('button', fill(facts.en.page_hideOnSite, site))).toMatchObject({ role: 'button' });
    });

    it('the publisher popup quotes its stated affiliation and where it appears, then third-party context in its own labelled section', async () => {
      const p = facts.publishers.get(publisher);
      if (!p) throw new Error(`no publisher ${publisher} in the dataset`);
      const page = await open(host, `/seed/${seed}`);
      await page.waitForBadge('publisher', publisher, 8000);
      await page.click(BADGE('publisher', publisher));
      const dialog = await waitForPopup(page, p.own[0]?.quote);
      expect(dialog.name).toBe(p.name);
      const at = (s: string): number => dialog.text.indexOf(s.replace(/\s+/g, ' ').trim());
      const ownHeading = at(facts.en.page_ownWords ?? '?');
      const thirdHeading = at(facts.en.page_thirdParty ?? '?');
      expect(ownHeading).toBeGreaterThanOrEqual(0);
      expect(thirdHeading).toBeGreaterThan(ownHeading);
      for (const own of p.own) {
        expect(at(own.quote), `quote "${own.quote.slice(0, 40)}…" under its own words`).toBeGreaterThan(ownHeading);
        expect(at(own.quote)).toBeLessThan(thirdHeading);
        if (own.where) expect(dialog.text).toContain(fill(facts.en.page_whereItAppears, own.where));
      }
      for (const text of p.thirdParty) expect(at(text), `third-party "${text.slice(0, 40)}…" after its heading`).toBeGreaterThan(thirdHeading);
      expect(dialog.text).toContain(facts.en.page_thirdPartyNote ?? '?');
      expect(await page.control('region', facts.en.page_thirdParty ?? '?'), 'third-party context is a region of its own').not.toBeNull();
    });

    it('shows a slim page banner naming the publisher', async () => {
      const page = await open(host, `/seed/${seed}`);
      await page.waitForBadge('incident', INCIDENT, 8000);
      const box = await waitFor(
        () => page.evaluate(() => document.querySelector('source-context-banner')?.getBoundingClientRect().toJSON() as Box | undefined, null),
        (b) => (b?.height ?? 0) > 0,
        'the banner',
      );
      const p = facts.publishers.get(publisher);
      expect(await page.control('region', facts.en.page_bannerLabel ?? '?')).not.toBeNull();
      // Slim: at most a few lines at the article's width (the publisher's quote wraps).
      expect(box?.height ?? 0, 'banner height (px)').toBeLessThanOrEqual(110);
      await page.clickControl('button', facts.en.page_bannerMore ?? '?');
      expect((await waitForPopup(page, p?.own[0]?.quote)).name).toBe(p?.name);
    });
  });

  describe('on seed 000', () => {
    const host = PUBLISHER_HOSTS['hizb-ut-tahrir-cmo'];
    const site = siteKey(host);

    it('highlights the matched text with the CSS Custom Highlight API', async () => {
      const page = await open(host, '/seed/000');
      await page.waitForBadge('incident', INCIDENT, 8000);
      const hl = await page.evaluate(() => {
        const registry = (CSS as unknown as { highlights?: Map<string, { size: number }> }).highlights;
        return { has: registry?.has('source-context-incident') ?? false, size: registry?.get('source-context-incident')?.size ?? 0 };
      }, null);
      expect(hl.has).toBe(true);
      expect(hl.size).toBeGreaterThanOrEqual(1);
    });

    it('badges are small and legible, and incident and publisher badges differ in colour and shape', async () => {
      const page = await open(host, '/seed/000');
      await page.waitForBadge('publisher', 'hizb-ut-tahrir-cmo', 8000);
      await page.waitForBadge('incident', INCIDENT, 8000);
      const looks = await inspectOurUi(page, probeBadges);
      const lines = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll('source-context-badge')).map((b) => {
            const cs = getComputedStyle(b.parentElement ?? document.body);
            const lh = parseFloat(cs.lineHeight);
            return Number.isFinite(lh) ? lh : parseFloat(cs.fontSize) * 1.2;
          }),
        null,
      );
      for (const [i, b] of looks.entries()) {
        expect(b.fontSize, `${b.kind} badge text size`).toBeGreaterThanOrEqual(11);
        expect(b.height, `${b.kind} badge no taller than its line`).toBeLessThanOrEqual((lines[i] ?? 0) + 0.5);
      }
      const incident = looks.find((b) => b.kind === 'incident');
      const publisher = looks.find((b) => b.kind === 'publisher');
      expect(incident?.background).not.toBe(publisher?.background);
      expect(incident?.radius).not.toBe(publisher?.radius);
    });

    it('hides badges and the banner in print', async () => {
      const page = await open(host, '/seed/000');
      await page.waitForBadge('incident', INCIDENT, 8000);
      await waitFor(() => page.evaluate(() => document.querySelectorAll('source-context-banner').length, null), (n) => n > 0, 'the banner');
      const displays = () =>
        page.evaluate(() => Array.from(document.querySelectorAll('source-context-badge, source-context-banner')).map((el) => `${el.localName}: ${getComputedStyle(el).display}`), null);
      expect((await displays()).every((s) => !s.endsWith(': none'))).toBe(true);
      await emulateMedia(page, { media: 'print' });
      try {
        const printed = await displays();
        expect(printed.filter((s) => !s.endsWith(': none')), 'elements of ours still shown in print').toEqual([]);
      } finally {
        await resetMedia(page);
      }
    });

    it('“Hide on this site” removes the badges from the open page at once and offers Undo, which puts them back', async () => {
      await keepingSiteSetting(host, async () => {
        const page = await open(host, '/seed/000');
        await openIncidentPopupByKeyboard(page);
        const before = await d().readStorage('sync', [`site:${site}`]);
        await page.clickControl('button', fill(facts.en.page_hideOnSite, site));
        await waitFor(() => page.badges(), (b) => b.length === 0, 'no badges left');
        expect(await d().readStorage('sync', [`site:${site}`])).toMatchObject({ [`site:${site}`]: { mode: 'off' } });
        // One click is not final (a page could have put a decoy over the button): the popup says so and offers Undo.
        expect(await page.dialogs(), 'the popup stays, to offer Undo').toHaveLength(1);
        await page.clickControl('button', fill(facts.en.page_undoHide));
        await page.waitForBadge('incident', INCIDENT, 8000);
        expect(await d().readStorage('sync', [`site:${site}`]), 'the site’s setting as it was').toEqual(before);
        await waitFor(() => page.dialogs(), (list) => list.length === 0, 'the popup closed after Undo');
      });
    });

    it('keeps the popup open and the badges in place while the page shows and removes a tooltip of its own', async () => {
      const page = await open(host, '/seed/000');
      await openIncidentPopupByKeyboard(page);
      await page.settle(300);
      await page.evaluate(() => {
        (window as unknown as { firstBadge: Element | null }).firstBadge = document.querySelector('source-context-badge');
        // What a "Copied!" tooltip or a cookie notice does: an element of the page's own in <body>, gone soon after.
        const tip = document.createElement('div');
        tip.textContent = 'Link copied';
        document.body.append(tip);
        setTimeout(() => tip.remove(), 200);
      }, null);
      await page.settle(800);
      expect(await page.dialogs(), 'the popup is still open').toHaveLength(1);
      expect(await page.evaluate(() => (window as unknown as { firstBadge: Element | null }).firstBadge?.isConnected ?? false, null), 'the same badge element').toBe(true);
    });

    it('dismissing the banner hides it for the site, also after a reload, and leaves the badges', async () => {
      await keepingSiteSetting(host, async () => {
        const page = await open(host, '/seed/000');
        await page.waitForBadge('incident', INCIDENT, 8000);
        const bannerCount = (p: DriverPage): Promise<number> => p.evaluate(() => document.querySelectorAll('source-context-banner').length, null);
        await waitFor(() => bannerCount(page), (n) => n === 1, 'the banner');
        await page.clickControl('button', fill(facts.en.page_bannerDismiss, site));
        await waitFor(() => bannerCount(page), (n) => n === 0, 'the banner gone');
        await waitFor(
          () => d().readStorage('sync', [`site:${site}`]),
          (s) => isObj(s[`site:${site}`]) && (s[`site:${site}`] as Obj).bannerDismissed === true,
          'bannerDismissed stored for the site',
        );
        expect((await page.badges()).length).toBeGreaterThan(0);
        const again = await open(host, '/seed/000');
        await again.waitForBadge('incident', INCIDENT, 8000);
        await again.settle(600);
        expect(await bannerCount(again)).toBe(0);
      });
    });

    it('follows the system’s dark scheme: other colours, text still at least 4.5:1', async () => {
      const page = await open(host, '/seed/000');
      await openIncidentPopupByKeyboard(page);
      const light = await popup(page);
      await closePopup(page);
      await emulateMedia(page, { colorScheme: 'dark' });
      try {
        await openIncidentPopupByKeyboard(page);
        const dark = await popup(page);
        expect(dark.background).not.toBe(light.background);
        expect(dark.color).not.toBe(light.color);
        expect(luminance(dark.background)).toBeLessThan(0.1);
        for (const [name, v] of [
          ['light', light],
          ['dark', dark],
        ] as const) {
          expect(contrast(v.color, v.background), `${name}: text`).toBeGreaterThanOrEqual(4.5);
          if (v.mutedColor) expect(contrast(v.mutedColor, v.background), `${name}: dates`).toBeGreaterThanOrEqual(4.5);
          if (v.linkColor) expect(contrast(v.linkColor, v.background), `${name}: links`).toBeGreaterThanOrEqual(4.5);
        }
      } finally {
        await resetMedia(page);
      }
    });

    it('respects reduced motion: the popup appears without animation', async () => {
      const page = await open(host, '/seed/000');
      await openIncidentPopupByKeyboard(page);
      expect((await popup(page)).animation).not.toBe('none');
      await closePopup(page);
      await emulateMedia(page, { reducedMotion: 'reduce' });
      try {
        await openIncidentPopupByKeyboard(page);
        expect((await popup(page)).animation).toBe('none');
      } finally {
        await resetMedia(page);
      }
    });

    it('stays inside a short viewport: flips above a badge near the bottom, follows scroll and resize', async () => {
      const page = await open(host, '/seed/000');
      await page.waitForBadge('incident', INCIDENT, 8000);
      await setViewport(page, { width: 900, height: 420 });
      const selector = `article ${BADGE('incident', INCIDENT)}`;
      // Scrolled until the badge sits 40 px above the bottom: while the page is still laying itself
      // out (the viewport was just changed), one scroll can fall short and leave it half out of view.
      let badge = await hostBox(page, selector);
      for (let i = 0; i < 20 && Math.abs(badge.top - (420 - 40)) > 2; i++) {
        await page.evaluate((sel: string) => {
          const r = document.querySelector(sel)?.getBoundingClientRect();
          if (r) window.scrollBy(0, r.top - (document.documentElement.clientHeight - 40));
        }, selector);
        await frames(page);
        badge = await hostBox(page, selector);
      }
      expect(badge.bottom, 'the badge is near the bottom').toBeGreaterThan(420 - 60);
      await page.click(selector);
      await waitForPopup(page);
      await frames(page);
      const first = await stillPopup(page);
      expectInside(first);
      expect(first.dialog.bottom, 'above the badge').toBeLessThanOrEqual(badge.top + 1);

      await page.evaluate(() => window.scrollBy(0, 80), null);
      await frames(page);
      const scrolled = await stillPopup(page);
      const scrolledBadge = await hostBox(page, selector);
      expectInside(scrolled);
      const gap = (v: PopupView, b: Box): number => b.top - v.dialog.bottom;
      expect(Math.abs(gap(scrolled, scrolledBadge) - gap(first, badge)), 'the popup moved with its badge').toBeLessThanOrEqual(2);

      await setViewport(page, { width: 560, height: 360 });
      await frames(page);
      const resized = await popup(page);
      expect(resized.viewport).toEqual({ width: expect.any(Number), height: 360 });
      expectInside(resized);
    });

    it('works at 200% zoom: the popup fits the smaller viewport', async () => {
      const page = await open(host, '/seed/000');
      await page.waitForBadge('incident', INCIDENT, 8000);
      const before = await page.evaluate(() => document.documentElement.clientWidth, null);
      await setZoom(d(), page, 2);
      try {
        await waitFor(() => page.evaluate(() => document.documentElement.clientWidth, null), (w) => w <= before / 2 + 20, 'the page zoomed');
        await openIncidentPopupByKeyboard(page);
        await frames(page);
        expectInside(await popup(page));
      } finally {
        await setZoom(d(), page, 1);
      }
    });

    it('follows a large default font size and still fits the viewport', async () => {
      const page = await open(host, '/seed/000');
      await openIncidentPopupByKeyboard(page);
      const normal = await popup(page);
      await closePopup(page);
      await setDefaultFontSize(page, 32);
      try {
        await openIncidentPopupByKeyboard(page);
        await frames(page);
        const large = await popup(page);
        expect(large.fontSize / normal.fontSize, 'popup text grows with the default size').toBeGreaterThanOrEqual(1.8);
        expectInside(large);
      } finally {
        await setDefaultFontSize(page, null);
      }
    });
  });

  it('right-to-left page: the badge is there and the popup opens at its right edge, inside the viewport', async () => {
    const page = await open(FIXTURE_HOST, '/in-page/rtl.html');
    await page.waitForBadge('incident', INCIDENT, 8000);
    const selector = BADGE('incident', INCIDENT);
    await page.click(selector);
    await waitForPopup(page);
    await frames(page);
    const badge = await hostBox(page, selector);
    const v = await popup(page);
    expectInside(v);
    // Lined up with the badge's right (start) edge, unless that would leave the viewport.
    if (badge.right - v.dialog.width >= 8) expect(Math.abs(v.dialog.right - badge.right)).toBeLessThanOrEqual(1);
    expect(await page.evaluate(() => document.documentElement.dir, null)).toBe('rtl');
  });

  it('on a dark page, in a light or dark system, the popup paints its own readable surface', async () => {
    const page = await open(FIXTURE_HOST, '/in-page/dark-page.html');
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia(page, { colorScheme: scheme });
      await openIncidentPopupByKeyboard(page);
      const v = await popup(page);
      expect(rgbOf(v.background), `${scheme}: an opaque surface`).not.toEqual([0, 0, 0]);
      expect(contrast(v.color, v.background), `${scheme}: text`).toBeGreaterThanOrEqual(4.5);
      if (v.mutedColor) expect(contrast(v.mutedColor, v.background), `${scheme}: dates`).toBeGreaterThanOrEqual(4.5);
      await closePopup(page);
    }
    await resetMedia(page);
  });

  describe('axe-core on the UI playground (open shadow roots)', () => {
    let axeSource = '';
    beforeAll(async () => {
      axeSource = await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      // The extension itself stays off on the playground's host: its own (closed) badges would mix in.
      await d().writeStorage('sync', { [`site:${OTHER_HOST}`]: { mode: 'off' } });
    });
    afterAll(async () => {
      if (driver) await removeStorage(driver, 'sync', [`site:${OTHER_HOST}`]);
    });

    const STATES = [
      { state: 'incident-ready', ready: 'section' },
      { state: 'publisher-ready', ready: 'section' },
      { state: 'error', ready: '[role="alert"]' },
    ] as const;

    describe.each(['light', 'dark'] as const)('%s', (scheme) => {
      it.each(STATES)('$state: no violations in the popup, the badges or the banner', async ({ state, ready }) => {
        const page = await open(OTHER_HOST, PLAYGROUND_PATH);
        await waitFor(() => page.evaluate(() => document.documentElement.dataset.ready ?? '', null), (r) => r === 'true', 'the playground');
        await emulateMedia(page, { colorScheme: scheme });
        await page.click(`[data-open="${state}"]`);
        await waitFor(
          () =>
            page.evaluate((sel: string) => {
              const root = document.querySelector('source-context-popup')?.shadowRoot;
              return Boolean(root?.querySelector(`[role="dialog"] ${sel}`));
            }, ready),
          (ok) => ok,
          `the popup in state ${ready}`,
          12_000,
        );
        await frames(page);
        const surface = await page.evaluate(() => {
          const dialog = document.querySelector('source-context-popup')?.shadowRoot?.querySelector('[role="dialog"]');
          return dialog ? getComputedStyle(dialog).backgroundColor : '';
        }, null);
        // The scheme under test is the one the popup shows (so the colour check ran on it).
        if (scheme === 'dark') expect(luminance(surface)).toBeLessThan(0.1);
        else expect(luminance(surface)).toBeGreaterThan(0.8);
        const { violations, passed } = await runAxe(page, axeSource);
        expect(violations).toEqual([]);
        // The check looked at the popup: its name, its buttons and its colours were tested and passed.
        expect(passed).toEqual(expect.arrayContaining(['aria-dialog-name', 'button-name', 'color-contrast']));
      });
    });
  });

  describe('Russian UI', () => {
    // Chromium takes its UI language from $LANGUAGE (or --lang, which the harness does not pass), but
    // only for locales whose resources are installed (Debian: chromium-l10n); without them it is
    // English and so is browser.i18n. Firefox is switched from privileged script (media.ts).
    const unavailable = browser === 'chromium' && !hasChromiumLocale('ru');
    it.skipIf(unavailable)('names the badge and labels the popup in Russian', async () => {
      const saved = process.env.LANGUAGE;
      if (browser === 'chromium') process.env.LANGUAGE = 'ru';
      const ru = await launchDriver(browser, { root: served?.root ?? FIXTURES_DIR, ...extensionDirFor(browser) }).finally(() => {
        if (saved === undefined) delete process.env.LANGUAGE;
        else process.env.LANGUAGE = saved;
      });
      try {
        if (browser === 'firefox') await switchFirefoxLocale(ru, 'ru');
        const page = await ru.open(ru.url(PUBLISHER_HOSTS['hizb-ut-tahrir-cmo'], '/seed/000'));
        // The welcome tab a fresh install opens can come up over it: the page is read as a reader
        // reads it, in front (a tab behind others marks at the pace of its throttled timers).
        await page.bringToFront();
        await page.waitForBadge('incident', INCIDENT, 8000);
        const form = new Intl.PluralRules('ru').select(claimCount());
        const name = fill(facts.ru[`page_badgeIncident_${form}`] ?? facts.ru.page_badgeIncident_other, String(claimCount()));
        expect(await page.control('button', name), `a badge named “${name}”`).not.toBeNull();
        expect(await page.tabToBadge('incident', INCIDENT)).toBe(true);
        await page.press('Enter');
        const claimant = facts.claims[0]?.claimant ?? '?';
        const [dialog] = await waitFor(() => page.dialogs(), (l) => (l[0]?.text ?? '').includes(claimant), 'the popup with its claims');
        expect(dialog?.text).toContain(facts.ru.page_kindOfficial);
        expect(dialog?.text).toContain(facts.ru.page_whyMarked);
        expect(dialog?.text).not.toMatch(/\bpage_[A-Za-z]+/);
        expect(await page.control('button', fill(facts.ru.page_hideOnSite, 'hizb-ut-tahrir.info'))).not.toBeNull();
      } finally {
        await ru.close();
      }
    });
  });

  it.skipIf(browser !== 'chromium' || !SCREENSHOTS)('writes the README screenshots (badge, popup light and dark, panel)', async () => {
    await mkdir(README_SHOTS, { recursive: true });
    const host = PUBLISHER_HOSTS['hizb-ut-tahrir-cmo'];
    const page = await open(host, '/seed/000');
    await setViewport(page, { width: 1000, height: 760 });
    const selector = `article p ${BADGE('incident', INCIDENT)}`;
    await page.waitForBadge('incident', INCIDENT, 8000);
    await page.settle(500);
    await page.evaluate((sel: string) => {
      const r = document.querySelector(sel)?.getBoundingClientRect();
      if (r) window.scrollBy(0, r.top - 150);
    }, selector);
    const paragraph = await page.evaluate((sel: string) => {
      const r = document.querySelector(sel)?.closest('p')?.getBoundingClientRect();
      return r ? { x: r.left, y: r.top, width: r.width, height: r.height } : null;
    }, selector);
    if (!paragraph) throw new Error('no paragraph with a badge');
    const written: string[] = [];
    const shot = async (name: string, rect: { x: number; y: number; width: number; height: number }): Promise<void> => {
      const path = join(README_SHOTS, name);
      await screenshotRect(page, path, rect);
      written.push(path);
    };
    await shot('badge.png', { x: paragraph.x - 16, y: paragraph.y - 16, width: paragraph.width + 32, height: paragraph.height + 32 });
    for (const scheme of ['light', 'dark'] as const) {
      await emulateMedia(page, { colorScheme: scheme });
      await page.click(selector);
      await waitForPopup(page);
      await frames(page);
      // Let the opening fade finish.
      await new Promise((r) => setTimeout(r, 300));
      const v = await popup(page);
      const badge = await hostBox(page, selector);
      const top = Math.min(badge.top, v.dialog.top) - 16;
      const left = Math.min(badge.left, v.dialog.left) - 24;
      await shot(`popup-${scheme}.png`, {
        x: left,
        y: top,
        width: Math.max(badge.right, v.dialog.right) + 24 - left,
        height: Math.max(badge.bottom, v.dialog.bottom) + 16 - top,
      });
      // Closed by a click beside it, not Escape: after a key press the next popup would show its focus ring.
      await page.click('h1');
      await waitFor(() => page.dialogs(), (l) => l.length === 0, 'the popup closed');
    }
    await resetMedia(page);
    const tabId = await page.tabId();
    const panel = track(await d().openExtensionPage(`src/popup/index.html?tab=${tabId}`));
    await panel.settle(600);
    const path = join(README_SHOTS, 'panel.png');
    await panel.screenshot(path, { selector: 'body', padding: 0 });
    written.push(path);
    for (const file of written) expect((await stat(file)).size, `${file} size`).toBeLessThanOrEqual(200 * 1024);
  });
});

/* Fixtures: in-page/rtl.html, in-page/dark-page.html, ui-playground.html (built), seeds 000 and 003. */
