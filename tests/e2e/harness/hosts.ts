/**
 * The hostnames browser tests use. Every one of them resolves to the local test server (Chromium:
 * `--host-resolver-rules`; Firefox: the server is its HTTP proxy), so the extension sees the real
 * publisher hostnames while nothing leaves the machine.
 */

/** The seed articles' own publishers, by the hostname their articles are served from. */
export const PUBLISHER_HOSTS = {
  'hizb-ut-tahrir-cmo': 'hizb-ut-tahrir.info',
  'global-research': 'www.globalresearch.ca',
} as const;

export type SeedPublisherId = keyof typeof PUBLISHER_HOSTS;

/** A site that reposts other outlets' articles: only the byline can tell whose article it is. */
export const REPOST_HOST = 'news-reposts.test';

/** Where fixture pages live: a neutral site, no publisher of the dataset. */
export const FIXTURE_HOST = 'fixtures.test';

/** A second neutral site, for tests that need two sites (per-site settings). */
export const OTHER_HOST = 'daily-ledger.test';

/** The demo's sites (tests/demo): a regional news outlet, a Russian-language, a Persian and an Uzbek one. */
export const DEMO_HOSTS = ['www.steppe-herald.test', 'vesti-regiona.test', 'fararud-news.test', 'vodiy-xabarlari.test'] as const;

/** Every hostname the test server answers for; a request to any other host is an escape. */
export const TEST_HOSTS: readonly string[] = [
  ...Object.values(PUBLISHER_HOSTS),
  // The bare and www forms, so a test can check that `www.` is folded either way.
  'www.hizb-ut-tahrir.info',
  'globalresearch.ca',
  REPOST_HOST,
  FIXTURE_HOST,
  OTHER_HOST,
  ...DEMO_HOSTS,
  'localhost',
  '127.0.0.1',
];

/** Seed files (in `../shared/seeds/`, by their number) and the publisher each comes from. */
export const SEED_PUBLISHER: Record<string, SeedPublisherId> = {
  '000': 'hizb-ut-tahrir-cmo',
  '002': 'hizb-ut-tahrir-cmo',
  '003': 'global-research',
};

export const isTestHost = (host: string): boolean => TEST_HOSTS.includes(host.toLowerCase());
