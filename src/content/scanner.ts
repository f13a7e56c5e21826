/**
 * Scanning: reads a subtree's text once through the word filter, then verifies the few hits
 * against the index shards they need. Returns matches as DOM ranges; it changes nothing in the page
 * (the marker does that). Where text may be matched is in skip-rules.ts; how text around a hit is
 * assembled, in text-windows.ts. Long loops work in slices (slices.ts), so the page never sees a
 * long task.
 */
import type { RecordKind } from '../core/dataset-types.ts';
import type { EntryRole, PhraseEntry } from '../core/detection-index.ts';
import { WordScanner, evaluateRules, verifyHit } from '../core/matcher.ts';
import { IGNORE, SEP, foldCode, hashKey } from '../core/normalize.ts';
import type { IndexReader } from './index-reader.ts';
import { isSkipped } from './skip-rules.ts';
import { Slices } from './slices.ts';
import { MAX_MARKS_PER_NODE } from './marker.ts';
import { blockOf, nodeAt, rangeOf, ruleWindow, textNodes, windowAround } from './text-windows.ts';

export interface FoundMatch {
  kind: RecordKind;
  id: string;
  name: string;
  via: 'name' | 'description' | 'byline';
  /** The matched text (for descriptions: the words the rule rests on, joined). */
  text: string;
  /** What to highlight. */
  ranges: Range[];
  /** The text of each range when it was matched: a mark stays while its text stays. */
  rangeTexts: string[];
  /** The text node the badge goes after. */
  endNode: Text;
  block: Element | null;
  confidence: number;
  evidence: string[];
}

const roleToVia = (r: EntryRole): FoundMatch['via'] => (r === 'byline' ? 'byline' : 'name');

export interface ScanOptions {
  signal: AbortSignal;
  minConfidence: number;
}

/** Timing of the last scan's phases, for the benchmark. */
export const scanStats = { walkMs: 0, verifyMs: 0, nodes: 0, hits: 0 };

/** Characters read between checks of the clock. */
const SLICE_CHARS = 1 << 16;

/** Elements that hold blocks rather than running text: a page is read one child of these at a time. */
const CONTAINERS = new Set('BODY DIV MAIN ARTICLE SECTION ASIDE NAV HEADER FOOTER UL OL DL TABLE TBODY THEAD TFOOT FORM FIELDSET DETAILS'.split(' '));

/**
 * The pieces of `top` whose text is read in one `textContent` each: its containers are opened a few
 * levels down, so a page that is one wrapper around a thousand paragraphs is not read in one call
 * (on a 5 MB page that one call alone would be a long task). Paragraphs stay whole, so a phrase
 * split across inline elements is still read as one.
 */
function segmentsOf(top: Node): Node[] {
  let level: Node[] = [top];
  for (let depth = 0; depth < 4 && level.length < 400; depth++) {
    const next: Node[] = [];
    let opened = false;
    for (const n of level) {
      if (n.nodeType === Node.ELEMENT_NODE && CONTAINERS.has(n.nodeName.toUpperCase()) && (n as Element).childElementCount > 0) {
        for (let c = n.firstChild; c; c = c.nextSibling) next.push(c);
        opened = true;
      } else next.push(n);
    }
    level = next;
    if (!opened) break;
  }
  return level;
}

/** The folded word starting at texts[chunk][at], continuing into the next pieces if it runs on. */
function foldedWordAt(texts: string[], chunk: number, at: number): string {
  let word = '';
  for (let c = chunk; c < texts.length && word.length < 64; c++, at = 0) {
    const t = texts[c] as string;
    for (let i = at; i < t.length; i++) {
      const f = foldCode(t.charCodeAt(i));
      if (f === SEP) return word;
      if (f !== IGNORE) word += String.fromCharCode(f);
    }
  }
  return word;
}

/**
 * Matches in the text under `root` (names, bylines, descriptions). Resolves to [] when aborted.
 *
 * The page's text is read with `textContent` (the browser concatenates the text nodes natively,
 * faster than a script can visit them), a piece at a time, and streamed through the word filter.
 * Only when a word passes the filter, and is the key word of a phrase, are the text nodes walked.
 */
export async function scan(root: Node, reader: IndexReader, opts: ScanOptions): Promise<FoundMatch[]> {
  const t0 = performance.now();
  const top = root.nodeType === Node.DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement) : root;
  if (!top) return [];
  const segs = segmentsOf(top);
  const texts: string[] = [];
  const words = new WordScanner(reader.filter);
  const slices = new Slices(opts.signal);
  for (let c = 0; c < segs.length; c++) {
    const text = (segs[c] as Node).textContent ?? '';
    texts.push(text);
    for (let from = 0; from < text.length; from += SLICE_CHARS) {
      words.feedRange(text, from, Math.min(text.length, from + SLICE_CHARS), c);
      if (slices.due() && !(await slices.pause())) return [];
    }
  }
  words.breakWord();
  const t1 = performance.now();
  scanStats.walkMs = t1 - t0;
  const flat = words.hits;
  scanStats.hits = flat.length / 3;
  scanStats.nodes = 0;
  scanStats.verifyMs = 0;
  if (flat.length === 0) return [];
  const hitHashes = new Set<number>();
  for (let h = 2; h < flat.length; h += 3) hitHashes.add(flat[h] as number);
  const entries = await reader.phrasesFor(hitHashes);
  if (opts.signal.aborted || entries.length === 0) return [];
  // A hit counts only if its word is the key word of some phrase (or begins like one that takes
  // endings): words that passed the filter by chance, or share five letters with a name, stop here.
  const keyWords = new Map<number, { exact: Set<string>; stems: string[] }>();
  for (const e of entries) {
    const hash = hashKey(e.k);
    let kw = keyWords.get(hash);
    if (!kw) keyWords.set(hash, (kw = { exact: new Set(), stems: [] }));
    const w = e.w[e.ki] as string;
    if (e.ki === e.w.length - 1 && (e.px || e.fl)) kw.stems.push(w);
    else kw.exact.add(w);
  }
  const perChunk = new Map<number, { nodes: Text[]; starts: number[]; base: number }>();
  const nodes: Text[] = [];
  const hits: number[] = [];
  for (let h = 0; h < flat.length; h += 3) {
    const chunk = flat[h] as number;
    const at = flat[h + 1] as number;
    const hash = flat[h + 2] as number;
    const kw = keyWords.get(hash);
    if (!kw) continue;
    const word = foldedWordAt(texts, chunk, at);
    if (!kw.exact.has(word) && !kw.stems.some((stem) => word.startsWith(stem))) continue;
    let mapped = perChunk.get(chunk);
    if (!mapped) {
      const tn = textNodes(segs[chunk] as Node);
      mapped = { ...tn, base: nodes.length };
      for (const n of tn.nodes) nodes.push(n);
      perChunk.set(chunk, mapped);
    }
    const i = nodeAt(mapped.starts, at);
    hits.push(mapped.base + i, at - (mapped.starts[i] as number), hash);
  }
  scanStats.nodes = nodes.length;
  scanStats.hits = hits.length / 3;
  if (hits.length === 0) return [];
  const matches = await verifyHits(nodes, hits, entries, reader, opts);
  // Names (for the badges' accessible names) are read only for the records the page matched.
  const records = await reader.records(matches.map((m) => m.id));
  for (const m of matches) m.name = records.get(m.id)?.name ?? m.id;
  scanStats.verifyMs = performance.now() - t1;
  return matches;
}

async function verifyHits(nodes: Text[], hits: number[], entries: PhraseEntry[], reader: IndexReader, opts: ScanOptions): Promise<FoundMatch[]> {
  const found: FoundMatch[] = [];
  /** Each block with an anchor word: the first anchor's place, around which its rules are evaluated. */
  const anchorBlocks = new Map<Element, { incidentId: string; name: string; node: Text; offset: number }>();
  /**
   * Matches per text node: a paragraph naming the incident a thousand times gets a few marks. Hits
   * in a node stop being verified at twice the cap (a name inside a longer phrase is a match too,
   * until dropContained), and the cap itself applies after.
   */
  const perNode = new Map<Node, number>();
  const seen = new Set<string>();
  // A number per text node, for the keys that tell a match found twice (from two hits) apart.
  const nodeIds = new Map<Node, number>();
  const nodeId = (n: Node): number => {
    let id = nodeIds.get(n);
    if (id === undefined) nodeIds.set(n, (id = nodeIds.size));
    return id;
  };
  const slices = new Slices(opts.signal);
  for (let h = 0; h < hits.length; h += 3) {
    const i = hits[h] as number;
    const offset = hits[h + 1] as number;
    const node = nodes[i] as Text;
    if ((perNode.get(node) ?? 0) >= 2 * MAX_MARKS_PER_NODE || !node.isConnected || isSkipped(node)) continue;
    const { win, hit } = windowAround(nodes, i, offset);
    for (const m of verifyHit(win.text, hit, entries)) {
      const e = m.entry;
      if (e.r === 'anchor') {
        const block = blockOf(node);
        if (block && !anchorBlocks.has(block)) anchorBlocks.set(block, { incidentId: e.id, name: '', node, offset });
        continue;
      }
      const range = rangeOf(win, m.start, m.end);
      if (!range) continue;
      const key = `${e.id}|${e.r}|${nodeId(range.startContainer)}|${range.startOffset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const inNode = perNode.get(range.startContainer) ?? 0;
      if (inNode >= 2 * MAX_MARKS_PER_NODE) continue;
      perNode.set(range.startContainer, inNode + 1);
      found.push({
        kind: e.r === 'incident' ? 'incident' : 'publisher',
        id: e.id,
        name: '',
        via: roleToVia(e.r),
        text: win.text.slice(m.start, m.end),
        ranges: [range],
        rangeTexts: [range.toString()],
        endNode: range.endContainer as Text,
        block: blockOf(range.endContainer),
        confidence: 1,
        evidence: [],
      });
    }
    if (slices.due() && !(await slices.pause())) return [];
  }
  // A block that names the incident needs no description match as well.
  const named = new Set<string>();
  for (const f of found) if (f.kind === 'incident' && f.block) named.add(`${f.id}|${nodeId(f.block)}`);
  for (const [block, { incidentId, name, node, offset }] of anchorBlocks) {
    // A register of a thousand rows that each name a district: evaluated in slices too.
    if (slices.due() && !(await slices.pause())) return [];
    if (named.has(`${incidentId}|${nodeId(block)}`)) continue;
    const info = await reader.incident(incidentId);
    if (!info || !node.isConnected) continue;
    const win = ruleWindow(node, offset);
    const d = evaluateRules(win.text, info.rules);
    if (!d || d.confidence < opts.minConfidence) continue;
    const ranges = d.spans.map((s) => rangeOf(win, s.start, s.end)).filter((r): r is Range => r !== null);
    const last = win.segs[win.segs.length - 1];
    if (!last) continue;
    found.push({
      kind: 'incident',
      id: incidentId,
      name,
      via: 'description',
      text: d.evidence.slice(0, 3).join(' · '),
      ranges,
      rangeTexts: ranges.map((r) => r.toString()),
      endNode: last.node,
      block,
      confidence: d.confidence,
      evidence: d.evidence,
    });
  }
  return capPerNode(dropContained(found));
}

/** At most MAX_MARKS_PER_NODE matches starting in any one text node (the first ones, in page order). */
function capPerNode(list: FoundMatch[]): FoundMatch[] {
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
function dropContained(list: FoundMatch[]): FoundMatch[] {
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

/* Fixtures: tests/fixtures/corpus (every group), tests/fixtures/hostile/*.html */
