/**
 * The Chromium driver: Debian's Chromium through playwright-core, the built `dist/` loaded as an
 * unpacked extension, every test hostname resolved to the test server (`--host-resolver-rules`, so
 * pages keep their real hostnames and no port) and every other hostname to nothing.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type ConsoleMessage, type Page, type Worker } from 'playwright-core';
import type { ConsoleEntry, Driver, DriverPage, NetworkEntry } from './driver.ts';
import { TEST_HOSTS, isTestHost } from './hosts.ts';
import { clipAround, isFocused, listBadges, resetFocus, waitForQuietDom } from './page-scripts.ts';
import { controlState, describeControls, findControl, findDialogs, type PerceivedNode } from './perceived.ts';
import type { TestServer } from './server.ts';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Chromium's own services, which it still calls with every background-networking flag set (clock
 * check, component updates, account probe). They are the browser's, not the extension's, and their
 * hostnames do not resolve here anyway.
 */
const CHROMIUM_SERVICE_HOSTS = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com)$/;

export interface LaunchOptions {
  /** The unpacked extension (default: dist/). */
  extensionDir: string;
  server: TestServer;
  headless?: boolean;
  /**
   * Whether Playwright closes the browser itself on Ctrl-C (default). The demo turns this off and
   * closes everything in its own handler, so the temporary profile is removed too.
   */
  handleSignals?: boolean;
  /**
   * The browser's UI language (`--lang`), which `browser.i18n` follows. Chromium 156 honours it for
   * the extension's messages even without the locale's own resources (there is no tg.pak or
   * uz.pak), whereas $LANGUAGE needs them.
   */
  lang?: string;
}

/** Chromium's flags: the extension, no background traffic, test hosts mapped, other hosts unresolvable. */
export function chromiumArgs(extensionDir: string, port: number): string[] {
  const rules = TEST_HOSTS.filter((h) => h !== 'localhost' && h !== '127.0.0.1').map((h) => `MAP ${h} 127.0.0.1:${port}`);
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    // Our server speaks plain HTTP; without this Chromium may try HTTPS first on real-looking hosts.
    '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable',
    // The server's own address stays reachable as itself: a curator channel is served from it (channels.e2e.ts).
    `--host-resolver-rules=${[...rules, 'MAP * ~NOTFOUND', 'EXCLUDE 127.0.0.1'].join(', ')}`,
  ];
}

interface AXValue {
  type?: string;
  value?: unknown;
}
interface RawAXNode {
  nodeId: string;
  ignored?: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
  backendDOMNodeId?: number;
}

/** Chromium's accessibility tree (closed shadow roots included) as a PerceivedNode tree. */
async function perceive(cdp: CDPSession): Promise<PerceivedNode> {
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: RawAXNode[] };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const build = (raw: RawAXNode): PerceivedNode => {
    const role = raw.ignored ? 'none' : String(raw.role?.value ?? 'none');
    const name = typeof raw.name?.value === 'string' ? raw.name.value : '';
    const node: PerceivedNode = { role: role === 'StaticText' ? 'text' : role, name, children: [] };
    if (role === 'StaticText') node.text = name;
    if (raw.backendDOMNodeId !== undefined) node.ref = raw.backendDOMNodeId;
    for (const p of raw.properties ?? []) {
      if (p.name === 'checked' || p.name === 'pressed') node.checked = p.value.value === 'mixed' ? 'mixed' : p.value.value === 'true' || p.value.value === true;
      if (p.name === 'disabled') node.disabled = p.value.value === true;
    }
    // Inline text boxes repeat their StaticText parent's text.
    if (role !== 'StaticText') {
      for (const id of raw.childIds ?? []) {
        const child = byId.get(id);
        if (child) node.children.push(build(child));
      }
    }
    return node;
  };
  const root = nodes[0];
  return root ? build(root) : { role: 'none', name: '', children: [] };
}

class ChromiumPage implements DriverPage {
  #cdp: CDPSession | null = null;
  constructor(
    readonly page: Page,
    readonly driver: ChromiumDriver,
  ) {}

  url(): string {
    return this.page.url();
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
    // Playwright's typing maps the argument through its handle types, which a generic A cannot satisfy.
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
    await this.page.keyboard.press(key);
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
  async #tree(): Promise<PerceivedNode> {
    this.#cdp ??= await this.page.context().newCDPSession(this.page);
    return perceive(this.#cdp);
  }
  async dialogs() {
    return findDialogs(await this.#tree());
  }
  async control(role: string, name: string) {
    const n = findControl(await this.#tree(), role, name);
    return n ? controlState(n) : null;
  }
  async clickControl(role: string, name: string): Promise<void> {
    const tree = await this.#tree();
    const n = findControl(tree, role, name);
    if (!n || n.ref === undefined) throw new Error(`no ${role} named "${name}" on ${this.url()}; there are: ${describeControls(tree)}`);
    const cdp = this.#cdp;
    if (!cdp) throw new Error('no CDP session');
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: n.ref });
    const { model } = (await cdp.send('DOM.getBoxModel', { backendNodeId: n.ref })) as { model: { content: number[] } };
    const q = model.content;
    const x = ((q[0] ?? 0) + (q[2] ?? 0) + (q[4] ?? 0) + (q[6] ?? 0)) / 4;
    const y = ((q[1] ?? 0) + (q[3] ?? 0) + (q[5] ?? 0) + (q[7] ?? 0)) / 4;
    await this.page.mouse.click(x, y);
  }
  async tabId(): Promise<number> {
    await this.page.bringToFront();
    const worker = await this.driver.worker();
    const id = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? -1;
    });
    if (id < 0) throw new Error('no active tab');
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
    await this.#cdp?.detach().catch(() => undefined);
    await this.page.close();
  }
}

export class ChromiumDriver implements Driver {
  readonly browser = 'chromium' as const;
  readonly canOpenExtensionPages = true;
  readonly #network: NetworkEntry[] = [];
  readonly #errors: ConsoleEntry[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly server: TestServer,
    readonly extensionId: string,
    readonly profileDir: string,
  ) {}

  static async launch(options: LaunchOptions): Promise<ChromiumDriver> {
    const profileDir = await mkdtemp(join(tmpdir(), 'sc-chromium-'));
    const context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM_PATH,
      headless: options.headless ?? true,
      args: [
        ...chromiumArgs(options.extensionDir, options.server.port),
        ...(options.lang ? [`--lang=${options.lang}`] : []),
        `--log-net-log=${join(profileDir, 'netlog.json')}`,
        '--enable-logging',
        `--log-file=${join(profileDir, 'chrome.log')}`,
      ],
      viewport: { width: 1280, height: 900 },
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      handleSIGHUP: options.handleSignals ?? true,
    });
    try {
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
      const driver = new ChromiumDriver(context, options.server, new URL(worker.url()).host, profileDir);
      driver.#watch();
      return driver;
    } catch (e) {
      await context.close();
      await rm(profileDir, { recursive: true, force: true });
      throw e;
    }
  }

  #watch(): void {
    const origin = `chrome-extension://${this.extensionId}/`;
    this.context.on('request', (r) => {
      const url = r.url();
      if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return;
      const fromWorker = r.serviceWorker() !== null;
      const frameUrl = fromWorker ? '' : r.frame().url();
      this.#network.push({ url, from: fromWorker || frameUrl.startsWith('chrome-extension:') ? 'extension' : 'page' });
    });
    const onConsole = (m: ConsoleMessage): void => {
      if (m.type() === 'error') this.#errors.push({ type: 'console', text: m.text(), location: m.location().url });
    };
    // The context's console event covers pages, content scripts and the service worker alike.
    this.context.on('console', onConsole);
    this.context.on('weberror', (e) => {
      const err = e.error();
      this.#errors.push({ type: 'exception', text: `${err.message}\n${err.stack ?? ''}`, location: e.page()?.url() ?? '' });
    });
  }

  /**
   * Every URL Chromium's network stack was asked for, from its NetLog: it sees requests made before
   * Playwright attaches to a new service worker (a fetch in the worker's first milliseconds), which
   * the request events miss.
   */
  #netLogUrls(): string[] {
    let text = '';
    try {
      text = readFileSync(join(this.profileDir, 'netlog.json'), 'utf8');
    } catch {
      return [];
    }
    const urls = new Set<string>();
    for (const m of text.matchAll(/"url":"((?:https?|wss?):\/\/[^"]+)"/g)) if (m[1]) urls.add(m[1]);
    return [...urls];
  }

  /** The extension's service worker; woken by opening an extension page if it was stopped. */
  async worker(): Promise<Worker> {
    const live = this.context.serviceWorkers().find((w) => w.url().includes(this.extensionId));
    if (live) return live;
    const waiting = this.context.waitForEvent('serviceworker', { timeout: 10_000 });
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${this.extensionId}/src/options/index.html`);
    const worker = await waiting;
    await page.close();
    return worker;
  }

  url(host: string, path: string): string {
    return host === '127.0.0.1' || host === 'localhost' ? `http://${host}:${this.server.port}${path}` : `http://${host}${path}`;
  }

  async open(url: string): Promise<DriverPage> {
    const page = await this.context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return new ChromiumPage(page, this);
  }

  async openExtensionPage(path: string): Promise<DriverPage> {
    return this.open(`chrome-extension://${this.extensionId}/${path.replace(/^\//, '')}`);
  }

  async readStorage(area: 'local' | 'sync', keys: string[] | null = null): Promise<Record<string, unknown>> {
    const worker = await this.worker();
    return worker.evaluate(([a, k]) => chrome.storage[a].get(k), [area, keys] as const);
  }

  async writeStorage(area: 'local' | 'sync', items: Record<string, unknown>): Promise<void> {
    const worker = await this.worker();
    await worker.evaluate(([a, i]) => chrome.storage[a].set(i), [area, items] as const);
  }

  /**
   * Uncaught exceptions and rejections in extension code, from Chromium's log: the only place that
   * has the service worker's (Playwright reports a worker's console, not its exceptions).
   */
  #loggedExceptions(): ConsoleEntry[] {
    let text = '';
    try {
      text = readFileSync(join(this.profileDir, 'chrome.log'), 'utf8');
    } catch {
      return [];
    }
    const out: ConsoleEntry[] = [];
    for (const m of text.matchAll(/:CONSOLE(?::\d+|\(\d+\))?\] "(Uncaught[^\n]*)", source: (chrome-extension:\/\/\S+)/g)) {
      if (m[1] && m[2]) out.push({ type: 'log', text: m[1], location: m[2] });
    }
    return out;
  }

  consoleErrors(): ConsoleEntry[] {
    // A content script's exception shows both as a page error and in the log: keep the page error.
    const logged = this.#loggedExceptions().filter((l) => !this.#errors.some((e) => l.text.includes(e.text.split('\n')[0] ?? '\u0000')));
    return [...this.#errors, ...logged];
  }

  extensionErrors(): ConsoleEntry[] {
    return this.consoleErrors().filter((e) => e.location.startsWith('chrome-extension:') || e.text.includes('chrome-extension://'));
  }

  networkLog(): NetworkEntry[] {
    const seen = new Set(this.#network.map((e) => e.url));
    const fromNetLog: NetworkEntry[] = this.#netLogUrls()
      .filter((url) => !seen.has(url) && !CHROMIUM_SERVICE_HOSTS.test(new URL(url).hostname))
      .map((url) => ({ url, from: isTestHost(new URL(url).hostname) ? 'page' : 'unknown' }));
    const seenByServer: NetworkEntry[] = this.server.escapes().map((r) => ({ url: `${r.method} ${r.host}${r.path}`, from: 'unknown' }));
    return [...this.#network, ...fromNetLog, ...seenByServer];
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
    await this.context.close().catch(() => undefined);
    await rm(this.profileDir, { recursive: true, force: true }).catch(() => undefined);
  }
}
