/**
 * Marks: the page's text scanned for what the settings ask for, each match highlighted and the first
 * per block badged; then the page followed as it changes (a part that changed is scanned again, a
 * mark whose text went or changed is removed). After each scan the other features take their steps
 * (`run.scanned`), and the observer's news goes to them too (`run.changed`, `run.linkChanged`).
 */
import type { IndexReader } from '../index-reader.ts';
import { observe, type Observing } from '../observer.ts';
import { wantsMatch } from '../page-settings.ts';
import { quietly } from '../quietly.ts';
import type { Run } from '../run.ts';
import { scan, type FoundMatch } from '../scanner.ts';
import { renderedOnly } from '../visibility.ts';

/** Blocks remembered for holding a hidden match, looked at again when the page shows them. */
const MAX_HIDDEN_BLOCKS = 64;

/**
 * A badge the page takes out is given back once; taken out again, its text is left alone until the
 * page changes that text (a page that tolerates no foreign elements would otherwise fight us for
 * ever: tests/fixtures/hostile/removes-our-elements.html). Counted by block, record, matched text
 * and the block's whole text, so any change to the text there starts afresh.
 */
const takenAway = new WeakMap<Node, Map<string, number>>();
const takenHere = (m: FoundMatch): Node => m.block ?? m.endNode;
const takenKey = (m: FoundMatch): string => `${m.id}|${m.text}|${takenHere(m).textContent ?? ''}`;
const timesTaken = (m: FoundMatch): number => takenAway.get(takenHere(m))?.get(takenKey(m)) ?? 0;

export function start(signal: AbortSignal, run: Run): void {
  quietly(markPage(signal, run));
}

async function markPage(signal: AbortSignal, run: Run): Promise<void> {
  const reader = await run.reader;
  if (!reader || signal.aborted) return;
  const { marker, session } = run;
  /** Claim counts for the badges, read once per record for this run's index. */
  const claimCounts = new Map<string, number>();
  /** Blocks whose matches were not rendered (tests/fixtures/hostile/hidden-names.html). */
  const hiddenBlocks = new Set<Element>();
  let observing: Observing | null = null;
  const rememberHidden = (block: Element): void => {
    if (hiddenBlocks.size < MAX_HIDDEN_BLOCKS) hiddenBlocks.add(block);
    observing?.watchShown(true);
  };

  const markUnder = async (root: Node, first: boolean): Promise<void> => {
    const found = await scan(root, reader, { signal, minConfidence: session.settings.minConfidence });
    const wanted = found.filter((m) => wantsMatch(session, m) && timesTaken(m) < 2);
    const hidden = wanted.length ? await session.dismissed() : null;
    // Only text the reader can see is marked: nothing hidden reaches a badge or the highlight registry.
    const matches = await renderedOnly(hidden ? wanted.filter((m) => !hidden(m.kind, m.id, m.text)) : wanted, signal, rememberHidden);
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
  observing = observe(signal, {
    isOurs: (n) => marker.isOurs(n),
    marks: () => marker.marks,
    removeMark: (id) => marker.remove(id),
    badgeTakenAway: ({ match: m }) => {
      if (!m) return;
      let counts = takenAway.get(takenHere(m));
      if (!counts) takenAway.set(takenHere(m), (counts = new Map()));
      counts.set(takenKey(m), timesTaken(m) + 1);
    },
    rescan: async (root) => {
      await firstScan; // changes during the first scan are scanned once it is done
      if (!signal.aborted) await markUnder(root, false);
    },
    afterChange: () => quietly(run.changed.run()),
    linkChanged: (a) => {
      if (!signal.aborted) quietly(run.linkChanged.run(a));
    },
    shown: (el) => {
      // An element's class, style, hidden or open changed: a hidden match inside may show now.
      let any = false;
      for (const b of hiddenBlocks) {
        if (el.contains(b)) {
          hiddenBlocks.delete(b);
          any = true;
        }
      }
      if (hiddenBlocks.size === 0) observing?.watchShown(false);
      return any;
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
