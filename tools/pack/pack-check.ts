/**
 * Pack checker for pack authors: `npm run pack:check -- FILE [FILE…]`. Runs the extension's own
 * `parsePackJson` / `validateDataset` against the bundled dataset (references may point into it,
 * ids may not repeat it), prints every problem with its path, and exits non-zero on any problem.
 * `--alone` checks without the bundled dataset; checking the bundled file itself implies it.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ValidationIssue } from '../../src/core/messages.ts';
import { packSizeProblem } from '../../src/core/pack-size.ts';
import { parsePackJson } from '../../src/data/schema.ts';
import type { Dataset } from '../../src/core/dataset-types.ts';

export const BUNDLED_PATH = fileURLToPath(new URL('../../src/data/dataset.json', import.meta.url));

/** Where the checker writes; a parameter so tests can capture it. */
export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}
export const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };

export const formatIssue = (i: ValidationIssue): string => `  ${i.path === '' ? '(pack)' : i.path}: ${i.message}`;

/** A pack file's bytes, or null (with why, on `io.err`) when it is too large or cannot be read. */
export function readPackBytes(file: string, io: Output): Uint8Array<ArrayBuffer> | null {
  try {
    // Refused unread, from its size alone, as the options page does: a wrong file does not fill memory.
    const tooLarge = packSizeProblem(statSync(file).size);
    if (tooLarge) {
      io.err(`${file}\n  (file): ${tooLarge}`);
      return null;
    }
    return new Uint8Array(readFileSync(file));
  } catch (e) {
    io.err(`${file}: cannot read: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

function readText(file: string, io: Output): string | null {
  const bytes = readPackBytes(file, io);
  return bytes === null ? null : new TextDecoder().decode(bytes);
}

/** The bundled dataset, validated on its own; `[]` (with a warning) when it is missing or invalid. */
export function loadBundled(io: Output): Dataset[] {
  let text: string;
  try {
    text = readFileSync(BUNDLED_PATH, 'utf8');
  } catch {
    io.err(`warning: no bundled dataset at ${BUNDLED_PATH}; checking without it`);
    return [];
  }
  const bundled = parsePackJson(text, [], { bundled: true });
  if (bundled.ok) return [bundled.value];
  io.err(`warning: the bundled dataset has ${bundled.error.length} problem(s); checking without it:`);
  for (const i of bundled.error.slice(0, 20)) io.err(formatIssue(i));
  return [];
}

/** Checks each file; returns the exit code (0 all valid, 1 a problem, 2 usage or unreadable file). */
export function main(args: readonly string[], io: Output = consoleOutput): number {
  const alone = args.includes('--alone');
  const files = args.filter((a) => a !== '--alone');
  if (files.length === 0 || files.some((f) => f.startsWith('-'))) {
    io.err('usage: npm run pack:check -- FILE.json [FILE.json …] [--alone]');
    return 2;
  }
  let existing: Dataset[] | null = null;
  let code = 0;
  for (const file of files) {
    const text = readText(file, io);
    if (text === null) {
      code = 2;
      continue;
    }
    const isBundled = resolve(file) === BUNDLED_PATH;
    existing ??= alone ? [] : loadBundled(io);
    const started = performance.now();
    const result = isBundled ? parsePackJson(text, [], { bundled: true }) : parsePackJson(text, existing);
    const ms = (performance.now() - started).toFixed(0);
    if (result.ok) {
      const d = result.value;
      io.out(`${file}\nOK: ${d.incidents.length} incidents, ${d.claims.length} claims, ${d.publishers.length} publishers (${d.authors.length} authors; checked in ${ms} ms)`);
    } else {
      io.out(`${file}`);
      for (const i of result.error) io.out(formatIssue(i));
      io.out(`FAILED: ${result.error.length} problem(s)`);
      code = Math.max(code, 1);
    }
  }
  return code;
}
