/**
 * Link labels: a link whose destination is a dataset publisher's site (through a redirect wrapper
 * too) gets that publisher's badge after it; links within the page's own site get none, as the page
 * banner already says who publishes it. Links are looked at after each scan, under the part scanned,
 * and again when their address changes (a virtualised list reusing a row).
 */
import { siteKey } from '../../core/settings.ts';
import { carriesAddress, destinationHost } from '../links.ts';
import { wantsLinkLabels } from '../page-settings.ts';
import type { Run } from '../run.ts';
import { SKIP_SELECTOR } from '../skip-rules.ts';
import { Slices } from '../slices.ts';

export function start(signal: AbortSignal, run: Run): void {
  /** Links already looked at, with the address they had: a recycled row's link gets a new one. */
  const labelled = new WeakMap<HTMLAnchorElement, string>();

  const label = async (root: ParentNode): Promise<void> => {
    const reader = await run.reader;
    const { session, marker } = run;
    if (!reader || !wantsLinkLabels(session)) return;
    const links = root.querySelectorAll('a[href]');
    const pending: { a: HTMLAnchorElement; host: string }[] = [];
    const pageSite = siteKey(session.host);
    const sameSite = new Map<string, boolean>();
    const slices = new Slices(signal);
    for (let i = 0; i < links.length; i++) {
      const a = links[i] as HTMLAnchorElement;
      // The attribute as written: a relative address stays on this site and needs no parsing at all
      // (reading `a.href` would resolve and serialise every one of them).
      const raw = (a.getAttribute('href') ?? '').trim();
      const href = /^(?:https?:)?\/\//i.test(raw) ? (raw.startsWith('//') ? location.protocol + raw : raw) : carriesAddress(raw) ? a.href : '';
      const before = labelled.get(a);
      if (before === href) continue;
      if (before !== undefined) {
        // A virtualised list reused this row for another item: its old label no longer applies.
        for (const [id, mark] of marker.marks) if (mark.link === a) marker.remove(id);
      }
      labelled.set(a, href);
      if (!href) continue;
      const dest = destinationHost(href);
      if (!dest) continue;
      let own = sameSite.get(dest);
      if (own === undefined) sameSite.set(dest, (own = siteKey(dest) === pageSite));
      if (!own) pending.push({ a, host: dest });
      if ((i & 255) === 255 && slices.due() && !(await slices.pause())) return;
    }
    if (!pending.length) return;
    const found = await reader.publisherForHosts(new Set(pending.map((p) => p.host)));
    const hidden = await session.dismissed();
    for (const { a, host } of pending) {
      const pub = found.get(host);
      if (!pub || signal.aborted || a.closest(SKIP_SELECTOR)) continue;
      // "Wrong label" on this link's text, on this site (the text the label's popup showed).
      if (hidden('publisher', pub.id, (a.textContent ?? '').trim().slice(0, 120))) continue;
      await marker.addLink(a, pub.id, pub.nm);
    }
  };

  run.scanned.add(({ root, first }) => label(first || !isParent(root) ? document : root));
  run.linkChanged.add((a) => label(a.parentElement ?? document));
}

const isParent = (n: Node): n is ParentNode & Node => n.nodeType === Node.ELEMENT_NODE || n.nodeType === Node.DOCUMENT_NODE;

/*
 * Fixtures: tests/fixtures/links/search-results.html, tests/fixtures/links/redirect-wrappers.html,
 * tests/fixtures/links/feed-recycling.html, tests/fixtures/links/name-not-destination.html,
 * tests/fixtures/links/editable-link.html, tests/fixtures/corpus/en-pub-04.html
 */
