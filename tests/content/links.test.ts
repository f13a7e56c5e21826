/**
 * Link destinations, as tables: the host a link really leads to (its own, or the one inside a known
 * redirector's wrapper), read as the URL parser reads it; and the raw attribute values that may skip
 * the browser's parse, which must never disagree with it. Node's URL is the WHATWG parser the
 * browsers follow; the browser tests check the same forms in Chromium and Firefox
 * (tests/e2e/hostile-2.e2e.ts, link-forms.html).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { destinationHost, readRaw, type LinkBase } from '../../src/content/links.ts';
import { normalizeHost } from '../../src/core/hostname.ts';

/** Bing's wrapper: "a1" and the address in base64url. */
const bing = (address: string): string => `https://www.bing.com/ck/a?!&&p=4f1c&u=a1${Buffer.from(address).toString('base64url')}&ntb=1`;

describe('destinationHost', () => {
  describe('unwraps the redirect wrappers of search engines and feeds', () => {
    it.each([
      ['Google, url=', 'https://www.google.com/url?sa=t&q=&url=https%3A%2F%2Fwww.globalresearch.ca%2Fa%2F1&usg=x', 'globalresearch.ca'],
      ['Google, q=', 'https://www.google.com/url?q=https://globalresearch.ca/a/1&sa=U', 'globalresearch.ca'],
      ['Google on a country domain', 'https://www.google.co.uk/url?q=https://news.example.org/x', 'news.example.org'],
      ['Bing', bing('https://www.globalresearch.ca/a/1'), 'globalresearch.ca'],
      ['DuckDuckGo', 'https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.hizb-ut-tahrir.info%2Fen%2F1.html&rut=9c1', 'hizb-ut-tahrir.info'],
      ['Facebook', 'https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.hizb-ut-tahrir.info%2Fen&h=AT0', 'hizb-ut-tahrir.info'],
      ['Reddit', 'https://out.reddit.com/t3_dt8k2l?url=https%3A%2F%2Fwww.mondialisation.ca%2Fx&token=A', 'mondialisation.ca'],
      ['VK', 'https://vk.com/away.php?to=https%3A%2F%2Fru.hizb-ut-tahrir.org%2Fc&cc_key=', 'ru.hizb-ut-tahrir.org'],
      ['Tumblr', 'https://t.umblr.com/redirect?z=https%3A%2F%2Fwww.globalresearch.ca%2Fa&t=ZTI', 'globalresearch.ca'],
      ['Yahoo, in the path', 'https://r.search.yahoo.com/_ylt=A;_ylu=Y-/RV=2/RE=1700000000/RO=10/RU=https%3a%2f%2fwww.globalresearch.ca%2fauthor/RK=2/RS=a-', 'globalresearch.ca'],
      ['Yandex', 'https://yandex.ru/clck/jsredir?from=yandex.ru&url=https%3A%2F%2Fglobalresearch.ca%2Fx', 'globalresearch.ca'],
      ['a wrapped address on another site', 'https://www.google.com/url?q=https://www.bbc.com/news/world-asia-50317484&sa=U', 'bbc.com'],
      ['a wrapped address with its own fragment', 'https://www.google.com/url?q=https://globalresearch.ca/a#part-2', 'globalresearch.ca'],
      ['a wrapped internationalised host, in punycode as the browser writes it', 'https://www.google.com/url?q=https://пример.example/', 'xn--e1afmkfd.example'],
      ['a wrapped address that itself hides its host behind a backslash', 'https://www.google.com/url?q=https://fixtures.test%5C@www.globalresearch.ca/', 'fixtures.test'],
      ['a wrapper inside a wrapper', 'https://www.google.com/url?q=' + encodeURIComponent('https://l.facebook.com/l.php?u=https%3A%2F%2Fglobalresearch.ca%2F'), 'globalresearch.ca'],
    ])('%s', (_what, href, host) => {
      expect(destinationHost(href)).toBe(host);
    });
  });

  describe('keeps the link’s own host when nothing usable is wrapped', () => {
    it.each([
      ['a plain link', 'https://www.globalresearch.ca/tajikistan', 'globalresearch.ca'],
      ['plain http', 'http://globalresearch.ca/a', 'globalresearch.ca'],
      ['an explicit port', 'https://hizb-ut-tahrir.info:443/en/1', 'hizb-ut-tahrir.info'],
      ['a trailing dot', 'https://www.globalresearch.ca./tajikistan', 'globalresearch.ca'],
      ['user information before the host', 'https://reader@www.globalresearch.ca/a', 'globalresearch.ca'],
      ['an IPv6 literal', 'http://[::1]/a', '[::1]'],
      ['a search for the site’s name, not a link to it', 'https://www.google.com/search?q=globalresearch.ca+tajikistan', 'google.com'],
      ['a wrapper holding a javascript: address', 'https://www.google.com/url?q=javascript:alert(1)', 'google.com'],
      ['Bing holding something that is not an http(s) address', bing('ftp://files.example/x'), 'bing.com'],
      ['Yahoo with a broken escape', 'https://r.search.yahoo.com/RU=%E0%A4%A/RK=2/', 'r.search.yahoo.com'],
      ['an address in the fragment, not the query', 'https://site.example/page#url=https://globalresearch.ca/', 'site.example'],
      ['a share text naming the site', 'https://www.example.net/share?text=see%20www.globalresearch.ca%20for%20more', 'example.net'],
      ['a look-alike host', 'https://globalresearch.ca.mirror-check.net/tajikistan', 'globalresearch.ca.mirror-check.net'],
      ['any other site’s url= parameter', 'https://mail.example.net/out?link=https%3A%2F%2Fglobalresearch.ca%2F&url=https://globalresearch.ca/', 'mail.example.net'],
      ['a search on a redirector host, not its redirect path', 'https://www.google.com/search?q=https://globalresearch.ca/', 'google.com'],
      ['a look-alike of a redirector', 'https://google.com.daily-ledger.test/url?q=https://globalresearch.ca/', 'google.com.daily-ledger.test'],
    ])('%s', (_what, href, host) => {
      expect(destinationHost(href)).toBe(host);
    });
  });

  it.each([
    ['mailto:', 'mailto:editors@globalresearch.ca'],
    ['javascript:', 'javascript:void(0)'],
    ['a fragment', '#comments'],
    ['a relative address', '/url?q=https://globalresearch.ca/'],
    ['ftp:', 'ftp://globalresearch.ca/file'],
    ['an empty href', ''],
  ])('gives no host for a link that leads nowhere on the web: %s', (_what, href) => {
    expect(destinationHost(href)).toBeNull();
  });
});

describe('destinationHost reads hostile link forms as the browser does', () => {
  it.each([
    ['a backslash before user information', 'https://fixtures.test\\@www.globalresearch.ca/', 'fixtures.test'],
    ['user information naming the publisher', 'https://globalresearch.ca@daily-ledger.test/', 'daily-ledger.test'],
    ['backslashes for slashes', 'https:\\\\www.globalresearch.ca\\a', 'globalresearch.ca'],
    ['a backslash ending the host', 'https://www.globalresearch.ca\\.daily-ledger.test/', 'globalresearch.ca'],
    ['a percent-encoded dot', 'https://www.globalresearch%2Eca/a', 'globalresearch.ca'],
    ['an ideographic full stop', 'https://www.globalresearch\u3002ca/a', 'globalresearch.ca'],
    ['a fullwidth full stop', 'https://www.globalresearch\uff0eca/a', 'globalresearch.ca'],
    ['a tab and a newline in the host', 'https://www.global\tresearch\n.ca/', 'globalresearch.ca'],
    ['upper case and spaces around', '  HTTPS://WWW.GlobalResearch.CA/a ', 'globalresearch.ca'],
    ['a host that is an IPv4 address in hex', 'http://0x7f.0.0.1/', '127.0.0.1'],
  ])('%s', (_what, href, host) => {
    expect(destinationHost(href)).toBe(host);
  });

  it('gives no host for an address the parser refuses (the browser goes nowhere)', () => {
    expect(destinationHost('https://www.globalresearch%252Eca/')).toBeNull();
    expect(destinationHost('https://exa mple.org/')).toBeNull();
  });
});

describe('readRaw: the attribute values that skip the browser’s parse', () => {
  const base: LinkBase = { host: 'fixtures.test', http: true, redirector: false };
  const baseUrl = 'http://fixtures.test/dir/page.html';

  it.each([
    ['a plain absolute address', 'https://www.globalresearch.ca/a', { host: 'globalresearch.ca' }],
    ['upper case', 'HTTP://GlobalResearch.CA', { host: 'globalresearch.ca' }],
    ['protocol-relative', '//cdn.example.org/x.js', { host: 'cdn.example.org' }],
    ['a relative path', 'next/page?x=https://globalresearch.ca/', 'relative'],
    ['a root-relative path', '/url?q=https://globalresearch.ca/', 'relative'],
    ['a fragment', '#top', 'relative'],
    ['user information', 'https://globalresearch.ca@daily-ledger.test/', 'ask'],
    ['a backslash anywhere', 'https://fixtures.test\\@www.globalresearch.ca/', 'ask'],
    ['a backslash start', '/\\www.globalresearch.ca/', 'ask'],
    ['a port', 'https://globalresearch.ca:8443/', 'ask'],
    ['a percent escape in the host', 'https://www.globalresearch%2Eca/', 'ask'],
    ['non-ASCII in the host', 'https://www.globalresearch\u3002ca/', 'ask'],
    ['a tab', 'ht\ttps://globalresearch.ca/', 'ask'],
    ['a numeric host', 'http://0x7f.0.0.1/', 'ask'],
    ['punycode', 'https://xn--e1afmkfd.example/', 'ask'],
    ['another scheme', 'mailto:editors@globalresearch.ca', 'ask'],
  ])('%s', (_what, raw, reading) => {
    expect(readRaw(raw, base)).toEqual(reading);
  });

  it('never disagrees with the URL parser', () => {
    const piece = fc.constantFrom('http:', 'https:', 'HTTP:', 'ftp:', 'javascript:', '//', '/', '\\', '@', ':', ':80', '.', '..', '%2E', '%', '?', '#', '\t', '\n', ' ', '\0', '\u3002', 'а', 'xn--', '0x7f', '1', '-', 'a', 'ca', 'globalresearch', 'www.', 'example', 'user', 'q=');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }).map((p) => p.join('')), (raw) => {
        const read = readRaw(raw, base);
        if (read === 'ask') return;
        let parsed: URL;
        try {
          parsed = new URL(raw, baseUrl);
        } catch {
          throw new Error(`read ${JSON.stringify(read)} from ${JSON.stringify(raw)}, which the parser refuses`);
        }
        // In the one normal form of hosts (core/hostname.ts), as readRaw gives them.
        const host = normalizeHost(parsed.hostname) ?? parsed.hostname.replace(/\.$/, '');
        expect(read === 'relative' ? base.host : read.host, JSON.stringify(raw)).toBe(host);
      }),
      { numRuns: 5000 },
    );
  });
});
