/**
 * Description rules and concepts, compiled for the content script: every group, pin and exclusion
 * becomes a list of concept ids (`@border-post` names one; terms a rule lists itself become an
 * unnamed concept of that rule), and each concept's terms of every language become one list. Runs
 * in the background (with the index compiler) and in tests, which evaluate the bundled rules the
 * way a page does.
 */
import type { Alias, Concept, Dataset, DescriptionRule } from './dataset-types.ts';
import type { CompiledPin, CompiledRule, ConceptInfo } from './detection-index.ts';

export interface CompiledConcepts {
  concepts: Map<string, ConceptInfo>;
  /** Incident id → its rules. */
  rules: Map<string, CompiledRule[]>;
  /** Concepts whose terms the scanner must find: those of rule groups and of ambiguous aliases' context. */
  scanned: Set<string>;
}

/** Unnamed concepts get ids no dataset can use (ids are lower-case words and hyphens). */
const unnamedId = (incidentId: string, rule: number, part: string): string => `~${incidentId}~${rule}~${part}`;

const dedupe = (terms: Iterable<string>): string[] => [...new Set([...terms].map((t) => t.trim()).filter((t) => t !== ''))];

function conceptInfo(c: Concept): ConceptInfo {
  const info: ConceptInfo = { id: c.id, label: c.label, terms: dedupe(Object.values(c.terms).flat()), uses: [] };
  if (c.labels && Object.keys(c.labels).length > 0) info.labels = { ...c.labels };
  if (c.tolerant) info.tolerant = true;
  return info;
}

export function compileConcepts(datasets: readonly Dataset[]): CompiledConcepts {
  const concepts = new Map<string, ConceptInfo>();
  for (const ds of datasets) for (const c of ds.concepts ?? []) concepts.set(c.id, conceptInfo(c));
  const rules = new Map<string, CompiledRule[]>();
  const scanned = new Set<string>();

  /** The concepts a list of terms names: its `@` references, and an unnamed concept for the rest. */
  const resolve = (terms: readonly string[], unnamed: string, label: string): string[] => {
    const ids: string[] = [];
    const literal: string[] = [];
    for (const t of terms) {
      if (t.startsWith('@')) {
        if (concepts.has(t.slice(1))) ids.push(t.slice(1));
      } else literal.push(t);
    }
    if (literal.length > 0) {
      concepts.set(unnamed, { id: unnamed, label, terms: dedupe(literal), uses: [] });
      ids.push(unnamed);
    }
    return ids;
  };

  for (const ds of datasets) {
    for (const inc of ds.incidents) {
      const compiled: CompiledRule[] = [];
      inc.descriptionRules.forEach((rule: DescriptionRule, r: number) => {
        const all = rule.all.map((group, g) => resolve(group, unnamedId(inc.id, r, `g${g}`), ''));
        // A group that names nothing known could never be present: the rule would never match.
        if (all.some((ids) => ids.length === 0)) return;
        const pins: CompiledPin[] = [];
        rule.pins.forEach((pin, p) => {
          const first = pin.terms.find((t) => t.startsWith('@'));
          const named = first ? concepts.get(first.slice(1)) : undefined;
          const label = pin.label ?? named?.label ?? pin.terms[0] ?? '';
          const any = resolve(pin.terms, unnamedId(inc.id, r, `p${p}`), label);
          if (any.length === 0) return;
          const out: CompiledPin = { any, weight: pin.weight, label };
          if (pin.label === undefined && named?.labels) out.labels = named.labels;
          if (pin.near && pin.near.length > 0) {
            out.near = resolve(pin.near, unnamedId(inc.id, r, `n${p}`), label);
            out.within = pin.within ?? 6;
          }
          pins.push(out);
        });
        const exclude = resolve(rule.exclude, unnamedId(inc.id, r, 'x'), '');
        const index = compiled.length;
        compiled.push({ all, pins, minPins: rule.minPins, exclude });
        for (const ids of all) {
          for (const id of ids) {
            scanned.add(id);
            concepts.get(id)?.uses.push([inc.id, index, all]);
          }
        }
      });
      rules.set(inc.id, compiled);
      for (const a of inc.aliases) for (const id of contextOf(a)) if (concepts.has(id)) scanned.add(id);
    }
  }
  return { concepts, rules, scanned };
}

/** The concepts an ambiguous alias needs near it (none for an ordinary alias). */
export function contextOf(a: Alias): string[] {
  return a.ambiguous && a.context ? a.context : [];
}
