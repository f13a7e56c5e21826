/**
 * `npm run channel:publish -- PACK.json --key DIR/private.jwk --out OUT/ [options]`: what a curator
 * uploads to a static host for a channel (docs/channel-format.md, docs/curators.md).
 *
 * The pack is checked with the extension's own validator, exactly as `npm run pack:check` checks it
 * (every problem with its path, exit 1). Then OUT/ gets the pack under its content address,
 * `packs/<sha256>.json`, and the signed manifest, `channel.json`. Before writing, the manifest is
 * verified with the extension's own channel checks, so what this tool writes is what the extension
 * accepts; and a manifest already in OUT/ is not replaced by an older version or by new content
 * under the same version (readers would refuse it as a rollback).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile, checkOrder, checkPack, releaseOf, scopeOfPack, verifyManifest, type ChannelPack } from '../../src/core/channel.ts';
import { formatFingerprint, pinKey, sha256Hex, subscriptionLink, checkManifestUrl, type Refusal } from '../../src/core/channel-keys.ts';
import { CHANNEL_FORMAT, CHANNEL_FORMAT_VERSION, MAX_LIFETIME_DAYS, parseManifestBytes, type UnsignedManifest } from '../../src/core/channel-manifest.ts';
import { parsePackJson } from '../../src/data/schema.ts';
import { consoleOutput, formatIssue, loadBundled, readPackBytes, type Output } from '../pack/pack-check.ts';
import { readPrivateJwk, signManifest } from './sign.ts';

export const MANIFEST_FILE = 'channel.json';
export const DEFAULT_EXPIRES_DAYS = 7;

const USAGE =
  'usage: npm run channel:publish -- PACK.json --key DIR/private.jwk --out OUT/ [--expires-days N] [--channel-id ID] [--url https://HOST/PATH/] [--scope-domain HOST]… [--scope-incident ID]…';

interface Options {
  pack: string;
  key: string;
  out: string;
  expiresDays: number;
  channelId?: string;
  /** Where OUT/ will be served from, for the subscription link. */
  url?: string;
  scopeDomains: string[];
  scopeIncidents: string[];
}

/** The options, or why they are not usable. */
function readArgs(args: readonly string[]): Options | string {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return `${a} needs a value`;
    flags.set(a, [...(flags.get(a) ?? []), value]);
    i++;
  }
  const known = new Set(['--key', '--out', '--expires-days', '--channel-id', '--url', '--scope-domain', '--scope-incident']);
  const unknown = [...flags.keys()].find((f) => !known.has(f));
  if (unknown) return `unknown option ${unknown}`;
  const once = (f: string): string | undefined => flags.get(f)?.at(-1);
  const key = once('--key');
  const out = once('--out');
  if (positional.length !== 1 || key === undefined || out === undefined) return 'give one pack file, --key and --out';
  const days = Number(once('--expires-days') ?? DEFAULT_EXPIRES_DAYS);
  if (!Number.isInteger(days) || days < 1 || days > MAX_LIFETIME_DAYS) return `--expires-days must be a whole number from 1 to ${MAX_LIFETIME_DAYS}`;
  const url = once('--url');
  const channelId = once('--channel-id');
  return {
    pack: positional[0]!,
    key,
    out,
    expiresDays: days,
    ...(channelId !== undefined ? { channelId } : {}),
    ...(url !== undefined ? { url } : {}),
    scopeDomains: flags.get('--scope-domain') ?? [],
    scopeIncidents: flags.get('--scope-incident') ?? [],
  };
}

const reportRefusal = (io: Output, what: string, r: Refusal): void => {
  io.err(`${what}: ${r.message}`);
  for (const i of r.issues ?? []) io.err(formatIssue(i));
};

/** A manifest timestamp, to the second. */
const stamp = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The manifest already in OUT/, if there is one this tool can read; a new one must come after it. */
function previousManifest(path: string, io: Output): ReturnType<typeof parseManifestBytes> | null {
  if (!existsSync(path)) return null;
  const r = parseManifestBytes(new Uint8Array(readFileSync(path)));
  if (!r.ok) io.err(`warning: ${path} is not a manifest this tool can read; it is replaced`);
  return r.ok ? r : null;
}

/** Writes `data` to `path` through a temporary file, so a host syncing OUT/ never sees half a manifest. */
function writeWhole(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Publishes; returns the exit code (0 written, 1 the pack or the key was refused, 2 usage or unreadable input). */
export async function main(args: readonly string[], io: Output = consoleOutput, now: () => number = Date.now): Promise<number> {
  const opts = readArgs(args);
  if (typeof opts === 'string') {
    io.err(`${opts}\n${USAGE}`);
    return 2;
  }
  const url = opts.url === undefined ? null : checkManifestUrl(opts.url);
  if (url && !url.ok) {
    io.err(`--url: ${url.error}`);
    return 2;
  }

  // 1. The key, first: it is quick to check.
  let keyJson: unknown;
  try {
    keyJson = JSON.parse(readFileSync(opts.key, 'utf8'));
  } catch (e) {
    io.err(`${opts.key}: cannot read the key: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  const signer = await readPrivateJwk(keyJson);
  if (!signer.ok) {
    io.err(`${opts.key}: ${signer.error}`);
    return 1;
  }
  const pinned = await pinKey(signer.value.x);
  if (!pinned.ok) {
    reportRefusal(io, opts.key, pinned.error);
    return 1;
  }

  // 2. The pack, checked as pack:check and the options page check it.
  const bytes = readPackBytes(opts.pack, io);
  if (bytes === null) return 2;
  const parsed = parsePackJson(new TextDecoder().decode(bytes), loadBundled(io));
  if (!parsed.ok) {
    io.out(opts.pack);
    for (const i of parsed.error) io.out(formatIssue(i));
    io.out(`FAILED: ${parsed.error.length} problem(s); nothing was written`);
    return 1;
  }
  const pack: ChannelPack = parsed.value;
  const identity = pack.pack;
  if (!identity) {
    io.err(`${opts.pack}\n  pack: a channel's pack must say who curates it: add "pack": { "id", "curator": { "name", "homepage", "contact" }, "version", "date" } (see src/data/README.md)`);
    return 1;
  }

  // 3. The manifest, signed.
  const sha256 = await sha256Hex(bytes);
  const filePath = `packs/${sha256}.json`;
  const issuedMs = now();
  const unsigned: UnsignedManifest = {
    format: CHANNEL_FORMAT,
    formatVersion: CHANNEL_FORMAT_VERSION,
    channel: opts.channelId ?? identity.id,
    curator: { name: identity.curator.name, homepage: identity.curator.homepage, contact: identity.curator.contact },
    pack: { id: identity.id, version: identity.version },
    issued: stamp(issuedMs),
    expires: stamp(issuedMs + opts.expiresDays * 86_400_000),
    scope: scopeOfPack(pack, { domains: opts.scopeDomains, incidentIds: opts.scopeIncidents }),
    files: [{ path: filePath, sha256, bytes: bytes.byteLength }],
  };
  const manifest = await signManifest(unsigned, signer.value);
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;

  // 4. Checked as the extension checks it, against what is already published in OUT/.
  const manifestPath = join(opts.out, MANIFEST_FILE);
  const previous = previousManifest(manifestPath, io);
  if (previous?.ok) {
    if (previous.value.channel !== manifest.channel) {
      io.err(`refused: ${manifestPath} is the manifest of channel "${previous.value.channel}", not "${manifest.channel}"; publish each channel into its own directory`);
      return 1;
    }
    const order = checkOrder(manifest, releaseOf(previous.value));
    if (!order.ok) {
      reportRefusal(io, 'refused, readers would not accept it', order.error);
      return 1;
    }
  }
  const verified = await verifyManifest(new TextEncoder().encode(manifestText), { key: pinned.value, now: issuedMs, last: null, channel: manifest.channel });
  const fileOk = await checkFile(manifest.files[0]!, bytes);
  const packOk = checkPack(manifest, pack);
  for (const [what, r] of [['manifest', verified], ['pack file', fileOk], ['pack', packOk]] as const) {
    if (!r.ok) {
      reportRefusal(io, `refused: the ${what} would not be accepted by the extension`, r.error);
      return 1;
    }
  }

  // 5. Written: the immutable pack file first, so a manifest never names a file that is not there.
  try {
    mkdirSync(join(opts.out, 'packs'), { recursive: true });
    const packTarget = join(opts.out, filePath);
    // Named by its hash: a file already there is this one, unless something changed it.
    const there = existsSync(packTarget) ? await sha256Hex(new Uint8Array(readFileSync(packTarget))) : null;
    if (there !== sha256) writeWhole(packTarget, bytes);
    writeWhole(manifestPath, manifestText);
  } catch (e) {
    io.err(`cannot write into ${opts.out}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }

  const base = url?.ok ? url.value.href : null;
  const where = base === null ? '<the address of channel.json once uploaded>' : new URL(MANIFEST_FILE, base.endsWith('/') ? base : `${base}/`).href;
  io.out(`Channel "${manifest.channel}": pack "${identity.id}" version ${identity.version}, expires ${manifest.expires}`);
  io.out(`scope: ${manifest.scope.domains.length} domain(s), ${manifest.scope.incidentIds.length} incident(s)`);
  io.out(`Upload the contents of ${opts.out}:`);
  io.out(`  ${filePath}  (immutable: Cache-Control: public, max-age=31536000, immutable)`);
  io.out(`  ${MANIFEST_FILE}  (short-lived: Cache-Control: public, max-age=300)`);
  io.out(`Re-publish before ${manifest.expires}, even if the pack has not changed.`);
  io.out(`key fingerprint: ${formatFingerprint(pinned.value.fingerprint)}`);
  io.out(`subscription link: ${subscriptionLink(where, signer.value.x)}`);
  return 0;
}
