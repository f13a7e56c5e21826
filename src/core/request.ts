/**
 * The one way a client asks something of another part of the extension. The caller passes the
 * browser's send function (`runtime.sendMessage`, or `tabs.sendMessage` bound to a tab), so `core`
 * stays free of extension APIs and tests pass a plain function.
 */
import type { MessageOf, MessageType, Reply } from './messages.ts';
import { failedReply, parseReply } from './replies.ts';

/** Sends one message and resolves with whatever came back. */
export type Send = (message: unknown) => Promise<unknown>;

/**
 * Sends `msg` and resolves with its reply, checked for its type. Never rejects: a receiver that is
 * not there (a tab without our content script, a background being restarted) or a reply that is not
 * usable becomes `{ ok: false, error }`.
 */
// `& { type: T }` lets TypeScript read T from the message literal; `MessageOf<T>` alone would not.
export async function request<T extends MessageType>(send: Send, msg: MessageOf<T> & { type: T }): Promise<Reply[T]> {
  let raw: unknown;
  try {
    raw = await send(msg);
  } catch (e) {
    return failedReply<T>(msg, e instanceof Error ? e.message : String(e));
  }
  return parseReply<T>(msg, raw);
}
