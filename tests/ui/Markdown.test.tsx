// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Markdown, parseMarkdown } from '../../src/ui/Markdown.tsx';
import { mount, text } from './render.ts';

const PRIVACY = readFileSync(join(import.meta.dirname, '../../PRIVACY.md'), 'utf8');

describe('Markdown: our documents shown inside the extension', () => {
  it('reads headings, paragraphs, lists and tables', () => {
    const blocks = parseMarkdown('# Title\n\nOne line\nand the next.\n\n- first\n  continued\n- second\n\n| A | B |\n|---|---|\n| 1 | 2 |\n');
    expect(blocks).toEqual([
      { type: 'heading', level: 1, text: 'Title' },
      { type: 'paragraph', text: 'One line and the next.' },
      { type: 'list', items: ['first continued', 'second'] },
      { type: 'table', head: ['A', 'B'], rows: [['1', '2']] },
    ]);
  });

  it('shows PRIVACY.md with no Markdown syntax left over', () => {
    const root = mount(<Markdown source={PRIVACY} />);
    expect(root.querySelectorAll('h2').length).toBeGreaterThan(4);
    expect(root.querySelectorAll('table').length).toBeGreaterThanOrEqual(2);
    expect(root.querySelector('h1')?.textContent).toBe('Source Context: privacy policy');
    const shown = text(root);
    expect(shown).toContain('Source Context sends nothing anywhere.');
    expect(shown).not.toMatch(/\*\*|`|^#|\|\s*---/m);
  });

  it('makes links of http(s) addresses only, and never reads HTML', () => {
    const root = mount(<Markdown source={'See [the site](https://example.org/) or [this](javascript:alert(1)) <b>now</b>.'} />);
    const links = [...root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['https://example.org/']);
    expect(root.querySelector('b')).toBeNull();
    expect(text(root)).toContain('<b>now</b>');
  });
});
