/**
 * Where a statement comes from, when it did not ship with the extension: "From Valley notes,
 * curated by Lirona Vashtukova, version 3, Nov 12, 2026". In words, as ordinary text (a screen
 * reader reads it where it stands, after the statement it belongs to), under every claim, key
 * figure, publisher text and third-party item a pack adds. Nothing for bundled records: the
 * extension's own data needs no label, and its absence is what tells the two apart.
 * Used by the in-page popup and the panel; both style sheets know `.provenance`.
 */
import type { JSX } from 'preact';
import type { PackOrigin } from '../core/origin.ts';
import { formatDate } from './format-date.ts';
import { formatNumber, t } from './i18n.ts';

/** The sentence for `origin`, in the UI language. */
export function provenanceText(origin: PackOrigin): string {
  const { curator, version, date } = origin;
  if (!curator || version === undefined || date === undefined) return t('page_fromPackOnly', origin.packName);
  return t('page_fromPack', [origin.packName, curator.name, formatNumber(version), formatDate(date)]);
}

export function Provenance({ origin }: { origin: PackOrigin | undefined }): JSX.Element | null {
  if (!origin) return null;
  return (
    <p class="provenance" data-pack-id={origin.packId || undefined}>
      {provenanceText(origin)}
    </p>
  );
}
