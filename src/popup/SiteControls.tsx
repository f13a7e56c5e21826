import type { JSX } from 'preact';
import type { SiteMode } from '../core/settings.ts';
import { t } from '../ui/i18n.ts';
import { ModeSelect } from '../ui/ModeSelect.tsx';
import { Switch } from './Switch.tsx';
import type { SiteState } from './use-panel-data.ts';

interface SiteControlsProps {
  /** The site key the content script reported (`www.` folded). */
  site: string;
  state: SiteState | null;
  paused: boolean;
  onMode: (mode: SiteMode) => void;
}

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
        <ModeSelect value={mode} disabled={state === null} onChange={onMode} />
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
