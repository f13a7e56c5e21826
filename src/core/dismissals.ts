/**
 * Marks a reader has said are wrong: "This is not about it" (an incident mark) or "Wrong label" (a
 * publisher mark). Each hides that record's mark for that text on that site, for good, until the
 * reader undoes it on the options page. Pure: keys, the stored shape, its validator and the match
 * rule; `browser.storage` is reached through `src/storage/dismissals-store.ts`.
 *
 * Stored in `storage.local` under `DISMISSALS_KEY` (a stored key is a contract: a rename is a
 * migration), local rather than synced: the list holds the texts and sites the reader read, which
 * stay on this device.
 */
import { foldText } from './normalize.ts';
import { siteKey } from './settings.ts';
import type { RecordKind } from './dataset-types.ts';

export { DISMISSALS_KEY } from './dismissals-key.ts';
/** Far above what a reader hides by hand; keeps a corrupted or runaway list from growing without end. */
export const MAX_DISMISSALS = 2000;

export interface Dismissal {
  /** The site key (see `siteKey`) of the page it was hidden on. */
  site: string;
  kind: RecordKind;
  /** The record whose mark it was. */
  id: string;
  /** The record's name when it was hidden, for the options page's list. */
  name: string;
  /** The marked text as the page had it. */
  text: string;
  /** `text` folded as the matcher reads it, what later marks are compared by. */
  folded: string;
  /** ms since epoch. */
  at: number;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLine = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/** One stored entry, or null when it is not one. */
function parseDismissal(v: unknown): Dismissal | null {
  if (!isObj(v) || !isLine(v.site, 253) || (v.kind !== 'incident' && v.kind !== 'publisher') || !isLine(v.id, 120)) return null;
  if (!isLine(v.text, 500) || !isLine(v.folded, 500) || typeof v.at !== 'number' || !Number.isFinite(v.at)) return null;
  return { site: v.site, kind: v.kind, id: v.id, name: typeof v.name === 'string' ? v.name.slice(0, 200) : v.id, text: v.text, folded: v.folded, at: v.at };
}

/** The stored list, with unreadable entries dropped (`repaired` then says so, and the caller writes it back). */
export function readDismissals(v: unknown): { list: Dismissal[]; repaired: boolean } {
  if (!Array.isArray(v)) return { list: [], repaired: v !== undefined };
  const list = v.map(parseDismissal).filter((d): d is Dismissal => d !== null).slice(-MAX_DISMISSALS);
  return { list, repaired: list.length !== v.length };
}

/** The entry for hiding `kind`/`id`'s mark on `text` at `hostname`. */
export function makeDismissal(hostname: string, kind: RecordKind, id: string, name: string, text: string, at: number): Dismissal {
  const shown = text.trim().slice(0, 500);
  return { site: siteKey(hostname), kind, id, name: name.slice(0, 200), text: shown, folded: foldText(shown).slice(0, 500), at };
}

const sameEntry = (a: Pick<Dismissal, 'site' | 'kind' | 'id' | 'folded'>, b: Pick<Dismissal, 'site' | 'kind' | 'id' | 'folded'>): boolean =>
  a.site === b.site && a.kind === b.kind && a.id === b.id && a.folded === b.folded;

/** `list` with `d` added (once: hiding the same text twice keeps one entry, the newer). */
export function addDismissal(list: readonly Dismissal[], d: Dismissal): Dismissal[] {
  return [...list.filter((x) => !sameEntry(x, d)), d].slice(-MAX_DISMISSALS);
}

/** `list` without the entry that `d` names. */
export function removeDismissal(list: readonly Dismissal[], d: Pick<Dismissal, 'site' | 'kind' | 'id' | 'folded'>): Dismissal[] {
  return list.filter((x) => !sameEntry(x, d));
}

/**
 * A test for the marks of one page: is `kind`/`id`'s mark on `text` hidden here? Text is compared
 * folded (case, diacritics, punctuation), so "ISHKOBOD" and "Ishkobod" are one text.
 */
export function dismissedOn(list: readonly Dismissal[], hostname: string): (kind: RecordKind, id: string, text: string) => boolean {
  const site = siteKey(hostname);
  const here = new Set(list.filter((d) => d.site === site).map((d) => `${d.kind}\u0000${d.id}\u0000${d.folded}`));
  return (kind, id, text) => here.size > 0 && here.has(`${kind}\u0000${id}\u0000${foldText(text)}`);
}
