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

/**
 * The curator channel a pack was delivered by (docs/channel-format.md), as the pack's entry keeps it:
 * the channel's signed id and the host it is fetched from. Set only by the channel code, after the
 * manifest's signature and the pack's identity were verified; a pack's JSON cannot state it.
 */
export interface PackChannel {
  id: string;
  host: string;
}

/** A pack, as a reader is told about it: "from Valley notes, curated by Lirona Vashtukova, version 3, 12 Nov 2026". */
export interface PackOrigin {
  packId: string;
  packName: string;
  /** Absent only for a pack stored before packs declared an identity. */
  curator?: Curator;
  version?: number;
  date?: string;
  /** For a pack a channel delivered: the channel, and the day (`YYYY-MM-DD`, UTC) it last wrote the pack. */
  channel?: PackChannel & { updated: string };
}

/** The key of a record in `RecordView.origins`. */
export type OriginKey = `${'incident' | 'claim' | 'publisher' | 'author'}:${string}`;
export const originKey = (kind: 'incident' | 'claim' | 'publisher' | 'author', id: string): OriginKey => `${kind}:${id}`;

/**
 * The origin of a pack's records, from its name and declared identity; `stored`, from the pack's
 * entry: the channel that delivered it and when it was written (ms since epoch).
 */
export function packOrigin(name: string, identity: PackIdentity | undefined, stored?: { channel?: PackChannel; importedAt?: number }): PackOrigin {
  const via = stored?.channel && stored.importedAt !== undefined ? { channel: { ...stored.channel, updated: new Date(stored.importedAt).toISOString().slice(0, 10) } } : {};
  if (!identity) return { packId: '', packName: name, ...via };
  return { packId: identity.id, packName: name, curator: { ...identity.curator }, version: identity.version, date: identity.date, ...via };
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
  const ch = v.channel;
  if (isObj(ch) && isStr(ch.id) && isStr(ch.host) && isStr(ch.updated) && ch.id !== '' && ch.host !== '') o.channel = { id: ch.id, host: ch.host, updated: ch.updated };
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
