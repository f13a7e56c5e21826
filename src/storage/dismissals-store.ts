/**
 * The one wrapper around `storage.local` for the marks a reader hid (see core/dismissals.ts), used
 * by the in-page popup (to hide) and the options page (to list and undo). Content scripts follow
 * `storage.onChanged`, so a write here takes the mark off every open page of that site at once.
 */
import browser from 'webextension-polyfill';
import { DISMISSALS_KEY, addDismissal, readDismissals, removeDismissal, type Dismissal } from '../core/dismissals.ts';

/** The stored list; an unreadable one is repaired (and written back) rather than thrown away whole. */
export async function listDismissals(): Promise<Dismissal[]> {
  const stored = await browser.storage.local.get(DISMISSALS_KEY);
  const { list, repaired } = readDismissals(stored[DISMISSALS_KEY]);
  if (repaired) await browser.storage.local.set({ [DISMISSALS_KEY]: list });
  return list;
}

export async function saveDismissal(d: Dismissal): Promise<void> {
  await browser.storage.local.set({ [DISMISSALS_KEY]: addDismissal(await listDismissals(), d) });
}

export async function undoDismissal(d: Pick<Dismissal, 'site' | 'kind' | 'id' | 'folded'>): Promise<void> {
  await browser.storage.local.set({ [DISMISSALS_KEY]: removeDismissal(await listDismissals(), d) });
}
