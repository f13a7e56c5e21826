/**
 * Scanning: reads a subtree's text once through the word filter (page-text.ts), then verifies the
 * few hits against the index shards they need: names and bylines here, the terms of description
 * rules and of ambiguous names' context in descriptions.ts. Returns matches as DOM ranges; it
 * changes nothing in the page (the marker does that). Where text may be matched is in
 * skip-rules.ts; how text around a hit is assembled, in text-windows.ts. Long loops work in slices
 * (slices.ts), so the page never sees a long task.
 */
import type { RecordKind } from '../core/dataset-types.ts';
import type { EntryRole, PhraseEntry } from '../core/detection-index.ts';
import { WordScanner, verifyHit } from '../core/matcher.ts';
import { hashKey, isSoloWord } from '../core/normalize.ts';
import { withinOneEdit } from '../core/terms.ts';
import { candidateBlocks, candidateRuns, contextAround, describe, verifyTermHits, windowStats } from './descriptions.ts';
import type { IndexReader } from './index-reader.ts';
import { readText, wordAt, type PageText } from './page-text.ts';
import { isSkipped } from './skip-rules.ts';
import { Slices } from './slices.ts';
import { blockOf, nodeAt, rangeOf, textNodes, windowAround } from './text-windows.ts'

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
  /** For descriptions: what the rule found; for an ambiguous name: the context it was marked with. */
  evidence: string[];
}

const roleToVia = (r: EntryRole): FoundMatch['via'] => (r === 'byline' ? 'byline' : 'name');

export interface ScanOptions {
  signal: AbortSignal;
  minConfidence: number;
}

/**
 * The last scan, for the benchmark and tests: its phases' times, the text nodes it placed hits in,
 * the hits it verified in the DOM, and the windows a rule or a context was evaluated on.
 */
export const scanStats = { walkMs: 0, verifyMs: 0, nodes: 0, hits: 0, windows: 0 };

/** The word a phrase is keyed by: its key word, or for a CJK key, the two characters. */
const keyWordOf = (e: PhraseEntry): string => {
  const w = e.w[e.ki] as string;
  const next = e.w[e.ki + 1];
  return next !== undefined && isSoloWord(w) && isSoloWord(next) ? w + next : w;
};

/** The key words of a set of phrases, to tell a hit that is one from a word that only shares its first letters. */
class KeyWords {
  private exact = new Set<string>();
  private stems: string[] = [];
  private tolerant: string[] = [];
  add(e: PhraseEntry): void {
    const w = keyWordOf(e);
    if (e.ki === e.w.length - 1 && (e.px || e.fl)) this.stems.push(w);
    else this.exact.add(w);
    if (e.tl) this.tolerant.push(w);
  }
  has(word: string): boolean {
    return this.exact.has(word) || this.stems.some((stem) => word.startsWith(stem)) || this.tolerant.some((w) => withinOneEdit(word, w));
  }
}

/** The language of the interface, for the labels in "why this is marked". */
function uiLanguage(): string {
  try {
    const i18n = (globalThis as { chrome?: { i18n?: { getMessage?: (k: string) => string } } }).chrome?.i18n;
    const l = i18n?.getMessage?.('page_locale');
    if (l) return (l.split('-')[0] as string).toLowerCase();
  } catch {
    // An invalidated extension context: English labels.
  }
  return 'en';
}

/**
 * Matches in the text under `root` (names, bylines, descriptions). Resolves to [] when aborted.
 *
 * Only when a word passes the filter, and is the key word of a phrase, is anything more done: a
 * name's text nodes are walked; a term is checked on the text already read, and its text nodes
 * walked only when its run of text has every group of a rule.
 */
export async function scan(root: Node, reader: IndexReader, opts: ScanOptions): Promise<FoundMatch[]> {
  const t0 = performance.now();
  const top = root.nodeType === Node.DOCUMENT_NODE ? ((root as Document).body ?? (root as Document).documentElement) : root;
  if (!top) return [];
  const slices = new Slices(opts.signal);
  const page = await readText(top, new WordScanner(reader.filter), slices);
  if (!page) return [];
  const t1 = performance.now();
  scanStats.walkMs = t1 - t0;
  const flat = page.hits;
  scanStats.hits = flat.length / 3;
  scanStats.nodes = 0;
  scanStats.verifyMs = 0;
  scanStats.windows = 0;
  windowStats.evaluated = 0;
  if (flat.length === 0) return [];
  const hitHashes = new Set<number>();
  for (let h = 2; h < flat.length; h += 3) hitHashes.add(flat[h] as number);
  const entries = await reader.phrasesFor(hitHashes);
  if (opts.signal.aborted || entries.length === 0) return [];
  // A hit counts only if its word is the key word of some phrase (or begins like one that takes
  // endings): words that passed the filter by chance, or share five letters with a name, stop here.
  const names = new Map<number, KeyWords>();
  const terms = new Map<number, KeyWords>();
  const termsByHash = new Map<number, PhraseEntry[]>();
  for (const e of entries) {
    const hash = hashKey(e.k);
    const table = e.r === 'term' ? terms : names;
    let kw = table.get(hash);
    if (!kw) table.set(hash, (kw = new KeyWords()));
    kw.add(e);
    if (e.r === 'term') {
      const list = termsByHash.get(hash);
      if (list) list.push(e);
      else termsByHash.set(hash, [e]);
    }
  }
  const nameHits: number[] = [];
  const termHits: number[] = [];
  for (let h = 0; h < flat.length; h += 3) {
    const piece = flat[h] as number;
    const at = flat[h + 1] as number;
    const hash = flat[h + 2] as number;
    const n = names.get(hash);
    const t = terms.get(hash);
    if (!n && !t) continue;
    const word = wordAt(page, piece, at);
    if (n?.has(word)) nameHits.push(piece, at, hash);
    if (t?.has(word)) termHits.push(piece, at, hash);
  }
  const found = await findAll(page, nameHits, termHits, { entries, termsByHash }, reader, opts, slices);
  if (!found) return [];
  // Names (for the badges' accessible names) are read only for the records the page matched.
  const records = await reader.records(found.map((m) => m.id));
  for (const m of found) m.name = records.get(m.id)?.name ?? m.id;
  scanStats.verifyMs = performance.now() - t1;
  scanStats.windows = windowStats.evaluated;
  return found;
}

interface Phrases {
  entries: PhraseEntry[];
  /** Term entries by the hash of their key. */
  termsByHash: Map<number, PhraseEntry[]>;
}

async function findAll(page: PageText, nameHits: number[], termHits: number[], phrases: Phrases, reader: IndexReader, opts: ScanOptions, slices: Slices): Promise<FoundMatch[] | null> {
  // Terms first, on the text already read: which runs of text could be a description at all.
  const terms = verifyTermHits(page, termHits, phrases.termsByHash);
  const concepts = terms.length ? await reader.concepts(new Set(terms.map((t) => t.concept))) : new Map();
  const runs = candidateRuns(page, terms, concepts);
  // Then the DOM: the text nodes of the pieces with a name or a candidate description.
  const perPiece = new Map<number, { starts: number[]; base: number }>();
  const nodes: Text[] = [];
  const locate = (piece: number, at: number): { node: number; offset: number } => {
    let mapped = perPiece.get(piece);
    if (!mapped) {
      const tn = textNodes(page.pieces[piece] as Node);
      mapped = { starts: tn.starts, base: nodes.length };
      for (const n of tn.nodes) nodes.push(n);
      perPiece.set(piece, mapped);
    }
    const i = nodeAt(mapped.starts, at);
    return { node: mapped.base + i, offset: at - (mapped.starts[i] ?? 0) };
  };
  const hits: number[] = [];
  for (let h = 0; h < nameHits.length; h += 3) {
    const at = locate(nameHits[h] as number, nameHits[h + 1] as number);
    if (nodes[at.node]) hits.push(at.node, at.offset);
  }
  const blocks = candidateBlocks(runs, concepts, nodes, locate);
  scanStats.nodes = nodes.length;
  scanStats.hits = hits.length / 2 + blocks.length;
  if (hits.length === 0 && blocks.length === 0) return [];
  const lang = uiLanguage();
  const found = await verifyNames(nodes, hits, phrases.entries, reader, lang, slices);
  if (!found) return null;
  const described = await describe(blocks, nodes, reader, {
    minConfidence: opts.minConfidence,
    lang,
    slices,
    named: (block, id) => found.some((f) => f.kind === 'incident' && f.id === id && f.block === block),
  });
  if (!described) return null;
  for (const d of described) {
    const last = d.win.segs[d.win.segs.length - 1];
    if (!last) continue;
    found.push({
      kind: 'incident',
      id: d.incidentId,
      name: '',
      via: 'description',
      text: d.words.slice(0, 3).join(' · '),
      ranges: d.ranges,
      rangeTexts: d.ranges.map((r) => r.toString()),
      endNode: last.node,
      block: d.block,
      confidence: d.confidence,
      evidence: d.evidence,
    });
  }
  return dropContained(found);
}

/** Names and bylines at the hits (pairs [node index, offset]), each checked on a window around it. */
async function verifyNames(nodes: Text[], hits: number[], entries: PhraseEntry[], reader: IndexReader, lang: string, slices: Slices): Promise<FoundMatch[] | null> {
  const found: FoundMatch[] = [];
  const seen = new Set<string>();
  // A number per text node, for the keys that tell a match found twice (from two hits) apart.
  const nodeIds = new Map<Node, number>();
  const nodeId = (n: Node): number => {
    let id = nodeIds.get(n);
    if (id === undefined) nodeIds.set(n, (id = nodeIds.size));
    return id;
  };
  const names = entries.filter((e) => e.r !== 'term');
  for (let h = 0; h < hits.length; h += 2) {
    const i = hits[h] as number;
    const offset = hits[h + 1] as number;
    const node = nodes[i] as Text;
    if (!node.isConnected || isSkipped(node)) continue;
    const { win, hit } = windowAround(nodes, i, offset);
    for (const m of verifyHit(win.text, hit, names)) {
      const e = m.entry;
      const range = rangeOf(win, m.start, m.end);
      if (!range) continue;
      const key = `${e.id}|${e.r}|${nodeId(range.startContainer)}|${range.startOffset}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // An ambiguous name counts only with its context near it, which "why this is marked" shows.
      const evidence = e.cx ? await contextAround(nodes, i, offset, e.cx, reader, lang) : [];
      if (!evidence) continue;
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
        evidence,
      });
    }
    if (slices.due() && !(await slices.pause())) return null;
  }
  return found;
}

/**
 * Drop a match whose text lies inside a longer match of the same record ("Ishkobod" in "Ishkobod
 * outpost"). Such matches start in the same text node, so only those are compared: linear in the
 * number of matches, whatever the page.
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
  for (const group of byStart.values()) {
    if (group.length < 2) continue;
    for (const m of group) {
      const r = m.ranges[0] as Range;
      const len = r.toString().length;
      for (const o of group) {
        if (o === m || o.id !== m.id || dropped.has(o)) continue;
        const q = o.ranges[0] as Range;
        const contains = q.compareBoundaryPoints(Range.START_TO_START, r) <= 0 && q.compareBoundaryPoints(Range.END_TO_END, r) >= 0;
        if (contains && q.toString().length >= len) {
          dropped.add(m);
          break;
        }
      }
    }
  }
  return dropped.size ? list.filter((m) => !dropped.has(m)) : list;
}

/* Fixtures: tests/fixtures/corpus (every group), tests/fixtures/hostile/*.html */
