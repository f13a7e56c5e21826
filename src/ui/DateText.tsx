import type { JSX } from 'preact';
import { formatDate } from './format-date.ts';

/** A dataset date as a `<time>` in the UI locale; nothing when the dataset gives none. */
export function DateText({ iso }: { iso: string }): JSX.Element | null {
  return iso ? <time dateTime={iso}>{formatDate(iso)}</time> : null;
}
