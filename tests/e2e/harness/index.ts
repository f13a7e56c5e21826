/**
 * Entry point for browser tests: which browsers to run (`BROWSERS=chromium,firefox`, default both,
 * Chromium first), and `launchDriver` to start one with the built extension and a fresh test server.
 *
 *   const browsers = browsersUnderTest();
 *   describe.each(browsers)('%s', (name) => {
 *     let driver: Driver;
 *     beforeAll(async () => { driver = await launchDriver(name); });
 *     afterAll(() => driver?.close());
 *   });
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ChromiumDriver } from './chromium.ts';
import type { BrowserName, Driver } from './driver.ts';
import { FirefoxDriver } from './firefox.ts';
import { REPO_ROOT, startTestServer, type ServerOptions } from './server.ts';

export type { BadgeInfo, BrowserName, ControlState, DialogInfo, Driver, DriverPage, NetworkEntry } from './driver.ts';
export { FIXTURE_HOST, OTHER_HOST, PUBLISHER_HOSTS, REPOST_HOST, SEED_PUBLISHER, TEST_HOSTS } from './hosts.ts';
export { REPO_ROOT, SEEDS_DIR, startTestServer } from './server.ts';

export const DIST_DIR: Record<BrowserName, string> = {
  chromium: join(REPO_ROOT, 'dist'),
  firefox: join(REPO_ROOT, 'dist-firefox'),
};

/** Browsers named in $BROWSERS (comma or space separated), Chromium first; both when unset. */
export function browsersUnderTest(env: string | undefined = process.env.BROWSERS): BrowserName[] {
  const wanted = (env ?? 'chromium,firefox').toLowerCase().split(/[\s,]+/);
  return (['chromium', 'firefox'] as const).filter((b) => wanted.includes(b));
}

export interface LaunchDriverOptions extends ServerOptions {
  /** Defaults to headless unless HEADED=1. */
  headless?: boolean;
  /** Defaults to dist/ or dist-firefox/. */
  extensionDir?: string;
  /** The browser's UI language (BCP 47), which the extension's messages follow; the browser's own default when unset. */
  lang?: string;
}

/** Starts a test server and the browser with the extension; `close()` on the driver stops both. */
export async function launchDriver(browser: BrowserName, options: LaunchDriverOptions = {}): Promise<Driver> {
  const extensionDir = options.extensionDir ?? DIST_DIR[browser];
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} has no build: run \`npm run ${browser === 'firefox' ? 'build:firefox' : 'build'}\` first`);
  }
  const server = await startTestServer(options);
  const headless = options.headless ?? process.env.HEADED !== '1';
  try {
    const driver =
      browser === 'chromium'
        ? await ChromiumDriver.launch({ extensionDir, server, headless, lang: options.lang })
        : await FirefoxDriver.launch({ extensionDir, server, headless, lang: options.lang });
    const close = driver.close.bind(driver);
    return Object.assign(driver, {
      close: async () => {
        await close();
        await server.close();
      },
    });
  } catch (e) {
    await server.close();
    throw e;
  }
}
