/**
 * The settings model, as tables: a stored value that is corrupted or old is repaired field by field
 * (a reader keeps every setting that survived), hostnames become site keys, and a site follows its
 * nearest parent domain until it has its own setting.
 */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  DEFAULT_SITE,
  SETTINGS_VERSION,
  effectiveSite,
  parseSiteSetting,
  repairSettings,
  siteKey,
  siteLookupKeys,
  type GlobalSettings,
} from '../../src/core/settings.ts';

/** Settings that differ from the defaults in every field, so a kept field is told from a default. */
const custom: GlobalSettings = {
  version: SETTINGS_VERSION,
  paused: true,
  kinds: { incident: false, publisher: false, links: false },
  highlight: false,
  minConfidence: 0.8,
};

describe('repairSettings', () => {
  it.each<[string, unknown, GlobalSettings, boolean]>([
    ['nothing stored (first run)', undefined, DEFAULT_SETTINGS, false],
    ['null', null, DEFAULT_SETTINGS, true],
    ['a string', 'paused', DEFAULT_SETTINGS, true],
    ['an array', [custom], DEFAULT_SETTINGS, true],
    ['a valid value', custom, custom, false],
    ['an older version with valid fields', { ...custom, version: 0 }, custom, true],
    ['no version', { ...custom, version: undefined }, custom, true],
    ['paused as a string', { ...custom, paused: 'yes' }, { ...custom, paused: DEFAULT_SETTINGS.paused }, true],
    ['highlight missing', { ...custom, highlight: undefined }, { ...custom, highlight: DEFAULT_SETTINGS.highlight }, true],
    ['kinds missing', { ...custom, kinds: undefined }, { ...custom, kinds: DEFAULT_SETTINGS.kinds }, true],
    ['kinds as an array', { ...custom, kinds: [false, false, false] }, { ...custom, kinds: DEFAULT_SETTINGS.kinds }, true],
    ['one kind as a number', { ...custom, kinds: { ...custom.kinds, links: 0 } }, { ...custom, kinds: { ...custom.kinds, links: true } }, true],
    ['one kind missing', { ...custom, kinds: { incident: false, publisher: false } }, { ...custom, kinds: { ...custom.kinds, links: true } }, true],
    ['minConfidence above 1', { ...custom, minConfidence: 1.5 }, { ...custom, minConfidence: DEFAULT_SETTINGS.minConfidence }, true],
    ['minConfidence below 0', { ...custom, minConfidence: -0.1 }, { ...custom, minConfidence: DEFAULT_SETTINGS.minConfidence }, true],
    ['minConfidence not a number', { ...custom, minConfidence: '0.8' }, { ...custom, minConfidence: DEFAULT_SETTINGS.minConfidence }, true],
    ['minConfidence NaN', { ...custom, minConfidence: Number.NaN }, { ...custom, minConfidence: DEFAULT_SETTINGS.minConfidence }, true],
    ['minConfidence 0, the lowest allowed', { ...custom, minConfidence: 0 }, { ...custom, minConfidence: 0 }, false],
    ['minConfidence 1, the highest allowed', { ...custom, minConfidence: 1 }, { ...custom, minConfidence: 1 }, false],
    ['a field this version does not know', { ...custom, theme: 'dark' }, custom, false],
  ])('%s', (_what, stored, settings, repaired) => {
    expect(repairSettings(structuredClone(stored))).toEqual({ settings, repaired });
  });

  it('gives a copy of the defaults, never the defaults themselves', () => {
    const { settings } = repairSettings(undefined);
    settings.kinds.links = false;
    settings.paused = true;
    expect(DEFAULT_SETTINGS.kinds.links).toBe(true);
    expect(DEFAULT_SETTINGS.paused).toBe(false);
  });

  it('repairs once: the repaired value reads back unchanged', () => {
    const { settings } = repairSettings({ version: 0, paused: 'yes', kinds: { links: false }, minConfidence: 7 });
    expect(repairSettings(settings)).toEqual({ settings, repaired: false });
  });
});

describe('siteKey', () => {
  it.each([
    ['example.com', 'example.com'],
    ['WWW.Example.COM', 'example.com'],
    ['www.www.example.com', 'www.example.com'],
    ['example.com.', 'example.com'],
    ['www.example.com.', 'example.com'],
    ['  news.example.com ', 'news.example.com'],
    ['wwwexample.com', 'wwwexample.com'],
    ['news.www.example.com', 'news.www.example.com'],
    ['localhost', 'localhost'],
  ])('%s → %s', (hostname, key) => {
    expect(siteKey(hostname)).toBe(key);
  });
});

describe('siteLookupKeys', () => {
  it.each([
    ['a.b.example.com', ['site:a.b.example.com', 'site:b.example.com', 'site:example.com']],
    ['www.news.example.com', ['site:news.example.com', 'site:example.com']],
    ['example.com', ['site:example.com']],
    ['www.example.com', ['site:example.com']],
    ['localhost', ['site:localhost']],
  ])('%s reads %j, nearest first, never a bare top-level domain', (hostname, keys) => {
    expect(siteLookupKeys(hostname)).toEqual(keys);
  });
});

describe('parseSiteSetting', () => {
  it.each<[string, unknown, unknown]>([
    ['on', { mode: 'on' }, { mode: 'on' }],
    ['off', { mode: 'off' }, { mode: 'off' }],
    ['publisher label only, with its own link and banner choices', { mode: 'publisher-only', links: false, bannerDismissed: true }, { mode: 'publisher-only', links: false, bannerDismissed: true }],
    ['a malformed optional field, dropped', { mode: 'on', links: 'no', bannerDismissed: 1 }, { mode: 'on' }],
    ['an unknown field, dropped', { mode: 'off', colour: 'red' }, { mode: 'off' }],
    ['an unknown mode', { mode: 'sometimes' }, null],
    ['no mode', { links: true }, null],
    ['a bare string (an old format)', 'off', null],
    ['null', null, null],
    ['an array', [{ mode: 'on' }], null],
  ])('%s', (_what, stored, setting) => {
    expect(parseSiteSetting(stored)).toEqual(setting);
  });
});

describe('effectiveSite: a subdomain follows its nearest parent until it has its own setting', () => {
  const stored = {
    'site:example.com': { mode: 'off' },
    'site:news.example.com': { mode: 'on', links: false },
    'site:blog.example.com': 'garbage',
    'site:shop.example.com': { mode: 'publisher-only' },
  };
  it.each<[string, { key: string; setting: unknown; inherited: boolean }]>([
    ['example.com', { key: 'example.com', setting: { mode: 'off' }, inherited: false }],
    ['www.example.com', { key: 'example.com', setting: { mode: 'off' }, inherited: false }],
    ['mail.example.com', { key: 'example.com', setting: { mode: 'off' }, inherited: true }],
    ['news.example.com', { key: 'news.example.com', setting: { mode: 'on', links: false }, inherited: false }],
    ['live.news.example.com', { key: 'news.example.com', setting: { mode: 'on', links: false }, inherited: true }],
    ['shop.example.com', { key: 'shop.example.com', setting: { mode: 'publisher-only' }, inherited: false }],
    // An unreadable own setting counts as none: the parent's applies.
    ['blog.example.com', { key: 'example.com', setting: { mode: 'off' }, inherited: true }],
    // Parents by whole labels only: notexample.com is another site.
    ['notexample.com', { key: 'notexample.com', setting: DEFAULT_SITE, inherited: false }],
    ['www.other.org', { key: 'other.org', setting: DEFAULT_SITE, inherited: false }],
  ])('%s', (hostname, expected) => {
    expect(effectiveSite(stored, hostname)).toEqual(expected);
  });

  it('gives a copy of the default, never the default itself', () => {
    effectiveSite({}, 'example.com').setting.mode = 'off';
    expect(DEFAULT_SITE).toEqual({ mode: 'on' });
  });
});
