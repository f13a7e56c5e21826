/**
 * What a popup or the panel shows for one badge (`RecordView`), decided in one place from the stored
 * records: the background builds it from IndexedDB, and from the bundled dataset alone while a long
 * change holds the database, and both get the same answer for the same data. Pure: the caller
 * gathers the records, this function applies the rules.
 *
 * - Precedence: when datasets hold records with the same id, the one loaded later wins: the bundle
 *   first, then packs in import order (`order`). A record of a dataset not in `order` ranks lowest.
 * - An incident's claims: those in its `claimIds` first, in that order, then claims other datasets
 *   add to it, by dataset and position. Its authors: those whose name (`authorKey`) is a claimant, a
 *   claim source's author or an incident source's author.
 * - A publisher's authors: its `authorIds` first, in that order, then the others naming it as their
 *   publisher.
 * - Origins: each record in the view that is not bundled is named with its pack's origin
 *   (`origins`, by `originKey`), so a pack's claim on a bundled incident, or a pack's author
 *   matched by name to a bundled claimant, is shown as the pack's.
 */
import type { Author, Claim, Dataset, Incident, Publisher, RecordKind } from './dataset-types.ts';
import type { RecordView } from './messages.ts';
import { originKey, packOrigin, type OriginKey, type PackOrigin } from './origin.ts';

/** A record with the dataset it comes from and its position in that dataset. */
export interface Placed<T> {
  pack: string;
  seq: number;
  value: T;
}

/**
 * Every version of each record that may belong to the view (more is fine: what does not belong is
 * left out), and the datasets' precedence.
 */
export interface StoredRecords {
  /** Dataset names from lowest to highest precedence. */
  order: readonly string[];
  /** Each pack's origin, by dataset name; a dataset not here (the bundle) is shown as bundled. */
  origins?: Readonly<Record<string, PackOrigin>>;
  incidents: readonly Placed<Incident>[];
  claims: readonly Placed<Claim>[];
  publishers: readonly Placed<Publisher>[];
  authors: readonly Placed<Author>[];
}

/**
 * The key an author is matched by: letter case, surrounding and repeated spaces, and Unicode
 * composition do not tell two names apart ("Omid  Rahimi " is "omid rahimi"). Lower case without a
 * locale, so the answer does not depend on the browser's language.
 */
export const authorKey = (name: string): string => name.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();

export type Rank = (pack: string) => number;

/** Precedence by dataset name: higher wins. */
export function rankIn(order: readonly string[]): Rank {
  const at = new Map(order.map((name, i) => [name, i]));
  return (pack) => at.get(pack) ?? -1;
}

/** One version per id, the highest-ranked (the first seen of equals), in the order ids were first seen. */
export function latestById<T extends { id: string }>(records: Iterable<Placed<T>>, rank: Rank): Placed<T>[] {
  const best = new Map<string, Placed<T>>();
  for (const r of records) {
    const cur = best.get(r.value.id);
    if (!cur || rank(r.pack) > rank(cur.pack)) best.set(r.value.id, r);
  }
  return [...best.values()];
}

/** `records` with those named in `ids` first (in that order), then the rest by dataset and position. */
function orderedPlaced<T extends { id: string }>(records: Placed<T>[], ids: readonly string[], rank: Rank): Placed<T>[] {
  const pos = new Map(ids.map((id, i) => [id, i]));
  return [...records].sort((a, b) => (pos.get(a.value.id) ?? Infinity) - (pos.get(b.value.id) ?? Infinity) || rank(a.pack) - rank(b.pack) || a.seq - b.seq);
}

/** The winning versions of the claims about `incident`, in display order (see the rules above). */
function placedClaims(incident: Incident, claims: Iterable<Placed<Claim>>, rank: Rank): Placed<Claim>[] {
  const about = latestById(claims, rank).filter((c) => c.value.incidentId === incident.id);
  return orderedPlaced(about, incident.claimIds, rank);
}

/** The claims about `incident`, in display order (see the rules above). */
export function incidentClaims(incident: Incident, claims: Iterable<Placed<Claim>>, rank: Rank): Claim[] {
  return placedClaims(incident, claims, rank).map((r) => r.value);
}

/** The origins of the placed records that come from a pack, for `RecordView.origins`. */
function originsFor(
  origins: Readonly<Record<string, PackOrigin>> | undefined,
  entries: readonly [kind: 'incident' | 'claim' | 'publisher' | 'author', placed: readonly Placed<{ id: string }>[]][],
): Partial<Record<OriginKey, PackOrigin>> {
  const out: Partial<Record<OriginKey, PackOrigin>> = {};
  if (!origins) return out;
  for (const [kind, placed] of entries) {
    for (const r of placed) {
      const o = Object.hasOwn(origins, r.pack) ? origins[r.pack] : undefined;
      if (o) out[originKey(kind, r.value.id)] = o;
    }
  }
  return out;
}

const pick = <T extends { id: string }>(records: readonly Placed<T>[], id: string, rank: Rank): Placed<T> | undefined =>
  latestById(
    records.filter((r) => r.value.id === id),
    rank,
  )[0];

/** The view of record `id` of `kind`, or null when there is no such record. */
export function buildRecordView(stored: StoredRecords, kind: RecordKind, id: string): RecordView | null {
  const rank = rankIn(stored.order);
  const authors = latestById(stored.authors, rank);
  if (kind === 'incident') {
    const placed = pick(stored.incidents, id, rank);
    if (!placed) return null;
    const incident = placed.value;
    const claims = placedClaims(incident, stored.claims, rank);
    const names = new Set<string>();
    for (const n of [...claims.flatMap((c) => [c.value.claimant.name, c.value.source.author]), ...incident.sources.map((s) => s.author)]) {
      if (n) names.add(authorKey(n));
    }
    const theirs = orderedPlaced(authors.filter((a) => names.has(authorKey(a.value.name))), [], rank);
    const origins = originsFor(stored.origins, [['incident', [placed]], ['claim', claims], ['author', theirs]]);
    return { kind, incident, claims: claims.map((c) => c.value), authors: theirs.map((a) => a.value), ...withOrigins(origins) };
  }
  const placed = pick(stored.publishers, id, rank);
  if (!placed) return null;
  const publisher = placed.value;
  const listed = new Set(publisher.authorIds);
  const theirs = orderedPlaced(authors.filter((a) => listed.has(a.value.id) || a.value.publisherId === id), publisher.authorIds, rank);
  const origins = originsFor(stored.origins, [['publisher', [placed]], ['author', theirs]]);
  return { kind, claims: [], publisher, authors: theirs.map((a) => a.value), ...withOrigins(origins) };
}

/** `{ origins }` when some record is not bundled; nothing otherwise, so an all-bundled view is as it was. */
const withOrigins = (origins: Partial<Record<OriginKey, PackOrigin>>): Pick<RecordView, 'origins'> =>
  Object.keys(origins).length > 0 ? { origins } : {};

/** Whole datasets as stored records, the first lowest (the bundle, then packs in import order). */
export function placeDatasets(datasets: readonly Dataset[]): StoredRecords {
  const place = <T>(pick: (d: Dataset) => T[]): Placed<T>[] => datasets.flatMap((d) => pick(d).map((value, seq) => ({ pack: d.name, seq, value })));
  return {
    order: datasets.map((d) => d.name),
    origins: Object.fromEntries(datasets.filter((d) => d.pack !== undefined).map((d) => [d.name, packOrigin(d.name, d.pack)])),
    incidents: place((d) => d.incidents),
    claims: place((d) => d.claims),
    publishers: place((d) => d.publishers),
    authors: place((d) => d.authors),
  };
}
