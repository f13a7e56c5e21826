/**
 * Which matches are kept, whatever the page: the longest of overlapping names, a few per text node,
 * a few hundred marks and a few dozen link labels per page. Every mark is a live range the browser
 * updates on each change to the page and the observer rechecks on each batch, so a page naming the
 * incident ten thousand times (tests/fixtures/hostile/many-mentions.html) gets a bounded number of
 * them, and the work to choose them is linear (sorted once) in what the scan found.
 */
import type { FoundMatch } from './scanner.ts';

/** Marks (highlighted matches) per text node and per page, and link labels per page. */
export const MAX_MARKS_PER_NODE = 6;
export const MAX_MARKS = 400;
export const MAX_LINK_LABELS = 60;

/** At most MAX_MARKS_PER_NODE matches starting in any one text node (the first ones, in page order). */
export function capPerNode(list: FoundMatch[]): FoundMatch[] {
  const count = new Map<Node, number>();
  return list.filter((m) => {
    const start = m.ranges[0]?.startContainer;
    if (!start || m.via === 'description') return true;
    const n = (count.get(start) ?? 0) + 1;
    count.set(start, n);
    return n <= MAX_MARKS_PER_NODE;
  });
}

/**
 * Drop a match whose text lies inside a longer match of the same record ("Ishkobod" in "Ishkobod
 * outpost"). Such matches start in the same text node, so each node's matches are sorted by record,
 * start, then end (furthest first) and swept once: a match is contained when an earlier one of its
 * record reaches as far. O(n log n) whatever the page (a paragraph naming the incident a thousand
 * times, tests/fixtures/hostile/many-mentions.html).
 */
export function dropContained(list: FoundMatch[]): FoundMatch[] {
  const byStart = new Map<Node, FoundMatch[]>();
  for (const m of list) {
    const r = m.ranges[0];
    if (!r || m.via === 'description') continue;
    const group = byStart.get(r.startContainer);
    if (group) group.push(m);
    else byStart.set(r.startContainer, [m]);
  }
  const dropped = new Set<FoundMatch>();
  const first = (m: FoundMatch): Range => m.ranges[0] as Range;
  for (const group of byStart.values()) {
    if (group.length < 2) continue;
    group.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : first(a).startOffset - first(b).startOffset || first(b).compareBoundaryPoints(Range.END_TO_END, first(a))));
    let reach: FoundMatch | null = null;
    for (const m of group) {
      if (reach && reach.id === m.id && first(reach).compareBoundaryPoints(Range.END_TO_END, first(m)) >= 0) dropped.add(m);
      else reach = m; // sorted so: it reaches further than any before it
    }
  }
  return dropped.size ? list.filter((m) => !dropped.has(m)) : list;
}
