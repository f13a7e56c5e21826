/**
 * The dataset in IndexedDB: one typed schema, versioned upgrades, and whole-dataset writes.
 *
 * Every record is stored wrapped with the dataset it came from (`pack`: 'bundled' or a pack's name)
 * and its position in that dataset (`seq`), under the key [pack, id]. Keying by pack means
 * replacing or removing one dataset is a single range delete that cannot touch another's records,
 * so removing a pack gives back exactly what was there before it was imported, even when a pack
 * reuses an id that another dataset has.
 *
 * When two datasets hold a record with the same id, the one loaded later wins: bundled first, then
 * packs in import order (see `core/record-view.ts`).
 *
 * Longer than our usual file: the schema, the writes and the reads all depend on the one storage
 * layout above ([pack, id] keys, wrapped records), and keeping them together keeps that in view.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { DatasetInfo, RecordView } from '../core/messages.ts';
import { packOrigin, type PackChannel, type PackOrigin } from '../core/origin.ts';
import type { ExtendedIncident, PackSummary } from '../core/pack-summary.ts';
import type { Author, Claim, Concept, Dataset, Incident, PackIdentity, Publisher, RecordKind } from '../core/dataset-types.ts';
import { buildRecordView } from '../core/record-view.ts';

export const DB_NAME = 'source-context';
export const DB_VERSION = 1;
export const BUNDLED = 'bundled';

/** A dataset record as stored: the record itself, untouched, plus where it came from. */
export interface Stored<T> {
  pack: string;
  id: string;
  /** Position in its dataset's array, so a dataset reads back in its own order. */
  seq: number;
  value: T;
}
export interface StoredClaim extends Stored<Claim> {
  incidentId: string;
}
export interface StoredAuthor extends Stored<Author> {
  publisherId: string;
}

export interface BundledMeta {
  schemaVersion: number;
  contentVersion: string;
  /** The dataset's concepts (what its description rules and ambiguous aliases name), kept with its versions. */
  concepts?: Concept[];
}

export interface DatasetCounts {
  incidents: number;
  claims: number;
  publishers: number;
  authors: number;
}

/**
 * A pack's entry. Its identity is where the origin of every record the pack stored comes from
 * (`packOrigin`): the extension's record of who the records are from, kept beside them and never
 * read from the records themselves. Entries written before packs had identities lack the last
 * three fields.
 */
export interface PackMeta {
  name: string;
  schemaVersion: number;
  contentVersion: string;
  counts: DatasetCounts;
  /** ms since epoch. */
  importedAt: number;
  concepts?: Concept[];
  /** The identity the pack declared, as checked on import. */
  pack?: PackIdentity;
  /** Hosts it labels, in normal form. */
  domains?: string[];
  /** Incidents of other datasets it adds claims to, as they were when it was imported. */
  extends?: ExtendedIncident[];
  /** The curator channel that delivered it; absent for a pack the reader imported from a file. */
  channel?: PackChannel;
}

export interface SourceContextDB extends DBSchema {
  incidents: { key: [string, string]; value: Stored<Incident>; indexes: { 'by-id': string } };
  claims: { key: [string, string]; value: StoredClaim; indexes: { 'by-id': string; 'by-incident': string } };
  publishers: { key: [string, string]; value: Stored<Publisher>; indexes: { 'by-id': string } };
  authors: { key: [string, string]; value: StoredAuthor; indexes: { 'by-id': string; 'by-publisher': string } };
  /** 'bundled' → BundledMeta (absent until the bundle is first loaded); 'packs' → PackMeta[] in import order. */
  meta: { key: 'bundled' | 'packs'; value: BundledMeta | PackMeta[] };
  /** Each imported pack's JSON exactly as the user gave it, by pack name. */
  packs: { key: string; value: { name: string; json: string } };
}

export type SourceContextDBHandle = IDBPDatabase<SourceContextDB>;

const RECORD_STORES = ['incidents', 'claims', 'publishers', 'authors'] as const;
const ALL_STORES = [...RECORD_STORES, 'meta', 'packs'] as const;

/**
 * Opens (creating or upgrading) the database. `name` is for use in tests.
 * `onLost` runs when the connection closes under us (another version opened, or the browser
 * dropped it), so the caller can open a fresh one next time.
 */
export async function openSourceContextDB(name = DB_NAME, onLost?: () => void): Promise<SourceContextDBHandle> {
  const db: SourceContextDBHandle = await openDB<SourceContextDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // Each step brings a database of version n-1 to n; a user may skip versions, so all run in order.
      if (oldVersion < 1) {
        const byPackAndId = { keyPath: ['pack', 'id'] };
        db.createObjectStore('incidents', byPackAndId).createIndex('by-id', 'id');
        const claims = db.createObjectStore('claims', byPackAndId);
        claims.createIndex('by-id', 'id');
        claims.createIndex('by-incident', 'incidentId');
        db.createObjectStore('publishers', byPackAndId).createIndex('by-id', 'id');
        const authors = db.createObjectStore('authors', byPackAndId);
        authors.createIndex('by-id', 'id');
        authors.createIndex('by-publisher', 'publisherId');
        db.createObjectStore('meta');
        db.createObjectStore('packs', { keyPath: 'name' });
        // Always present, so "no packs" reads the same before the first import and after the last removal.
        void tx.objectStore('meta').put([], 'packs');
      }
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
      db.close();
      onLost?.();
    },
    terminated() {
      onLost?.();
    },
  });
  return db;
}

/** All keys of one dataset in a store keyed [pack, id]: arrays sort after strings, so [pack, []] is past every [pack, id]. */
function packRange(pack: string): IDBKeyRange {
  return IDBKeyRange.bound([pack], [pack, []]);
}

const isPackList = (v: BundledMeta | PackMeta[] | undefined): v is PackMeta[] => Array.isArray(v);
const isBundledMeta = (v: BundledMeta | PackMeta[] | undefined): v is BundledMeta => v !== undefined && !Array.isArray(v);

/** A dataset's concepts as an optional field (left out when it has none, as a version-2 pack). */
const conceptsOf = (d: { concepts?: Concept[] }): { concepts?: Concept[] } => (d.concepts && d.concepts.length > 0 ? { concepts: d.concepts } : {});

export function countsOf(ds: Pick<Dataset, 'incidents' | 'claims' | 'publishers' | 'authors'>): DatasetCounts {
  return { incidents: ds.incidents.length, claims: ds.claims.length, publishers: ds.publishers.length, authors: ds.authors.length };
}

type AnyTx = IDBPTransaction<SourceContextDB, ArrayLike<StoreNames<SourceContextDB>>, 'readonly' | 'readwrite'>;

async function packListIn(tx: AnyTx): Promise<PackMeta[]> {
  const v = await tx.objectStore('meta').get('packs');
  return isPackList(v) ? v : [];
}

/**
 * Runs `write` in one readwrite transaction over every store and waits for all its requests and the
 * commit. `write` must only queue requests (never await anything else) — the transaction commits as
 * soon as it has nothing pending. If any request fails, or `write` throws while queueing, the whole
 * transaction is aborted and nothing it did is kept.
 */
async function writeAll(
  db: SourceContextDBHandle,
  write: (tx: IDBPTransaction<SourceContextDB, typeof ALL_STORES, 'readwrite'>, pending: Promise<unknown>[]) => void | Promise<void>,
): Promise<void> {
  const tx = db.transaction(ALL_STORES, 'readwrite');
  const pending: Promise<unknown>[] = [];
  try {
    await write(tx, pending);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
    // Settle what was queued so the aborted requests do not surface as unhandled rejections.
    await Promise.allSettled([...pending, tx.done]);
    throw e;
  }
  await Promise.all([...pending, tx.done]);
}

/**
 * Replaces everything of dataset `packName` ('bundled' or a pack's name) with `dataset`, in one
 * transaction: the old records, its meta entry and (for a pack) its stored JSON. On any failure the
 * old data stays whole and the error is thrown. `json` is the pack's text as imported (kept for
 * exact export); it defaults to the dataset serialised. `summary`: what the pack labels and extends,
 * kept for the options page. `replaces`: a pack stored under another name that this one replaces (a
 * new version of the same pack, renamed); it goes in the same transaction, and this one takes its place.
 */
export async function replaceDataset(
  db: SourceContextDBHandle,
  dataset: Dataset,
  packName: string,
  opts: { json?: string; now?: number; summary?: Pick<PackSummary, 'domains' | 'extends'>; replaces?: string; channel?: PackChannel } = {},
): Promise<void> {
  const replaced = opts.replaces !== undefined && opts.replaces !== packName && opts.replaces !== BUNDLED ? opts.replaces : null;
  await writeAll(db, async (tx, pending) => {
    for (const name of replaced ? [packName, replaced] : [packName]) {
      const range = packRange(name);
      for (const s of RECORD_STORES) pending.push(tx.objectStore(s).delete(range));
    }
    if (replaced) pending.push(tx.objectStore('packs').delete(replaced));
    const add = <T extends { id: string }>(list: T[], put: (r: Stored<T>) => Promise<unknown>): void => {
      list.forEach((value, seq) => pending.push(put({ pack: packName, id: value.id, seq, value })));
    };
    // `add`, not `put`: the range was just emptied, so a clash means two records share an id in this
    // dataset, and the failed request aborts the whole replacement.
    add(dataset.incidents, (r) => tx.objectStore('incidents').add(r));
    add(dataset.claims, (r) => tx.objectStore('claims').add({ ...r, incidentId: r.value.incidentId }));
    add(dataset.publishers, (r) => tx.objectStore('publishers').add(r));
    add(dataset.authors, (r) => tx.objectStore('authors').add({ ...r, publisherId: r.value.publisherId }));

    if (packName === BUNDLED) {
      pending.push(tx.objectStore('meta').put({ schemaVersion: dataset.schemaVersion, contentVersion: dataset.contentVersion, ...conceptsOf(dataset) }, 'bundled'));
      return;
    }
    pending.push(tx.objectStore('packs').put({ name: packName, json: opts.json ?? JSON.stringify(dataset) }));
    // The one awaited read inside the transaction: a request of this transaction, so it stays alive.
    const packs = await packListIn(tx);
    const entry: PackMeta = {
      name: packName,
      schemaVersion: dataset.schemaVersion,
      contentVersion: dataset.contentVersion,
      counts: countsOf(dataset),
      importedAt: opts.now ?? Date.now(),
      ...conceptsOf(dataset),
      ...(dataset.pack ? { pack: dataset.pack } : {}),
      domains: opts.summary?.domains ?? [],
      extends: opts.summary?.extends ?? [],
      ...(opts.channel ? { channel: { ...opts.channel } } : {}),
    };
    const at = packs.findIndex((p) => p.name === packName || (replaced !== null && p.name === replaced));
    // A re-imported pack keeps its place in the order (and so its precedence).
    const next = at >= 0 ? packs.map((p, i) => (i === at ? entry : p)) : [...packs, entry];
    pending.push(tx.objectStore('meta').put(next, 'packs'));
  });
}

/** Removes pack `name` and everything it added, in one transaction. False when there is no such pack. */
export async function removePack(db: SourceContextDBHandle, name: string): Promise<boolean> {
  if (name === BUNDLED) return false;
  let found = false;
  await writeAll(db, async (tx, pending) => {
    const packs = await packListIn(tx);
    found = packs.some((p) => p.name === name);
    if (!found) return;
    const range = packRange(name);
    for (const s of RECORD_STORES) pending.push(tx.objectStore(s).delete(range));
    pending.push(tx.objectStore('packs').delete(name));
    pending.push(tx.objectStore('meta').put(packs.filter((p) => p.name !== name), 'packs'));
  });
  return found;
}

/** Removes every pack in one transaction; the bundled data stays. */
export async function removeAllPacks(db: SourceContextDBHandle): Promise<void> {
  await writeAll(db, async (tx, pending) => {
    const packs = await packListIn(tx);
    for (const p of packs) {
      const range = packRange(p.name);
      for (const s of RECORD_STORES) pending.push(tx.objectStore(s).delete(range));
    }
    pending.push(tx.objectStore('packs').clear());
    pending.push(tx.objectStore('meta').put([], 'packs'));
  });
}

/**
 * What a popup needs for one badge, or null when there is no such record: the stored records it may
 * be built from, read in one transaction, and `buildRecordView` (core/record-view.ts) for the rules.
 * Every version of a candidate is read by id, so a record that a later dataset redefines is judged
 * by its winning version, as in the bundled fallback.
 */
export async function getRecordView(db: SourceContextDBHandle, kind: RecordKind, id: string): Promise<RecordView | null> {
  const tx = db.transaction(ALL_STORES, 'readonly');
  /** `get` for each of `ids` once, the results together. */
  const each = async <T>(ids: Iterable<string>, get: (id: string) => Promise<T[]>): Promise<T[]> => (await Promise.all([...new Set(ids)].map(get))).flat();
  const packs = packListIn(tx);
  if (kind === 'incident') {
    const [incidents, about, authors] = await Promise.all([
      tx.objectStore('incidents').index('by-id').getAll(id),
      tx.objectStore('claims').index('by-incident').getAllKeys(id),
      // Authors are matched by name, so any of them may belong.
      tx.objectStore('authors').getAll(),
    ]);
    if (incidents.length === 0) return null;
    const claims = await each(about.map(([, claimId]) => claimId), (c) => tx.objectStore('claims').index('by-id').getAll(c));
    const list = await packs;
    return buildRecordView({ order: orderOf(list), origins: originsOf(list), incidents, claims, publishers: [], authors }, kind, id);
  }
  const [publishers, naming] = await Promise.all([
    tx.objectStore('publishers').index('by-id').getAll(id),
    tx.objectStore('authors').index('by-publisher').getAllKeys(id),
  ]);
  if (publishers.length === 0) return null;
  const listed = publishers.flatMap((p) => p.value.authorIds);
  const authors = await each([...listed, ...naming.map(([, authorId]) => authorId)], (a) => tx.objectStore('authors').index('by-id').getAll(a));
  const list = await packs;
  return buildRecordView({ order: orderOf(list), origins: originsOf(list), incidents: [], claims: [], publishers, authors }, kind, id);
}

/** Dataset names from lowest to highest precedence: bundled, then packs in import order. */
const orderOf = (packs: PackMeta[]): string[] => [BUNDLED, ...packs.map((p) => p.name)];

/** Each pack's origin, by pack name: what the record view says of the records it stored. */
const originsOf = (packs: PackMeta[]): Record<string, PackOrigin> => Object.fromEntries(packs.map((p) => [p.name, packOrigin(p.name, p.pack, p)]));

/** Every stored dataset, bundled first, then packs in import order, each record in its dataset's order. */
export async function readAllDatasets(db: SourceContextDBHandle): Promise<Dataset[]> {
  const tx = db.transaction(ALL_STORES, 'readonly');
  const meta = tx.objectStore('meta');
  const [bundled, packs, incidents, claims, publishers, authors] = await Promise.all([
    meta.get('bundled'),
    packListIn(tx),
    tx.objectStore('incidents').getAll(),
    tx.objectStore('claims').getAll(),
    tx.objectStore('publishers').getAll(),
    tx.objectStore('authors').getAll(),
  ]);
  const heads: Omit<Dataset, 'incidents' | 'claims' | 'publishers' | 'authors'>[] = [];
  if (isBundledMeta(bundled)) heads.push({ name: BUNDLED, schemaVersion: bundled.schemaVersion, contentVersion: bundled.contentVersion, ...conceptsOf(bundled) });
  for (const p of packs) heads.push({ name: p.name, schemaVersion: p.schemaVersion, contentVersion: p.contentVersion, ...conceptsOf(p), ...(p.pack ? { pack: p.pack } : {}) });
  // getAll returns records in key order, [pack, id]: filter per pack and restore each dataset's order.
  const of = <T>(list: Stored<T>[], pack: string): T[] =>
    list
      .filter((r) => r.pack === pack)
      .sort((a, b) => a.seq - b.seq)
      .map((r) => r.value);
  return heads.map((h) => ({
    ...h,
    incidents: of(incidents, h.name),
    claims: of(claims, h.name),
    publishers: of(publishers, h.name),
    authors: of(authors, h.name),
  }));
}

/** The stored bundled version, or null before the bundle was first loaded. */
export async function readBundledMeta(db: SourceContextDBHandle): Promise<BundledMeta | null> {
  const v = await db.get('meta', 'bundled');
  return isBundledMeta(v) ? v : null;
}

/** Every pack's entry, in import order. */
export async function readPackList(db: SourceContextDBHandle): Promise<PackMeta[]> {
  const v = await db.get('meta', 'packs');
  return isPackList(v) ? v : [];
}

/** A pack's JSON exactly as it was imported, or null. */
export async function readPackJson(db: SourceContextDBHandle, name: string): Promise<string | null> {
  return (await db.get('packs', name))?.json ?? null;
}

/** Versions and counts of what is stored (the caller adds `loading` and `lastError`). */
export async function datasetInfo(
  db: SourceContextDBHandle,
  fallbackSchemaVersion: number,
): Promise<Omit<DatasetInfo, 'loading' | 'lastError'>> {
  const tx = db.transaction(ALL_STORES, 'readonly');
  const [bundled, packs, incidents, claims, publishers, authors] = await Promise.all([
    tx.objectStore('meta').get('bundled'),
    packListIn(tx),
    tx.objectStore('incidents').count(),
    tx.objectStore('claims').count(),
    tx.objectStore('publishers').count(),
    tx.objectStore('authors').count(),
  ]);
  const b = isBundledMeta(bundled) ? bundled : null;
  return {
    schemaVersion: b?.schemaVersion ?? fallbackSchemaVersion,
    bundledVersion: b?.contentVersion ?? '',
    packs: packs.map((p) => ({
      name: p.name,
      contentVersion: p.contentVersion,
      incidents: p.counts.incidents,
      claims: p.counts.claims,
      publishers: p.counts.publishers,
      authors: p.counts.authors,
      origin: packOrigin(p.name, p.pack, p),
      domains: p.domains ?? [],
      extends: p.extends ?? [],
    })),
    counts: { incidents, claims, publishers, authors },
  };
}
