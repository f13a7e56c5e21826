// `npm start`: the extension at work on a few news pages, in Chromium. (`npm start` builds dist/
// first; this script builds nothing.)
//
// It serves tests/demo/pages under realistic hostnames (the same local server and hostname mapping
// as the browser tests, from tests/e2e/harness), launches Chromium with dist/ loaded, and opens
// every page. With a display ($DISPLAY set) the browser stays open until Ctrl-C; without one it runs
// headless, saves screenshots of a badge, its open popup and the toolbar panel to
// tests/demo/screenshots/, prints what it found, and exits.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const dist = join(root, 'dist');
const shots = join(here, 'screenshots');

/** The demo's pages: where each is served and what a reader should see there. */
const PAGES = [
  { host: 'www.steppe-herald.test', path: '/ishkobod-report.html', expect: 'incident badge (a neutral report naming Ishkobod)' },
  { host: 'vesti-regiona.test', path: '/ru-ishkobod.html', expect: 'incident badge (Russian text: Ишкобод, Ишкобода)' },
  { host: 'fararud-news.test', path: '/fa-eshqabad.html', expect: 'incident badge on the Tajik post (Persian عشق‌آباد beside a border post and Tajikistan), none on Ashgabat' },
  { host: 'vodiy-xabarlari.test', path: '/uz-chegara.html', expect: 'incident badge (an Uzbek description: a border post in Rudaki, on the Uzbek border, no name)' },
  { host: 'news-reposts.test', path: '/repost-analysis.html', expect: 'Global Research badge (recognised by its byline on a repost site)' },
  { host: 'daily-ledger.test', path: '/library-hours.html', expect: 'nothing (no match: the page is left untouched)' },
];

if (!existsSync(join(dist, 'manifest.json'))) {
  console.error('dist/ has no build: run `npm start` (which builds first) or `npm run build`.');
  process.exit(1);
}

// The harness is TypeScript; vite's module runner (a dev dependency already) loads it in memory.
const load = async (file) => (await runnerImport(join(root, file), { configFile: false, logLevel: 'error' })).module;
const { startTestServer } = await load('tests/e2e/harness/server.ts');
const { ChromiumDriver } = await load('tests/e2e/harness/chromium.ts');

const headed = Boolean(process.env.DISPLAY);
const server = await startTestServer({ root: join(here, 'pages'), seeds: false });
const driver = await ChromiumDriver.launch({ extensionDir: dist, server, headless: !headed, handleSignals: false });
const closeAll = async () => {
  await driver.close();
  await server.close();
};

/** Badges on the page once the content script has had its chance (it runs when the page is idle). */
async function badgesOf(page) {
  const deadline = Date.now() + 4000;
  let found = await page.badges();
  while (found.length === 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    found = await page.badges();
  }
  await page.settle(400, 4000);
  return page.badges();
}

async function waitForDialog(page) {
  const deadline = Date.now() + 4000;
  for (;;) {
    const [dialog] = await page.dialogs();
    if (dialog || Date.now() > deadline) return dialog ?? null;
    await new Promise((r) => setTimeout(r, 100));
  }
}

let failed = false;
try {
  console.log(`Source Context demo: Chromium ${headed ? 'with a window' : 'headless'}, extension ${driver.extensionId}\n`);
  const opened = [];
  for (const spec of PAGES) {
    const page = await driver.open(driver.url(spec.host, spec.path));
    const badges = await badgesOf(page);
    opened.push({ spec, page, badges });
    const list = badges.length ? badges.map((b) => `${b.kind}:${b.id}`).join(', ') : 'none';
    console.log(`${spec.host}${spec.path}\n  expected: ${spec.expect}\n  badges:   ${list}\n`);
  }

  if (!headed) {
    await mkdir(shots, { recursive: true });
    const first = opened.find((o) => o.badges.some((b) => b.kind === 'incident'));
    if (first) {
      const badge = 'source-context-badge[data-kind="incident"]';
      const block = `:is(p, h1, h2, h3, li, blockquote):has(${badge})`;
      await first.page.bringToFront();
      await first.page.screenshot(join(shots, '1-badge.png'), { selector: block, padding: 24 });
      await first.page.click(badge);
      const dialog = await waitForDialog(first.page);
      await first.page.screenshot(join(shots, '2-popup.png'));
      console.log(dialog ? `Popup "${dialog.name}": ${dialog.text.slice(0, 300)}…\n` : 'The popup did not open.\n');
      failed ||= !dialog;

      const tabId = await first.page.tabId();
      const panel = await driver.openExtensionPage(`src/popup/index.html?tab=${tabId}`);
      await panel.settle(400, 4000);
      await panel.screenshot(join(shots, '3-panel.png'), { selector: 'body > *', padding: 0 });
      await panel.close();
      console.log(`Screenshots in ${shots}: 1-badge.png, 2-popup.png, 3-panel.png`);
    } else {
      console.log('No incident badge appeared, so no screenshots were taken.');
      failed = true;
    }
    const errors = driver.extensionErrors();
    const requests = driver.forbiddenRequests();
    console.log(`Errors from the extension: ${errors.length}; requests by the extension or off the local server: ${requests.length}`);
    for (const e of errors) console.log(`  error: ${e.text.split('\n')[0]}`);
    for (const r of requests) console.log(`  request: ${r.url}`);
    await closeAll();
  } else {
    console.log('The browser stays open: click a badge, open the toolbar panel. Ctrl-C to quit.');
    let stopping = false;
    const stop = () => {
      stopping = true;
      closeAll().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    // The window was closed by hand: clean up the rest (unless Ctrl-C is already doing so).
    driver.context.once('close', () => {
      if (!stopping) stop();
    });
  }
} catch (e) {
  console.error(e);
  await closeAll();
  process.exit(1);
}
if (!headed && failed) process.exitCode = 1;
