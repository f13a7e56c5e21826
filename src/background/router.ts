/**
 * The background's one `runtime.onMessage` listener: checks who sent a message, then its shape, then
 * hands it to the handler for its type. Every message gets a `Result` reply; nothing here throws.
 *
 * Who may send what:
 * - only this extension (`sender.id`); a message from anything else is refused;
 * - content scripts (a tab, a web page URL) may ask for records and report their mark count;
 * - extension pages (the panel, the options page: our own origin) may send every background type.
 * Changing the dataset is kept to extension pages, so a compromised page renderer cannot import or
 * remove packs through our content script.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { parseMessage, type Handlers, type Message, type MessageType, type Reply } from '../core/messages.ts';
import type { Result } from '../core/result.ts';

export const BACKGROUND_TYPES = [
  'records/get',
  'tab/marks',
  'dataset/info',
  'pack/import',
  'pack/remove',
  'pack/export',
  'dataset/reset',
] as const satisfies readonly MessageType[];

export type BackgroundType = (typeof BACKGROUND_TYPES)[number];
export type BackgroundHandlers = Pick<Handlers, BackgroundType>;

/** What a content script may send; everything else needs an extension page. */
const FROM_CONTENT: ReadonlySet<MessageType> = new Set<MessageType>(['records/get', 'tab/marks']);

type BackgroundMessage = Extract<Message, { type: BackgroundType }>;
const isBackgroundMessage = (m: Message): m is BackgroundMessage => (BACKGROUND_TYPES as readonly string[]).includes(m.type);

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

/** Calls the handler for `msg`'s type; a switch so each call is checked against its own message type. */
function dispatch(h: BackgroundHandlers, msg: BackgroundMessage, s: { tabId?: number; url?: string }): Promise<Reply[BackgroundType]> {
  switch (msg.type) {
    case 'records/get':
      return h['records/get'](msg, s);
    case 'tab/marks':
      return h['tab/marks'](msg, s);
    case 'dataset/info':
      return h['dataset/info'](msg, s);
    case 'pack/import':
      return h['pack/import'](msg, s);
    case 'pack/remove':
      return h['pack/remove'](msg, s);
    case 'pack/export':
      return h['pack/export'](msg, s);
    case 'dataset/reset':
      return h['dataset/reset'](msg, s);
  }
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
  const msg = parseMessage(value);
  if (!msg) {
    const type = typeof value === 'object' && value !== null && 'type' in value ? value.type : undefined;
    return refuse(typeof type === 'string' ? `malformed or unknown message "${type.slice(0, 40)}"` : 'not a message (no type)');
  }
  if (!isBackgroundMessage(msg)) return refuse(`"${msg.type}" is not handled by the background`);
  if (from.kind === 'content' && !FROM_CONTENT.has(msg.type)) return refuse(`"${msg.type}" may only be sent from the extension's own pages`);
  try {
    return await dispatch(handlers, msg, { tabId: from.tabId, url: from.url });
  } catch (e) {
    const failed: Result<never> = { ok: false, error: `failed: ${e instanceof Error ? e.message : String(e)}` };
    return failed;
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
