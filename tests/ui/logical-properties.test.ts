/**
 * A convention check: the UI's styles use logical properties only (margin-inline-start, not
 * margin-left), so that a Persian UI, or any surface on a right-to-left page, mirrors without
 * rules of its own. It reads every stylesheet and script under src/ and flags what would not mirror:
 * physical left/right properties and values, left/right insets set from script, translateX, and
 * four-value shorthands whose left and right differ (`padding: 0 0 0 1em`). Client rects
 * (`rect.left`) are geometry, not styles, and are not flagged.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BADGE_CSS, BADGE_HOST_STYLES, BANNER_CSS, BANNER_HOST_STYLES, POPUP_CSS, POPUP_HOST_STYLES } from '../../src/content/ui/styles.ts';
import { SHARED_CLASSES_CSS, TOKENS_CSS } from '../../src/ui/tokens.ts';

const SRC = join(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(css|ts|tsx)$/.test(e.name) ? [full] : [];
  });
}

/** Splits a CSS value on top-level spaces: `calc(1em + 2px) 0` → ['calc(1em + 2px)', '0']. */
function values(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value.trim()) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (/\s/.test(ch) && depth === 0) {
      if (cur) out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

/** What in a piece of CSS would not mirror, as short descriptions. */
function physicalInCss(css: string): string[] {
  const found: string[] = [];
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  for (const m of text.matchAll(/(?:^|[{;\s])([a-z-]+)\s*:\s*([^;{}]+)/g)) {
    const [, prop = '', raw = ''] = m;
    const value = raw.replace(/!important/, '').trim();
    const decl = `${prop}: ${value}`;
    if (/^(?:left|right)$/.test(prop)) found.push(decl);
    else if (/-(?:left|right)(?:-|$)/.test(prop)) found.push(decl);
    else if (/^(?:text-align|float|clear)$/.test(prop) && /^(?:left|right)$/.test(value)) found.push(decl);
    else if (/^(?:background-position|object-position)$/.test(prop) && /\b(?:left|right)\b/.test(value)) found.push(decl);
    else if (/translateX\(\s*-?[1-9.]/.test(value)) found.push(decl);
    else if (/^(?:margin|padding|inset|border-width|border-style|border-color|scroll-margin|scroll-padding)$/.test(prop)) {
      const v = values(value);
      if (v.length === 4 && v[1] !== v[3]) found.push(decl);
    } else if (prop === 'border-radius' && !value.includes('/')) {
      const v = values(value);
      const asymmetric = v.length === 2 ? v[0] !== v[1] : v.length === 3 ? v[0] !== v[1] : v.length === 4 ? v[0] !== v[1] || v[2] !== v[3] : false;
      if (asymmetric) found.push(decl);
    }
  }
  return found;
}

/** The same for a script: its template-literal CSS, plus styles set from code. */
function physicalInScript(code: string): string[] {
  const found: string[] = [];
  for (const m of code.matchAll(/`([^`]*)`/g)) if (m[1]?.includes('{')) found.push(...physicalInCss(m[1]));
  const patterns = [
    /setProperty\(\s*['"](?:left|right|[a-z-]+-(?:left|right)(?:-[a-z]+)?)['"]/g,
    /\.style\.(?:left|right|(?:margin|padding|border)(?:Left|Right)\w*)\b/g,
    /['"](?:left|right|[a-z-]+-(?:left|right)(?:-[a-z]+)?)['"]\s*:/g,
    /\b(?:margin|padding|border|scrollMargin|scrollPadding)(?:Left|Right)\w*\s*:/g,
    /\btextAlign\s*:\s*['"](?:left|right)['"]/g,
    /style=\{\{[^}]*\b(?:left|right)\s*:/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) found.push(m[0]);
  return found;
}

describe('the UI’s styles mirror in a right-to-left UI', () => {
  it('the checker flags what would not mirror', () => {
    expect(physicalInCss('.a { margin-left: 1em; } .b { left: 0 } .c { text-align: right; }')).toHaveLength(3);
    expect(physicalInCss('.a { padding: 0 1em 0 2em; border-radius: 4px 0 0 4px; transform: translateX(14px); }')).toHaveLength(3);
    expect(physicalInCss('.a { padding: 1em 2em 3em; margin: 0 auto; border-radius: 50%; inset-inline-start: 0; text-align: start; }')).toEqual([]);
    expect(physicalInScript("el.style.setProperty('left', '4px'); const s = { 'margin-right': '1px' }; x.style.paddingLeft = '1px';")).toHaveLength(3);
    expect(physicalInScript('const r = host.getBoundingClientRect(); use(r.left, r.right);')).toEqual([]);
  });

  it.each(sourceFiles(SRC).map((f) => relative(SRC, f)))('src/%s', (file) => {
    const text = readFileSync(join(SRC, file), 'utf8');
    expect(file.endsWith('.css') ? physicalInCss(text) : physicalInScript(text)).toEqual([]);
  });

  it('so do the in-page sheets and host styles as they are built', () => {
    for (const css of [TOKENS_CSS, SHARED_CLASSES_CSS, BADGE_CSS, POPUP_CSS, BANNER_CSS]) expect(physicalInCss(css)).toEqual([]);
    for (const styles of [BADGE_HOST_STYLES, POPUP_HOST_STYLES, BANNER_HOST_STYLES]) {
      expect(physicalInCss(Object.entries(styles).map(([k, v]) => `${k}: ${v};`).join('\n'))).toEqual([]);
    }
  });
});
