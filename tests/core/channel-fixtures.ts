/** A channel manifest for the channel tests: well formed, with a signature that is only of the right form. */
import type { ChannelManifest } from '../../src/core/channel-manifest.ts';
import type { Subscription } from '../../src/core/channel-subscription.ts';
import type { ChannelPreview } from '../../src/core/messages.ts';

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

/** A stored subscription to the sample manifest's channel, checked once. */
export const sampleSubscription = (): Subscription => ({
  channel: 'ishkobod-desk',
  manifestUrl: 'https://desk.example/ch/channel.json',
  origin: 'https://desk.example',
  key: 'A'.repeat(43),
  fingerprint: 'b'.repeat(64),
  scope: { domains: ['dalmorish-herald.example'], incidentIds: ['ishkobod-outpost-attack-2019'] },
  curator: { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' },
  packName: 'Desk notes',
  release: { version: 3, sha256: 'a'.repeat(64), issued: '2026-11-12T09:00:00Z' },
  expires: '2026-11-19T09:00:00Z',
  subscribedAt: Date.UTC(2026, 10, 12, 10),
  updatedAt: Date.UTC(2026, 10, 12, 10),
  lastCheck: { at: Date.UTC(2026, 10, 12, 10), ok: true },
  nextCheck: Date.UTC(2026, 10, 13, 10, 17),
});

/** What the options page is shown of the sample channel before subscribing. */
export const samplePreview = (): ChannelPreview => ({
  manifestUrl: 'https://desk.example/ch/channel.json',
  origin: 'https://desk.example',
  fingerprint: 'de2cefd251b237d195ddc59a6837fce931a187a6512626538e2471c4966e90a5',
  channel: 'ishkobod-desk',
  curator: { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' },
  pack: { id: 'desk-notes', version: 3 },
  issued: '2026-11-12T09:00:00Z',
  expires: '2026-11-19T09:00:00Z',
  scope: { domains: ['dalmorish-herald.example'], incidentIds: ['ishkobod-2019'] },
});
