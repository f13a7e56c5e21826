/**
 * The store listings in `store/`: one per UI locale, each with the summary the stores will show
 * (which they read from the manifest's `extDescription`, so the two must say the same), a
 * description, and a closing paragraph for each store.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const locales = readdirSync(join(ROOT, 'assets/_locales'), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** The first ```text block after the heading `title` (any level), trimmed; '' when there is none. */
function block(markdown: string, title: string): string {
  const at = markdown.search(new RegExp(`^#+ ${title}$`, 'm'));
  if (at < 0) return '';
  const m = /```text\n([\s\S]*?)\n```/.exec(markdown.slice(at));
  return m?.[1]?.trim() ?? '';
}

function description(locale: string): string {
  const raw: unknown = JSON.parse(readFileSync(join(ROOT, 'assets/_locales', locale, 'messages.json'), 'utf8'));
  const entry = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).extDescription : undefined;
  const message = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).message : undefined;
  return typeof message === 'string' ? message : '';
}

describe.each(locales)('store listing %s', (locale) => {
  const path = join(ROOT, 'store', `listing.${locale}.md`);

  it('exists', () => {
    expect(existsSync(path), path).toBe(true);
  });

  it('has the manifest description as its summary', () => {
    const md = readFileSync(path, 'utf8');
    expect(block(md, 'Summary')).toBe(description(locale));
  });

  it('has a description and a paragraph for each store', () => {
    const md = readFileSync(path, 'utf8');
    expect(block(md, 'Description').length).toBeGreaterThan(500);
    expect(block(md, 'Chrome Web Store')).not.toBe('');
    expect(block(md, 'addons.mozilla.org')).not.toBe('');
  });
});
