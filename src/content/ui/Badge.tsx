/**
 * The badge beside a mention: a real button, amber with opposed arrows and the claim count for a
 * disputed incident, blue and square-cornered with a page symbol for a publisher. The accessible
 * name says what it is; the visible count is a shortcut for sighted readers.
 */
import type { Ref } from 'preact';
import type { RecordKind } from '../../core/dataset-types.ts';
import { formatNumber, t, tn } from '../../ui/i18n.ts';
import { Icon } from './icons.tsx';

export interface BadgeProps {
  kind: RecordKind;
  name: string;
  claimCount: number;
  expanded: boolean;
  onActivate: () => void;
  buttonRef?: Ref<HTMLButtonElement>;
}

/** "Source context: disputed incident, 11 claims" / "Source context: publisher Global Research". */
export function badgeLabel(kind: RecordKind, name: string, claimCount: number): string {
  return kind === 'incident' ? tn('page_badgeIncident', claimCount) : t('page_badgePublisher', name);
}

export function Badge({ kind, name, claimCount, expanded, onActivate, buttonRef }: BadgeProps) {
  const label = badgeLabel(kind, name, claimCount);
  return (
    <button
      ref={buttonRef}
      type="button"
      class={`badge ${kind}`}
      aria-label={label}
      title={label}
      aria-haspopup="dialog"
      aria-expanded={expanded ? 'true' : 'false'}
      onClick={(e) => {
        // A badge can sit inside a link or a clickable card: the click is ours alone.
        e.preventDefault();
        e.stopPropagation();
        onActivate();
      }}
    >
      <Icon name={kind} />
      {kind === 'incident' && claimCount > 0 && <span aria-hidden="true">{formatNumber(claimCount)}</span>}
    </button>
  );
}
