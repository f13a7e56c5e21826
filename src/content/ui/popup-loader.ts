/**
 * The popup's code (the dialog, the record view and the request for the record) loads when a reader
 * first opens a popup, not with the badges: a badge renders with nothing it does not need, and a page
 * whose badges nobody opens never loads the rest. The banner reads its publisher's record through the
 * same record view, loaded on its own (without the dialog) once the banner is in the page.
 */
import { reportQuietly } from '../quietly.ts';
import type { PopupAnchor } from './popup-host.tsx';

type PopupModule = typeof import('./popup-host.tsx');
type RecordModule = typeof import('./record-view.ts');

let popup: PopupModule | null = null;
let popupLoading: Promise<PopupModule> | null = null;
/** What a reader last asked to open while the popup's code was on its way (a second click on the same badge cancels). */
let wanted: PopupAnchor | null = null;
let records: RecordModule | null = null;
let recordsLoading: Promise<RecordModule> | null = null;

function openWhenLoaded(anchor: PopupAnchor): void {
  wanted = anchor;
  popupLoading ??= import('./popup-host.tsx').then((m) => (popup = m));
  popupLoading.then((m) => {
    const a = wanted;
    wanted = null;
    if (a?.host.isConnected) m.openPopup(a);
  }, reportQuietly);
}

/** Open the popup for `anchor` (closing any other). */
export function openPopup(anchor: PopupAnchor): void {
  if (popup) popup.openPopup(anchor);
  else openWhenLoaded(anchor);
}

/** A badge's click: open its popup, or close it when it is open (or about to open) for this badge. */
export function togglePopup(anchor: PopupAnchor): void {
  if (popup?.isPopupOpenFor(anchor.host)) popup.closePopup(true);
  else if (!popup && wanted?.host === anchor.host) wanted = null;
  else openPopup(anchor);
}

/**
 * Close the popup if it is open (or about to open) for `host`; with `unlessHeld`, not one whose mark
 * the reader is hiding (it outlives its badge, see popup-host.tsx's `isPopupHeldFor`).
 */
export function closePopupFor(host: HTMLElement, restoreFocus: boolean, opts: { unlessHeld?: boolean } = {}): void {
  if (wanted?.host === host) wanted = null;
  if (!popup?.isPopupOpenFor(host)) return;
  if (opts.unlessHeld && popup.isPopupHeldFor(host)) return;
  popup.closePopup(restoreFocus);
}

/** Close the popup, if open; one asked for and still loading does not open. */
export function closePopup(restoreFocus = false): void {
  wanted = null;
  popup?.closePopup(restoreFocus);
}

/** Close and forget the popup host (the page's DOM keeps nothing of it). */
export function destroyPopup(): void {
  wanted = null;
  popup?.destroyPopup();
}

/** The record view (records asked of the background, checked and cached), loaded once. */
export function recordView(): Promise<RecordModule> {
  return (recordsLoading ??= import('./record-view.ts').then((m) => (records = m)));
}

/** Forget the records shown so far (a new index); nothing to forget before any was loaded. */
export function clearRecordCache(): void {
  records?.clearRecordCache();
}
