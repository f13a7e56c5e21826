/**
 * Verifying a curator channel (docs/channel-format.md, section 5): the manifest's signature against
 * the pinned key (`channel-keys.ts`), the files' hashes and sizes, expiry, no rollback, the scope
 * the reader accepted, and the pack's identity and scope. Pure apart from WebCrypto (`crypto.subtle`,
 * in browsers and Node alike): the background fetches and stores, the curator's tools sign, and both
 * use these checks, so what a curator's tool accepts is what the extension accepts.
 *
 * Each refusal is a value with a code (what the options page says went wrong) and a message in the
 * words of the format; nothing here throws for bad input.
 */
import { parseManifestBytes, parentIn, signedBytes, timestampMs, type ChannelFile, type ChannelManifest, type ChannelScope } from './channel-manifest.ts';
import { ED25519, UNSUPPORTED, base64urlDecode, formatFingerprint, refuse, sha256Hex, type PinnedKey, type Refusal } from './channel-keys.ts';
import type { PackIdentity } from './dataset-types.ts';
import { foldHost, normalizeHost } from './hostname.ts';
import type { ValidationIssue } from './messages.ts';
import { ok, type Result } from './result.ts';

// --- the checks, in the order of the format's section 5 -----------------------------------------

/** Steps 3 and 4: signed by the pinned key, and the signature verifies over the canonical bytes. */
export async function verifySignature(manifest: ChannelManifest, pinned: PinnedKey): Promise<Result<null, Refusal>> {
  if (manifest.signature.key !== pinned.fingerprint) {
    return refuse(
      'wrong-key',
      `signed with another key (${formatFingerprint(manifest.signature.key)}), not the curator's key pinned at subscription (${formatFingerprint(pinned.fingerprint)})`,
    );
  }
  const sig = base64urlDecode(manifest.signature.value);
  if (!sig || sig.length !== 64) return refuse('signature', 'the signature is not 64 bytes of base64url');
  let good: boolean;
  try {
    good = await crypto.subtle.verify(ED25519, pinned.key, sig, signedBytes(manifest));
  } catch (e) {
    return e instanceof DOMException && e.name === 'NotSupportedError' ? refuse('unsupported', UNSUPPORTED) : refuse('signature', 'the signature could not be checked');
  }
  return good ? ok(null) : refuse('signature', 'the signature does not match the manifest: it was changed after signing, or signed by someone else');
}

/** Every domain of `inner` covered by a domain of `outer` (itself or a parent). */
const domainsWithin = (inner: readonly string[], outer: ReadonlySet<string>): string[] => inner.filter((d) => !outer.has(d) && parentIn(d, outer) === null);

/** Step 5: the manifest's scope within the one the reader accepted; what lies outside, listed. */
export function checkScopeWithin(scope: ChannelScope, accepted: ChannelScope): Result<null, Refusal> {
  const domains = domainsWithin(scope.domains, new Set(accepted.domains));
  const acceptedIds = new Set(accepted.incidentIds);
  const incidents = scope.incidentIds.filter((id) => !acceptedIds.has(id));
  if (domains.length === 0 && incidents.length === 0) return ok(null);
  const issues = [
    ...domains.map((d) => ({ path: 'scope.domains', message: `"${d}" was not in the scope accepted at subscription` })),
    ...incidents.map((id) => ({ path: 'scope.incidentIds', message: `"${id}" was not in the scope accepted at subscription` })),
  ];
  return refuse('scope-widened', `the channel now asks to label more than the reader accepted (${issues.length} more); it is not applied until the reader accepts the wider scope`, issues);
}

/** How far ahead of the reader's clock a manifest may be issued: clocks differ. */
export const CLOCK_SKEW_MS = 24 * 60 * 60 * 1000;

/** Step 6, time: issued not (much) in the future, not expired. */
export function checkTime(manifest: ChannelManifest, now: number): Result<null, Refusal> {
  if (timestampMs(manifest.issued) > now + CLOCK_SKEW_MS) {
    return refuse('not-yet-valid', `issued ${manifest.issued}, more than a day after this computer's clock: check the clock`);
  }
  if (timestampMs(manifest.expires) <= now) return refuse('expired', `expired ${manifest.expires}: the host has not served a newer manifest`);
  return ok(null);
}

/** What is kept of the last accepted manifest, for the rollback check. */
export interface AcceptedRelease {
  version: number;
  sha256: string;
  issued: string;
}

export const releaseOf = (m: ChannelManifest): AcceptedRelease => ({ version: m.pack.version, sha256: m.files[0]?.sha256 ?? '', issued: m.issued });

/**
 * Step 6, order: `new` (download the file) or `refresh` (the same file re-signed; nothing to
 * download), or a refusal: a lower version, an older manifest, or new content under an old version.
 */
export function checkOrder(manifest: ChannelManifest, last: AcceptedRelease | null): Result<'new' | 'refresh', Refusal> {
  if (last === null) return ok('new');
  const next = releaseOf(manifest);
  if (next.version > last.version) return ok('new');
  if (next.version < last.version) return refuse('rollback', `version ${next.version} is older than version ${last.version}, already accepted`);
  if (next.sha256 !== last.sha256) {
    return refuse('changed-without-version', `version ${next.version} was accepted with other content; a changed pack needs a higher version`);
  }
  if (timestampMs(next.issued) < timestampMs(last.issued)) {
    return refuse('rollback', `issued ${next.issued}, before the manifest already accepted (issued ${last.issued})`);
  }
  return ok('refresh');
}

/** What `verifyManifest` is checked against: the pinned key, the clock and what was accepted before. */
export interface ManifestContext {
  key: PinnedKey;
  now: number;
  /** The channel id pinned at subscription; absent when subscribing. */
  channel?: string;
  /** The scope the reader accepted; absent when subscribing (the reader is shown the manifest's). */
  acceptedScope?: ChannelScope;
  last: AcceptedRelease | null;
}

/** Steps 1 to 6: the manifest's bytes to a verified manifest and whether its file must be downloaded. */
export async function verifyManifest(bytes: Uint8Array, ctx: ManifestContext): Promise<Result<{ manifest: ChannelManifest; change: 'new' | 'refresh' }, Refusal>> {
  const parsed = parseManifestBytes(bytes);
  if (!parsed.ok) return refuse('manifest', `the manifest is not valid (${parsed.error.length} problem${parsed.error.length === 1 ? '' : 's'})`, parsed.error);
  const manifest = parsed.value;
  const signed = await verifySignature(manifest, ctx.key);
  if (!signed.ok) return signed;
  if (ctx.channel !== undefined && manifest.channel !== ctx.channel) {
    return refuse('channel', `this is the manifest of channel "${manifest.channel}", not of "${ctx.channel}", the channel subscribed to`);
  }
  if (ctx.acceptedScope) {
    const within = checkScopeWithin(manifest.scope, ctx.acceptedScope);
    if (!within.ok) return within;
  }
  const timely = checkTime(manifest, ctx.now);
  if (!timely.ok) return timely;
  const change = checkOrder(manifest, ctx.last);
  return change.ok ? ok({ manifest, change: change.value }) : change;
}

/** Step 7: a downloaded file is exactly as long as the manifest says and has its SHA-256. */
export async function checkFile(file: ChannelFile, bytes: Uint8Array<ArrayBuffer>): Promise<Result<null, Refusal>> {
  if (bytes.byteLength !== file.bytes) return refuse('file', `${file.path} is ${bytes.byteLength} bytes, not the ${file.bytes} the manifest gives`);
  const actual = await sha256Hex(bytes);
  return actual === file.sha256 ? ok(null) : refuse('file', `${file.path} does not have the SHA-256 the manifest gives: it was changed or replaced on the host`);
}

/**
 * What steps 8 and 9 read of a parsed pack: its identity and what it labels. A validated `Dataset`
 * has these fields.
 */
export interface ChannelPack {
  pack?: Pick<PackIdentity, 'id' | 'version' | 'curator'>;
  incidents: readonly { id: string }[];
  claims: readonly { incidentId: string }[];
  publishers: readonly { domains: readonly string[] }[];
}

/** The pack's domains in the normal form the scope's are written in (the validator's, `hostname.ts`). */
const hostKey = (h: string): string => normalizeHost(h) ?? foldHost(h);

/** Step 8, identity: the pack is the one the manifest names, from the curator it names. */
export function checkPackIdentity(manifest: ChannelManifest, pack: ChannelPack): Result<null, Refusal> {
  const id = pack.pack;
  if (!id) return refuse('pack-identity', 'the pack does not say who curates it (no "pack" block)');
  const issues: ValidationIssue[] = [];
  if (id.id !== manifest.pack.id) issues.push({ path: 'pack.id', message: `is "${id.id}", the manifest names "${manifest.pack.id}"` });
  if (id.version !== manifest.pack.version) issues.push({ path: 'pack.version', message: `is ${id.version}, the manifest names ${manifest.pack.version}` });
  for (const f of ['name', 'homepage', 'contact'] as const) {
    if (id.curator[f] !== manifest.curator[f]) issues.push({ path: `pack.curator.${f}`, message: `is "${id.curator[f]}", the manifest gives "${manifest.curator[f]}"` });
  }
  return issues.length === 0 ? ok(null) : refuse('pack-identity', 'the pack is not the one the manifest names', issues);
}

/** Step 9: every domain the pack's publishers claim and every incident it defines or adds to, within the manifest's scope. */
export function checkPackScope(scope: ChannelScope, pack: ChannelPack): Result<null, Refusal> {
  const domains = new Set(scope.domains);
  const incidents = new Set(scope.incidentIds);
  const issues: ValidationIssue[] = [];
  pack.publishers.forEach((p, i) =>
    p.domains.forEach((d, j) => {
      const h = hostKey(d);
      if (!domains.has(h) && parentIn(h, domains) === null) issues.push({ path: `publishers[${i}].domains[${j}]`, message: `"${d}" is outside the channel's scope` });
    }),
  );
  pack.incidents.forEach((inc, i) => {
    if (!incidents.has(inc.id)) issues.push({ path: `incidents[${i}].id`, message: `incident "${inc.id}" is outside the channel's scope` });
  });
  pack.claims.forEach((c, i) => {
    if (!incidents.has(c.incidentId)) issues.push({ path: `claims[${i}].incidentId`, message: `incident "${c.incidentId}" is outside the channel's scope` });
  });
  return issues.length === 0 ? ok(null) : refuse('pack-scope', `the pack labels what the channel's scope does not include (${issues.length} problem${issues.length === 1 ? '' : 's'})`, issues);
}

/**
 * The narrowest scope that covers `pack` (what `channel:publish` declares unless told more):
 * its publishers' domains in normal form, none under another, and every incident it defines or adds
 * claims to, each list sorted.
 */
export function scopeOfPack(pack: ChannelPack, more: Partial<ChannelScope> = {}): ChannelScope {
  const hosts = new Set([...pack.publishers.flatMap((p) => p.domains.map(hostKey)), ...(more.domains ?? []).map(hostKey)]);
  const domains = [...hosts].filter((h) => parentIn(h, hosts) === null).sort();
  const incidentIds = [...new Set([...pack.incidents.map((i) => i.id), ...pack.claims.map((c) => c.incidentId), ...(more.incidentIds ?? [])])].sort();
  return { domains, incidentIds };
}

/** Steps 8 and 9 for a pack the extension's validator has accepted. */
export function checkPack(manifest: ChannelManifest, pack: ChannelPack): Result<null, Refusal> {
  const identity = checkPackIdentity(manifest, pack);
  return identity.ok ? checkPackScope(manifest.scope, pack) : identity;
}
