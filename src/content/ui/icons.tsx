/**
 * The badge symbols, drawn as strokes in currentColor so they take the badge's text colour (and
 * the system colour in forced-colours mode). Decorative: the button around them carries the name.
 */
import type { RecordKind } from '../../core/dataset-types.ts';

const PATHS: Record<RecordKind | 'close', string> = {
  // Two opposed arrows: accounts that run against each other.
  incident: 'M2.5 5h10.5M10 2l3 3-3 3M13.5 11H3M6 8l-3 3 3 3',
  // A page with lines of text: where something was published.
  publisher: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3M6 8h4M6 10.5h4M6 13h2.5',
  close: 'M4 4l8 8M12 4l-8 8',
};

export function Icon({ name }: { name: RecordKind | 'close' }) {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
