/**
 * What the panel and options tests need beyond the Driver. Chromium only (built on the Playwright
 * page behind a Chromium `DriverPage`, reached at run time since the Driver keeps it as a detail,
 * and checked before use): files chosen in a file input, options chosen in a select, text typed in a
 * field, a range moved, a download caught, a new tab seen, animations recorded. In any browser
 * (plain script in an extension page): the toolbar badge's text, an extension page's visible text,
 * and a full dump of what the extension stores.
 */
import type { Download, Page } from 'playwright-core';
import type { DriverPage } from './driver.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** The Playwright page behind a Chromium DriverPage; throws for any other driver. */
export function playwrightPage(page: DriverPage): Page {
  const inner: unknown = Reflect.get(page, 'page');
  if (!isObj(inner) || typeof inner.setInputFiles !== 'function' || typeof inner.getByRole !== 'function') {
    throw new Error('not a Chromium page: these helpers need the Playwright page behind it');
  }
  return inner as unknown as Page;
}

/**
 * Chooses files in the file input whose label is `label`, as a user picking them in the file
 * dialog would (the input's change event fires).
 */
export async function chooseFiles(page: DriverPage, label: string, files: string | string[]): Promise<void> {
  await playwrightPage(page).getByLabel(label, { exact: true }).setInputFiles(files);
}

/** Chooses `value` in the select found by its accessible name (role combobox), firing change. */
export async function chooseOption(page: DriverPage, name: string, value: string): Promise<void> {
  await playwrightPage(page).getByRole('combobox', { name, exact: true }).selectOption(value);
}

/** The value a select (found by accessible name) shows. */
export async function selectedValue(page: DriverPage, name: string): Promise<string> {
  return playwrightPage(page).getByRole('combobox', { name, exact: true }).inputValue();
}

/** Types into the text field found by role and accessible name (replacing what it held). */
export async function fillField(page: DriverPage, role: 'textbox' | 'searchbox', name: string, text: string): Promise<void> {
  await playwrightPage(page).getByRole(role, { name, exact: true }).fill(text);
}

/** Moves a range input (found by its label) to `value` as a user letting go of the thumb would: input, then change. */
export async function setRange(page: DriverPage, name: string, value: number): Promise<void> {
  const slider = playwrightPage(page).getByRole('slider', { name, exact: true });
  await slider.evaluate((el, v) => {
    const input = el as HTMLInputElement;
    input.value = String(v);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, value);
}

/** Runs `act` (a click, say) and returns the text of the download it starts. */
export async function downloadText(page: DriverPage, act: () => Promise<void>, timeoutMs = 20_000): Promise<{ name: string; text: string }> {
  const pw = playwrightPage(page);
  const [download] = await Promise.all([pw.waitForEvent('download', { timeout: timeoutMs }), act()]);
  return { name: download.suggestedFilename(), text: await readDownload(download) };
}

async function readDownload(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts recording every animation and transition that starts in the page, closed shadow roots
 * included (CDP's Animation domain sees them; `document.getAnimations()` does not). The returned
 * function stops recording and gives what started, as "type name" strings.
 */
export async function recordAnimations(page: DriverPage): Promise<() => Promise<string[]>> {
  const pw = playwrightPage(page);
  const cdp = await pw.context().newCDPSession(pw);
  const seen: string[] = [];
  cdp.on('Animation.animationStarted', (e: { animation: { type: string; name: string } }) => {
    seen.push(`${e.animation.type} ${e.animation.name}`.trim());
  });
  await cdp.send('Animation.enable');
  return async () => {
    await cdp.send('Animation.disable').catch(() => undefined);
    await cdp.detach().catch(() => undefined);
    return seen;
  };
}

/** Runs `act` and returns the URL of the tab it opens (waits for it), then closes that tab. */
export async function openedTab(page: DriverPage, act: () => Promise<void>, timeoutMs = 5000): Promise<string> {
  const context = playwrightPage(page).context();
  const [opened] = await Promise.all([context.waitForEvent('page', { timeout: timeoutMs }), act()]);
  await opened.waitForLoadState('domcontentloaded');
  const url = opened.url();
  await opened.close();
  return url;
}

/** The toolbar badge text of `tabId`, asked of the browser from an extension page. */
export function toolbarCount(extensionPage: DriverPage, tabId: number): Promise<string> {
  return extensionPage.evaluate((id: number) => chrome.action.getBadgeText({ tabId: id }), tabId);
}

/** The page's visible text (extension pages keep their UI in the light DOM), whitespace collapsed. */
export function visibleText(page: DriverPage): Promise<string> {
  return page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').trim(), null);
}

/** Everything the extension stores that a dataset change could touch. */
export interface StoredState {
  /** Every `idx:*` key of storage.local, sorted by key. */
  idx: Record<string, unknown>;
  /** Every IndexedDB store, every record, in key order. */
  idb: Record<string, unknown[]>;
}

/**
 * A full dump of the extension's database and detection index, read from an extension page. The
 * database is opened without a version, so the caller must be sure the extension created it first
 * (opening it earlier would create an empty one and the extension's upgrade would never run).
 */
export async function dumpStoredState(extensionPage: DriverPage, dbName: string): Promise<StoredState> {
  const json = await extensionPage.evaluate(async (name: string) => {
    const local = await chrome.storage.local.get(null);
    const idx: Record<string, unknown> = {};
    for (const k of Object.keys(local).sort()) if (k.startsWith('idx:')) idx[k] = local[k];
    const db = await new Promise<IDBDatabase>((ok, fail) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => ok(req.result);
      req.onerror = () => fail(req.error);
    });
    const idb: Record<string, unknown[]> = {};
    try {
      const names = [...db.objectStoreNames].sort();
      if (names.length === 0) throw new Error(`database ${name} has no stores: opened before the extension created it?`);
      const tx = db.transaction(names, 'readonly');
      await Promise.all(
        names.map(
          (n) =>
            new Promise<void>((ok, fail) => {
              const req = tx.objectStore(n).getAll();
              req.onsuccess = () => {
                idb[n] = req.result as unknown[];
                ok();
              };
              req.onerror = () => fail(req.error);
            }),
        ),
      );
    } finally {
      db.close();
    }
    return JSON.stringify({ idx, idb });
  }, dbName);
  return JSON.parse(json) as StoredState;
}

/** Record counts per store of a dump, for failure messages that do not print megabytes. */
export function describeState(s: StoredState): string {
  const stores = Object.entries(s.idb).map(([k, v]) => `${k}:${v.length}`);
  return `idb {${stores.join(', ')}}, ${Object.keys(s.idx).length} idx keys`;
}

/**
 * The dump with the index's generation token replaced by a fixed one. Every rewrite of the
 * detection index writes its keys under a new generation (`idx:<gen>:…`, named in `idx:meta`), so
 * that readers never mix two versions; the token is a write counter, not data, and two dumps of
 * the same data differ only in it.
 */
/**
 * Whether the index in `s` is one whole generation: every `idx:` key is the meta record or of the
 * generation it names. Between the write of a new generation and the removal of the old one, both
 * are stored; a snapshot taken then compares unequal to the same data a moment later.
 */
export function isOneGeneration(s: StoredState): boolean {
  const meta = s.idx['idx:meta'];
  const gen = isObj(meta) && typeof meta.gen === 'string' ? meta.gen : null;
  return gen !== null && Object.keys(s.idx).every((k) => k === 'idx:meta' || k.startsWith(`idx:${gen}:`));
}

export function withoutGeneration(s: StoredState): StoredState {
  const meta = s.idx['idx:meta'];
  const gen = isObj(meta) && typeof meta.gen === 'string' ? meta.gen : null;
  if (gen === null) return s;
  const idx: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s.idx)) {
    const key = k.startsWith(`idx:${gen}:`) ? `idx:<gen>:${k.slice(`idx:${gen}:`.length)}` : k;
    idx[key] = k === 'idx:meta' && isObj(v) ? { ...v, gen: '<gen>' } : v;
  }
  return { idx, idb: s.idb };
}
