import { describe, expect, it } from 'vitest';
import { hostOf } from '../../src/ui/host-of.ts';

describe('hostOf: where a link leads, as the UI names sites', () => {
  it.each([
    ['https://www.globalresearch.ca/a/1', 'globalresearch.ca'],
    ['HTTP://News.Example.COM/path?q=1', 'news.example.com'],
    ['https://www2.example.com/', 'www2.example.com'],
  ])('%s leads to %s', (url, host) => {
    expect(hostOf(url)).toBe(host);
  });

  it.each([['javascript:alert(1)'], ['mailto:desk@example.com'], ['not a url'], [''], [undefined]])('names no host for %s', (url) => {
    expect(hostOf(url)).toBeNull();
  });
});
