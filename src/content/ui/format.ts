/**
 * Small formatting helpers for the in-page UI. Dataset strings reach the DOM only as Preact text; a
 * dataset URL becomes a link only through `safeHref`.
 */
import { uiLocale } from '../../ui/i18n.ts';

/** `url` as an absolute http(s) URL, or null for anything else (javascript:, data:, relative…). */
export function safeHref(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The host of an http(s) URL without `www.`, for link captions; '' when there is none. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/**
 * The language dataset text is written in, for `lang` on the elements that show it (a screen reader
 * then reads English records with an English voice inside a Russian UI). The schema has no language
 * field yet; the bundled dataset is English.
 */
export const DATA_LANG = 'en';

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * An ISO date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) in the UI locale, at the precision it has
 * ("6 Nov 2019", "Nov 2019", "2019"). Anything else is shown as it is.
 */
export function formatDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  // UTC on both sides, so a reader west of Greenwich does not see the previous day.
  const date = new Date(Date.UTC(Number(y), mo ? Number(mo) - 1 : 0, d ? Number(d) : 1));
  if (Number.isNaN(date.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (mo) opts.month = 'short';
  if (d) opts.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(uiLocale(), opts).format(date);
  } catch {
    return iso;
  }
}
