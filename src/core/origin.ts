/**
 * Where a record comes from: the data that ships with the extension, or a pack a user imported.
 * The origin is the extension's own knowledge, kept with the pack's stored records (in its pack
 * entry, from the identity the pack declared when it was checked); a pack's JSON cannot state an
 * origin for a record (the schema has no such field), so no pack can pass its words off as the
 * bundle's or another pack's.
 *
 * A record view names the origin of each record in it that is not bundled (`RecordView.origins`,
 * keyed by `originKey`), and every surface shows it beside what that record says.
 */
import type { Curator, PackIdentity } from './dataset-types.ts';

/** A pack, as a reader is told about it: "from Valley notes, curated by Lirona Vashtukova, version 3, 12 Nov 2026". */
export interface PackOrigin {
  packId: string;
  packName: string;
  /** Absent only for a pack stored before packs declared an identity. */
  curator?: Curator;
  version?: number;
  date?: string;
}

/** The key of a record in `RecordView.origins`. */
export type OriginKey = `${'incident' | 'claim' | 'publisher' | 'author'}:${string}`;
export const originKey = (kind: 'incident' | 'claim' | 'publisher' | 'author', id: string): OriginKey => `${kind}:${id}`;

/** The origin of a pack's records, from its name and declared identity. */
export function packOrigin(name: string, identity: PackIdentity | undefined): PackOrigin {
  if (!identity) return { packId: '', packName: name };
  return { packId: identity.id, packName: name, curator: { ...identity.curator }, version: identity.version, date: identity.date };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';

/** A pack origin from an untrusted value (a reply), or null when it has no usable pack name. */
export function parsePackOrigin(v: unknown): PackOrigin | null {
  if (!isObj(v) || !isStr(v.packName) || v.packName === '') return null;
  const o: PackOrigin = { packId: isStr(v.packId) ? v.packId : '', packName: v.packName };
  const c = v.curator;
  if (isObj(c) && isStr(c.name) && isStr(c.homepage) && isStr(c.contact)) o.curator = { name: c.name, homepage: c.homepage, contact: c.contact };
  if (typeof v.version === 'number' && Number.isInteger(v.version) && v.version > 0) o.version = v.version;
  if (isStr(v.date)) o.date = v.date;
  return o;
}

const KEY = /^(?:incident|claim|publisher|author):[a-z0-9-]{1,120}$/;

/** A view's origins from an untrusted value: malformed entries dropped. */
export function parseOrigins(v: unknown): Record<OriginKey, PackOrigin> {
  const out: Record<OriginKey, PackOrigin> = {};
  if (!isObj(v)) return out;
  for (const [k, raw] of Object.entries(v)) {
    const o = KEY.test(k) ? parsePackOrigin(raw) : null;
    if (o) out[k as OriginKey] = o;
  }
  return out;
}
