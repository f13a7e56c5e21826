/**
 * A curator channel's keys and addresses (docs/channel-format.md, sections 3 and 4): base64url and
 * SHA-256, pinning a public key and its fingerprint, the subscription link, and where a manifest's
 * files are. Also the refusal every channel check returns. Pure apart from WebCrypto.
 */
import type { ChannelFile } from './channel-manifest.ts';
import type { ValidationIssue } from './messages.ts';
import { err, ok, type Result } from './result.ts';

export type RefusalCode =
  | 'manifest'
  | 'unsupported'
  | 'wrong-key'
  | 'signature'
  | 'channel'
  | 'scope-widened'
  | 'not-yet-valid'
  | 'expired'
  | 'rollback'
  | 'changed-without-version'
  | 'file'
  | 'pack'
  | 'pack-identity'
  | 'pack-scope';

export interface Refusal {
  code: RefusalCode;
  message: string;
  /** Every problem with its path, where there can be several (the manifest's shape, the pack). */
  issues?: ValidationIssue[];
}

export const refuse = (code: RefusalCode, message: string, issues?: ValidationIssue[]): Result<never, Refusal> =>
  err(issues ? { code, message, issues } : { code, message });

// --- bytes, base64url, hashes -------------------------------------------------------------------

const B64URL = /^[A-Za-z0-9_-]*$/;

export function base64urlEncode(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of unpadded base64url text, or null when it is not that (wrong letters, impossible length). */
export function base64urlDecode(text: string): Uint8Array<ArrayBuffer> | null {
  if (!B64URL.test(text) || text.length % 4 === 1) return null;
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  // Only one text encodes given bytes: refuse the others (stray bits in the last character).
  return base64urlEncode(out) === text ? out : null;
}

const hex = (buf: ArrayBuffer): string => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', bytes));
}

// --- keys ---------------------------------------------------------------------------------------

/** A curator's public key as the extension pins it. */
export interface PinnedKey {
  /** The 32-byte public key, base64url (the JWK's `x`): what is stored and what the link carries. */
  x: string;
  /** SHA-256 of the raw key, 64 lower-case hex digits. */
  fingerprint: string;
  key: CryptoKey;
}

export const ED25519 = { name: 'Ed25519' } as const;
export const UNSUPPORTED = 'this browser cannot check Ed25519 signatures (Chromium 137 or later, Firefox 129 or later can)';

/** The fingerprint shown to people: 16 groups of four hex digits. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Pins a public key given as its base64url `x`; refuses anything that is not 32 bytes or not a key. */
export async function pinKey(x: string): Promise<Result<PinnedKey, Refusal>> {
  const raw = base64urlDecode(x);
  if (!raw || raw.length !== 32) return refuse('wrong-key', 'the public key must be 32 bytes in base64url (43 characters)');
  let key: CryptoKey;
  try {
    key = await crypto.subtle.importKey('raw', raw, ED25519, true, ['verify']);
  } catch (e) {
    return e instanceof DOMException && e.name === 'NotSupportedError' ? refuse('unsupported', UNSUPPORTED) : refuse('wrong-key', 'not an Ed25519 public key');
  }
  return ok({ x, fingerprint: await sha256Hex(raw), key });
}

/** Pins a public key given as a JWK (`{"kty":"OKP","crv":"Ed25519","x":…}`); a private key is refused, never read. */
export async function pinJwk(jwk: unknown): Promise<Result<PinnedKey, Refusal>> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return refuse('wrong-key', 'a key must be a JSON object (a JWK)');
  const k = jwk as Record<string, unknown>;
  if (Object.hasOwn(k, 'd')) return refuse('wrong-key', 'this is a private key: give the public one (public.jwk)');
  if (k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') return refuse('wrong-key', 'not an Ed25519 public key (kty "OKP", crv "Ed25519", x)');
  return pinKey(k.x);
}

// --- the subscription link ----------------------------------------------------------------------

export interface SubscriptionLink {
  /** The manifest's URL, without the fragment. */
  manifestUrl: string;
  /** The origin the extension asks permission for, `https://host[:port]`. */
  origin: string;
  /** The public key, base64url. */
  x: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A manifest URL the extension may fetch: https, or http on the reader's own machine (where a
 * curator tries a channel before uploading it); no user name or password, no fragment.
 */
export function checkManifestUrl(text: string): Result<URL, string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return err('not a web address');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return err('a channel must be served over https://');
  if (url.username !== '' || url.password !== '') return err('a channel address may not carry a user name or password');
  url.hash = '';
  return ok(url);
}

/** `https://host/path/channel.json#key=…` into the manifest URL and the key; every problem in one message. */
export function parseSubscriptionLink(link: string): Result<SubscriptionLink, string> {
  const hash = link.indexOf('#');
  const url = checkManifestUrl(hash === -1 ? link.trim() : link.slice(0, hash).trim());
  if (!url.ok) return url;
  const params = new URLSearchParams(hash === -1 ? '' : link.slice(hash + 1));
  const x = params.get('key');
  if (x === null) return err('the link carries no key (#key=…): ask the curator for the full subscription link');
  const raw = base64urlDecode(x);
  if (!raw || raw.length !== 32) return err('the key in the link is not a public key (43 characters of base64url)');
  return ok({ manifestUrl: url.value.href, origin: url.value.origin, x });
}

/** The subscription link for a manifest URL and a public key (what `channel:publish` prints). */
export const subscriptionLink = (manifestUrl: string, x: string): string => `${manifestUrl.split('#')[0]}#key=${x}`;

/** Where a manifest's file is: its path resolved against the manifest URL (always on its origin, see `isSafePath`). */
export const fileUrl = (manifestUrl: string, file: ChannelFile): string => new URL(file.path, manifestUrl).href;
