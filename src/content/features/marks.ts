/**
 * Marks: the page's text scanned for what the settings ask for, each match highlighted and the first
 * per block badged; then the page followed as it changes (a part that changed is scanned again, a
 * mark whose text went or changed is removed). After each scan the other features take their steps
 * (`run.scanned`), and the observer's news goes to them too (`run.changed`, `run.linkChanged`).
 */
import type { IndexReader } from '../index-reader.ts';
import { observe } from '../observer.ts';
import { wantsMatch } from '../page-settings.ts';
import { quietly } from '../quietly.ts';
import type { Run } from '../run.ts';
import { scan, type FoundMatch } from '../scanner.ts';

export function start(signal: AbortSignal, run: Run): void {
  quietly(markPage(signal, run));
}

async function markPage(signal: AbortSignal, run: Run): Promise<void> {
  const reader = await run.reader;
  if (!reader || signal.aborted) return;
  const { marker, session } = run;
  /** Claim counts for the badges, read once per record for this run's index. */
  const claimCounts = new Map<string, number>();

  const markUnder = async (root: Node, first: boolean): Promise<void> => {
    const found = await scan(root, reader, { signal, minConfidence: session.settings.minConfidence });
    const wanted = found.filter((m) => wantsMatch(session, m));
    const hidden = wanted.length ? await session.dismissed() : null;
    const matches = hidden ? wanted.filter((m) => !hidden(m.kind, m.id, m.text)) : wanted;
    if (signal.aborted) return;
    if (first && matches.length) quietly(session.ui()); // start fetching the UI while the claim counts are read
    await readClaimCounts(reader, matches, claimCounts);
    await marker.add(matches, claimCounts);
    await run.scanned.run({ root, matches, first });
  };

  run.scanning = true;
  let firstDone: () => void = () => undefined;
  const firstScan = new Promise<void>((resolve) => (firstDone = resolve));
  signal.addEventListener('abort', () => firstDone());
  // Watch from the start: content that arrives while the page is being scanned is scanned after.
  observe(signal, {
    isOurs: (n) => marker.isOurs(n),
    marks: () => marker.marks,
    removeMark: (id) => marker.remove(id),
    rescan: async (root) => {
      await firstScan; // changes during the first scan are scanned once it is done
      if (!signal.aborted) await markUnder(root, false);
    },
    afterChange: () => quietly(run.changed.run()),
    linkChanged: (a) => {
      if (!signal.aborted) quietly(run.linkChanged.run(a));
    },
  });
  try {
    await markUnder(document.body ?? document.documentElement, true);
  } finally {
    run.scanning = false;
    firstDone();
  }
}

async function readClaimCounts(reader: IndexReader, matches: FoundMatch[], counts: Map<string, number>): Promise<void> {
  const ids = matches.filter((m) => m.kind === 'incident' && !counts.has(m.id)).map((m) => m.id);
  if (!ids.length) return;
  for (const [id, r] of await reader.records(ids)) counts.set(id, r.claimCount);
}

/*
 * Fixtures: tests/fixtures/corpus/en-name-01.html, tests/fixtures/corpus/en-desc-03.html,
 * tests/fixtures/live/spa.html, tests/fixtures/hostile/react-rerender.html,
 * tests/fixtures/hostile/constant-mutation.html, tests/fixtures/hostile/huge-dom.html
 */
