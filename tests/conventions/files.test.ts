/**
 * Conventions about the code itself, checked over every file under src/:
 * - a source file over 300 lines says in its first comment why it is long (a sentence starting
 *   "Long", "Longer" or "Over N lines" that gives a reason, after "because" or a colon);
 * - each realm (a folder directly under src/) imports only the realms its rule allows, so `core`
 *   stays free of everything else and no cycle between realms can come back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import REALMS from '../../.ci/realms.json';

const ROOT = resolve(import.meta.dirname, '../..');
const SRC = join(ROOT, 'src');
const MAX_LINES = 300;
/** Files that can carry a comment; JSON (the dataset) cannot, and its size is the data's. */
const SOURCE = new Set(['.ts', '.tsx', '.js', '.mjs', '.css', '.html']);
const CODE = new Set(['.ts', '.tsx', '.js', '.mjs']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? filesUnder(full) : e.isFile() ? [full] : [];
  });
}
const srcFiles = filesUnder(SRC).sort();
const rel = (file: string): string => relative(ROOT, file).split(sep).join('/');

const lineCount = (text: string): number => text.split('\n').length - (text.endsWith('\n') ? 1 : 0);

/** The comment a file opens with: a block comment, a run of line comments, or an HTML comment. */
function firstComment(text: string): string {
  const t = text.trimStart();
  if (t.startsWith('/*')) return t.slice(0, t.indexOf('*/') + 2);
  if (t.startsWith('<!--')) return t.slice(0, t.indexOf('-->') + 3);
  if (t.startsWith('//')) {
    const lines = t.split('\n');
    const end = lines.findIndex((l) => !l.trimStart().startsWith('//'));
    return lines.slice(0, end < 0 ? lines.length : end).join('\n');
  }
  return '';
}

/** Whether a comment says why its file is long: "Long… because …", "Over 300 lines: …" in one sentence. */
function explainsLength(comment: string): boolean {
  const prose = comment.replace(/^\s*(\/\*\*?|\*\/|\*|\/\/|<!--|-->)/gm, ' ').replace(/\s+/g, ' ');
  return /(?:^|[.!?]\s)\s*(?:Long(?:er)?|Over \d+ lines)\b[^.!?]*?(?:\bbecause\b|:)/.test(prose);
}

/**
 * What each realm may import, itself included: the table the lint rule is built from
 * (.ci/realms.json, explained in .ci/eslint.config.js). Imports that leave src/ may only reach assets/.
 */
const REALM_RULES: Record<string, readonly string[]> = Object.fromEntries(Object.entries(REALMS).map(([realm, allowed]) => [realm, [realm, ...allowed]]));

/** Every relative import of a code file (static, dynamic, type-only and re-exports), resolved. */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((i) => i.fileName).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s));
}

const realmOf = (file: string): string | null => {
  const r = relative(SRC, file);
  return r.startsWith('..') ? null : (r.split(sep)[0] ?? null);
};

describe('file length', () => {
  it(`no source file under src/ is over ${MAX_LINES} lines without a first comment saying why it is long`, () => {
    const unexplained = srcFiles
      .filter((f) => SOURCE.has(extname(f)))
      .map((f) => ({ file: rel(f), text: readFileSync(f, 'utf8') }))
      .filter(({ text }) => lineCount(text) > MAX_LINES && !explainsLength(firstComment(text)))
      .map(({ file, text }) => `${file} (${lineCount(text)} lines)`);
    expect(unexplained).toEqual([]);
  });

  it.each([
    ['/**\n * Reads things.\n *\n * Longer than most files because every shape sits in one table.\n */', true],
    ['/**\n * Longer than our usual file: the reads and writes share one layout.\n */', true],
    ['// Long because the table of wrappers is kept whole.\n', true],
    ['/* Long: every token of the theme, in one place. */', true],
    ['/**\n * Checks fields.\n *\n * Over 300 lines because the shapes sit with the checks they compose.\n */', true],
    ['/**\n * Walks the page. Long walks yield every few milliseconds so the page never sees a\n * long task.\n */', false],
    ['/** Reads things. */', false],
    ['', false],
  ])('tells a comment that explains the length from one that does not: %j', (comment, explains) => {
    expect(explainsLength(firstComment(`${comment}\nexport const x = 1;\n`))).toBe(explains);
  });
});

describe('realms', () => {
  const codeFiles = srcFiles.filter((f) => CODE.has(extname(f)));

  it('every folder under src/ is a realm with a rule', () => {
    const realms = [...new Set(srcFiles.map((f) => realmOf(f)))];
    expect(realms.filter((r) => r === null || !(r in REALM_RULES))).toEqual([]);
  });

  it.each(Object.entries(REALM_RULES))('%s imports only %j', (realm, allowed) => {
    const broken = codeFiles
      .filter((f) => realmOf(f) === realm)
      .flatMap((f) =>
        importsOf(f)
          .filter((target) => {
            const to = realmOf(target);
            return to === null ? !rel(target).startsWith('assets/') : !allowed.includes(to);
          })
          .map((target) => `${rel(f)} → ${rel(target)}`),
      );
    expect(broken).toEqual([]);
  });
});
