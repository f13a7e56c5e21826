import type { JSX } from 'preact';

interface SwitchProps {
  /** The accessible name; says what is switched and where ("Source Context on example.com"). */
  label: string;
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
  /** Extra text tied to the switch as its description. */
  describedBy?: string;
}

/** An on/off control: a native checkbox with the switch role, so it is focusable and Space toggles it. */
export function Switch({ label, checked, disabled, onChange, describedBy }: SwitchProps): JSX.Element {
  return (
    <label class="switch">
      <span class="switch-label">{label}</span>
      <input
        type="checkbox"
        role="switch"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.currentTarget.checked)}
      />
      <span class="switch-track" aria-hidden="true">
        <span class="switch-thumb" />
      </span>
    </label>
  );
}
