/**
 * Publisher recognition: whose page this is, from its host (or a parent domain), a byline the scan
 * found, or what its metadata says (og:site_name, JSON-LD publisher…), in that order. The publisher
 * gets a badge by the headline (unless a statement of it in the text carries one already) and the
 * page banner (unless dismissed for the site); the panel is told how it was recognised.
 */
import type { PagePublisher } from '../../core/findings.ts';
import { siteKey } from '../../core/settings.ts';
import type { IndexReader } from '../index-reader.ts';
import { findPhrasesInText, metadataNames } from '../metadata.ts';
import type { Run } from '../run.ts';
import type { FoundMatch } from '../scanner.ts';

type HostPublisher = { id: string; nm: string } | undefined;

export function start(signal: AbortSignal, run: Run): void {
  const { session, marker } = run;
  const host = session.host;
  // The page's own host is looked up while the text is scanned.
  const byHost = run.reader.then(async (reader): Promise<HostPublisher> => (reader ? (await reader.publisherForHosts([host])).get(host) : undefined));
  // Awaited by the step below, which reports a failure; a run that ends before it has nothing to report.
  byHost.catch(() => undefined);
  let removeBanner: (() => void) | null = null;
  signal.addEventListener('abort', () => removeBanner?.());

  run.scanned.add(async ({ matches, first }: { matches: FoundMatch[]; first: boolean }) => {
    const reader = await run.reader;
    if (!first || !reader) return;
    const own = await byHost;
    run.publisher = await recognise(reader, host, matches, own);
    if (!run.publisher || !session.settings.kinds.publisher || signal.aborted) return;
    const { id, how, detail } = run.publisher;
    // "Wrong label" on the page's own publisher badge: neither badge nor banner on this site.
    if ((await session.dismissed())('publisher', id, detail)) return;
    const badged = [...marker.marks.values()].some((m) => m.mention.id === id && m.badge);
    const name = own?.nm ?? (await reader.records([id])).get(id)?.name ?? id;
    if (!badged) await marker.addPagePublisher(id, name, how, detail);
    if (session.site.setting.bannerDismissed) return;
    const ui = await session.ui();
    const anchor = document.querySelector('article, main, [role="main"]') ?? document.body;
    if (anchor && !signal.aborted) removeBanner = ui.showBanner({ publisherId: id, name, site: session.site.key, anchor });
  });
}

async function recognise(reader: IndexReader, host: string, matches: FoundMatch[], byHost: HostPublisher): Promise<PagePublisher | null> {
  if (byHost) return { id: byHost.id, how: 'domain', detail: siteKey(host) };
  const byline = matches.find((m) => m.via === 'byline');
  if (byline) return { id: byline.id, how: 'byline', detail: byline.text };
  for (const name of metadataNames()) {
    const found = await findPhrasesInText(name, reader);
    const p = found.find((e) => e.r === 'publisher' || e.r === 'byline');
    if (p) return { id: p.id, how: 'metadata', detail: name };
  }
  return null;
}

/*
 * Fixtures: the seed pages on a publisher's own host and on a repost host, where only the byline
 * names it (tests/e2e/foundation.e2e.ts); the banner: tests/e2e/in-page.e2e.ts;
 * tests/fixtures/corpus/en-pub-01.html (its metadata names a site that is no publisher of ours).
 */
