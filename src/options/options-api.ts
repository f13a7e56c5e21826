/**
 * The options page's requests to the background. Replies enter as `unknown` and are checked here;
 * a background that cannot be reached becomes an error value, never a thrown exception.
 */
import browser from 'webextension-polyfill';
import { MAX_PACK_CHARS, type DatasetInfo, type Message, type ValidationIssue } from '../core/messages.ts';
import { err, ok, type Result } from '../core/result.ts';
import type { Dataset } from '../data/schema-types.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function parseDatasetInfo(v: unknown): DatasetInfo | null {
  if (!isObj(v) || !isObj(v.counts) || !Array.isArray(v.packs)) return null;
  const c = v.counts;
  if (!isCount(c.incidents) || !isCount(c.claims) || !isCount(c.publishers) || !isCount(c.authors)) return null;
  const packs: DatasetInfo['packs'] = [];
  for (const p of v.packs) {
    if (!isObj(p) || typeof p.name !== 'string' || typeof p.contentVersion !== 'string') continue;
    packs.push({
      name: p.name,
      contentVersion: p.contentVersion,
      incidents: isCount(p.incidents) ? p.incidents : 0,
      claims: isCount(p.claims) ? p.claims : 0,
      publishers: isCount(p.publishers) ? p.publishers : 0,
    });
  }
  const info: DatasetInfo = {
    schemaVersion: typeof v.schemaVersion === 'number' ? v.schemaVersion : 0,
    bundledVersion: typeof v.bundledVersion === 'string' ? v.bundledVersion : '',
    packs,
    counts: { incidents: c.incidents, claims: c.claims, publishers: c.publishers, authors: c.authors },
    loading: v.loading === true,
  };
  if (typeof v.lastError === 'string' && v.lastError) info.lastError = v.lastError;
  return info;
}

function parseIssues(v: unknown): ValidationIssue[] | null {
  if (!Array.isArray(v)) return null;
  return v.map((i): ValidationIssue =>
    isObj(i) && typeof i.path === 'string' && typeof i.message === 'string'
      ? { path: i.path, message: i.message }
      : { path: '', message: String(isObj(i) ? (i.message ?? '') : i) },
  );
}

async function ask(msg: Message): Promise<Result<unknown, unknown>> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage(msg);
  } catch (e) {
    return err(e instanceof Error ? e.message : String(e));
  }
  if (!isObj(reply) || typeof reply.ok !== 'boolean') return err('no reply');
  return reply.ok ? ok(reply.value) : err(reply.error);
}

/** A reply expected to carry DatasetInfo (info, remove, reset). */
async function askInfo(msg: Message): Promise<Result<DatasetInfo>> {
  const r = await ask(msg);
  if (!r.ok) return err(typeof r.error === 'string' ? r.error : 'unexpected reply');
  const info = parseDatasetInfo(r.value);
  return info ? ok(info) : err('unexpected reply');
}

export const getDatasetInfo = (): Promise<Result<DatasetInfo>> => askInfo({ type: 'dataset/info' });
export const removePack = (name: string): Promise<Result<DatasetInfo>> => askInfo({ type: 'pack/remove', name });
export const resetDataset = (): Promise<Result<DatasetInfo>> => askInfo({ type: 'dataset/reset' });

/**
 * Import a pack. The error is every problem the background found, each with its path; a failure to
 * talk to the background, or a file too large to send, becomes one issue with an empty path.
 */
export async function importPack(json: string): Promise<Result<DatasetInfo, ValidationIssue[]>> {
  if (json.length > MAX_PACK_CHARS) {
    return err([{ path: '', message: `larger than ${Math.round(MAX_PACK_CHARS / 1024 / 1024)} MB` }]);
  }
  const r = await ask({ type: 'pack/import', json });
  if (!r.ok) {
    const issues = parseIssues(r.error);
    return err(issues ?? [{ path: '', message: typeof r.error === 'string' ? r.error : 'unexpected reply' }]);
  }
  const info = parseDatasetInfo(r.value);
  return info ? ok(info) : err([{ path: '', message: 'unexpected reply' }]);
}

/**
 * The current data as one dataset document. The background builds it from validated records, so a
 * shape check of the top level suffices.
 */
export async function exportDataset(): Promise<Result<Dataset>> {
  const r = await ask({ type: 'pack/export' });
  if (!r.ok) return err(typeof r.error === 'string' ? r.error : 'unexpected reply');
  const v = r.value;
  if (!isObj(v) || !Array.isArray(v.incidents) || !Array.isArray(v.claims) || !Array.isArray(v.publishers) || !Array.isArray(v.authors)) {
    return err('unexpected reply');
  }
  return ok(v as unknown as Dataset);
}

/** Save `data` as a JSON download through a Blob URL (no network, no downloads permission). */
export function downloadJson(fileName: string, data: unknown, type = 'application/json'): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name part made of safe characters only. */
export function fileSafe(s: string): string {
  return s.replace(/[^a-z0-9._-]+/gi, '-').replace(/^-+|-+$/g, '') || 'data';
}

/** The `_execute_action` shortcut as the browser reports it: a string, '' when unset, null when unknown. */
export async function readPanelShortcut(): Promise<string | null> {
  try {
    const commands = await browser.commands.getAll();
    const cmd = commands.find((c) => c.name === '_execute_action');
    return cmd ? (cmd.shortcut ?? '') : null;
  } catch {
    return null;
  }
}

/** Firefox has its own shortcut page and (from 137) a way to open it; Chromium browsers have neither API. */
export function shortcutPlatform(): { firefox: boolean; open: (() => Promise<void>) | null } {
  const runtime = browser.runtime as unknown as { getBrowserInfo?: unknown };
  const commands = browser.commands as unknown as { openShortcutSettings?: () => Promise<void> };
  const firefox = typeof runtime.getBrowserInfo === 'function';
  const openFn = commands.openShortcutSettings;
  const open = typeof openFn === 'function' ? () => openFn.call(commands) : null;
  return { firefox, open };
}
