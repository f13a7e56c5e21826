/**
 * Every message between the extension's parts: one union of requests, a map from type to reply, and
 * one table (`ROUTES`) saying for each type who answers it, who may send it and how it is read from
 * `unknown`. The background's router and the content script's listener are both built from that
 * table, so a new message type is one union member, one `Reply` entry, one `ROUTES` entry, one reply
 * check (`replies.ts`) and its handler; a forgotten one does not compile.
 *
 * Receivers are typed with their slice of `Handlers`; clients send through `request` (request.ts),
 * which checks every reply before the caller sees it.
 */
import type { ChannelManifest, ChannelScope } from './channel-manifest.ts';
import type { CheckFailure, Subscription } from './channel-subscription.ts';
import type { Author, Claim, Dataset, Incident, Publisher, RecordKind } from './dataset-types.ts';
import type { Findings } from './findings.ts';
import type { OriginKey, PackOrigin } from './origin.ts';
import type { ExtendedIncident, PackSummary } from './pack-summary.ts';
import { err, ok, type Result } from './result.ts';

/** What a popup needs to show one badge's record. */
export interface RecordView {
  kind: RecordKind;
  incident?: Incident;
  /** For an incident: its claims in display order. */
  claims: Claim[];
  publisher?: Publisher;
  authors: Author[];
  /**
   * The pack each record in the view comes from (`originKey(kind, id)`: the incident or publisher,
   * each claim, each author), for every record that is not bundled. Absent or missing a key: bundled.
   */
  origins?: Partial<Record<OriginKey, PackOrigin>>;
}

/** A loaded pack, as the options page lists it. */
export interface PackInfo {
  name: string;
  contentVersion: string;
  incidents: number;
  claims: number;
  publishers: number;
  authors: number;
  origin: PackOrigin;
  /** Hosts it labels (normal form), each with its subdomains. */
  domains: string[];
  /** Incidents of other datasets it adds claims to. */
  extends: ExtendedIncident[];
}

/** A pack that passed the checks and is not yet written: what the reader is asked to confirm. */
export interface PackPreview extends PackSummary {
  /** The loaded pack it would replace (same pack id: an earlier or other version). */
  replaces?: PackOrigin & { contentVersion: string };
}

export interface DatasetInfo {
  schemaVersion: number;
  bundledVersion: string;
  packs: PackInfo[];
  counts: { incidents: number; claims: number; publishers: number; authors: number };
  /** Set while the dataset is being written (first install, update, pack import). */
  loading: boolean;
  /** The last load error, if any (the previous data stays in place). */
  lastError?: string;
}

/** A problem found when validating a dataset or pack: `claims[3].source.url: must be an http(s) URL`. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** What the options page shows of a channel before the reader subscribes: all from its verified manifest. */
export type ChannelPreview = Pick<ChannelManifest, 'channel' | 'curator' | 'pack' | 'issued' | 'expires' | 'scope'> & {
  manifestUrl: string;
  origin: string;
  /** SHA-256 of the curator's public key, hex. */
  fingerprint: string;
};

/** Why a channel could not be previewed or subscribed to. */
export interface ChannelProblem {
  code: CheckFailure;
  message: string;
  issues: ValidationIssue[];
}

export type Message =
  /** Content script, panel → background: the records behind a badge. */
  | { type: 'records/get'; kind: RecordKind; id: string }
  /** Content script → background: how many marks this tab has (only sent when there are some). */
  | { type: 'tab/marks'; count: number }
  /** Options, panel → background. */
  | { type: 'dataset/info' }
  /** Check a pack and say what it would add, writing nothing. */
  | { type: 'pack/preview'; json: string }
  | { type: 'pack/import'; json: string }
  | { type: 'pack/remove'; name: string }
  | { type: 'pack/export' }
  | { type: 'dataset/reset' }
  /** Options → background: curator channels (see background/channels.ts). */
  | { type: 'channel/list' }
  | { type: 'channel/preview'; link: string }
  | { type: 'channel/subscribe'; link: string; scope: ChannelScope }
  | { type: 'channel/update'; channel: string }
  | { type: 'channel/unsubscribe'; channel: string }
  /** Panel → content script (tabs.sendMessage). */
  | { type: 'findings/get' }
  | { type: 'findings/reveal'; markId: string };

export type Reply = {
  'records/get': Result<RecordView>;
  'tab/marks': Result<null>;
  'dataset/info': Result<DatasetInfo>;
  'pack/preview': Result<PackPreview, ValidationIssue[]>;
  'pack/import': Result<DatasetInfo, ValidationIssue[]>;
  'pack/remove': Result<DatasetInfo>;
  'pack/export': Result<Dataset>;
  'dataset/reset': Result<DatasetInfo>;
  'channel/list': Result<Subscription[]>;
  'channel/preview': Result<ChannelPreview, ChannelProblem>;
  'channel/subscribe': Result<Subscription[], ChannelProblem>;
  'channel/update': Result<Subscription[]>;
  'channel/unsubscribe': Result<Subscription[]>;
  'findings/get': Result<Findings>;
  'findings/reveal': Result<boolean>;
};

export type MessageType = Message['type'];
export type MessageOf<T extends MessageType> = Extract<Message, { type: T }>;

/** What a receiver knows of the sender: its tab (content scripts) and its URL. */
export interface SenderInfo {
  tabId?: number;
  url?: string;
}

export type Handlers = {
  [T in MessageType]: (msg: MessageOf<T>, sender: SenderInfo) => Promise<Reply[T]>;
};

/** Who sends: one of the extension's own pages (panel, options), or a content script in a tab. */
export type Sender = 'page' | 'content';
/** Who answers: the background, or the content script of the tab the message is sent to. */
export type Receiver = 'background' | 'content';

type Obj = Record<string, unknown>;

interface Route<T extends MessageType> {
  to: Receiver;
  from: readonly Sender[];
  /** The message, from an object whose `type` is T; or why it is refused. */
  parse: (v: Obj & { type: T }) => MessageOf<T> | string;
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) && v.length <= 120;
const malformed = (type: string): string => `malformed or unknown message "${type.slice(0, 40)}"`;
const bare = <T extends MessageType>(v: { type: T }): { type: T } => ({ type: v.type });
const isLink = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 4000;
const isIdList = (v: unknown, max: number): v is string[] => Array.isArray(v) && v.length <= max && v.every((s) => typeof s === 'string' && s.length <= 253);
/** The scope the reader was shown; the background checks the manifest against it. */
const isScope = (v: unknown): v is ChannelScope => isObj(v) && isIdList(v.domains, 20_000) && isIdList(v.incidentIds, 5_000);

/**
 * Each type's route. A content script may ask for records and report its mark count; changing or
 * reading out the dataset is kept to extension pages, so a compromised page renderer cannot import or
 * remove packs through our content script. Only extension pages (the panel) talk to content scripts.
 */
export const ROUTES = {
  'records/get': {
    to: 'background',
    from: ['content', 'page'],
    parse: (v) => ((v.kind === 'incident' || v.kind === 'publisher') && isId(v.id) ? { type: v.type, kind: v.kind, id: v.id } : malformed(v.type)),
  },
  'tab/marks': {
    to: 'background',
    from: ['content'],
    parse: (v) =>
      typeof v.count === 'number' && Number.isInteger(v.count) && v.count >= 0 && v.count < 1e6 ? { type: v.type, count: v.count } : malformed(v.type),
  },
  'dataset/info': { to: 'background', from: ['page'], parse: bare },
  'pack/preview': {
    to: 'background',
    from: ['page'],
    parse: (v) => (typeof v.json === 'string' ? { type: v.type, json: v.json } : malformed(v.type)),
  },
  'pack/import': {
    to: 'background',
    from: ['page'],
    // The pack's size is checked by its parser (`parsePackJson`, first thing, as sent: see
    // pack-size.ts) rather than here: this table is in the script every page loads.
    parse: (v) => (typeof v.json === 'string' ? { type: v.type, json: v.json } : malformed(v.type)),
  },
  'pack/remove': {
    to: 'background',
    from: ['page'],
    parse: (v) => (typeof v.name === 'string' && v.name.length > 0 && v.name.length <= 200 ? { type: v.type, name: v.name } : malformed(v.type)),
  },
  'pack/export': { to: 'background', from: ['page'], parse: bare },
  'dataset/reset': { to: 'background', from: ['page'], parse: bare },
  'channel/list': { to: 'background', from: ['page'], parse: bare },
  'channel/preview': { to: 'background', from: ['page'], parse: (v) => (isLink(v.link) ? { type: v.type, link: v.link } : malformed(v.type)) },
  'channel/subscribe': {
    to: 'background',
    from: ['page'],
    parse: (v) =>
      isLink(v.link) && isScope(v.scope)
        ? { type: v.type, link: v.link, scope: { domains: [...v.scope.domains], incidentIds: [...v.scope.incidentIds] } }
        : malformed(v.type),
  },
  'channel/update': { to: 'background', from: ['page'], parse: (v) => (isId(v.channel) ? { type: v.type, channel: v.channel } : malformed(v.type)) },
  'channel/unsubscribe': { to: 'background', from: ['page'], parse: (v) => (isId(v.channel) ? { type: v.type, channel: v.channel } : malformed(v.type)) },
  'findings/get': { to: 'content', from: ['page'], parse: bare },
  'findings/reveal': {
    to: 'content',
    from: ['page'],
    parse: (v) => (typeof v.markId === 'string' && v.markId.length <= 64 ? { type: v.type, markId: v.markId } : malformed(v.type)),
  },
} as const satisfies { [T in MessageType]: Route<T> };

/** The message types `receiver` answers. */
export type TypesFor<R extends Receiver> = { [T in MessageType]: (typeof ROUTES)[T]['to'] extends R ? T : never }[MessageType];
export type BackgroundType = TypesFor<'background'>;
export type ContentType = TypesFor<'content'>;
export type BackgroundHandlers = Pick<Handlers, BackgroundType>;
/** The content script's receiver: what the panel asks of the page it describes. */
export type ContentHandlers = Pick<Handlers, ContentType>;

/** The table with each entry's type widened, for reading a route by a type known only at run time. */
const ROUTE_TABLE = ROUTES as Readonly<Record<string, Route<MessageType>>>;

/** The message and its route, or why `value` is not one of ours (unknown type, a missing or wrong field). */
function read(value: unknown): { msg: Message; route: Route<MessageType> } | string {
  if (!isObj(value) || typeof value.type !== 'string') return 'not a message (no type)';
  const route = Object.hasOwn(ROUTE_TABLE, value.type) ? ROUTE_TABLE[value.type] : undefined;
  if (!route) return malformed(value.type);
  const msg = route.parse(value as Obj & { type: MessageType });
  return typeof msg === 'string' ? msg : { msg, route };
}

/** The message, if `value` is one of ours with the right shape; `null` otherwise. */
export function parseMessage(value: unknown): Message | null {
  const r = read(value);
  return typeof r === 'string' ? null : r.msg;
}

/**
 * The message, if `value` is well formed, answered by `at` and may come from `from`; otherwise the
 * reason it is refused. The one gate both receivers use (after checking that the sender is this
 * extension).
 */
export function admit<R extends Receiver>(value: unknown, from: Sender, at: R): Result<MessageOf<TypesFor<R>>, string> {
  const r = read(value);
  if (typeof r === 'string') return err(r);
  const { msg, route } = r;
  if (route.to !== at) return err(`"${msg.type}" is not handled by the ${at === 'content' ? 'content script' : at}`);
  // There are two kinds of sender, so a type refused to one may only come from the other.
  if (!route.from.includes(from)) return err(`"${msg.type}" may only be sent from ${from === 'content' ? "the extension's own pages" : 'content scripts'}`);
  // The route says `at` answers this type, which is what TypesFor<R> means.
  return ok(msg as MessageOf<TypesFor<R>>);
}

/** Calls the handler for `msg`'s type. */
export function callHandler<T extends MessageType>(handlers: Pick<Handlers, T>, msg: MessageOf<T>, sender: SenderInfo): Promise<Reply[T]> {
  // TypeScript cannot tie a message of a union type to the handler of that same type; the table
  // lookup by the message's own type is what does.
  const handler = handlers[msg.type as T] as (m: MessageOf<T>, s: SenderInfo) => Promise<Reply[T]>;
  return handler(msg, sender);
}

/** The reply to a message whose handler threw (a bug): the error's message, never a rejection. */
export const handlerFailed = (e: unknown): Result<never> => err(`failed: ${e instanceof Error ? e.message : String(e)}`);

/**
 * The content script's `runtime.onMessage` listener, given its handlers and this extension's id:
 * answers (through `sendResponse`) a well-formed message from this extension that the content script
 * handles, and returns true, which keeps the channel open for the answer. Anything else gets no
 * answer (`undefined`), as if the content script were not there. Only extension pages and the
 * background can message a content script (`tabs.sendMessage`), so an accepted sender is a page.
 */
export function handleContentMessage(
  handlers: ContentHandlers,
  raw: unknown,
  sender: { id?: string; url?: string },
  extensionId: string | undefined,
  sendResponse: (reply: unknown) => void,
): true | undefined {
  if (extensionId === undefined || sender.id !== extensionId) return undefined;
  const admitted = admit(raw, 'page', 'content');
  if (!admitted.ok) return undefined;
  callHandler(handlers, admitted.value, sender.url !== undefined ? { url: sender.url } : {}).then(sendResponse, (e: unknown) => sendResponse(handlerFailed(e)));
  return true;
}
