import { describe, expect, it } from 'vitest';
import { packOrigin, parseOrigins } from '../../src/core/origin.ts';

const IDENTITY = { id: 'desk-notes', curator: { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' }, version: 2, date: '2026-11-12' };

describe('a pack origin with its channel', () => {
  it('names the channel and the UTC day the channel wrote the pack, only for a pack a channel delivered', () => {
    const written = Date.UTC(2026, 11, 2, 23, 59);
    expect(packOrigin('Desk notes', IDENTITY, { channel: { id: 'desk-notes', host: 'desk.example' }, importedAt: written }).channel).toEqual({
      id: 'desk-notes',
      host: 'desk.example',
      updated: '2026-12-02',
    });
    expect(packOrigin('Desk notes', IDENTITY, { importedAt: written })).not.toHaveProperty('channel');
  });

  it('comes through the reply check whole; a malformed channel is dropped and the rest of the origin kept', () => {
    const origin = packOrigin('Desk notes', IDENTITY, { channel: { id: 'desk-notes', host: 'desk.example' }, importedAt: Date.UTC(2026, 11, 2) });
    expect(parseOrigins(JSON.parse(JSON.stringify({ 'claim:desk-doubt': origin })))).toEqual({ 'claim:desk-doubt': origin });
    const bad = parseOrigins({ 'claim:desk-doubt': { ...origin, channel: { id: 'desk-notes', host: 7, updated: '2026-12-02' } } });
    expect(bad['claim:desk-doubt']).toEqual(packOrigin('Desk notes', IDENTITY));
  });
});
