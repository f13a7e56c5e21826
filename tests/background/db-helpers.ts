/**
 * Test fixtures for the background's database, in the idb manner: a fresh database per test (a new
 * name in fake-indexeddb), optionally already holding datasets, and a full dump to compare states.
 */
import 'fake-indexeddb/auto';
import { openSourceContextDB, replaceDataset, type SourceContextDBHandle } from '../../src/background/db.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';

let counter = 0;

/** An empty database of the current version, under a name no other test uses. */
export function openTestDB(): Promise<SourceContextDBHandle> {
  counter += 1;
  return openSourceContextDB(`source-context-test-${counter}-${Date.now()}`);
}

/** A database holding `datasets`, each written as its own dataset (by its `name`), in order. */
export async function openTestDBWithRecords(...datasets: Dataset[]): Promise<SourceContextDBHandle> {
  const db = await openTestDB();
  for (const ds of datasets) await replaceDataset(db, ds, ds.name, { now: 1_700_000_000_000 });
  return db;
}

/** Every store's keys and values, as JSON: equal dumps mean byte-identical stored data. */
export async function dumpDB(db: SourceContextDBHandle): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const store of ['incidents', 'claims', 'publishers', 'authors', 'meta', 'packs'] as const) {
    const tx = db.transaction(store, 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
    out[store] = keys.map((k, i) => [k, values[i]]);
  }
  return JSON.stringify(out);
}
