import type { JSX } from 'preact';
import type { SiteMode } from '../core/settings.ts';
import { t } from '../ui/i18n.ts';
import { Switch } from './Switch.tsx';
import type { SiteState } from './use-panel-data.ts';

interface SiteControlsProps {
  /** The site key the content script reported (`www.` folded). */
  site: string;
  state: SiteState | null;
  paused: boolean;
  onMode: (mode: SiteMode) => void;
}

const MODES: readonly { mode: SiteMode; key: string }[] = [
  { mode: 'on', key: 'panel_mode_on' },
  { mode: 'publisher-only', key: 'panel_mode_publisher_only' },
  { mode: 'off', key: 'panel_mode_off' },
];

const isMode = (v: string): v is SiteMode => v === 'on' || v === 'off' || v === 'publisher-only';

/** The site switch and the site's mode, side by side; both write the same per-site setting. */
export function SiteControls({ site, state, paused, onMode }: SiteControlsProps): JSX.Element {
  const mode = state?.setting.mode ?? 'on';
  const inheritedFrom = state?.inherited ? state.key : null;
  return (
    <section class="site-controls" aria-label={t('panel_site_section', site)}>
      <Switch
        label={t('panel_site_switch', site)}
        checked={mode !== 'off'}
        disabled={state === null}
        describedBy={inheritedFrom ? 'site-inherited' : undefined}
        onChange={(on) => onMode(on ? 'on' : 'off')}
      />
      <label class="field">
        <span>{t('panel_mode_label', site)}</span>
        <select
          value={mode}
          disabled={state === null}
          onChange={(e) => {
            const v = e.currentTarget.value;
            if (isMode(v)) onMode(v);
          }}
        >
          {MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {t(m.key)}
            </option>
          ))}
        </select>
      </label>
      {inheritedFrom && (
        <p id="site-inherited" class="hint">
          {t('panel_site_inherited', inheritedFrom)}
        </p>
      )}
      {paused && <p class="hint">{t('panel_site_paused_hint')}</p>}
    </section>
  );
}
