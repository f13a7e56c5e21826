/**
 * What the hostile-page, link-label and reliability tests need beyond the Driver, kept apart from
 * the harness owner's files:
 * - a served root that adds a React bundle built at test time (React 19 ships CommonJS only, so a
 *   page cannot load it from node_modules as it is; vite's build API turns it into one script);
 * - an extension page to talk to the extension from (messages, storage removal, IndexedDB dump,
 *   the content script's findings);
 * - stopping the Chromium service worker (CDP), as the browser does after 30 s idle;
 * - looking inside our closed shadow roots for geometry and computed styles (Chromium: CDP DOM with
 *   `pierce`; Firefox: WebDriver BiDi serialization, which includes closed roots).
 *
 * Everything here works through the drivers' public fields, checked at run time, so a change there
 * fails with a message rather than silently. A little over our usual length: four small groups of
 * helpers, marked by the section comments below.
 */
import { mkdir, mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Findings } from '../../../src/core/findings.ts';
import { DB_NAME } from '../../../src/background/db.ts';
import type { BrowserName, Driver, DriverPage } from './driver.ts';
import { dumpStoredState, type StoredState } from './extension-pages.ts';
import { FIXTURES_DIR, REPO_ROOT } from './server.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The unpacked build to load: `dist/` and `dist-firefox/` by default (launchDriver's choice), or
 * E2E_EXTENSION_DIR_CHROMIUM / E2E_EXTENSION_DIR_FIREFOX, so a test run can use its own build
 * while another run rebuilds dist/.
 */
export function extensionDirFor(browser: BrowserName): { extensionDir?: string } {
  const dir = browser === 'chromium' ? process.env.E2E_EXTENSION_DIR_CHROMIUM : process.env.E2E_EXTENSION_DIR_FIREFOX;
  return dir ? { extensionDir: dir } : {};
}

// --- served root with the React fixture's bundle --------------------------------------------------

/** Where the React fixture's script is served: `/vendor/react-app.js` (see react-rerender.html). */
export const REACT_BUNDLE_PATH = '/vendor/react-app.js';

/**
 * A temporary root for the test server: every entry of tests/fixtures linked in (so fixtures are
 * served live, `*.headers.json` included), plus `vendor/react-app.js`, the React fixture's app with
 * the real react and react-dom from node_modules, built here by vite in production mode.
 */
export async function prepareServedRoot(): Promise<{ root: string; cleanup: () => Promise<void> }> {
  const root = await mkdtemp(join(tmpdir(), 'sc-e2e-root-'));
  try {
    for (const entry of await readdir(FIXTURES_DIR)) await symlink(join(FIXTURES_DIR, entry), join(root, entry));
    const vendor = join(root, 'vendor');
    await mkdir(vendor);
    const { build } = await import('vite');
    await build({
      configFile: false,
      logLevel: 'error',
      root: REPO_ROOT,
      publicDir: false,
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: vendor,
        emptyOutDir: false,
        write: true,
        minify: false,
        sourcemap: false,
        copyPublicDir: false,
        lib: {
          entry: join(FIXTURES_DIR, 'hostile/react-rerender-app.js'),
          formats: ['iife'],
          name: 'ReactRerenderFixture',
          fileName: () => 'react-app.js',
        },
      },
    });
  } catch (e) {
    await rm(root, { recursive: true, force: true });
    throw e;
  }
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

// --- an extension page to work from ---------------------------------------------------------------

const helperPages = new WeakMap<Driver, Promise<DriverPage>>();

/**
 * An extension page (the options page, opened once per driver and kept open) in which tests run
 * extension API calls. Note: the options page re-reads (and so repairs) settings on every storage
 * change; a test about corrupted settings must not have it open (see `writeSyncQuietly`).
 */
export function extensionPage(driver: Driver): Promise<DriverPage> {
  let page = helperPages.get(driver);
  if (!page) {
    page = driver.openExtensionPage('src/options/index.html');
    helperPages.set(driver, page);
    page.catch(() => helperPages.delete(driver));
  }
  return page;
}

/** Sends `message` with `runtime.sendMessage` from an extension page; the reply, or `{ thrown }`. */
export async function sendFromExtensionPage(driver: Driver, message: unknown): Promise<unknown> {
  const page = await extensionPage(driver);
  const json = await page.evaluate(async (m: string) => {
    try {
      const reply: unknown = await chrome.runtime.sendMessage(JSON.parse(m));
      return JSON.stringify({ reply: reply ?? null });
    } catch (e) {
      return JSON.stringify({ thrown: e instanceof Error ? e.message : String(e) });
    }
  }, JSON.stringify(message));
  const parsed: unknown = JSON.parse(json);
  if (isObj(parsed) && 'reply' in parsed) return parsed.reply;
  return parsed;
}

export async function removeStorage(driver: Driver, area: 'local' | 'sync', keys: string[]): Promise<void> {
  const page = await extensionPage(driver);
  await page.evaluate(async (a: { area: 'local' | 'sync'; keys: string[] }) => chrome.storage[a.area].remove(a.keys), { area, keys });
}

/** The content script's findings for `page` (what the panel would show), asked through `tabs.sendMessage`. */
export async function findingsOf(driver: Driver, page: DriverPage): Promise<Findings> {
  const tabId = await page.tabId();
  const helper = await extensionPage(driver);
  const json = await helper.evaluate(
    async (id: number) => JSON.stringify(await chrome.tabs.sendMessage(id, { type: 'findings/get' })),
    tabId,
  );
  const reply: unknown = JSON.parse(json);
  if (!isObj(reply) || reply.ok !== true || !isObj(reply.value)) throw new Error(`findings/get answered ${json.slice(0, 300)}`);
  return reply.value as unknown as Findings;
}

/** Everything the extension keeps that a pack change could touch: `idx:*` storage keys and every IndexedDB store. */
export type ExtensionState = StoredState;

/** The full dump of `dumpStoredState`, read from an extension page of this driver. */
export async function dumpExtensionState(driver: Driver): Promise<ExtensionState> {
  return dumpStoredState(await extensionPage(driver), DB_NAME);
}

// --- the Chromium service worker ------------------------------------------------------------------

interface CdpLike {
  send(method: string, params?: object): Promise<unknown>;
  detach(): Promise<void>;
}
interface ContextLike {
  newCDPSession(page: unknown): Promise<CdpLike>;
  browser(): { newBrowserCDPSession(): Promise<CdpLike> } | null;
}

function chromiumParts(driver: Driver): { context: ContextLike; extensionId: string } {
  const context: unknown = Reflect.get(driver, 'context');
  const extensionId: unknown = Reflect.get(driver, 'extensionId');
  if (driver.browser !== 'chromium' || !isObj(context) || typeof extensionId !== 'string') throw new Error('not a Chromium driver');
  return { context: context as unknown as ContextLike, extensionId };
}

function playwrightPage(page: DriverPage): unknown {
  const inner: unknown = Reflect.get(page, 'page');
  if (!isObj(inner)) throw new Error('the driver page has no inner page');
  return inner;
}

async function browserSession(driver: Driver): Promise<{ cdp: CdpLike; extensionId: string }> {
  const { context, extensionId } = chromiumParts(driver);
  const browser = context.browser();
  if (!browser) throw new Error('no browser-level CDP session');
  return { cdp: await browser.newBrowserCDPSession(), extensionId };
}

async function workerTargets(cdp: CdpLike, extensionId: string): Promise<string[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string; url: string }[] };
  return targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`)).map((t) => t.targetId);
}

/**
 * Whether the extension's service worker is running (Chromium), asked of the browser itself:
 * Playwright keeps listing a worker for a while after the browser stopped it.
 */
export async function isWorkerRunning(driver: Driver): Promise<boolean> {
  const { cdp, extensionId } = await browserSession(driver);
  try {
    return (await workerTargets(cdp, extensionId)).length > 0;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/**
 * Stops the extension's service worker, as Chromium does when it idles (CDP `Target.closeTarget` on
 * the worker), and waits until the browser no longer lists it. Chromium only. Afterwards the
 * driver's `readStorage`/`writeStorage` may still talk to the stopped worker; use `extensionPage`.
 */
export async function stopServiceWorker(driver: Driver): Promise<void> {
  const { cdp, extensionId } = await browserSession(driver);
  try {
    for (const targetId of await workerTargets(cdp, extensionId)) await cdp.send('Target.closeTarget', { targetId });
    const deadline = Date.now() + 10_000;
    while ((await workerTargets(cdp, extensionId)).length > 0) {
      if (Date.now() > deadline) throw new Error('the service worker did not stop');
      await sleep(50);
    }
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

// --- inside our closed shadow roots ---------------------------------------------------------------

/**
 * Runs `fn` in the page with the shadow roots of our elements (`source-context-*` hosts, closed
 * roots included) as arguments, in document order, and returns its result (must be JSON). `fn` must
 * be self-contained. The browser's own automation reaches closed roots; page scripts cannot.
 */
export async function inspectOurUi<R>(page: DriverPage, fn: (...roots: ShadowRoot[]) => R): Promise<R> {
  const source = `function (...roots) { return JSON.stringify((${fn.toString()})(...roots)); }`;
  const inner = playwrightPage(page);
  const driver: unknown = Reflect.get(page, 'driver');
  if (!isObj(driver)) throw new Error('the driver page has no driver');
  const json = driver.browser === 'chromium' ? await chromiumInspect(driver, inner, source) : await firefoxInspect(driver, inner, source);
  return JSON.parse(json) as R;
}

interface CdpNode {
  nodeId: number;
  nodeName: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
  contentDocument?: CdpNode;
}

async function chromiumInspect(driver: Record<string, unknown>, inner: unknown, source: string): Promise<string> {
  const context = driver.context as unknown as ContextLike;
  const cdp = await context.newCDPSession(inner);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const roots: number[] = [];
    const walk = (n: CdpNode): void => {
      if (n.nodeName.startsWith('SOURCE-CONTEXT-')) for (const r of n.shadowRoots ?? []) roots.push(r.nodeId);
      for (const c of n.children ?? []) walk(c);
      // Not into frames: our UI lives in the top document only.
    };
    walk(root);
    const objects: string[] = [];
    for (const nodeId of roots) {
      const { object } = (await cdp.send('DOM.resolveNode', { nodeId })) as { object: { objectId: string } };
      objects.push(object.objectId);
    }
    const { object: doc } = (await cdp.send('DOM.resolveNode', { nodeId: root.nodeId })) as { object: { objectId: string } };
    const out = (await cdp.send('Runtime.callFunctionOn', {
      objectId: doc.objectId,
      functionDeclaration: source,
      arguments: objects.map((objectId) => ({ objectId })),
      returnByValue: true,
      awaitPromise: true,
    })) as { result: { value?: unknown }; exceptionDetails?: { text?: string; exception?: { description?: string } } };
    if (out.exceptionDetails) throw new Error(`inspect failed: ${out.exceptionDetails.exception?.description ?? out.exceptionDetails.text ?? ''}`);
    if (typeof out.result.value !== 'string') throw new Error('inspect returned nothing');
    return out.result.value;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

type BidiSend = (method: string, params: object) => Promise<{ result: unknown }>;

async function firefoxInspect(driver: Record<string, unknown>, inner: unknown, source: string): Promise<string> {
  const bidi = driver.bidi;
  if (typeof bidi !== 'function') throw new Error('the Firefox driver has no bidi');
  const send = bidi as BidiSend;
  const mainFrame: unknown = isObj(inner) && typeof inner.mainFrame === 'function' ? (inner.mainFrame as () => unknown).call(inner) : null;
  const context: unknown = isObj(mainFrame) ? Reflect.get(mainFrame, '_id') : undefined;
  if (typeof context !== 'string') throw new Error('cannot find the BiDi context of a page');
  const serialized = await send('script.callFunction', {
    functionDeclaration: '() => document.documentElement',
    awaitPromise: false,
    target: { context },
    serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
  });
  const roots: string[] = [];
  const walk = (node: unknown): void => {
    if (!isObj(node) || !isObj(node.value)) return;
    const v = node.value;
    const shadow = v.shadowRoot;
    const ours = typeof v.localName === 'string' && v.localName.startsWith('source-context-');
    if (ours && isObj(shadow) && typeof shadow.sharedId === 'string') roots.push(shadow.sharedId);
    if (Array.isArray(v.children)) for (const c of v.children) walk(c);
  };
  walk(isObj(serialized.result) ? serialized.result.result : undefined);
  const out = await send('script.callFunction', {
    functionDeclaration: source,
    awaitPromise: true,
    target: { context },
    arguments: roots.map((sharedId) => ({ sharedId })),
  });
  const raw = out.result;
  if (isObj(raw) && raw.type === 'exception') throw new Error(`inspect failed: ${JSON.stringify(raw.exceptionDetails).slice(0, 400)}`);
  const value = isObj(raw) && isObj(raw.result) ? raw.result.value : undefined;
  if (typeof value !== 'string') throw new Error(`inspect returned ${JSON.stringify(raw).slice(0, 300)}`);
  return value;
}

// --- small waits ----------------------------------------------------------------------------------

/** Polls `probe` until `done(value)` holds; returns the last value, or throws with it after `ms`. */
export async function waitFor<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, ms = 5000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (done(v)) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${ms} ms; last: ${JSON.stringify(v).slice(0, 600)}`);
    await sleep(60);
  }
}
