/**
 * The curator's side of a channel's keys: making a key pair and signing a manifest. Kept out of
 * `src/`: the private key never enters the extension, which only verifies (`src/core/channel.ts`).
 */
import { base64urlDecode, base64urlEncode, sha256Hex } from '../../src/core/channel-keys.ts';
import { signedBytes, type ChannelManifest, type UnsignedManifest } from '../../src/core/channel-manifest.ts';
import { err, ok, type Result } from '../../src/core/result.ts';

const ED25519 = { name: 'Ed25519' } as const;

export interface KeyPair {
  publicJwk: JsonWebKey;
  privateJwk: JsonWebKey;
  /** SHA-256 of the raw public key, hex. */
  fingerprint: string;
}

/** The fingerprint of a public key given by its base64url `x`. */
export async function fingerprintOf(x: string): Promise<string> {
  const raw = base64urlDecode(x);
  if (!raw || raw.length !== 32) throw new Error('not a 32-byte public key');
  return sha256Hex(raw);
}

export async function generateKeyPair(): Promise<KeyPair> {
  const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
  const pub = await crypto.subtle.exportKey('jwk', pair.publicKey);
  const priv = await crypto.subtle.exportKey('jwk', pair.privateKey);
  const x = pub.x ?? '';
  // Only the fields a key needs: what the extension and the tools read.
  return {
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x },
    privateJwk: { kty: 'OKP', crv: 'Ed25519', x, d: priv.d ?? '' },
    fingerprint: await fingerprintOf(x),
  };
}

/** A private key file's content as a signing key and its public `x`, or why it is not one. */
export async function readPrivateJwk(jwk: unknown): Promise<Result<{ key: CryptoKey; x: string }, string>> {
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) return err('the key file must hold a JSON object (a JWK)');
  const k = jwk as Record<string, unknown>;
  if (k.kty !== 'OKP' || k.crv !== 'Ed25519' || typeof k.x !== 'string') return err('not an Ed25519 key (kty "OKP", crv "Ed25519")');
  if (typeof k.d !== 'string') return err('this is a public key: signing needs the private one (private.jwk)');
  try {
    const key = await crypto.subtle.importKey('jwk', { kty: 'OKP', crv: 'Ed25519', x: k.x, d: k.d }, ED25519, false, ['sign']);
    return ok({ key, x: k.x });
  } catch (e) {
    return err(`the private key could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Signs `unsigned` (docs/channel-format.md, section 2) with a private key read by `readPrivateJwk`. */
export async function signManifest(unsigned: UnsignedManifest, signer: { key: CryptoKey; x: string }): Promise<ChannelManifest> {
  const value = base64urlEncode(new Uint8Array(await crypto.subtle.sign(ED25519, signer.key, signedBytes(unsigned))));
  return { ...unsigned, signature: { alg: 'Ed25519', key: await fingerprintOf(signer.x), value } };
}
