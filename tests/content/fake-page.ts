/**
 * What the content script's tests mock: the extension's storage, serving the bundled dataset's
 * compiled index, and the UI module, stubbed (the scanner and marker run as in the page; no badge
 * is drawn). Used from `vi.mock` factories: `vi.mock('…/ext.ts', () => import('./fake-page.ts').then((m) => m.fakeExt))`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../src/core/dataset-types.ts';
import { compileIndex } from '../../src/core/index-compiler.ts';

const dataset = JSON.parse(readFileSync(join(process.cwd(), 'src/data/dataset.json'), 'utf8')) as Dataset;
const storage = compileIndex([dataset], 'fake-page');

export const fakeExt = {
  ext: () => null,
  storageLocalGet: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in storage).map((k) => [k, storage[k]])),
  storageSyncGet: async () => ({}),
};

export const fakeUi = {
  mountBadge: () => () => undefined,
  openPopupFor: () => undefined,
  closePopup: () => undefined,
  showBanner: () => () => undefined,
  destroyUi: () => undefined,
};
