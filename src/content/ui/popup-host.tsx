/**
 * The one popup per page: a `<source-context-popup>` host appended to <html> while open, its closed
 * shadow root, and the dialog's life: data loading with retries, placement beside its anchor (flips
 * above/below, stays in the viewport, follows scroll and resize), focus (moved in on open, kept in
 * with Tab, returned on Escape/Close), and closing on an outside click.
 */
import { render } from 'preact';
import type { Mention } from '../../core/findings.ts';
import type { RecordKind } from '../../core/dataset-types.ts';
import { makeDismissal } from '../../core/dismissals.ts';
import { saveDismissal } from '../../storage/dismissals-store.ts';
import { writeSite } from '../../storage/settings-store.ts';
import { BadgePopup, type HideState, type PopupState } from './BadgePopup.tsx';
import type { DismissState } from './MarkFeedback.tsx';
import { computePlacement } from './placement.ts';
import { loadRecord } from './record-view.ts';
import { attachShadowUi, type ShadowUi } from './shadow-host.ts';
import { POPUP_CSS, POPUP_HOST_STYLES } from './styles.ts';

/** What a popup is opened for: a badge, or the page banner's "About" button. */
export interface PopupAnchor {
  host: HTMLElement;
  kind: RecordKind;
  id: string;
  name: string;
  site: string;
  mention?: Mention;
  /** Told when the popup opens or closes for this anchor (the badge's aria-expanded). */
  setExpanded: (open: boolean) => void;
  /** Puts keyboard focus back on the anchor's button. */
  focus: () => void;
}

interface OpenPopup {
  anchor: PopupAnchor;
  state: PopupState;
  hide: HideState;
  dismiss: DismissState;
  loading: AbortController;
  /** Removes the listeners added for this opening. */
  unlisten: () => void;
}

let shell: { host: HTMLElement; ui: ShadowUi } | null = null;
let current: OpenPopup | null = null;
let frame = 0;

const FOCUSABLE = 'a[href], button:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

function ensureShell(): { host: HTMLElement; ui: ShadowUi } {
  if (!shell) {
    const host = document.createElement('source-context-popup');
    shell = { host, ui: attachShadowUi(host, POPUP_CSS, POPUP_HOST_STYLES) };
  }
  // Appended only while open; a page that rebuilt <html>'s children may also have dropped it.
  if (!shell.host.isConnected) document.documentElement.append(shell.host);
  return shell;
}

function dialogEl(): HTMLElement | null {
  return shell?.ui.container.querySelector<HTMLElement>('.dialog') ?? null;
}

function draw(): void {
  const c = current;
  if (!c || !shell) return;
  render(
    <BadgePopup
      kind={c.anchor.kind}
      name={c.anchor.name}
      state={c.state}
      mention={c.anchor.mention}
      site={c.anchor.site}
      hide={c.hide}
      dismiss={c.dismiss}
      pageUrl={location.href}
      onClose={() => closePopup(true)}
      onRetry={() => {
        load(c);
        // The retry button is gone with the error state; keep focus inside the dialog.
        dialogEl()?.focus({ preventScroll: true });
      }}
      onHide={() => hideOnSite(c)}
      onDismiss={() => dismissMark(c)}
    />,
    shell.ui.container,
  );
  schedulePlacement();
}

function update(c: OpenPopup, patch: Partial<Pick<OpenPopup, 'state' | 'hide' | 'dismiss'>>): void {
  if (current !== c) return;
  Object.assign(c, patch);
  draw();
}

function load(c: OpenPopup): void {
  c.loading.abort();
  const loading = new AbortController();
  c.loading = loading;
  update(c, { state: { status: 'loading' } });
  loadRecord(c.anchor.kind, c.anchor.id, loading.signal).then(
    (view) => !loading.signal.aborted && update(c, { state: { status: 'ready', view } }),
    () => !loading.signal.aborted && update(c, { state: { status: 'error' } }),
  );
}

function hideOnSite(c: OpenPopup): void {
  update(c, { hide: 'saving' });
  // The content script follows storage.onChanged and removes every mark, this popup's badge too.
  writeSite(c.anchor.site, { mode: 'off' }).then(
    () => current === c && closePopup(false),
    () => update(c, { hide: 'failed' }),
  );
}

/**
 * "This is not about it" / "Wrong label": the text is hidden on this site. The content script
 * follows storage.onChanged and takes the mark off at once (this popup's badge too); the popup stays
 * where it was, to say so and to offer the report.
 */
function dismissMark(c: OpenPopup): void {
  const { mention } = c.anchor;
  if (!mention) return;
  const view = c.state.status === 'ready' ? c.state.view : null;
  const name = view?.incident?.title ?? view?.publisher?.name ?? c.anchor.name;
  update(c, { dismiss: 'saving' });
  saveDismissal(makeDismissal(location.hostname, c.anchor.kind, c.anchor.id, name, mention.text, Date.now())).then(
    () => {
      update(c, { dismiss: 'done' });
      // The button that had focus is gone; keep focus in the dialog.
      if (current === c) dialogEl()?.focus({ preventScroll: true });
    },
    () => update(c, { dismiss: 'failed' }),
  );
}

/** The layout viewport (without scrollbars); in quirks mode <html> is as tall as the page. */
function viewportSize(): { width: number; height: number } {
  const de = document.documentElement;
  return document.compatMode === 'CSS1Compat'
    ? { width: de.clientWidth, height: de.clientHeight }
    : { width: window.innerWidth, height: window.innerHeight };
}

function place(): void {
  frame = 0;
  const c = current;
  const dialog = dialogEl();
  if (!c || !dialog) return;
  if (!c.anchor.host.isConnected) {
    // A mark the reader just hid is gone by design: the popup stays where it was, saying so.
    if (isHeld(c)) return;
    // The page rewrote the text the badge stood beside; the popup has nothing to point at.
    closePopup(false);
    return;
  }
  const body = dialog.querySelector<HTMLElement>('.body');
  const natural = dialog.offsetHeight + (body ? body.scrollHeight - body.clientHeight : 0);
  const dir = getComputedStyle(c.anchor.host).direction === 'rtl' ? 'rtl' : 'ltr';
  const popupDir = getComputedStyle(dialog).direction === 'rtl' ? 'rtl' : 'ltr';
  const size = { width: dialog.offsetWidth, height: natural };
  const p = computePlacement(c.anchor.host.getBoundingClientRect(), size, viewportSize(), dir, popupDir);
  dialog.style.setProperty('inset-block-start', `${p.top}px`);
  dialog.style.setProperty('inset-inline-start', `${p.inlineStart}px`);
  dialog.style.setProperty('max-height', `${p.maxHeight}px`);
  dialog.style.setProperty('max-width', `${p.maxWidth}px`);
  dialog.dataset.side = p.side;
}

function schedulePlacement(): void {
  if (!frame) frame = requestAnimationFrame(place);
}

/** Tab and Shift+Tab cycle inside the dialog; Escape closes it and returns focus to the badge. */
function onKeydown(e: KeyboardEvent): void {
  // Keys typed in our dialog are not the page's shortcuts.
  e.stopPropagation();
  if (e.key === 'Escape') {
    e.preventDefault();
    closePopup(true);
    return;
  }
  if (e.key !== 'Tab' || !shell) return;
  const dialog = dialogEl();
  if (!dialog) return;
  const items = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) {
    e.preventDefault();
    return;
  }
  const active = shell.ui.root.activeElement;
  if (e.shiftKey && (active === first || active === dialog || !active)) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && (active === last || !active)) {
    e.preventDefault();
    first.focus();
  }
}

function listen(c: OpenPopup, host: HTMLElement, container: HTMLElement): () => void {
  const onOutside = (e: Event): void => {
    const path = e.composedPath();
    if (!path.includes(host) && !path.includes(c.anchor.host)) closePopup(false);
  };
  const opts = { capture: true, passive: true } as const;
  window.addEventListener('scroll', schedulePlacement, opts);
  window.addEventListener('resize', schedulePlacement, opts);
  document.addEventListener('pointerdown', onOutside, opts);
  container.addEventListener('keydown', onKeydown);
  const dialog = dialogEl();
  // Content arriving or a font loading changes the dialog's size; place it again.
  const resize = typeof ResizeObserver === 'function' && dialog ? new ResizeObserver(schedulePlacement) : null;
  if (resize && dialog) resize.observe(dialog);
  // A badge can disappear without a scroll or resize (the page rewrote it): check now and then.
  const poll = setInterval(schedulePlacement, 1000);
  return () => {
    window.removeEventListener('scroll', schedulePlacement, opts);
    window.removeEventListener('resize', schedulePlacement, opts);
    document.removeEventListener('pointerdown', onOutside, opts);
    container.removeEventListener('keydown', onKeydown);
    resize?.disconnect();
    clearInterval(poll);
  };
}

/**
 * Whether the popup open for `host` is one whose mark the reader is hiding or hid: it outlives its
 * badge. From the click on, since the content script may take the mark off (on the storage change)
 * before the write's promise has told this popup it is done.
 */
export function isPopupHeldFor(host: HTMLElement): boolean {
  return current?.anchor.host === host && isHeld(current);
}

const isHeld = (c: OpenPopup): boolean => c.dismiss === 'saving' || c.dismiss === 'done';

/** Whether the popup is open for the anchor whose host is `host`. */
export function isPopupOpenFor(host: HTMLElement): boolean {
  return current?.anchor.host === host;
}

/** Open the popup for `anchor` (closing any other), move focus into it and load its record. */
export function openPopup(anchor: PopupAnchor): void {
  if (current?.anchor.host === anchor.host) return;
  if (current) closePopup(false);
  const { host, ui } = ensureShell();
  const c: OpenPopup = { anchor, state: { status: 'loading' }, hide: 'idle', dismiss: 'idle', loading: new AbortController(), unlisten: () => {} };
  current = c;
  draw();
  c.unlisten = listen(c, host, ui.container);
  place();
  anchor.setExpanded(true);
  dialogEl()?.focus({ preventScroll: true });
  load(c);
}

/** Close the popup, if open. `restoreFocus`: put focus back on the badge (Escape, Close). */
export function closePopup(restoreFocus = false): void {
  const c = current;
  if (!c) return;
  current = null;
  c.loading.abort();
  c.unlisten();
  if (frame) cancelAnimationFrame(frame);
  frame = 0;
  if (shell) {
    render(null, shell.ui.container);
    shell.host.remove();
    // A fresh host for each opening: Firefox does not re-evaluate dark-mode and motion queries for a
    // shadow root while it is out of the page.
    shell = null;
  }
  c.anchor.setExpanded(false);
  if (restoreFocus && c.anchor.host.isConnected) c.anchor.focus();
}

/** Close and forget the popup host (the page's DOM keeps nothing of it). */
export function destroyPopup(): void {
  closePopup(false);
  shell?.host.remove();
  shell = null;
}
