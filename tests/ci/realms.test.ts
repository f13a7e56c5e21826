/**
 * The realm rule of the lint config (.ci/eslint.config.js): each folder of src/ imports only what it
 * may. Lints small virtual files at real paths, so a change to the rule that lets a forbidden import
 * through fails here.
 */
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root, overrideConfigFile: '.ci/eslint.config.js' });
const REALM_RULES = new Set(['no-restricted-imports', 'no-restricted-globals']);

/** The realm rule's complaints about `code` placed at `filePath`. */
async function realmErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && REALM_RULES.has(m.ruleId)).map((m) => m.message);
}

const importing = (source: string): string => `import { x } from '${source}';\nexport { x };\n`;

describe('realms', () => {
  it.each([
    ['src/core/v.ts', '../data/schema.ts'],
    ['src/core/v.ts', '../ui/i18n.ts'],
    ['src/core/v.ts', '../../assets/_locales/en/messages.json'],
    ['src/core/v.ts', 'webextension-polyfill'],
    ['src/data/v.ts', '../ui/i18n.ts'],
    ['src/data/v.ts', '../background/db.ts'],
    ['src/ui/v.ts', '../content/page.ts'],
    ['src/ui/v.ts', '../popup/panel-api.ts'],
    ['src/ui/v.ts', '../storage/settings-store.ts'],
    ['src/storage/v.ts', '../data/schema.ts'],
    ['src/storage/v.ts', '../ui/i18n.ts'],
    ['src/background/v.ts', '../storage/settings-store.ts'],
    ['src/background/v.ts', '../content/page.ts'],
    ['src/background/v.ts', '../ui/i18n.ts'],
    ['src/content/v.ts', '../background/router.ts'],
    ['src/content/ui/v.tsx', '../../background/router.ts'],
    ['src/content/ui/v.tsx', '../../options/options-api.ts'],
    ['src/popup/v.ts', '../background/db.ts'],
    ['src/popup/v.ts', '../content/page.ts'],
    ['src/popup/v.ts', '../options/options-api.ts'],
    ['src/options/v.tsx', '../content/ui/record-view.ts'],
    ['src/options/v.tsx', '../popup/panel-api.ts'],
  ])('%s may not import %s', async (file, source) => {
    const errors = await realmErrors(file, importing(source));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/src\/[a-z]+ (may import only|may import nothing outside|takes extension APIs)/);
  });

  it('refuses a type-only import too, the kind that made core and data import each other', async () => {
    expect(await realmErrors('src/core/v.ts', `import type { ValidationIssue } from '../data/schema.ts';\nexport type X = ValidationIssue;\n`)).toHaveLength(1);
  });

  it('refuses the extension API global in core', async () => {
    expect(await realmErrors('src/core/v.ts', 'export const id = (): string => browser.runtime.id;\n')).toEqual([expect.stringContaining('src/core takes extension APIs as parameters.')]);
  });

  it.each([
    ['src/core/v.ts', './result.ts'],
    ['src/data/v.ts', '../core/result.ts'],
    ['src/ui/v.ts', '../data/schema.ts'],
    ['src/ui/v.ts', '../../assets/_locales/en/messages.json'],
    ['src/background/v.ts', '../data/schema.ts'],
    ['src/background/v.ts', 'webextension-polyfill'],
    ['src/content/v.ts', './ui/index.ts'],
    ['src/content/v.ts', '../ui/i18n.ts'],
    ['src/content/ui/v.tsx', '../../ui/i18n.ts'],
    ['src/content/ui/v.tsx', '../page.ts'],
    ['src/popup/v.ts', '../storage/settings-store.ts'],
    ['src/storage/v.ts', '../core/settings.ts'],
    ['src/content/ui/v.tsx', '../../storage/settings-store.ts'],
    ['src/options/v.tsx', '../core/messages.ts'],
  ])('%s may import %s', async (file, source) => {
    expect(await realmErrors(file, importing(source))).toEqual([]);
  });
});
