import { describe, expect, it } from 'vitest';
import { MAX_HREF_LENGTH, safeHref } from '../../src/ui/safe-href.ts';

describe('safeHref: which dataset URLs become links', () => {
  it.each([
    ['https://agency.example/statement', 'https://agency.example/statement'],
    ['http://agency.example/a b', 'http://agency.example/a%20b'],
    ['HTTPS://Agency.Example', 'https://agency.example/'],
  ])('links %s', (url, href) => {
    expect(safeHref(url)).toBe(href);
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a javascript: URL in capitals with spaces', ' JavaScript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a file: URL', 'file:///etc/passwd'],
    ['a relative path', '/statement'],
    ['an address without a scheme', 'agency.example/statement'],
    ['an empty string', ''],
    ['no URL at all', undefined],
    ['a number', 42],
  ])('refuses %s', (_what, url) => {
    expect(safeHref(url)).toBeNull();
  });

  it('refuses a 5,000-character URL but keeps one at the limit', () => {
    const base = 'https://agency.example/';
    expect(safeHref(base + 'a'.repeat(5000 - base.length))).toBeNull();
    const atLimit = base + 'a'.repeat(MAX_HREF_LENGTH - base.length);
    expect(safeHref(atLimit)).toBe(atLimit);
  });
});
