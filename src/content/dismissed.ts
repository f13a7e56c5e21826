/**
 * The marks the reader hid on this site ("This is not about it", "Wrong label"; core/dismissals.ts),
 * as one test the features ask before they mark: read from storage.local only once a page has
 * something to mark, so a page with no match never reads it.
 */
import type { RecordKind } from '../core/dataset-types.ts';
import { DISMISSALS_KEY } from '../core/dismissals-key.ts';
import { storageLocalGet } from './ext.ts';

/** Whether `kind`/`id`'s mark on `text` is hidden on this page's site. */
export type DismissedTest = (kind: RecordKind, id: string, text: string) => boolean;

export async function readDismissed(host: string): Promise<DismissedTest> {
  const stored = await storageLocalGet([DISMISSALS_KEY]);
  if (stored[DISMISSALS_KEY] === undefined) return () => false;
  // The rules come with the list: a reader who never hid a mark never loads them.
  const { dismissedOn, readDismissals } = await import('../core/dismissals.ts');
  return dismissedOn(readDismissals(stored[DISMISSALS_KEY]).list, host);
}
