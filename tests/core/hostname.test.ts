import { describe, expect, it } from 'vitest';
import { foldHost, normalizeHost } from '../../src/core/hostname.ts';
import { siteKey } from '../../src/core/settings.ts';

describe('normalizeHost: one form for every host comparison', () => {
  it.each([
    ['globalresearch.ca', 'globalresearch.ca'],
    ['www.globalresearch.ca', 'globalresearch.ca'],
    ['WWW.GlobalResearch.CA', 'globalresearch.ca'],
    ['globalresearch.ca.', 'globalresearch.ca'],
    ['www.globalresearch.ca.', 'globalresearch.ca'],
    ['  news.example.com ', 'news.example.com'],
    // Only one leading www. goes: www2 and inner www are other hosts.
    ['www2.example.com', 'www2.example.com'],
    ['www.www.example.com', 'www.example.com'],
    ['news.www.example.com', 'news.www.example.com'],
    // International names in their ASCII form, as browsers report them.
    ['пример.рф', 'xn--e1afmkfd.xn--p1ai'],
    ['ПРИМЕР.РФ', 'xn--e1afmkfd.xn--p1ai'],
    ['www.пример.рф.', 'xn--e1afmkfd.xn--p1ai'],
    ['xn--e1afmkfd.xn--p1ai', 'xn--e1afmkfd.xn--p1ai'],
    ['bücher.example', 'xn--bcher-kva.example'],
    // A full-width dot is a dot to IDNA.
    ['пример．рф', 'xn--e1afmkfd.xn--p1ai'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'spaces only'],
    ['https://globalresearch.ca/', 'a whole address'],
    ['globalresearch.ca/about', 'a path'],
    ['globalresearch.ca:8080', 'a port'],
    ['user@globalresearch.ca', 'a user'],
    ['global research.ca', 'a space inside'],
    ['%67lobalresearch.ca', 'a percent escape'],
    ['a\u0000b.example', 'a control character'],
  ])('refuses %j (%s)', (input) => {
    expect(normalizeHost(input)).toBeNull();
  });

  it('agrees with site keys, so a site setting and a publisher domain name the same host', () => {
    for (const h of ['WWW.Example.COM.', 'пример.рф', 'news.example.com']) expect(siteKey(h)).toBe(normalizeHost(h));
  });

  it('folds search text that is no hostname the same way, without refusing it', () => {
    expect(foldHost('WWW.Global ')).toBe('global');
    expect(siteKey('global research')).toBe('global research');
  });
});
