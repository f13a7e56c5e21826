/** Validation issues as a message for people: what the options page and the last-error line show. */
import type { ValidationIssue } from '../core/messages.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Issues as one readable line each, the record named by its id where the path points into a list:
 * `claims[3] ("sncs-first-statement").source.url: must be an http(s) URL`.
 */
export function describeIssues(issues: readonly ValidationIssue[], input: unknown, max = 5): string {
  const name = (path: string): string => {
    const m = /^(incidents|claims|publishers|authors)\[(\d+)\]/.exec(path);
    if (!m || !isObj(input)) return path || '(top level)';
    const list = input[m[1] ?? ''];
    const rec = Array.isArray(list) ? (list as unknown[])[Number(m[2])] : undefined;
    const id = isObj(rec) && typeof rec.id === 'string' ? ` ("${rec.id}")` : '';
    return m[0] + id + path.slice(m[0].length);
  };
  const lines = issues.slice(0, max).map((i) => `${name(i.path)}: ${i.message}`);
  if (issues.length > max) lines.push(`…and ${issues.length - max} more`);
  return lines.join('; ');
}
