// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { ModeSelect } from '../../src/ui/ModeSelect.tsx';
import { mount, text } from './render.ts';

const choose = (select: HTMLSelectElement, value: string): void => {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true }));
};

describe('ModeSelect', () => {
  it('offers on, publisher label only and off, in that order, showing the current mode', () => {
    const select = mount(<ModeSelect value="publisher-only" onChange={() => {}} label="Mode on example.com" />).querySelector('select');
    expect([...(select?.options ?? [])].map((o) => [o.value, text(o)])).toEqual([
      ['on', 'On'],
      ['publisher-only', 'Publisher label only'],
      ['off', 'Off'],
    ]);
    expect(select?.value).toBe('publisher-only');
    expect(select?.getAttribute('aria-label')).toBe('Mode on example.com');
  });

  it('reports the mode chosen', () => {
    const onChange = vi.fn();
    const select = mount(<ModeSelect value="on" onChange={onChange} />).querySelector('select')!;
    choose(select, 'off');
    expect(onChange).toHaveBeenCalledWith('off');
  });

  it('ignores a value that is not a mode', () => {
    const onChange = vi.fn();
    const select = mount(<ModeSelect value="on" onChange={onChange} />).querySelector('select')!;
    const extra = document.createElement('option');
    extra.value = 'everything';
    select.append(extra);
    choose(select, 'everything');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('can be disabled while the setting is being read', () => {
    const select = mount(<ModeSelect value="on" onChange={() => {}} disabled />).querySelector('select');
    expect(select?.disabled).toBe(true);
  });
});
