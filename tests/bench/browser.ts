/**
 * One Chromium for the whole benchmark: Debian's /usr/bin/chromium through playwright-core, a copy
 * of the built extension loaded (a copy, so another build of dist/ during the run cannot swap the
 * chunks under a loaded extension), the e2e harness's flags and test server. An options-page tab
 * stays open as the control page: storage writes, pack import and stopping the service worker go
 * through it.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_PATH, chromiumArgs } from '../e2e/harness/chromium.ts';
import type { TestServer } from '../e2e/harness/server.ts';

export interface Bench {
  context: BrowserContext;
  server: TestServer;
  extensionId: string;
  distCopy: string;
  control: Page;
  controlCdp: CDPSession;
  /** The service worker's running status as CDP last reported it. */
  workerStatus(): string;
  /** Stop the extension's service worker and wait until it has stopped. */
  stopWorker(): Promise<boolean>;
  /** Run `fn` in the options page (an extension page: real `chrome.*`). */
  inExtension<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  close(): Promise<void>;
}

export async function copyDist(dist: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sc-bench-dist-'));
  await cp(dist, dir, { recursive: true });
  return dir;
}

export async function launchBench(distCopy: string, server: TestServer): Promise<Bench> {
  const profile = await mkdtemp(join(tmpdir(), 'sc-bench-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: chromiumArgs(distCopy, server.port),
    viewport: { width: 1280, height: 900 },
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
    const extensionId = new URL(worker.url()).host;
    const control = await context.newPage();
    await control.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    const controlCdp = await context.newCDPSession(control);
    let status = 'running';
    controlCdp.on('ServiceWorker.workerVersionUpdated', (e: { versions: { scriptURL: string; runningStatus: string }[] }) => {
      for (const v of e.versions) if (v.scriptURL.includes(extensionId)) status = v.runningStatus;
    });
    await controlCdp.send('ServiceWorker.enable');
    const bench: Bench = {
      context,
      server,
      extensionId,
      distCopy,
      control,
      controlCdp,
      workerStatus: () => status,
      async stopWorker() {
        await controlCdp.send('ServiceWorker.stopAllWorkers');
        const deadline = Date.now() + 5000;
        while (status !== 'stopped' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        return status === 'stopped';
      },
      // The e2e driver's evaluate has the same shape; playwright's own type unboxes handles we never pass.
      inExtension: <R, A>(fn: (arg: A) => R | Promise<R>, arg: A) => control.evaluate(fn as never, arg) as Promise<R>,
      async close() {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true }).catch(() => undefined);
      },
    };
    return bench;
  } catch (e) {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    throw e;
  }
}

/** Wait until the extension has written its index (first install compiles it in the background). */
export async function waitForIndex(bench: Bench, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const gen = await bench.inExtension(async () => {
      const got = await chrome.storage.local.get(['idx:meta', 'state:loading']);
      const meta = got['idx:meta'] as { gen?: string } | undefined;
      return got['state:loading'] === true ? null : (meta?.gen ?? null);
    }, null);
    if (gen) return gen;
    if (Date.now() > deadline) throw new Error('the extension wrote no detection index in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stored index: every `idx:` key's JSON size (key included), and the keys of the current generation. */
export async function storedIndexBytes(bench: Bench): Promise<{ bytes: number; keys: number; currentBytes: number; staleKeys: number; metaBytes: number }> {
  return bench.inExtension(async () => {
    const all = await chrome.storage.local.get(null);
    const meta = all['idx:meta'] as { gen?: string } | undefined;
    const gen = meta?.gen ?? '';
    let bytes = 0;
    let currentBytes = 0;
    let keys = 0;
    let staleKeys = 0;
    for (const [k, v] of Object.entries(all)) {
      if (!k.startsWith('idx:')) continue;
      const size = k.length + JSON.stringify(v).length;
      bytes += size;
      keys++;
      if (k === 'idx:meta' || k.startsWith(`idx:${gen}:`)) currentBytes += size;
      else staleKeys++;
    }
    return { bytes, keys, currentBytes, staleKeys, metaBytes: JSON.stringify(all['idx:meta'] ?? null).length };
  }, null);
}
