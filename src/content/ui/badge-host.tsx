/**
 * A badge's life: its closed shadow root on the `<source-context-badge>` host the content script
 * inserted, the Badge rendered into it, and the link to the shared popup.
 */
import { createRef, render } from 'preact';
import type { Mention } from '../../core/findings.ts';
import type { RecordKind } from '../../core/dataset-types.ts';
import { Badge } from './Badge.tsx';
import { closePopup, isPopupHeldFor, isPopupOpenFor, openPopup, type PopupAnchor } from './popup-host.tsx';
import { attachShadowUi } from './shadow-host.ts';
import { BADGE_CSS, BADGE_HOST_STYLES } from './styles.ts';

export interface BadgeInit {
  kind: RecordKind;
  id: string;
  name: string;
  claimCount: number;
  mention: Mention;
  site: string;
}

/** Mounted badges, by host, for openPopupFor and destroyUi. */
const badges = new Map<HTMLElement, { anchor: PopupAnchor; destroy: () => void }>();

/**
 * Render the badge into `host` (its closed shadow root is attached here). Activating it opens the
 * popup, or closes it when it is open for this badge. Returns destroy(); mounting the same host again
 * replaces the earlier badge.
 */
export function mountBadge(host: HTMLElement, init: BadgeInit): () => void {
  badges.get(host)?.destroy();
  const { container } = attachShadowUi(host, BADGE_CSS, BADGE_HOST_STYLES, 'span');
  const button = createRef<HTMLButtonElement>();
  let expanded = false;

  const draw = (): void =>
    render(
      <Badge
        kind={init.kind}
        name={init.name}
        claimCount={init.claimCount}
        expanded={expanded}
        buttonRef={button}
        onActivate={() => (isPopupOpenFor(host) ? closePopup(true) : openPopup(anchor))}
      />,
      container,
    );

  const anchor: PopupAnchor = {
    host,
    kind: init.kind,
    id: init.id,
    name: init.name,
    site: init.site,
    mention: init.mention,
    setExpanded: (open) => {
      expanded = open;
      if (badges.get(host)?.anchor === anchor) draw();
    },
    focus: () => button.current?.focus(),
  };

  const destroy = (): void => {
    if (badges.get(host)?.anchor !== anchor) return;
    badges.delete(host);
    // A popup whose mark the reader just hid stays, to say so and offer the report.
    if (isPopupOpenFor(host) && !isPopupHeldFor(host)) closePopup(false);
    render(null, container);
  };

  badges.set(host, { anchor, destroy });
  draw();
  return destroy;
}

/** Open the shared popup for a mounted badge (the panel's jump-to); nothing for an unknown host. */
export function openPopupFor(host: HTMLElement): void {
  const badge = badges.get(host);
  if (!badge || !host.isConnected) return;
  const r = host.getBoundingClientRect();
  if (r.bottom < 0 || r.top > window.innerHeight) host.scrollIntoView({ block: 'center', inline: 'nearest' });
  openPopup(badge.anchor);
}

/** Unmount every badge (their hosts stay; the content script removes them). */
export function destroyBadges(): void {
  for (const { destroy } of [...badges.values()]) destroy();
}
