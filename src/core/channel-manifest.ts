/**
 * A curator channel's manifest (docs/channel-format.md, format 1): its type, the parser that turns
 * `unknown` into it or lists every problem with its path, and the canonical bytes its signature is
 * over. Pure: the signature, hashes and the checks against stored state are in `channel.ts`.
 *
 * The parser is strict (an unknown field is refused) so that everything the extension acts on is
 * covered by the signature and by the version of the format it knows.
 *
 * Longer than most files because the parser checks every field of the format's section 1 and reads
 * best as one walk through it, beside the small field readers it uses.
 */
import type { Curator, PackIdentity } from './dataset-types.ts';
import type { ValidationIssue } from './messages.ts';
import { MAX_PACK_BYTES } from './pack-size.ts';
import { err, ok, type Result } from './result.ts';

export const CHANNEL_FORMAT = 'source-context-channel';
export const CHANNEL_FORMAT_VERSION = 1;
/** Prefixed to the canonical manifest before signing: a signature made for anything else never verifies. */
export const SIGNING_CONTEXT = 'source-context-channel/1\n';
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** The longest a manifest may live: bounds how long a host can serve a stale one unnoticed. */
export const MAX_LIFETIME_DAYS = 90;
export const MAX_RELEASE = 1_000_000;
export const CHANNEL_LIMITS = { domains: 20_000, incidentIds: 5_000, name: 200, url: 2_000, path: 500, id: 120 } as const;

/** The curator, as the pack's own identity names them (the pack must name the same, `channel.ts`). */
export type ChannelCurator = Curator;

export interface ChannelScope {
  /** Hostnames in normal form, sorted; each covers itself and its subdomains. */
  domains: string[];
  /** Incident ids, sorted. */
  incidentIds: string[];
}

export interface ChannelFile {
  /** Relative to the manifest's URL; stays on its origin. */
  path: string;
  /** Lower-case hex SHA-256 of the bytes as served. */
  sha256: string;
  bytes: number;
}

export interface ChannelSignature {
  alg: 'Ed25519';
  /** Fingerprint of the signing key, 64 lower-case hex digits. */
  key: string;
  /** base64url, no padding, 86 characters. */
  value: string;
}

export interface ChannelManifest {
  format: typeof CHANNEL_FORMAT;
  formatVersion: typeof CHANNEL_FORMAT_VERSION;
  channel: string;
  curator: ChannelCurator;
  /** The pack's own `pack.id` and `pack.version` (its identity, `dataset-types.ts`). */
  pack: Pick<PackIdentity, 'id' | 'version'>;
  /** `YYYY-MM-DDTHH:MM:SSZ`. */
  issued: string;
  expires: string;
  scope: ChannelScope;
  files: ChannelFile[];
  signature: ChannelSignature;
}

/** The part of a manifest the signature covers. */
export type UnsignedManifest = Omit<ChannelManifest, 'signature'>;

// --- the canonical form -------------------------------------------------------------------------

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values a manifest holds: object keys sorted by
 * UTF-16 code units (the default sort), no whitespace, strings and numbers as `JSON.stringify`
 * writes them, which for integers and well-formed strings is what RFC 8785 prescribes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson: ${String(value)} is not a safe integer`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot serialise ${typeof value}`);
}

/** The bytes the signature is over: the context line, then the manifest without `signature`, canonical, in UTF-8. */
export function signedBytes(manifest: UnsignedManifest | ChannelManifest): Uint8Array<ArrayBuffer> {
  const { signature: _omitted, ...unsigned } = manifest as ChannelManifest;
  return new TextEncoder().encode(SIGNING_CONTEXT + canonicalJson(unsigned));
}

// --- the parser ---------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HEX64 = /^[0-9a-f]{64}$/;
const B64URL_SIG = /^[A-Za-z0-9_-]{86}$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PATH_SEGMENT = /^[A-Za-z0-9._-]+$/;
// Control characters and unpaired surrogates: refused in every string (section 1 of the format).
// eslint-disable-next-line no-control-regex -- the point of the pattern is to find control characters
const BAD_CHARS = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Epoch milliseconds of a manifest timestamp, or NaN when it is not one (form or calendar). */
export function timestampMs(s: string): number {
  const m = TIMESTAMP.exec(s);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(ms);
  const real = back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d && h < 24 && mi < 60 && se < 60;
  return real ? ms : Number.NaN;
}

/** A hostname in the normal form scope domains are written in: lower-case LDH labels, punycode, no `www.`. */
export function isNormalHostname(s: string): boolean {
  if (s.length > 253 || s.startsWith('www.')) return false;
  const labels = s.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

const quote = (s: string): string => JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}…` : s);
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return `the string ${quote(v)}`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  return typeof v === 'object' ? 'an object' : typeof v;
}

class Issues {
  readonly list: ValidationIssue[] = [];
  add(path: string, message: string): void {
    this.list.push({ path, message });
  }
}
const at = (base: string, key: string | number): string => (typeof key === 'number' ? `${base}[${key}]` : base === '' ? key : `${base}.${key}`);

/** The object at `path` with exactly `fields` (each reported missing or unknown), or null when it is not an object. */
function object(is: Issues, v: unknown, path: string, fields: readonly string[]): Obj | null {
  // JSON has no undefined: the field is missing, which its parent has reported.
  if (v === undefined) return null;
  if (!isObj(v)) {
    is.add(path || '(manifest)', `must be an object, found ${describe(v)}`);
    return null;
  }
  for (const f of fields) if (!Object.hasOwn(v, f)) is.add(at(path, f), 'is missing');
  for (const k of Object.keys(v)) if (!fields.includes(k)) is.add(at(path, k), `is not a field of a format ${CHANNEL_FORMAT_VERSION} manifest`);
  return v;
}

function string(is: Issues, o: Obj, path: string, key: string, max: number): string | null {
  if (!Object.hasOwn(o, key)) return null;
  const v = o[key];
  const p = at(path, key);
  if (typeof v !== 'string') is.add(p, `must be a string, found ${describe(v)}`);
  else if (v.length === 0 || v.length > max) is.add(p, `must be 1 to ${max} characters, found ${v.length}`);
  else if (BAD_CHARS.test(v)) is.add(p, 'has a control character or an unpaired surrogate');
  else return v;
  return null;
}

/** A string that must also match `test`, with `rule` saying what it must be. */
function matching(is: Issues, o: Obj, path: string, key: string, max: number, test: (s: string) => boolean, rule: string): string | null {
  const v = string(is, o, path, key, max);
  if (v === null) return null;
  if (test(v)) return v;
  is.add(at(path, key), `must be ${rule}, found ${quote(v)}`);
  return null;
}

function integer(is: Issues, o: Obj, path: string, key: string, min: number, max: number): number | null {
  if (!Object.hasOwn(o, key)) return null;
  const v = o[key];
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  is.add(at(path, key), `must be a whole number from ${min} to ${max}, found ${describe(v)}`);
  return null;
}

const isHttps = (s: string): boolean => {
  if (!/^https:\/\//i.test(s)) return false;
  try {
    return new URL(s).protocol === 'https:';
  } catch {
    return false;
  }
};

/** A file path that, resolved against the manifest URL, can only name a file on the manifest's origin. */
export function isSafePath(s: string): boolean {
  return s.split('/').every((seg) => PATH_SEGMENT.test(seg) && seg !== '.' && seg !== '..');
}

/** A sorted list of distinct strings, each passing `item`; `what` names an item in messages. */
function sortedList(is: Issues, o: Obj, path: string, key: string, max: number, item: (s: string) => boolean, rule: string): string[] | null {
  if (!Object.hasOwn(o, key)) return null;
  const v = o[key];
  const p = at(path, key);
  if (!Array.isArray(v) || v.length > max) {
    is.add(p, Array.isArray(v) ? `has ${v.length} entries; at most ${max}` : `must be a list, found ${describe(v)}`);
    return null;
  }
  const before = is.list.length;
  const out: string[] = [];
  v.forEach((s: unknown, i) => {
    if (typeof s !== 'string' || !item(s)) {
      is.add(at(p, i), `must be ${rule}, found ${describe(s)}`);
      return;
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && prev >= s) is.add(at(p, i), prev === s ? `repeats ${quote(s)}` : `must come before ${quote(prev)}: the list is sorted`);
    out.push(s);
  });
  return is.list.length === before ? out : null;
}

function parseScope(is: Issues, v: unknown): ChannelScope | null {
  const o = object(is, v, 'scope', ['domains', 'incidentIds']);
  if (!o) return null;
  const domains = sortedList(is, o, 'scope', 'domains', CHANNEL_LIMITS.domains, isNormalHostname, 'a hostname in normal form (lower case, punycode, no "www.")');
  const incidentIds = sortedList(is, o, 'scope', 'incidentIds', CHANNEL_LIMITS.incidentIds, (s) => ID.test(s) && s.length <= CHANNEL_LIMITS.id, 'an incident id');
  if (domains) {
    const set = new Set(domains);
    domains.forEach((d, i) => {
      const parent = parentIn(d, set);
      if (parent !== null) is.add(`scope.domains[${i}]`, `is already covered by ${quote(parent)}`);
    });
  }
  return domains && incidentIds ? { domains, incidentIds } : null;
}

/** The nearest proper parent domain of `host` in `set`, or null. */
export function parentIn(host: string, set: ReadonlySet<string>): string | null {
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    const parent = host.slice(dot + 1);
    if (set.has(parent)) return parent;
  }
  return null;
}

function parseFiles(is: Issues, v: unknown): ChannelFile[] | null {
  if (v === undefined) return null;
  if (!Array.isArray(v) || v.length !== 1) {
    is.add('files', `must be a list of exactly one file (the pack) in format ${CHANNEL_FORMAT_VERSION}, found ${describe(v)}${Array.isArray(v) ? ` of ${v.length}` : ''}`);
    return null;
  }
  const before = is.list.length;
  const files = v.map((f: unknown, i): ChannelFile | null => {
    const p = `files[${i}]`;
    const o = object(is, f, p, ['path', 'sha256', 'bytes']);
    if (!o) return null;
    const path = matching(is, o, p, 'path', CHANNEL_LIMITS.path, isSafePath, 'a relative path of letters, digits, ".", "_", "-" and "/", with no "." or ".." segment');
    const sha256 = matching(is, o, p, 'sha256', 64, (s) => HEX64.test(s), '64 lower-case hex digits');
    const bytes = integer(is, o, p, 'bytes', 1, MAX_PACK_BYTES);
    return path !== null && sha256 !== null && bytes !== null ? { path, sha256, bytes } : null;
  });
  return is.list.length === before ? (files as ChannelFile[]) : null;
}

function parseTimes(is: Issues, o: Obj): { issued: string; expires: string } | null {
  const form = 'a UTC time written YYYY-MM-DDTHH:MM:SSZ';
  const issued = matching(is, o, '', 'issued', 40, (s) => !Number.isNaN(timestampMs(s)), form);
  const expires = matching(is, o, '', 'expires', 40, (s) => !Number.isNaN(timestampMs(s)), form);
  if (issued === null || expires === null) return null;
  const life = timestampMs(expires) - timestampMs(issued);
  if (life <= 0) is.add('expires', `must be later than issued (${issued})`);
  else if (life > MAX_LIFETIME_DAYS * 86_400_000) is.add('expires', `must be at most ${MAX_LIFETIME_DAYS} days after issued (${issued})`);
  else return { issued, expires };
  return null;
}

const TOP = ['format', 'formatVersion', 'channel', 'curator', 'pack', 'issued', 'expires', 'scope', 'files', 'signature'] as const;

/** A manifest from parsed JSON, or every problem with its path. */
export function parseManifest(input: unknown): Result<ChannelManifest, ValidationIssue[]> {
  const is = new Issues();
  // The format and its version first: a manifest of another format or version is read by other rules.
  if (isObj(input) && input.format !== CHANNEL_FORMAT) {
    return err([{ path: 'format', message: `must be ${quote(CHANNEL_FORMAT)}, found ${describe(input.format)}: this is not a Source Context channel manifest` }]);
  }
  if (isObj(input) && input.formatVersion !== CHANNEL_FORMAT_VERSION) {
    const v = input.formatVersion;
    const newer = typeof v === 'number' && Number.isInteger(v) && v > CHANNEL_FORMAT_VERSION;
    const message = newer
      ? `this channel uses format version ${v}; this version of the extension reads version ${CHANNEL_FORMAT_VERSION}: update the extension`
      : `must be ${CHANNEL_FORMAT_VERSION}, found ${describe(v)}`;
    return err([{ path: 'formatVersion', message }]);
  }
  const o = object(is, input, '', TOP);
  if (!o) return err(is.list);
  const isId = (s: string): boolean => ID.test(s);
  const channel = matching(is, o, '', 'channel', CHANNEL_LIMITS.id, isId, 'an id (lower-case words joined by "-")');

  const c = object(is, o.curator, 'curator', ['name', 'homepage', 'contact']);
  const curatorName = c && string(is, c, 'curator', 'name', CHANNEL_LIMITS.name);
  const homepage = c && matching(is, c, 'curator', 'homepage', CHANNEL_LIMITS.url, isHttps, 'an https:// address');
  const contact = c && matching(is, c, 'curator', 'contact', CHANNEL_LIMITS.url, (s) => (EMAIL.test(s) && s.length <= 254) || isHttps(s), 'an e-mail address or an https:// page');

  const pk = object(is, o.pack, 'pack', ['id', 'version']);
  const packId = pk && matching(is, pk, 'pack', 'id', CHANNEL_LIMITS.id, isId, 'an id (lower-case words joined by "-")');
  const packVersion = pk && integer(is, pk, 'pack', 'version', 1, MAX_RELEASE);

  const times = parseTimes(is, o);
  const scope = parseScope(is, o.scope);
  const files = parseFiles(is, o.files);

  const s = object(is, o.signature, 'signature', ['alg', 'key', 'value']);
  if (s && Object.hasOwn(s, 'alg') && s.alg !== 'Ed25519') is.add('signature.alg', `must be "Ed25519", found ${describe(s.alg)}`);
  const key = s && matching(is, s, 'signature', 'key', 64, (k) => HEX64.test(k), "the key's fingerprint, 64 lower-case hex digits");
  const value = s && matching(is, s, 'signature', 'value', 86, (k) => B64URL_SIG.test(k), 'an Ed25519 signature in base64url (86 characters)');

  if (is.list.length > 0) return err(is.list);
  // No issue means every field above was read and is set.
  return ok({
    format: CHANNEL_FORMAT,
    formatVersion: CHANNEL_FORMAT_VERSION,
    channel: channel as string,
    curator: { name: curatorName as string, homepage: homepage as string, contact: contact as string },
    pack: { id: packId as string, version: packVersion as number },
    issued: (times as { issued: string }).issued,
    expires: (times as { expires: string }).expires,
    scope: scope as ChannelScope,
    files: files as ChannelFile[],
    signature: { alg: 'Ed25519', key: key as string, value: value as string },
  });
}

/** A manifest from its bytes as served: size, UTF-8, JSON, then `parseManifest`. */
export function parseManifestBytes(bytes: Uint8Array): Result<ChannelManifest, ValidationIssue[]> {
  if (bytes.byteLength > MAX_MANIFEST_BYTES) return err([{ path: '(file)', message: `too large: ${bytes.byteLength} bytes; a manifest is at most ${MAX_MANIFEST_BYTES} bytes` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (e) {
    return err([{ path: '(file)', message: e instanceof SyntaxError ? `not valid JSON: ${e.message}` : 'not UTF-8 text' }]);
  }
  return parseManifest(parsed);
}
