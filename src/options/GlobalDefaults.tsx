import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { GlobalSettings } from '../core/settings.ts';
import { formatPercent, t } from '../ui/i18n.ts';
import { writeSettings } from '../storage/settings-store.ts';

function Check({ label, checked, onChange, role }: { label: string; checked: boolean; onChange: (v: boolean) => void; role?: 'switch' }): JSX.Element {
  return (
    <label class="check">
      <input type="checkbox" role={role} checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** The confidence floor for description matches: shown as it moves, written when let go. */
function ConfidenceRange({ value }: { value: number }): JSX.Element {
  const [pct, setPct] = useState(Math.round(value * 100));
  useEffect(() => setPct(Math.round(value * 100)), [value]);
  return (
    <>
      <label class="field range">
        <span>{t('options_min_confidence')}</span>
        <input
          type="range"
          min={0}
          max={100}
          step={5}
          value={pct}
          aria-valuetext={formatPercent(pct / 100)}
          aria-describedby="min-confidence-hint"
          onInput={(e) => setPct(Number(e.currentTarget.value))}
          onChange={(e) => void writeSettings({ minConfidence: Number(e.currentTarget.value) / 100 })}
        />
        <output>{formatPercent(pct / 100)}</output>
      </label>
      <p id="min-confidence-hint" class="hint">
        {t('options_min_confidence_hint')}
      </p>
    </>
  );
}

/** Defaults every site follows unless it has its own setting; each change is written at once. */
export function GlobalDefaults({ settings }: { settings: GlobalSettings | null }): JSX.Element {
  if (!settings) {
    return (
      <section class="card" aria-labelledby="defaults-heading">
        <h2 id="defaults-heading">{t('options_defaults_heading')}</h2>
        <p role="status">{t('options_loading')}</p>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="defaults-heading">
      <h2 id="defaults-heading">{t('options_defaults_heading')}</h2>
      <Check
        role="switch"
        label={t('options_pause_switch')}
        checked={settings.paused}
        onChange={(paused) => void writeSettings({ paused })}
      />
      <fieldset>
        <legend>{t('options_kinds_legend')}</legend>
        <Check
          label={t('options_kind_incident')}
          checked={settings.kinds.incident}
          onChange={(incident) => void writeSettings({ kinds: { ...settings.kinds, incident } })}
        />
        <Check
          label={t('options_kind_publisher')}
          checked={settings.kinds.publisher}
          onChange={(publisher) => void writeSettings({ kinds: { ...settings.kinds, publisher } })}
        />
        <Check
          label={t('options_kind_links')}
          checked={settings.kinds.links}
          onChange={(links) => void writeSettings({ kinds: { ...settings.kinds, links } })}
        />
      </fieldset>
      <Check label={t('options_highlight')} checked={settings.highlight} onChange={(highlight) => void writeSettings({ highlight })} />
      <ConfidenceRange value={settings.minConfidence} />
    </section>
  );
}
