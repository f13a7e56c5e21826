/**
 * Description rules and the context of ambiguous names, evaluated on a window of text (a block,
 * bounded in length by the caller). Rules name concepts; a concept's terms are in every language,
 * so one rule reads an Arabic paragraph and a Korean one alike. Pure, so it is tested without a
 * page.
 *
 * A window is tokenised once and its words indexed by their first three letters; each concept's
 * terms are looked up there, so the cost is the window's length plus the terms' number, not their
 * product.
 */
import type { CompiledRule, ConceptInfo } from './detection-index.ts';
import { BLOCK_EDGE } from './matcher.ts';
import { tokenize, visibleText, type Token } from './normalize.ts';
import { isRange, parseTerm, wordMatches, type ParsedTerm } from './terms.ts';

/** Why a block was taken for a description of an incident. */
export interface DescriptionMatch {
  /** 0..1: the summed weight of the pins found. */
  confidence: number;
  /** For "why this is marked": each group's concept and the page's words for it, then each pin found. */
  evidence: string[];
  /** The page's words for each group, as written. */
  words: string[];
  /** Offsets (in the window text) of the words the match rests on, for highlighting. */
  spans: { start: number; end: number }[];
}

interface Occurrence {
  first: number;
  last: number;
}

const key3 = (w: string): string => (w.length <= 3 ? w : w.slice(0, 3));

const parsed = new Map<string, ParsedTerm>();
/** A term's words, parsed once (rules are evaluated on many blocks). */
function termOf(term: string): ParsedTerm {
  let p = parsed.get(term);
  if (!p) {
    p = parseTerm(term);
    if (parsed.size < 50_000) parsed.set(term, p);
  }
  return p;
}

/** A window's words, indexed for term lookup, and the concepts found in it so far. */
export class RuleWindow {
  readonly tokens: Token[];
  private byKey = new Map<string, number[]>();
  private numbers: number[] = [];
  private found = new Map<string, Occurrence[]>();

  constructor(
    readonly text: string,
    private readonly concepts: ReadonlyMap<string, ConceptInfo>,
  ) {
    this.tokens = tokenize(text);
    this.tokens.forEach((t, i) => {
      const k = key3(t.text);
      const list = this.byKey.get(k);
      if (list) list.push(i);
      else this.byKey.set(k, [i]);
      if (/^\d+$/.test(t.text)) this.numbers.push(i);
    });
  }

  /** Where the concept's terms occur, in order (empty for an unknown concept). */
  occurrences(id: string): Occurrence[] {
    let occ = this.found.get(id);
    if (occ) return occ;
    occ = [];
    const concept = this.concepts.get(id);
    if (concept) {
      const tolerant = concept.tolerant === true;
      for (const term of concept.terms) {
        const { words, prefix } = termOf(term);
        const w0 = words[0];
        if (w0 === undefined) continue;
        const candidates = isRange(w0) ? this.numbers : (this.byKey.get(key3(w0)) ?? []);
        for (const i of candidates) {
          if (i + words.length > this.tokens.length) continue;
          let ok = true;
          for (let j = 0; j < words.length && ok; j++) {
            const last = j === words.length - 1;
            ok = wordMatches((this.tokens[i + j] as Token).text, words[j] as string, last, prefix && last, null, tolerant && words.length === 1);
          }
          // A term never runs across a block's edge or a line break.
          if (ok && words.length > 1 && this.text.slice((this.tokens[i] as Token).start, (this.tokens[i + words.length - 1] as Token).end).includes(BLOCK_EDGE)) ok = false;
          if (ok) occ.push({ first: i, last: i + words.length - 1 });
        }
      }
      occ.sort((a, b) => a.first - b.first || b.last - a.last);
    }
    this.found.set(id, occ);
    return occ;
  }

  /** The first occurrence of any of `ids`, and which concept it is. */
  firstOf(ids: readonly string[]): { occ: Occurrence; id: string } | null {
    let best: { occ: Occurrence; id: string } | null = null;
    for (const id of ids) {
      const o = this.occurrences(id)[0];
      if (o && (!best || o.first < best.occ.first)) best = { occ: o, id };
    }
    return best;
  }

  /** The page's words for an occurrence, as written. */
  wordsOf(o: Occurrence): string {
    return visibleText(this.text.slice((this.tokens[o.first] as Token).start, (this.tokens[o.last] as Token).end));
  }

  spanOf(o: Occurrence): { start: number; end: number } {
    return { start: (this.tokens[o.first] as Token).start, end: (this.tokens[o.last] as Token).end };
  }

  /** A concept's label in `lang` (or English); '' for the unnamed groups of rules that list their terms. */
  labelOf(id: string, lang: string): string {
    const c = this.concepts.get(id);
    return c ? (c.labels?.[lang] ?? c.label) : '';
  }
}

/** Words between two occurrences (0 when they touch or overlap). */
const gapBetween = (a: Occurrence, b: Occurrence): number => Math.max(0, b.first - a.last - 1, a.first - b.last - 1);

/**
 * The best description match of the window against `rules`, or null. A rule matches when every
 * group has one of its concepts in the window, at least `minPins` pins are present and no `exclude`
 * concept is. `lang`: the language of the labels in the evidence.
 */
export function evaluateRules(win: RuleWindow, rules: readonly CompiledRule[], lang = 'en'): DescriptionMatch | null {
  let best: DescriptionMatch | null = null;
  for (const rule of rules) {
    if (rule.exclude.some((id) => win.occurrences(id).length > 0)) continue;
    const evidence: string[] = [];
    const words: string[] = [];
    const spans: { start: number; end: number }[] = [];
    let allFound = true;
    for (const group of rule.all) {
      const found = win.firstOf(group);
      if (!found) {
        allFound = false;
        break;
      }
      const seen = win.wordsOf(found.occ);
      const label = win.labelOf(found.id, lang);
      words.push(seen);
      evidence.push(label ? `${label}: ${seen}` : seen);
      spans.push(win.spanOf(found.occ));
    }
    if (!allFound) continue;
    let pins = 0;
    let weight = 0;
    for (const pin of rule.pins) {
      const hit = pinHit(win, pin.any, pin.near, pin.within ?? 6);
      if (!hit) continue;
      pins++;
      weight += pin.weight;
      evidence.push(`${pin.labels?.[lang] ?? pin.label}: ${hit.map((o) => win.wordsOf(o)).join(' … ')}`);
      for (const o of hit) spans.push(win.spanOf(o));
    }
    if (pins < rule.minPins) continue;
    const confidence = Math.min(1, Math.round(weight * 100) / 100);
    if (!best || confidence > best.confidence) best = { confidence, evidence, words, spans };
  }
  return best;
}

/** The occurrences that satisfy a pin: one of `any`, with one of `near` close to it when given. */
function pinHit(win: RuleWindow, any: readonly string[], near: readonly string[] | undefined, within: number): Occurrence[] | null {
  if (!near || near.length === 0) {
    const f = win.firstOf(any);
    return f ? [f.occ] : null;
  }
  for (const id of any) {
    for (const o of win.occurrences(id)) {
      for (const nid of near) {
        const p = win.occurrences(nid).find((q) => gapBetween(o, q) <= within);
        if (p) return p.first < o.first ? [p, o] : [o, p];
      }
    }
  }
  return null;
}

/** The context an ambiguous name needs: every concept of `ids` in the window, with the words found. */
export function findContext(win: RuleWindow, ids: readonly string[], lang = 'en'): { evidence: string[]; spans: { start: number; end: number }[] } | null {
  const evidence: string[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const id of ids) {
    const o = win.occurrences(id)[0];
    if (!o) return null;
    evidence.push(`${win.labelOf(id, lang) || id}: ${win.wordsOf(o)}`);
    spans.push(win.spanOf(o));
  }
  return { evidence, spans };
}
