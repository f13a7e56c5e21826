/**
 * The report a reader may send a pack's curator about a mark they hid: built here, shown in full
 * before anything leaves, and handed to the reader's own mail program (`mailto:`) or shown for the
 * curator's https contact page. The extension sends nothing itself: these are links the reader
 * clicks. The page address is in the report only when the reader ticks it.
 */
import type { RecordKind } from '../core/dataset-types.ts';
import type { PackOrigin } from '../core/origin.ts';
import { t } from './i18n.ts';
import { safeHref } from './safe-href.ts';

export interface ReportInput {
  kind: RecordKind;
  id: string;
  /** The record's name, as the popup showed it. */
  name: string;
  /** The marked text. */
  text: string;
  origin: PackOrigin;
  /** The page's address, included only when `includeAddress`. */
  pageUrl: string;
  includeAddress: boolean;
}

export interface Report {
  subject: string;
  body: string;
  /** What the send link opens: a `mailto:` with subject and body, or the curator's https page. */
  href: string;
  /** How the curator is reached: by e-mail, or on their page (where the reader pastes the text). */
  via: 'email' | 'page';
}

/** The curator's contact as a link target, or null when the pack names none (or none usable). */
export function contactOf(origin: PackOrigin | undefined): { via: 'email' | 'page'; address: string } | null {
  const contact = origin?.curator?.contact;
  if (!contact) return null;
  if (/^https:\/\//i.test(contact)) {
    const page = safeHref(contact);
    return page ? { via: 'page', address: page } : null;
  }
  return /^[^\s@<>?&#]+@[^\s@<>?&#]+$/.test(contact) ? { via: 'email', address: contact } : null;
}

/** The report for `input`, or null when its pack has no usable contact. */
export function buildReport(input: ReportInput): Report | null {
  const contact = contactOf(input.origin);
  if (!contact) return null;
  const lines = [
    t(input.kind === 'incident' ? 'page_reportWhyIncident' : 'page_reportWhyPublisher', input.name),
    t('page_reportMatched', input.text),
    t('page_reportRecord', [input.id, input.origin.packName, String(input.origin.version ?? '')]),
  ];
  if (input.includeAddress) lines.push(t('page_reportAddress', input.pageUrl));
  const subject = t('page_reportSubject', input.id);
  const body = lines.join('\n');
  const href =
    contact.via === 'email'
      ? `mailto:${encodeURIComponent(contact.address).replace(/%40/g, '@')}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`
      : contact.address;
  return { subject, body, href, via: contact.via };
}
