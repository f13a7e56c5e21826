/**
 * What a browser test can do, the same in Chromium and Firefox. Tests are written once against
 * `Driver` and `DriverPage`; the two implementations (chromium.ts over playwright-core, firefox.ts
 * over puppeteer-core and WebDriver BiDi) hide how each browser gets there.
 *
 * The extension's UI lives in closed shadow roots, which page scripts (and the usual test locators)
 * cannot enter. What a user perceives is reached instead through the accessibility tree (Chromium:
 * CDP `Accessibility.getFullAXTree`) or the browser's own view of the DOM (Firefox: BiDi node
 * serialization, which includes closed shadow roots), and by real keyboard and mouse input.
 */
import type { TestServer } from './server.ts';

export type BrowserName = 'chromium' | 'firefox';

export interface BadgeInfo {
  kind: string;
  id: string;
}

/** A dialog as the user meets it: its accessible name and all the text inside it. */
export interface DialogInfo {
  name: string;
  /** Text of the dialog's content, whitespace collapsed, in document order. */
  text: string;
}

/** A control found by role and accessible name, with the states a user can perceive. */
export interface ControlState {
  role: string;
  name: string;
  /** For switches and checkboxes. */
  checked?: boolean | 'mixed';
  disabled?: boolean;
}

export interface NetworkEntry {
  url: string;
  /** Who asked: a web page (or a content script in it), the extension's background or pages, or unknown (seen only by the server). */
  from: 'page' | 'extension' | 'unknown';
}

export interface ConsoleEntry {
  type: string;
  text: string;
  /** Script URL the message came from, when the browser says. */
  location: string;
}

export interface DriverPage {
  url(): string;
  /** Runs `fn` in the page's own world (not the content script's). `fn` must not use outer variables. */
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  /** Every `source-context-badge` in the page's light DOM, in document order. */
  badges(): Promise<BadgeInfo[]>;
  /** Waits for a badge; rejects with the badges that were there if it does not come. */
  waitForBadge(kind: string, id: string, timeoutMs?: number): Promise<void>;
  /**
   * Waits until the page's DOM has not changed for `quietMs` (the content script runs at idle and
   * yields between chunks, so "nothing happened for a while" is the only outside sign it is done).
   */
  settle(quietMs?: number, timeoutMs?: number): Promise<void>;
  /** A real mouse click in the middle of the first element matching `selector` (light DOM). */
  click(selector: string): Promise<void>;
  /** Key names as in Playwright: 'Tab', 'Enter', 'Escape', 'Shift+Tab'. */
  press(key: string): Promise<void>;
  /**
   * Presses Tab until keyboard focus is inside the given badge (the page's `activeElement` is then
   * the badge host, since its button is in a closed root). Returns whether it got there.
   */
  tabToBadge(kind: string, id: string, maxPresses?: number): Promise<boolean>;
  /** The same for any element (light DOM selector). */
  tabTo(selector: string, maxPresses?: number): Promise<boolean>;
  /** The dialogs a user can perceive, closed shadow roots included. */
  dialogs(): Promise<DialogInfo[]>;
  /** The first control with this role whose accessible name equals `name` (closed roots included), or null. */
  control(role: string, name: string): Promise<ControlState | null>;
  /** Clicks that control (mouse, in its middle). */
  clickControl(role: string, name: string): Promise<void>;
  /** The extension's id for this tab (`tabs.Tab.id`). */
  tabId(): Promise<number>;
  bringToFront(): Promise<void>;
  /** A PNG of the viewport, or of the area around the first element matching `around` (light DOM). */
  screenshot(path: string, around?: { selector: string; padding?: number }): Promise<void>;
  close(): Promise<void>;
}

export interface Driver {
  readonly browser: BrowserName;
  readonly server: TestServer;
  /** Whether `openExtensionPage` works here. */
  readonly canOpenExtensionPages: boolean;
  /** `http://<host><path>`; the host must be one of TEST_HOSTS. */
  url(host: string, path: string): string;
  /** A new tab at `url`, returned once the load event has fired. */
  open(url: string): Promise<DriverPage>;
  /** A new tab with one of the extension's pages (`src/popup/index.html?tab=3`). */
  openExtensionPage(path: string): Promise<DriverPage>;
  /** The extension's storage, read the way the extension reads it. */
  readStorage(area: 'local' | 'sync', keys?: string[] | null): Promise<Record<string, unknown>>;
  writeStorage(area: 'local' | 'sync', items: Record<string, unknown>): Promise<void>;
  /** Console errors and uncaught exceptions seen so far, anywhere. */
  consoleErrors(): ConsoleEntry[];
  /** Those of `consoleErrors()` that come from the extension's code. */
  extensionErrors(): ConsoleEntry[];
  /** Every request seen so far (by the browser or by the test server). */
  networkLog(): NetworkEntry[];
  /** Requests the extension made, or that went to any host but the test server's: must stay empty. */
  forbiddenRequests(): NetworkEntry[];
  close(): Promise<void>;
}
