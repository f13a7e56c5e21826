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
import { tokenize } from '../core/normalize.ts';
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

/**
 * The terms that the hits (flat [piece, offset, keyHash] of words that are key words of terms)
 * spell out. `byHash`: term entries by the hash of their key.
 */
export function verifyTermHits(page: PageText, hits: readonly number[], byHash: ReadonlyMap<number, PhraseEntry[]>): TermHit[] {
  const out: TermHit[] = [];
  const seen = new Set<string>();
  for (let h = 0; h < hits.length; h += 3) {
    const piece = hits[h] as number;
    const at = hits[h + 1] as number;
    const entries = byHash.get(hits[h + 2] as number);
    if (!entries) continue;
    const { from, to } = edgesAround(page, piece, at);
    const start = Math.max(from, at - TERM_BEFORE);
    const tokens = tokenize((page.texts[piece] as string).slice(start, Math.min(to, at + TERM_AFTER)));
    const t = tokens.findIndex((tok) => tok.start <= at - start && at - start < tok.end);
    if (t < 0) continue;
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
