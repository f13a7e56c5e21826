/** A channel manifest for the channel tests: well formed, with a signature that is only of the right form. */
import type { ChannelManifest } from '../../src/core/channel-manifest.ts';

/** A well-formed manifest (its signature is not checked here, only its form). */
export const sampleManifest = (): ChannelManifest => ({
  format: 'source-context-channel',
  formatVersion: 1,
  channel: 'ishkobod-desk',
  curator: { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' },
  pack: { id: 'ishkobod-desk', version: 3 },
  issued: '2026-11-12T09:00:00Z',
  expires: '2026-11-19T09:00:00Z',
  scope: { domains: ['dalmorish-herald.example', 'tallow-wire.example'], incidentIds: ['ishkobod-outpost-attack-2019'] },
  files: [{ path: `packs/${'a'.repeat(64)}.json`, sha256: 'a'.repeat(64), bytes: 4821 }],
  signature: { alg: 'Ed25519', key: 'b'.repeat(64), value: 'A'.repeat(86) },
});
