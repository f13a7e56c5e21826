/**
 * The panel's conversations: which tab it describes, what that tab's content script found, and the
 * records behind the findings. Replies enter as `unknown` and are checked here, so components only
 * ever see well-formed values.
 */
import browser from 'webextension-polyfill';
import type { Findings, Mention, PagePublisher } from '../core/findings.ts';
import type { Message, RecordView } from '../core/messages.ts';
import type { RecordKind } from '../data/schema-types.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isKind = (v: unknown): v is RecordKind => v === 'incident' || v === 'publisher';

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

/** The value of a `Result` reply, or `null` when the reply is an error or not a Result at all. */
function resultValue(reply: unknown): unknown {
  if (!isObj(reply) || reply.ok !== true || !('value' in reply)) return null;
  return reply.value;
}

function parseMention(v: unknown): Mention | null {
  if (!isObj(v)) return null;
  const { markId, kind, id, text, via, confidence, evidence, badged, href } = v;
  if (!isStr(markId) || !isKind(kind) || !isStr(id) || !isStr(text)) return null;
  if (via !== 'name' && via !== 'description' && via !== 'link' && via !== 'page') return null;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return null;
  const m: Mention = {
    markId,
    kind,
    id,
    text,
    via,
    confidence: Math.min(1, Math.max(0, confidence)),
    evidence: Array.isArray(evidence) ? evidence.filter(isStr) : [],
    badged: badged === true,
  };
  if (isStr(href)) m.href = href;
  return m;
}

function parsePagePublisher(v: unknown): PagePublisher | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.detail)) return null;
  if (v.how !== 'domain' && v.how !== 'byline' && v.how !== 'metadata') return null;
  return { id: v.id, how: v.how, detail: v.detail };
}

const STATES: readonly Findings['state'][] = ['scanning', 'done', 'site-off', 'paused'];
const MODES: readonly Findings['mode'][] = ['on', 'off', 'publisher-only'];

/** Findings from a content script's reply; malformed mentions are dropped, a malformed whole is `null`. */
export function parseFindings(v: unknown): Findings | null {
  if (!isObj(v) || !isStr(v.url) || !isStr(v.site) || v.site === '') return null;
  const state = STATES.find((s) => s === v.state);
  const mode = MODES.find((m) => m === v.mode);
  if (!state || !mode) return null;
  const mentions = Array.isArray(v.mentions) ? v.mentions.map(parseMention).filter((m): m is Mention => m !== null) : [];
  return { url: v.url, site: v.site, state, mode, publisher: parsePagePublisher(v.publisher), mentions };
}

export type FindingsReply = { kind: 'ok'; findings: Findings } | { kind: 'unavailable' };

/**
 * Ask the tab's content script what it found. `unavailable` when no content script answers (browser
 * pages, the web store, a page loaded before the extension was installed) or the answer is unusable.
 */
export async function fetchFindings(tabId: number): Promise<FindingsReply> {
  const msg: Message = { type: 'findings/get' };
  try {
    const reply: unknown = await browser.tabs.sendMessage(tabId, msg);
    const findings = parseFindings(resultValue(reply));
    return findings ? { kind: 'ok', findings } : { kind: 'unavailable' };
  } catch {
    return { kind: 'unavailable' };
  }
}

/**
 * The records behind a badge, or `null` when the background has none (or cannot be reached). The
 * background serves only records that passed the dataset validator, so a shape check suffices here.
 */
export async function fetchRecord(kind: RecordKind, id: string): Promise<RecordView | null> {
  const msg: Message = { type: 'records/get', kind, id };
  try {
    const value = resultValue(await browser.runtime.sendMessage(msg));
    if (!isObj(value) || value.kind !== kind || !Array.isArray(value.claims) || !Array.isArray(value.authors)) return null;
    if (kind === 'incident' && !isObj(value.incident)) return null;
    if (kind === 'publisher' && !isObj(value.publisher)) return null;
    return value as unknown as RecordView;
  } catch {
    return null;
  }
}

/** Ask the content script to scroll to a mark and flash it; `false` when the mark is gone. */
export async function revealMark(tabId: number, markId: string): Promise<boolean> {
  const msg: Message = { type: 'findings/reveal', markId };
  try {
    return resultValue(await browser.tabs.sendMessage(tabId, msg)) === true;
  } catch {
    return false;
  }
}

export async function openSettings(): Promise<void> {
  await browser.runtime.openOptionsPage();
}
