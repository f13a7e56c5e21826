/**
 * The records behind a badge: asked of the background (`records/get`) through the one request path,
 * which checks the reply, and cached as long as the index they came with. The worker may be asleep
 * or still writing the dataset when a reader clicks, so a failed ask is retried a few times with
 * growing pauses before the popup shows an error.
 */
import browser from 'webextension-polyfill';
import type { RecordKind } from '../../core/dataset-types.ts';
import type { RecordView } from '../../core/messages.ts';
import { request } from '../../core/request.ts';

/** Pauses between attempts (ms): a cold worker answers within a second; a first install takes longer. */
export const RETRY_DELAYS = [250, 700, 1500, 3000];

/** Records asked for on this page, for as long as the index they came with (see clearRecordCache). */
const cache = new Map<string, RecordView>();

/**
 * Forget cached records: the content script calls this when the index is rebuilt (a pack imported
 * or removed), so a popup opened after it shows the records the new badges count; tests call it
 * to start afresh.
 */
export function clearRecordCache(): void {
  cache.clear();
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** One ask, through the one request path (which checks the reply); throws with its reason when there is no usable answer. */
async function askOnce(kind: RecordKind, id: string): Promise<RecordView> {
  const reply = await request((m) => browser.runtime.sendMessage(m), { type: 'records/get', kind, id });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/**
 * The record for a badge, from the cache or the background, retrying after `RETRY_DELAYS`. Rejects
 * with the last error when every attempt failed, or when `signal` aborts (the popup closed).
 */
export async function loadRecord(kind: RecordKind, id: string, signal?: AbortSignal): Promise<RecordView> {
  const key = `${kind}:${id}`;
  const cached = cache.get(key);
  if (cached) return cached;
  let lastError: unknown = new Error('not asked');
  for (let attempt = 0; attempt <= RETRY_DELAYS.length; attempt++) {
    if (signal?.aborted) break;
    try {
      const view = await askOnce(kind, id);
      cache.set(key, view);
      return view;
    } catch (e) {
      lastError = e;
    }
    const delay = RETRY_DELAYS[attempt];
    if (delay === undefined) break;
    await sleep(delay, signal);
  }
  throw lastError;
}
