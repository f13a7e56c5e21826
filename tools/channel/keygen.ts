/**
 * `npm run channel:keygen -- DIR`: a curator's Ed25519 key pair for signing a channel
 * (docs/curators.md). Writes DIR/private.jwk (readable by its owner only, 0600) and DIR/public.jwk,
 * prints the fingerprint readers will compare, and never overwrites a key: a lost or replaced key
 * means every reader subscribes again.
 */
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatFingerprint } from '../../src/core/channel-keys.ts';
import { consoleOutput, type Output } from '../pack/pack-check.ts';
import { generateKeyPair } from './sign.ts';

export const PRIVATE_FILE = 'private.jwk';
export const PUBLIC_FILE = 'public.jwk';

/** Writes the key pair into `args[0]`; returns the exit code (0 written, 1 a key is there already, 2 usage or a write failed). */
export async function main(args: readonly string[], io: Output = consoleOutput): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    io.err('usage: npm run channel:keygen -- DIR');
    return 2;
  }
  const dir = args[0]!;
  const privatePath = join(dir, PRIVATE_FILE);
  const publicPath = join(dir, PUBLIC_FILE);
  const present = [privatePath, publicPath].filter((p) => existsSync(p));
  if (present.length > 0) {
    io.err(`refused: ${present.join(' and ')} already exist${present.length === 1 ? 's' : ''}; a channel's key is never replaced by accident (readers pinned it). Choose another directory.`);
    return 1;
  }
  const keys = await generateKeyPair();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // 'wx' fails rather than overwrite if a file appeared since the check above.
    writeFileSync(privatePath, `${JSON.stringify(keys.privateJwk, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    // The mode given at creation is narrowed by the umask, never widened; set it outright all the same.
    chmodSync(privatePath, 0o600);
    writeFileSync(publicPath, `${JSON.stringify(keys.publicJwk, null, 2)}\n`, { mode: 0o644, flag: 'wx' });
  } catch (e) {
    io.err(`cannot write the key pair: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  io.out(`${privatePath}  the private key: keep it secret and backed up; it never goes to the host or the extension`);
  io.out(`${publicPath}  the public key: readers pin it when they subscribe`);
  io.out(`fingerprint: ${formatFingerprint(keys.fingerprint)}`);
  io.out('Publish the fingerprint on your homepage, so readers can compare it with the one the extension shows.');
  return 0;
}
