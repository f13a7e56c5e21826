import { t, uiLocale } from './i18n.ts';
import { formatNumberIn, hasIntlDates } from './intl.ts';

const ISO_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * The date in the UI's own words, for a browser whose `Intl` lacks the locale (Chromium has no
 * Tajik month names and only numbered Uzbek ones): the order and the month names come from the
 * locale's messages (`page_dateDay`, `page_dateMonth`, `page_monthsDay`, `page_monthsAlone`).
 */
function formatFromMessages(locale: string, year: number, month: number | null, day: number | null): string {
  const y = formatNumberIn(locale, year, { useGrouping: false });
  if (month === null) return y;
  const names = t(day === null ? 'page_monthsAlone' : 'page_monthsDay').split('|');
  const name = names[month - 1]?.trim();
  if (!name) return y;
  return day === null ? t('page_dateMonth', [name, y]) : t('page_dateDay', [formatNumberIn(locale, day), name, y]);
}

/**
 * A dataset date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) in the UI locale, at the precision it has
 * ("Nov 6, 2019", "Nov 2019", "2019"): a claim dated only by month is not shown with an invented
 * day. Anything else, a day the calendar does not have included, is shown as written.
 *
 * Always in the Gregorian calendar, Persian included (whose default is the Solar Hijri one): the
 * dataset's dates, the sources' own datelines and the fixed texts ("the 2019 attack") are all
 * Gregorian, and "۱۵ آبان ۱۳۹۸" beside a source dated 2019 would read as a different day.
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
  if (!hasIntlDates(locale)) return formatFromMessages(locale, year, m[2] ? month : null, m[3] ? day : null);
  const opts: Intl.DateTimeFormatOptions = { timeZone: 'UTC', year: 'numeric', calendar: 'gregory' };
  if (m[2]) opts.month = 'short';
  if (m[3]) opts.day = 'numeric';
  try {
    return new Intl.DateTimeFormat(locale, opts).format(date);
  } catch {
    return iso;
  }
}
