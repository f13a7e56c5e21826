/**
 * The panel's conversations: which tab it describes, what that tab's content script found, and the
 * records behind the findings. Every reply is checked for its type by `request` (core/request.ts),
 * so components only ever see well-formed values.
 */
import browser from 'webextension-polyfill';
import type { RecordKind } from '../core/dataset-types.ts';
import type { Findings } from '../core/findings.ts';
import type { RecordView } from '../core/messages.ts';
import { request, type Send } from '../core/request.ts';

const toBackground: Send = (m) => browser.runtime.sendMessage(m);
const toTab =
  (tabId: number): Send =>
  (m) =>
    browser.tabs.sendMessage(tabId, m);

/**
 * The tab to describe: `?tab=<id>` when given (for tests: a panel opened in a tab has no active tab
 * of its own), otherwise the active tab of the current window. `null` when there is none.
 */
export async function resolveTabId(search: string): Promise<number | null> {
  const param = new URLSearchParams(search).get('tab');
  if (param !== null) {
    const id = Number(param);
    return Number.isInteger(id) && id >= 0 ? id : null;
  }
  try {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return typeof tab?.id === 'number' ? tab.id : null;
  } catch {
    return null;
  }
}

export type FindingsReply = { kind: 'ok'; findings: Findings } | { kind: 'unavailable' };

/**
 * Ask the tab's content script what it found. `unavailable` when no content script answers (browser
 * pages, the web store, a page loaded before the extension was installed) or the answer is unusable.
 */
export async function fetchFindings(tabId: number): Promise<FindingsReply> {
  const reply = await request(toTab(tabId), { type: 'findings/get' });
  return reply.ok ? { kind: 'ok', findings: reply.value } : { kind: 'unavailable' };
}

/** The records behind a badge, or `null` when the background has none (or cannot be reached). */
export async function fetchRecord(kind: RecordKind, id: string): Promise<RecordView | null> {
  const reply = await request(toBackground, { type: 'records/get', kind, id });
  return reply.ok ? reply.value : null;
}

/** Ask the content script to scroll to a mark and flash it; `false` when the mark is gone. */
export async function revealMark(tabId: number, markId: string): Promise<boolean> {
  const reply = await request(toTab(tabId), { type: 'findings/reveal', markId });
  return reply.ok && reply.value;
}

export async function openSettings(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
