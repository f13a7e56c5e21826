/**
 * Link destinations, as tables: the host a link really leads to (its own, or the one inside a search
 * engine's or a feed's redirect wrapper), and which addresses carry another address at all. Inputs
 * are `href` values as the browser serialises them (absolute, host in lower case).
 */
import { describe, expect, it } from 'vitest';
import { carriesAddress, destinationHost } from '../../src/content/links.ts';

/** Bing's wrapper: "a1" and the address in base64url. */
const bing = (address: string): string => `https://www.bing.com/ck/a?!&&p=4f1c&u=a1${Buffer.from(address).toString('base64url')}&ntb=1`;

describe('destinationHost', () => {
  describe('unwraps the redirect wrappers of search engines and feeds', () => {
    it.each([
      ['Google, url=', 'https://www.google.com/url?sa=t&q=&url=https%3A%2F%2Fwww.globalresearch.ca%2Fa%2F1&usg=x', 'www.globalresearch.ca'],
      ['Google, q=', 'https://www.google.com/url?q=https://globalresearch.ca/a/1&sa=U', 'globalresearch.ca'],
      ['Google on a country domain', 'https://www.google.co.uk/url?q=https://news.example.org/x', 'news.example.org'],
      ['Bing', bing('https://www.globalresearch.ca/a/1'), 'www.globalresearch.ca'],
      ['DuckDuckGo', 'https://duckduckgo.com/l/?uddg=https%3A%2F%2Fwww.hizb-ut-tahrir.info%2Fen%2F1.html&rut=9c1', 'www.hizb-ut-tahrir.info'],
      ['Facebook', 'https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.hizb-ut-tahrir.info%2Fen&h=AT0', 'www.hizb-ut-tahrir.info'],
      ['Reddit', 'https://out.reddit.com/t3_dt8k2l?url=https%3A%2F%2Fwww.mondialisation.ca%2Fx&token=A', 'www.mondialisation.ca'],
      ['VK', 'https://vk.com/away.php?to=https%3A%2F%2Fru.hizb-ut-tahrir.org%2Fc&cc_key=', 'ru.hizb-ut-tahrir.org'],
      ['Tumblr', 'https://t.umblr.com/redirect?z=https%3A%2F%2Fwww.globalresearch.ca%2Fa&t=ZTI', 'www.globalresearch.ca'],
      ['Yahoo, in the path', 'https://r.search.yahoo.com/_ylt=A;_ylu=Y-/RV=2/RE=1700000000/RO=10/RU=https%3a%2f%2fwww.globalresearch.ca%2fauthor/RK=2/RS=a-', 'www.globalresearch.ca'],
      ['Yandex', 'https://yandex.ru/clck/jsredir?from=yandex.ru&url=https%3A%2F%2Fglobalresearch.ca%2Fx', 'globalresearch.ca'],
      ['an unknown wrapper with a link= address', 'https://mail.example.net/out?link=https%3A%2F%2Fglobalresearch.ca%2F', 'globalresearch.ca'],
      ['a wrapped address on another site', 'https://www.google.com/url?q=https://www.bbc.com/news/world-asia-50317484&sa=U', 'www.bbc.com'],
      ['a wrapped address with its own fragment', 'https://www.google.com/url?q=https://globalresearch.ca/a#part-2', 'globalresearch.ca'],
      ['a wrapped internationalised host, in punycode as the browser writes it', 'https://www.google.com/url?q=https://пример.example/', 'xn--e1afmkfd.example'],
    ])('%s', (_what, href, host) => {
      expect(destinationHost(href)).toBe(host);
    });
  });

  describe('keeps the link’s own host when nothing usable is wrapped', () => {
    it.each([
      ['a plain link', 'https://www.globalresearch.ca/tajikistan', 'www.globalresearch.ca'],
      ['plain http', 'http://globalresearch.ca/a', 'globalresearch.ca'],
      ['an explicit port', 'https://hizb-ut-tahrir.info:443/en/1', 'hizb-ut-tahrir.info'],
      ['a trailing dot', 'https://www.globalresearch.ca./tajikistan', 'www.globalresearch.ca'],
      ['user information before the host', 'https://reader@www.globalresearch.ca/a', 'www.globalresearch.ca'],
      ['an IPv6 literal', 'http://[::1]/a', '[::1]'],
      ['a search for the site’s name, not a link to it', 'https://www.google.com/search?q=globalresearch.ca+tajikistan', 'www.google.com'],
      ['a wrapper holding a javascript: address', 'https://www.google.com/url?q=javascript:alert(1)', 'www.google.com'],
      ['Bing holding something that is not an http(s) address', bing('ftp://files.example/x'), 'www.bing.com'],
      ['Yahoo with a broken escape', 'https://r.search.yahoo.com/RU=%E0%A4%A/RK=2/', 'r.search.yahoo.com'],
      ['an address in the fragment, not the query', 'https://site.example/page#url=https://globalresearch.ca/', 'site.example'],
      ['a share text naming the site', 'https://www.example.net/share?text=see%20www.globalresearch.ca%20for%20more', 'www.example.net'],
      ['a look-alike host', 'https://globalresearch.ca.mirror-check.net/tajikistan', 'globalresearch.ca.mirror-check.net'],
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

describe('carriesAddress', () => {
  it.each([
    ['a search engine’s relative wrapper', '/url?q=https://globalresearch.ca/x', true],
    ['an encoded address anywhere', 'https://a.example/next?to=elsewhere&r=https%3A%2F%2Fb.example', true],
    ['Bing’s base64 form', '/ck/a?u=a1aHR0cHM6Ly9leGFtcGxlLm9yZw', true],
    ['Yahoo’s path form', 'https://r.search.yahoo.com/RV=2/RU=https%3a%2f%2fb.example/RK=2', true],
    ['a plain link', 'https://www.globalresearch.ca/tajikistan', false],
    ['a search for words', '/search?q=tajikistan+border', false],
    ['a query naming a host without a scheme', 'https://a.example/share?url=globalresearch.ca', false],
  ])('%s: %s', (_what, href, carries) => {
    expect(carriesAddress(href)).toBe(carries);
  });
});
