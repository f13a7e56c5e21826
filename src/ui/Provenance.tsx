/**
 * Where a statement comes from, when it did not ship with the extension: "From Valley notes,
 * curated by Lirona Vashtukova, version 3, Nov 12, 2026". In words, as ordinary text (a screen
 * reader reads it where it stands, after the statement it belongs to), under every claim, key
 * figure, publisher text and third-party item a pack adds; for a pack a curator channel delivered,
 * also the channel, its host and the day it last updated the pack ("…; through the channel
 * desk-notes (desk.example), updated Dec 2, 2026"). Nothing for bundled records: the
 * extension's own data needs no label, and its absence is what tells the two apart.
 * Used by the in-page popup and the panel; both style sheets know `.provenance`.
 */
import type { JSX } from 'preact';
import type { PackOrigin } from '../core/origin.ts';
import { formatDate } from './format-date.ts';
import { formatNumber, t } from './i18n.ts';

/** The sentence for `origin`, in the UI language. */
export function provenanceText(origin: PackOrigin): string {
  const { curator, version, date, channel } = origin;
  const from =
    !curator || version === undefined || date === undefined
      ? t('page_fromPackOnly', origin.packName)
      : t('page_fromPack', [origin.packName, curator.name, formatNumber(version), formatDate(date)]);
  return channel ? from + t('page_viaChannel', [channel.id, channel.host, formatDate(channel.updated)]) : from;
}

export function Provenance({ origin }: { origin: PackOrigin | undefined }): JSX.Element | null {
  if (!origin) return null;
  return (
    <p class="provenance" data-pack-id={origin.packId || undefined}>
      {provenanceText(origin)}
    </p>
  );
}
