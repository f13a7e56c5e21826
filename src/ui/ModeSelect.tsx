import type { JSX } from 'preact';
import { SITE_MODES, isSiteMode, type SiteMode } from '../core/settings.ts';
import { t } from './i18n.ts';

const LABEL_KEYS: Record<SiteMode, string> = {
  on: 'panel_mode_on',
  'publisher-only': 'panel_mode_publisher_only',
  off: 'panel_mode_off',
};

interface ModeSelectProps {
  value: SiteMode;
  onChange: (mode: SiteMode) => void;
  disabled?: boolean;
  /** The accessible name, when no `<label>` around the select gives one. */
  label?: string;
}

/** A site's mode (on, publisher label only, off), as the panel and the options page offer it. */
export function ModeSelect({ value, onChange, disabled, label }: ModeSelectProps): JSX.Element {
  return (
    <select
      aria-label={label}
      value={value}
      disabled={disabled}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (isSiteMode(v)) onChange(v);
      }}
    >
      {SITE_MODES.map((m) => (
        <option key={m} value={m}>
          {t(LABEL_KEYS[m])}
        </option>
      ))}
    </select>
  );
}
