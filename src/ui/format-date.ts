import { uiLocale } from './i18n.ts';

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A dataset date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) in the UI locale, at the precision it has
 * ("Nov 6, 2019", "Nov 2019", "2019"): a claim dated only by month is not shown with an invented
 * day. Anything else, a day the calendar does not have included, is shown as written.
 */
export function formatDate(iso: string, locale: string = uiLocale()): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : 1;
  const day = m[3] ? Number(m[3]) : 1;
  // UTC on both sides, so a reader west of Greenwich does not see the previous day.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  // Date.UTC rolls 2019-02-30 over into March; such a date is the dataset's mistake, not March.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return iso;
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric' };
  if (m[2]) opts.month = 'short';
  if (m[3]) opts.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(locale, opts).format(date);
  } catch {
    return iso;
  }
}
