import { uiLocale } from '../ui/i18n.ts';

/**
 * Dates as the dataset writes them (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) in the reader's language, at
 * the precision the dataset gives: a claim dated only by month is not shown with an invented day.
 */
export function formatIsoDate(iso: string, locale: string = uiLocale()): string {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  // Noon UTC, so no time zone moves the date across midnight.
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1, 12));
  if (Number.isNaN(date.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = d
    ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
    : mo
      ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
      : { year: 'numeric', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(locale, opts).format(date);
  } catch {
    return iso;
  }
}

/** The host of a URL for display, or the input when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
