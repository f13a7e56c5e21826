/**
 * The Firefox driver: Debian's Firefox ESR through puppeteer-core 24 over WebDriver BiDi, with the
 * built `dist-firefox/` installed as a temporary add-on. The test server is Firefox's HTTP proxy, so
 * every test hostname reaches it (and so does any other plain-HTTP request, which is how escapes are
 * seen).
 *
 * Two things puppeteer does not offer are done over raw BiDi (its connection is reached through
 * `browser.connection`, checked at run time since it is not in puppeteer's public types):
 * - privileged ("chrome") script, allowed by `--remote-allow-system-access`: to learn the add-on's
 *   moz-extension host, to open extension pages in a tab (BiDi itself will not navigate to
 *   moz-extension: URLs) and to map a tab to the extension's tab id;
 * - node serialization with closed shadow roots, so the in-page UI can be inspected (perceive-dom.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type KeyInput, type Page } from 'puppeteer-core';
import type { ConsoleEntry, Driver, DriverPage, NetworkEntry } from './driver.ts';
import { isTestHost } from './hosts.ts';
import { clipAround, isFocused, listBadges, resetFocus, waitForQuietDom } from './page-scripts.ts';
import { perceiveDom } from './perceive-dom.ts';
import { controlState, describeControls, findControl, findDialogs, type PerceivedNode } from './perceived.ts';
import type { TestServer } from './server.ts';

/**
 * Firefox's own components log through console.error under their name ("RSLoader: …" from Remote
 * Settings, which has no network here): never the extension's. A bare "(void 0)" is one of them too
 * (console.error(undefined), printed without a source): the extension's code calls console.debug only
 * (the lint's no-console rule on src/), and its uncaught errors are printed as "JavaScript error".
 */
const FIREFOX_OWN_LOGGERS = /^"?(?:RSLoader|RemoteSettings|Services\.|AddonManager|SearchService|URL Classifier|NimbusFeatures|ExperimentAPI|TelemetryController):?|^\(void 0\)$/;

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/**
 * Firefox's own services, which it calls whatever we set (remote settings, mostly). They reach the
 * proxy as CONNECT requests and are the browser's, not the extension's: the extension has no reason
 * to contact Mozilla.
 */
const FIREFOX_SERVICE_HOSTS = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net|dummy\.test)$/;

type BidiSend = (method: string, params: object) => Promise<{ result: unknown }>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function bidiOf(browser: Browser): BidiSend {
  const connection: unknown = Reflect.get(browser, 'connection');
  const send: unknown = isObj(connection) ? connection.send : undefined;
  if (!isObj(connection) || typeof send !== 'function') throw new Error('puppeteer no longer exposes its BiDi connection');
  return (method, params) => (send as (m: string, p: object) => Promise<{ result: unknown }>).call(connection, method, params);
}

/** The BiDi browsing-context id of a puppeteer page (internal to puppeteer, checked here). */
function contextIdOf(page: Page): string {
  const id: unknown = Reflect.get(page.mainFrame(), '_id');
  if (typeof id !== 'string') throw new Error('cannot find the BiDi context of a page');
  return id;
}

/** The value of a BiDi `script.evaluate`/`callFunction` result, which must be a string. */
function stringResult(raw: unknown): string {
  if (isObj(raw) && raw.type === 'exception') {
    const details = isObj(raw.exceptionDetails) ? raw.exceptionDetails.text : '';
    throw new Error(`script failed: ${String(details)}`);
  }
  const value = isObj(raw) && isObj(raw.result) ? raw.result.value : undefined;
  if (typeof value !== 'string') throw new Error(`unexpected script result: ${JSON.stringify(raw).slice(0, 300)}`);
  return value;
}

/** Shared ids of every shadow root in a serialized BiDi node, nested ones included. */
function collectShadowRoots(node: unknown, out: string[]): void {
  if (!isObj(node) || !isObj(node.value)) return;
  const shadow = node.value.shadowRoot;
  if (isObj(shadow) && typeof shadow.sharedId === 'string') {
    out.push(shadow.sharedId);
    collectShadowRoots(shadow, out);
  }
  const children = node.value.children;
  if (Array.isArray(children)) for (const c of children) collectShadowRoots(c, out);
}

class FirefoxPage implements DriverPage {
  constructor(
    readonly page: Page,
    readonly driver: FirefoxDriver,
  ) {}

  url(): string {
    return this.page.url();
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // puppeteer's typing maps the argument through its handle types, which a generic A cannot satisfy.
    return this.page.evaluate(fn as (a: unknown) => R | Promise<R>, arg as unknown) as Promise<R>;
  }
  badges() {
    return this.page.evaluate(listBadges);
  }
  async waitForBadge(kind: string, id: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await this.badges();
      if (found.some((b) => b.kind === kind && b.id === id)) return;
      if (Date.now() > deadline) throw new Error(`no badge ${kind}/${id} on ${this.url()} within ${timeoutMs} ms; badges: ${JSON.stringify(found)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  async settle(quietMs = 500, timeoutMs = 10_000): Promise<void> {
    await this.page.evaluate(waitForQuietDom, { quietMs, timeoutMs });
  }
  async click(selector: string): Promise<void> {
    await this.page.click(selector);
  }
  async press(key: string): Promise<void> {
    const keys = key.split('+') as KeyInput[];
    const main = keys.pop();
    if (!main) return;
    for (const k of keys) await this.page.keyboard.down(k);
    await this.page.keyboard.press(main);
    for (const k of keys.reverse()) await this.page.keyboard.up(k);
  }
  tabToBadge(kind: string, id: string, maxPresses = 200): Promise<boolean> {
    // Built here, not in the page: CSS.escape is not in Node, and the selector is plain ASCII anyway.
    return this.tabTo(`source-context-badge[data-kind="${kind}"][data-id="${id}"]`, maxPresses);
  }
  async tabTo(selector: string, maxPresses = 200): Promise<boolean> {
    await this.page.evaluate(resetFocus);
    for (let i = 0; i < maxPresses; i++) {
      await this.page.keyboard.press('Tab');
      if (await this.page.evaluate(isFocused, selector)) return true;
    }
    return false;
  }
  async #tree(scrollTo: { role: string; name: string } | null = null): Promise<PerceivedNode> {
    const bidi = this.driver.bidi;
    const context = contextIdOf(this.page);
    const serialized = await bidi('script.callFunction', {
      functionDeclaration: '() => document.documentElement',
      awaitPromise: false,
      target: { context },
      serializationOptions: { maxDomDepth: null, includeShadowTree: 'all' },
    });
    const roots: string[] = [];
    collectShadowRoots(isObj(serialized.result) ? serialized.result.result : undefined, roots);
    const walked = await bidi('script.callFunction', {
      functionDeclaration: `(json, ...roots) => JSON.stringify((${perceiveDom.toString()})(JSON.parse(json), ...roots))`,
      awaitPromise: false,
      target: { context },
      arguments: [{ type: 'string', value: JSON.stringify({ scrollTo }) }, ...roots.map((sharedId) => ({ sharedId }))],
    });
    return JSON.parse(stringResult(walked.result)) as PerceivedNode;
  }
  async dialogs() {
    return findDialogs(await this.#tree());
  }
  async control(role: string, name: string) {
    const n = findControl(await this.#tree(), role, name);
    return n ? controlState(n) : null;
  }
  async clickControl(role: string, name: string): Promise<void> {
    const tree = await this.#tree({ role, name });
    const n = findControl(tree, role, name);
    if (!n?.center) throw new Error(`no ${role} named "${name}" on ${this.url()}; there are: ${describeControls(tree)}`);
    await this.page.mouse.click(n.center.x, n.center.y);
  }
  async tabId(): Promise<number> {
    await this.page.bringToFront();
    const id = Number(
      await this.driver.chromeEval(`(() => {
        const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
        return String(ExtensionParent.apiManager.global.tabTracker.getId(gBrowser.selectedTab));
      })()`),
    );
    if (!Number.isInteger(id) || id < 0) throw new Error('no tab id');
    return id;
  }
  async bringToFront(): Promise<void> {
    await this.page.bringToFront();
  }
  async screenshot(path: string, around?: { selector: string; padding?: number }): Promise<void> {
    const clip = around ? await this.page.evaluate(clipAround, { selector: around.selector, padding: around.padding ?? 16 }) : null;
    if (around && !clip) throw new Error(`nothing matches ${around.selector} on ${this.url()}`);
    await this.page.screenshot(clip ? { path, clip } : { path });
  }
  async close(): Promise<void> {
    await this.page.close();
  }
}

export interface FirefoxLaunchOptions {
  extensionDir: string;
  server: TestServer;
  headless?: boolean;
  /**
   * The browser's UI language, set before the add-on is installed (so its install event and first
   * pages are in it too). A build without language packs knows en-US only and ignores the
   * `intl.locale.requested` preference (checked with Firefox ESR 153); `browser.i18n` follows the
   * locale Firefox negotiates from the list it is told is available, so that list is set here from
   * privileged script.
   */
  lang?: string;
}

export class FirefoxDriver implements Driver {
  readonly browser = 'firefox' as const;
  readonly canOpenExtensionPages = true;
  readonly bidi: BidiSend;
  readonly #network: NetworkEntry[] = [];
  #storagePage: FirefoxPage | null = null;

  private constructor(
    readonly instance: Browser,
    readonly server: TestServer,
    readonly addonId: string,
    readonly extensionHost: string,
    readonly profileDir: string,
    /** Filled from the start (Firefox's output), so errors during install are kept. */
    readonly errors: ConsoleEntry[],
  ) {
    this.bidi = bidiOf(instance);
  }

  static async launch(options: FirefoxLaunchOptions): Promise<FirefoxDriver> {
    const profileDir = await mkdtemp(join(tmpdir(), 'sc-firefox-'));
    const instance = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: options.headless ?? true,
      userDataDir: profileDir,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': options.server.port,
        // HTTPS goes to the proxy too (as CONNECT, which it refuses and logs).
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': options.server.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        // An optional permission the extension asks for (a curator channel's host, channels.e2e.ts)
        // is granted without the doorhanger, which automation cannot click.
        'extensions.webextOptionalPermissionPrompts': false,
        'dom.security.https_first': false,
        'dom.security.https_first_schemeless': false,
        // Firefox prints errors from extension files (content scripts, background) to its output.
        'devtools.console.stdout.content': true,
      },
    });
    try {
      const errors: ConsoleEntry[] = [];
      const proc = instance.process();
      const onOutput = (chunk: Buffer): void => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (/^JavaScript error: .*moz-extension:\/\//.test(line)) {
            errors.push({ type: 'stderr', text: line, location: /moz-extension:\/\/[^\s,]+/.exec(line)?.[0] ?? '' });
          } else if (line.startsWith('console.error: ') && !FIREFOX_OWN_LOGGERS.test(line.slice('console.error: '.length))) {
            // Printed without its source; attributed in extensionErrors().
            errors.push({ type: 'stdout', text: line.slice('console.error: '.length), location: '' });
          }
        }
      };
      proc?.stderr?.on('data', onOutput);
      proc?.stdout?.on('data', onOutput);
      const bidi = bidiOf(instance);
      if (options.lang) await FirefoxDriver.#setLocale(bidi, options.lang);
      const addonId = await instance.installExtension(options.extensionDir);
      const chromeContext = await FirefoxDriver.#chromeContext(bidi);
      const host = stringResult(
        (
          await bidi('script.evaluate', {
            expression: `WebExtensionPolicy.getByID(${JSON.stringify(addonId)}).mozExtensionHostname`,
            target: { context: chromeContext },
            awaitPromise: false,
          })
        ).result,
      );
      return new FirefoxDriver(instance, options.server, addonId, host, profileDir, errors);
    } catch (e) {
      await instance.close();
      await rm(profileDir, { recursive: true, force: true });
      throw e;
    }
  }

  static async #setLocale(bidi: BidiSend, locale: string): Promise<void> {
    const expression = `(() => {
      Services.locale.availableLocales = [${JSON.stringify(locale)}, 'en-US'];
      Services.locale.requestedLocales = [${JSON.stringify(locale)}];
      return Services.locale.appLocaleAsBCP47;
    })()`;
    const context = await FirefoxDriver.#chromeContext(bidi);
    const got = stringResult((await bidi('script.evaluate', { expression, target: { context }, awaitPromise: false })).result);
    if (got !== locale) throw new Error(`Firefox negotiated ${got}, not ${locale}`);
  }

  static async #chromeContext(bidi: BidiSend): Promise<string> {
    const tree = await bidi('browsingContext.getTree', { 'moz:scope': 'chrome' });
    const contexts = isObj(tree.result) ? tree.result.contexts : undefined;
    const first: unknown = Array.isArray(contexts) ? contexts[0] : undefined;
    if (!isObj(first) || typeof first.context !== 'string') throw new Error('no chrome window (is --remote-allow-system-access honoured?)');
    return first.context;
  }

  /** Runs privileged script in the browser window; `expression` must produce a string (or a promise of one). */
  async chromeEval(expression: string): Promise<string> {
    const context = await FirefoxDriver.#chromeContext(this.bidi);
    return stringResult((await this.bidi('script.evaluate', { expression, target: { context }, awaitPromise: true })).result);
  }

  #watch(page: Page): void {
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('moz-extension:') || url.startsWith('data:') || url.startsWith('blob:')) return;
      this.#network.push({ url, from: page.url().startsWith('moz-extension:') ? 'extension' : 'page' });
    });
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push({ type: 'console', text: m.text(), location: m.location().url ?? '' });
    });
    page.on('pageerror', (e) => {
      const text = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
      this.errors.push({ type: 'exception', text, location: page.url() });
    });
  }

  url(host: string, path: string): string {
    return `http://${host}${path}`;
  }

  async open(url: string): Promise<DriverPage> {
    const page = await this.instance.newPage();
    this.#watch(page);
    await page.goto(url, { waitUntil: 'load' });
    return new FirefoxPage(page, this);
  }

  openExtensionPage(path: string): Promise<DriverPage> {
    return this.#openExtensionTab(path, true);
  }

  /** Opens an extension page in a new tab from privileged script; `select` brings it to the front. */
  async #openExtensionTab(path: string, select: boolean): Promise<FirefoxPage> {
    const url = `moz-extension://${this.extensionHost}/${path.replace(/^\//, '')}`;
    const before = new Set(await this.instance.pages());
    await this.chromeEval(`(() => {
      const tab = gBrowser.addTab(${JSON.stringify(url)}, { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });
      if (${select}) gBrowser.selectedTab = tab;
      return 'ok';
    })()`);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      for (const page of await this.instance.pages()) {
        if (before.has(page)) continue;
        // puppeteer does not follow navigation to moz-extension: pages, so ask the page itself.
        const href = await page.evaluate(() => (document.readyState === 'complete' ? location.href : '')).catch(() => '');
        if (href === url) {
          this.#watch(page);
          return new FirefoxPage(page, this);
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`extension page ${url} did not open`);
  }

  /**
   * Storage is read from inside an extension page (the options page, opened once in a background
   * tab), since the background of a Firefox add-on is out of the driver's reach.
   */
  async #extensionPage(): Promise<FirefoxPage> {
    this.#storagePage ??= await this.#openExtensionTab('src/options/index.html', false);
    return this.#storagePage;
  }

  async readStorage(area: 'local' | 'sync', keys: string[] | null = null): Promise<Record<string, unknown>> {
    const page = await this.#extensionPage();
    const json = await page.page.evaluate(
      async (a: 'local' | 'sync', k: string[] | null) => JSON.stringify(await chrome.storage[a].get(k)),
      area,
      keys,
    );
    return JSON.parse(json) as Record<string, unknown>;
  }

  async writeStorage(area: 'local' | 'sync', items: Record<string, unknown>): Promise<void> {
    const page = await this.#extensionPage();
    await page.page.evaluate(async (a: 'local' | 'sync', json: string) => chrome.storage[a].set(JSON.parse(json) as Record<string, unknown>), area, JSON.stringify(items));
  }

  consoleErrors(): ConsoleEntry[] {
    return [...this.errors];
  }

  /**
   * Errors with an extension source, plus `console.error` lines from Firefox's output that no page
   * reported over BiDi: Firefox prints those of every page and of the add-on's background, without a
   * source, and the pages' own (content scripts included) all reach BiDi with their source.
   */
  extensionErrors(): ConsoleEntry[] {
    const unquote = (t: string): string => t.replace(/^"(.*)"$/s, '$1');
    const seenByBidi = this.errors.filter((e) => e.type === 'console').map((e) => e.text);
    return this.errors.filter((e) => {
      if (e.type === 'stdout') return !seenByBidi.some((t) => t.includes(unquote(e.text)));
      return e.location.startsWith('moz-extension:') || e.text.includes('moz-extension://');
    });
  }

  networkLog(): NetworkEntry[] {
    const fromServer: NetworkEntry[] = this.server
      .escapes()
      .filter((r) => !FIREFOX_SERVICE_HOSTS.test(r.host))
      .map((r) => ({ url: `${r.method} ${r.host}${r.path}`, from: 'unknown' }));
    return [...this.#network, ...fromServer];
  }

  forbiddenRequests(): NetworkEntry[] {
    return this.networkLog().filter((e) => {
      if (e.from !== 'page') return true;
      try {
        return !isTestHost(new URL(e.url).hostname);
      } catch {
        return true;
      }
    });
  }

  async close(): Promise<void> {
    await this.instance.close().catch(() => undefined);
    await rm(this.profileDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
