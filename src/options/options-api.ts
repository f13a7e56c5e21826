/**
 * The options page's requests to the background, through `request` (core/request.ts): every reply is
 * checked for its type, and a background that cannot be reached becomes an error value, never a
 * thrown exception.
 */
import browser from 'webextension-polyfill';
import type { Dataset } from '../core/dataset-types.ts';
import type { ChannelScope } from '../core/channel-manifest.ts';
import { originPattern, type Subscription } from '../core/channel-subscription.ts';
import type { ChannelPreview, ChannelProblem, DatasetInfo, PackPreview, ValidationIssue } from '../core/messages.ts';
import { packSizeProblem, packTextProblem } from '../core/pack-size.ts';
import { request } from '../core/request.ts';
import { err, ok, type Result } from '../core/result.ts';

const toBackground = (m: unknown): Promise<unknown> => browser.runtime.sendMessage(m);

export const getDatasetInfo = (): Promise<Result<DatasetInfo>> => request(toBackground, { type: 'dataset/info' });
export const removePack = (name: string): Promise<Result<DatasetInfo>> => request(toBackground, { type: 'pack/remove', name });
export const resetDataset = (): Promise<Result<DatasetInfo>> => request(toBackground, { type: 'dataset/reset' });
/** The current data as one dataset document (see the loader's `exportMerged`). */
export const exportDataset = (): Promise<Result<Dataset>> => request(toBackground, { type: 'pack/export' });

/**
 * A pack file's text, or why it is refused: a file over the size limit is refused from its size
 * alone, before a byte of it is read; a text that would not fit in one message once escaped, before
 * it is sent (the browser would refuse it with a message of its own).
 */
export async function readPackFile(file: Pick<Blob, 'size' | 'text'>): Promise<Result<string, ValidationIssue[]>> {
  const tooLarge = packSizeProblem(file.size);
  if (tooLarge) return err([{ path: '', message: tooLarge }]);
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return err([{ path: '', message: e instanceof Error ? e.message : String(e) }]);
  }
  const tooLong = packTextProblem(text);
  return tooLong ? err([{ path: '', message: tooLong }]) : ok(text);
}

/**
 * Import a pack. The error is every problem the background found, each with its path; a failure to
 * talk to the background becomes one issue with an empty path.
 */
export const importPack = (json: string): Promise<Result<DatasetInfo, ValidationIssue[]>> => request(toBackground, { type: 'pack/import', json });

/** Check a pack and learn what it would add, without writing anything; the error is as for `importPack`. */
export const previewPack = (json: string): Promise<Result<PackPreview, ValidationIssue[]>> => request(toBackground, { type: 'pack/preview', json });

export const listChannels = (): Promise<Result<Subscription[]>> => request(toBackground, { type: 'channel/list' });
export const previewChannel = (link: string): Promise<Result<ChannelPreview, ChannelProblem>> => request(toBackground, { type: 'channel/preview', link });
export const subscribeChannel = (link: string, scope: ChannelScope): Promise<Result<Subscription[], ChannelProblem>> =>
  request(toBackground, { type: 'channel/subscribe', link, scope });
export const updateChannel = (channel: string): Promise<Result<Subscription[]>> => request(toBackground, { type: 'channel/update', channel });
export const unsubscribeChannel = (channel: string): Promise<Result<Subscription[]>> => request(toBackground, { type: 'channel/unsubscribe', channel });

/**
 * Asks the browser for access to one channel's origin. Must be called in the reader's click itself,
 * before anything is awaited: browsers grant a permission only in answer to a user gesture.
 */
export function requestOrigin(origin: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
}

/** Gives up access to `origin` (a channel not subscribed after all). */
export function releaseOrigin(origin: string): Promise<void> {
  return browser.permissions.remove({ origins: [originPattern(origin)] }).then(
    () => undefined,
    () => undefined,
  );
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
