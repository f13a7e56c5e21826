/**
 * The background (service worker in Chromium, event page in Firefox): wires the dataset loader, the
 * curator channels, the message router, the toolbar badge and the welcome page on first install.
 *
 * Every listener is registered synchronously during the first run of this module: a stopped MV3
 * worker woken by an event only delivers it to listeners that exist by the end of that first run.
 */
import browser from 'webextension-polyfill';
import { compileIndex } from '../core/index-compiler.ts';
import bundle from '../data/dataset.json';
import { parsePackJson, validateDataset } from '../data/schema.ts';
import { createChannels } from './channels.ts';
import { DB_NAME, openSourceContextDB, type SourceContextDBHandle } from './db.ts';
import { createHandlers } from './handlers.ts';
import { clearCountsOnNavigation } from './icon.ts';
import { createDatasetLoader } from './loader.ts';
import { listenForMessages } from './router.ts';

let dbPromise: Promise<SourceContextDBHandle> | null = null;

/** One connection per worker run, reopened if the browser closes it or opening failed. */
function getDB(): Promise<SourceContextDBHandle> {
  if (!dbPromise) {
    const opening = openSourceContextDB(DB_NAME, () => {
      if (dbPromise === opening) dbPromise = null;
    });
    opening.catch(() => {
      if (dbPromise === opening) dbPromise = null;
    });
    dbPromise = opening;
  }
  return dbPromise;
}

const loader = createDatasetLoader({ openDB: getDB, bundle, validateDataset, parsePackJson, compileIndex });

const channels = createChannels({
  // Bound: a bare `fetch` called as a method of another object throws "Illegal invocation".
  fetch: (url, init) => fetch(url, init),
  importPack: (text, accept) => loader.importPack(text, accept),
  removePack: (name) => loader.removePack(name),
  alarms: browser.alarms,
  permissions: browser.permissions,
});

listenForMessages(createHandlers(loader, channels));
// A channel's check runs only on its own alarm (or "Update now", a message): never on a page event.
browser.alarms.onAlarm.addListener((alarm) => void channels.onAlarm(alarm.name));
clearCountsOnNavigation();
browser.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install' || details.reason === 'update') void loader.onInstalledOrUpdated();
  // The welcome page, on a first install only: an update, a browser update or re-enabling never
  // opens it again. It asks for its records like any page, so the dataset load above is not awaited.
  if (details.reason === 'install') browser.tabs.create({ url: browser.runtime.getURL('src/welcome/index.html') }).catch(() => {});
});

// Every start, not only install: a worker stopped mid-load, or an update whose install event was
// missed, is repaired here. Queued before any install event, so the two never overlap.
void loader.onStart();
void channels.onStart();
