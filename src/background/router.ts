/**
 * The background's one `runtime.onMessage` listener: checks who sent a message, then its shape, then
 * hands it to the handler for its type. Every message gets a `Result` reply; nothing here throws.
 *
 * Only this extension may send (`sender.id`); a message from anything else is refused. The sender is
 * then an extension page (our own origin: the panel, the options page) or a content script (a tab),
 * and `ROUTES` in `core/messages.ts` says which types each may send.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { admit, callHandler, handlerFailed, type BackgroundHandlers, type BackgroundType, type Reply } from '../core/messages.ts';

export type Refusal = { ok: false; error: string };
const refuse = (why: string): Refusal => ({ ok: false, error: `refused: ${why}` });

export interface SenderCheck {
  /** This extension's id (`browser.runtime.id`). */
  extensionId: string;
  /** This extension's origin with a trailing slash (`browser.runtime.getURL('')`). */
  extensionOrigin: string;
}

type SenderKind = { kind: 'page'; tabId?: number; url?: string } | { kind: 'content'; tabId: number; url?: string };

/** Who sent a message, or why it is refused. */
export function classifySender(sender: Runtime.MessageSender, self: SenderCheck): SenderKind | string {
  if (sender.id !== self.extensionId) return 'the message does not come from this extension';
  const url = sender.url;
  if (url !== undefined && url.startsWith(self.extensionOrigin)) {
    return { kind: 'page', url, ...(sender.tab?.id !== undefined ? { tabId: sender.tab.id } : {}) };
  }
  const tabId = sender.tab?.id;
  if (tabId === undefined || tabId < 0) return 'a content-script message must come from a tab';
  return { kind: 'content', tabId, ...(url !== undefined ? { url } : {}) };
}

/**
 * Handles one incoming message: the handler's reply, or a refusal saying why nothing ran.
 * Never rejects: a handler that throws (a bug) is answered with its message as the error.
 */
export async function routeMessage(
  handlers: BackgroundHandlers,
  value: unknown,
  sender: Runtime.MessageSender,
  self: SenderCheck,
): Promise<Reply[BackgroundType] | Refusal> {
  const from = classifySender(sender, self);
  if (typeof from === 'string') return refuse(from);
  const admitted = admit(value, from.kind, 'background');
  if (!admitted.ok) return refuse(admitted.error);
  try {
    return await callHandler(handlers, admitted.value, { tabId: from.tabId, url: from.url });
  } catch (e) {
    return handlerFailed(e);
  }
}

/**
 * Registers the one message listener. Call at the worker's top level: a worker woken by a message
 * only delivers it to listeners registered during its first run.
 */
export function listenForMessages(handlers: BackgroundHandlers): void {
  const self: SenderCheck = { extensionId: browser.runtime.id, extensionOrigin: browser.runtime.getURL('') };
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => routeMessage(handlers, message, sender, self));
}
