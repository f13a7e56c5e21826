import type { JSX } from 'preact';
import { formatDate } from './format-date.ts';
import { t } from './i18n.ts';

// Stands in for the date while the sentence is translated, so the date can be a <time> element.
const SLOT = '\u0001';

/**
 * "Context reviewed 1 Dec 2026": when the record's data was last looked over against its sources,
 * in the UI language, the date as a `<time>`. Nothing when the record gives no date.
 */
export function Reviewed({ iso }: { iso: string | undefined }): JSX.Element | null {
  if (!iso) return null;
  const sentence = t('page_reviewed', SLOT);
  const at = sentence.indexOf(SLOT);
  const date = <time dateTime={iso}>{formatDate(iso)}</time>;
  return (
    <p class="reviewed">
      {at === -1 ? (
        <>
          {sentence} {date}
        </>
      ) : (
        <>
          {sentence.slice(0, at)}
          {date}
          {sentence.slice(at + SLOT.length)}
        </>
      )}
    </p>
  );
}
