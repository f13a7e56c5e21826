import { describe, expect, it } from 'vitest';
import { DAY_MS, nextCheckAt, originPattern, parseSubscription, parseSubscriptions } from '../../src/core/channel-subscription.ts';
import { sampleSubscription } from './channel-fixtures.ts';

describe('stored subscriptions', () => {
  it('read back as they were stored', () => {
    const stored = structuredClone([sampleSubscription()]);
    expect(parseSubscriptions(stored)).toEqual([sampleSubscription()]);
  });

  it('keep a failed check with its code, message and issues', () => {
    const failed = { ...sampleSubscription(), lastCheck: { at: 5, ok: false, code: 'pack-scope', message: 'outside', issues: [{ path: 'publishers[0].domains[0]', message: 'x' }] } };
    expect(parseSubscription(failed)?.lastCheck).toEqual(failed.lastCheck);
  });

  it.each<[string, (s: Record<string, unknown>) => void]>([
    ['without a key', (s) => delete s.key],
    ['with a scope that is not lists', (s) => (s.scope = { domains: 'desk.example', incidentIds: [] })],
    ['with a release version as text', (s) => (s.release = { version: '3', sha256: 'a', issued: 'b' })],
    ['with a negative next check', (s) => (s.nextCheck = -1)],
    ['without its last check', (s) => delete s.lastCheck],
  ])('drop an entry %s, keeping the others', (_what, damage) => {
    const bad = sampleSubscription() as unknown as Record<string, unknown>;
    damage(bad);
    const other = { ...sampleSubscription(), channel: 'other' };
    expect(parseSubscriptions([bad, other])).toEqual([other]);
  });

  it('read as none when the stored value is not a list', () => {
    expect(parseSubscriptions(undefined)).toEqual([]);
    expect(parseSubscriptions({ channel: 'x' })).toEqual([]);
  });
});

describe('nextCheckAt', () => {
  it('is a day ahead, at a moment within the following hour', () => {
    const now = Date.UTC(2026, 10, 12, 9);
    expect(nextCheckAt(now, () => 0)).toBe(now + DAY_MS);
    expect(nextCheckAt(now, () => 0.5)).toBe(now + DAY_MS + 30 * 60_000);
    expect(nextCheckAt(now, () => 0.999_999)).toBeLessThan(now + DAY_MS + 60 * 60_000);
  });
});

describe('originPattern', () => {
  it('asks for the channel’s scheme and host without the port, which Firefox’s match patterns cannot hold', () => {
    expect(originPattern('https://desk.example')).toBe('https://desk.example/*');
    expect(originPattern('http://127.0.0.1:8080')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://desk.example:8443')).toBe('https://desk.example/*');
  });
});
