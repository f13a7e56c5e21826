/**
 * Descriptions and context: the terms of the concepts that rules need in their groups (and that
 * ambiguous names need near them) pass the same word filter as names. Each term hit is checked on
 * the text already read, with no DOM work; a run of text is a candidate for an incident only when
 * every group of one of its rules has a concept there; only then are the hits placed in blocks, and
 * a rule evaluated on a bounded window of a block that has every group. So a page full of
 * "Tajikistan", "Dushanbe" and "border" costs a few word checks per hit, not an evaluation.
 */
import type { ConceptInfo, PhraseEntry } from '../core/detection-index.ts';
import { phraseAt } from '../core/matcher.ts';
import { SEP, foldCode, tokenize, type Token } from '../core/normalize.ts';
import { RuleWindow, evaluateRules, findContext } from '../core/rules.ts';
import type { IndexReader } from './index-reader.ts';
import { edgesAround, type PageText } from './page-text.ts';
import { isSkipped } from './skip-rules.ts';
import type { Slices } from './slices.ts';
import { RULE_WINDOW, blockOf, rangeOf, windowAround, type TextWindow } from './text-windows.ts';

/** A concept's term found in the text read: piece, offset of its first word there, concept id. */
export interface TermHit {
  piece: number;
  at: number;
  concept: string;
}

/** Characters of a piece looked at around a term hit: more than a term's words either side. */
const TERM_BEFORE = 80;
const TERM_AFTER = 160;
/** Characters per word of a term looked at before or after its key word (within the bounds above). */
const CHARS_PER_WORD = 40;

/** How many words the terms keyed by one hash have before and after their key word, at most. */
interface Reach {
  before: number;
  after: number;
}

function reachOf(entries: readonly PhraseEntry[]): Reach {
  let before = 0;
  let after = 0;
  for (const e of entries) {
    before = Math.max(before, e.ki);
    after = Math.max(after, e.w.length - 1 - e.ki);
  }
  return { before, after };
}

/** Where the word starting at `at` ends (a separator, or `to`). */
function wordEnd(text: string, at: number, to: number): number {
  let i = at;
  while (i < to && foldCode(text.charCodeAt(i)) !== SEP) i++;
  return i;
}

/** The words around a hit that its phrases can span, tokenised; `t` is the hit's word among them. */
interface AroundHit {
  tokens: Token[];
  /** Offset of the tokenised text in the piece. */
  start: number;
  t: number;
  /** Whether the words may run on into the piece before or after (same run of text, no edge between). */
  open: boolean;
}

function aroundHit(page: PageText, piece: number, at: number, reach: Reach, edges = edgesAround(page, piece, at)): AroundHit | null {
  const text = page.texts[piece] as string;
  const { from, to } = edges;
  const start = reach.before === 0 ? Math.max(from, at) : Math.max(from, at - Math.min(TERM_BEFORE, CHARS_PER_WORD * reach.before));
  const end = Math.min(to, at + TERM_AFTER);
  const stop = reach.after === 0 ? wordEnd(text, at, end) : Math.min(end, wordEnd(text, at, end) + CHARS_PER_WORD * reach.after);
  const tokens = tokenize(text.slice(start, stop));
  const t = tokens.findIndex((tok) => tok.start <= at - start && at - start < tok.end);
  if (t < 0) return null;
  const run = page.runs[piece];
  const open = (start === 0 && reach.before > 0 && piece > 0 && page.runs[piece - 1] === run) || (stop === text.length && piece + 1 < page.texts.length && page.runs[piece + 1] === run);
  return { tokens, start, t, open };
}

/**
 * Hits by the hash of their key, with the farthest their phrases reach around the key word: what
 * `verifyTermHits` and `mayBeName` need to look at a hit on the text already read.
 */
export class HitPhrases {
  private reaches = new Map<number, Reach>();
  constructor(readonly byHash: ReadonlyMap<number, PhraseEntry[]>) {}

  reach(hash: number, entries: readonly PhraseEntry[]): Reach {
    let r = this.reaches.get(hash);
    if (!r) this.reaches.set(hash, (r = reachOf(entries)));
    return r;
  }
}

/**
 * Whether a name hit may be one of its phrases, judged on the text already read: false only when
 * the words around it, all within its piece, spell none of them. A name whose key word is common
 * on a page (the "Uzbek" of a long incident name, on Central Asian news) then costs no walk of the
 * page's nodes per mention; the full check, on the DOM window, follows for the hits that remain.
 */
export function mayBeName(page: PageText, piece: number, at: number, hash: number, names: HitPhrases): boolean {
  const entries = names.byHash.get(hash);
  if (!entries) return true;
  const around = aroundHit(page, piece, at, names.reach(hash, entries));
  if (!around || around.open) return true;
  return entries.some((e) => phraseAt(around.tokens, around.t - e.ki, e));
}

/**
 * Hits of one key word checked per block of text (a piece between two edges): a few more add no
 * concept the first ones did not, and a paragraph repeating "attack" five thousand times
 * (tests/fixtures/hostile/many-mentions.html) would otherwise cost five thousand checks.
 */
const TERM_HITS_PER_BLOCK = 16;

/**
 * The terms that the hits (flat [piece, offset, keyHash] of words that are key words of terms)
 * spell out, in slices; null when aborted. `byHash`: term entries by the hash of their key.
 *
 * Only the words a term can span are tokenised around a hit: most terms are one word, for which
 * that is the hit's word alone. A page dense in the rules' vocabulary has thousands of hits, and
 * tokenising a whole window around each cost about as much as reading the page.
 */
export async function verifyTermHits(page: PageText, hits: readonly number[], byHash: ReadonlyMap<number, PhraseEntry[]>, slices: Slices): Promise<TermHit[] | null> {
  const out: TermHit[] = [];
  const seen = new Set<string>();
  const phrases = new HitPhrases(byHash);
  const perBlock = new Map<string, number>();
  for (let h = 0; h < hits.length; h += 3) {
    if (h % 768 === 0 && slices.due() && !(await slices.pause())) return null;
    const piece = hits[h] as number;
    const at = hits[h + 1] as number;
    const hash = hits[h + 2] as number;
    const entries = byHash.get(hash);
    if (!entries) continue;
    const edges = edgesAround(page, piece, at);
    const blockKey = `${piece}|${edges.from}|${hash}`;
    const checked = perBlock.get(blockKey) ?? 0;
    if (checked >= TERM_HITS_PER_BLOCK) continue;
    perBlock.set(blockKey, checked + 1);
    const around = aroundHit(page, piece, at, phrases.reach(hash, entries), edges);
    if (!around) continue;
    const { tokens, start, t } = around;
    for (const e of entries) {
      const first = t - e.ki;
      if (!phraseAt(tokens, first, e)) continue;
      const termAt = start + (tokens[first]?.start ?? 0);
      const key = `${piece}|${termAt}|${e.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ piece, at: termAt, concept: e.id });
    }
  }
  return out;
}

/** Whether the concepts present cover every group of a rule (each group: alternatives). */
const covers = (present: ReadonlySet<string>, groups: readonly string[][]): boolean => groups.every((g) => g.some((id) => present.has(id)));

/** The incidents whose rules `present` could satisfy, by the concepts' uses. */
export function incidentsFor(present: ReadonlySet<string>, concepts: ReadonlyMap<string, ConceptInfo>): Set<string> {
  const out = new Set<string>();
  for (const id of present) for (const [incidentId, , groups] of concepts.get(id)?.uses ?? []) if (covers(present, groups)) out.add(incidentId);
  return out;
}

/** Term hits grouped by the run of text they are in, with the incidents each run may describe. */
export function candidateRuns(page: PageText, terms: readonly TermHit[], concepts: ReadonlyMap<string, ConceptInfo>): Map<number, { hits: TermHit[]; incidents: Set<string> }> {
  const byRun = new Map<number, TermHit[]>();
  for (const t of terms) {
    const run = page.runs[t.piece] as number;
    const list = byRun.get(run);
    if (list) list.push(t);
    else byRun.set(run, [t]);
  }
  const out = new Map<number, { hits: TermHit[]; incidents: Set<string> }>();
  for (const [run, hits] of byRun) {
    const incidents = incidentsFor(new Set(hits.map((h) => h.concept)), concepts);
    if (incidents.size > 0) out.set(run, { hits, incidents });
  }
  return out;
}

/** Where a term hit is in the DOM: an index into the scanner's node list and an offset in that node. */
export type Locate = (piece: number, at: number) => { node: number; offset: number };

/** A block with every group of one of an incident's rules, and the hit to centre its window on. */
export interface CandidateBlock {
  block: Element;
  incidentId: string;
  node: number;
  offset: number;
}

/** The blocks of the candidate runs that have every group of some rule of an incident. */
export function candidateBlocks(runs: ReturnType<typeof candidateRuns>, concepts: ReadonlyMap<string, ConceptInfo>, nodes: readonly Text[], locate: Locate): CandidateBlock[] {
  const out: CandidateBlock[] = [];
  for (const { hits, incidents } of runs.values()) {
    const byBlock = new Map<Element, { present: Set<string>; node: number; offset: number }>();
    for (const h of hits) {
      const at = locate(h.piece, h.at);
      const node = nodes[at.node];
      // Text that is not the page's prose (a script, a form field, an editor) describes nothing.
      if (!node || isSkipped(node)) continue;
      const block = blockOf(node);
      if (!block) continue;
      const b = byBlock.get(block);
      if (b) b.present.add(h.concept);
      else byBlock.set(block, { present: new Set([h.concept]), ...at });
    }
    for (const [block, b] of byBlock) {
      for (const incidentId of incidentsFor(b.present, concepts)) if (incidents.has(incidentId)) out.push({ block, incidentId, node: b.node, offset: b.offset });
    }
  }
  return out;
}

/** A description found: the window it was read in and what the rule found there. */
export interface Described {
  block: Element;
  incidentId: string;
  win: TextWindow;
  ranges: Range[];
  words: string[];
  evidence: string[];
  confidence: number;
}

/** The concepts a set of rules names anywhere (groups, pins, exclusions). */
function conceptsOfRules(rules: readonly { all: string[][]; pins: { any: string[]; near?: string[] }[]; exclude: string[] }[]): string[] {
  const ids = new Set<string>();
  for (const r of rules) {
    for (const g of r.all) for (const id of g) ids.add(id);
    for (const p of r.pins) for (const id of [...p.any, ...(p.near ?? [])]) ids.add(id);
    for (const id of r.exclude) ids.add(id);
  }
  return [...ids];
}

/** Windows of text a rule or a context was evaluated on, in the last scan (for the benchmark and tests). */
export const windowStats = { evaluated: 0 };

/** Evaluate the candidates' rules, each on a bounded window of its block. */
export async function describe(candidates: readonly CandidateBlock[], nodes: Text[], reader: IndexReader, opts: { minConfidence: number; lang: string; slices: Slices; named: (block: Element, id: string) => boolean }): Promise<Described[] | null> {
  const out: Described[] = [];
  const done = new Set<string>();
  for (const c of candidates) {
    // A register of a thousand rows that each name a district: evaluated in slices too.
    if (opts.slices.due() && !(await opts.slices.pause())) return null;
    // A block that names the incident needs no description match as well.
    if (opts.named(c.block, c.incidentId)) continue;
    const info = await reader.incident(c.incidentId);
    if (!info) continue;
    const key = `${c.incidentId}`;
    const concepts = await reader.concepts(conceptsOfRules(info.rules));
    const { win } = windowAround(nodes, c.node, c.offset, RULE_WINDOW);
    if (done.has(`${key}|${win.text}`)) continue;
    done.add(`${key}|${win.text}`);
    windowStats.evaluated++;
    const d = evaluateRules(new RuleWindow(win.text, concepts), info.rules, opts.lang);
    if (!d || d.confidence < opts.minConfidence) continue;
    const ranges = d.spans.map((s) => rangeOf(win, s.start, s.end)).filter((r): r is Range => r !== null);
    out.push({ block: c.block, incidentId: c.incidentId, win, ranges, words: d.words, evidence: d.evidence, confidence: d.confidence });
  }
  return out;
}

/** The context an ambiguous name needs, checked on a bounded window around it; null without it. */
export async function contextAround(nodes: Text[], node: number, offset: number, ids: readonly string[], reader: IndexReader, lang: string): Promise<string[] | null> {
  const concepts = await reader.concepts(ids);
  const { win } = windowAround(nodes, node, offset, RULE_WINDOW);
  windowStats.evaluated++;
  return findContext(new RuleWindow(win.text, concepts), ids, lang)?.evidence ?? null;
}

/* Fixtures: tests/fixtures/corpus/*-desc-*.html (descriptions in many languages), fa-amb-01.html … ur-amb-01.html and fa-near-01.html … ur-near-01.html (an ambiguous name with and without its context) */
