import { describe, expect, it } from 'vitest';
import { normalizeHost } from '../../src/core/hostname.ts';
import { PLATFORMS, publisherDomainProblem } from '../../src/data/publisher-domains.ts';

const problem = (host: string): string | null => publisherDomainProblem(normalizeHost(host) ?? host);

describe('publisher domains: hosts one publisher may claim', () => {
  describe('accepted', () => {
    it.each([
      'globalresearch.ca',
      'mondialisation.ca',
      'hizb-ut-tahrir.info',
      'steppe-courier.example',
      'news.bbc.co.uk',
      // One site on a hosting platform is one publisher.
      'someone.github.io',
      'someone.blogspot.com',
      'someone.substack.com',
      'someone.wordpress.com',
      'пример.рф',
    ])('%s', (host) => {
      expect(problem(host)).toBeNull();
    });
  });

  describe('refused: public suffixes', () => {
    it.each(['co.uk', 'com.tj', 'github.io', 'blogspot.com', 'org.ru', 'рф'])('%s', (host) => {
      expect(problem(host)).toMatch(/is a public suffix \(on the Public Suffix List\)/);
    });
  });

  describe('refused: platforms', () => {
    it.each([
      ['google.com', /"google.com" is a platform/],
      ['www.google.com', /"google.com" is a platform/],
      ['news.google.com', /"news.google.com" is part of the platform "google.com"/],
      ['google.co.uk', /google under a country suffix/],
      ['facebook.com', /is a platform/],
      ['m.facebook.com', /part of the platform "facebook.com"/],
      ['youtube.com', /is a platform/],
      ['twitter.com', /is a platform/],
      ['x.com', /is a platform/],
      ['t.me', /is a platform/],
      ['vk.com', /is a platform/],
      ['medium.com', /is a platform/],
      ['substack.com', /is a platform/],
      ['wordpress.com', /is a platform/],
    ])('%s', (host, reason) => {
      expect(problem(host)).toMatch(reason);
    });
  });

  it('lists every platform in normal form and as two labels, the form a lookup by its last two labels finds', () => {
    for (const host of Object.keys(PLATFORMS)) {
      expect(normalizeHost(host)).toBe(host);
      expect(host.split('.')).toHaveLength(2);
    }
  });

  it('refuses a host deep under a whole platform', () => {
    expect(problem('a.b.news.google.com')).toMatch(/part of the platform "google.com"/);
  });
});
