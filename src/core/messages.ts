/**
 * Every message between the extension's parts: one union of requests and a map from type to reply.
 * Receivers are typed with their slice of `Handlers`, so a forgotten handler does not compile, and
 * check each message with `parseMessage` (shape) after checking the sender (this extension only).
 */
import type { Author, Claim, Dataset, Incident, Publisher, RecordKind } from '../data/schema-types.ts';
import type { Findings } from './findings.ts';
import type { Result } from './result.ts';

/** What a popup needs to show one badge's record. */
export interface RecordView {
  kind: RecordKind;
  incident?: Incident;
  /** For an incident: its claims in display order. */
  claims: Claim[];
  publisher?: Publisher;
  authors: Author[];
}

export interface DatasetInfo {
  schemaVersion: number;
  bundledVersion: string;
  packs: { name: string; contentVersion: string; incidents: number; claims: number; publishers: number }[];
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

export type Message =
  /** Content script, panel → background: the records behind a badge. */
  | { type: 'records/get'; kind: RecordKind; id: string }
  /** Content script → background: how many marks this tab has (only sent when there are some). */
  | { type: 'tab/marks'; count: number }
  /** Options, panel → background. */
  | { type: 'dataset/info' }
  | { type: 'pack/import'; json: string }
  | { type: 'pack/remove'; name: string }
  | { type: 'pack/export' }
  | { type: 'dataset/reset' }
  /** Panel → content script (tabs.sendMessage). */
  | { type: 'findings/get' }
  | { type: 'findings/reveal'; markId: string };

export type Reply = {
  'records/get': Result<RecordView>;
  'tab/marks': Result<null>;
  'dataset/info': Result<DatasetInfo>;
  'pack/import': Result<DatasetInfo, ValidationIssue[]>;
  'pack/remove': Result<DatasetInfo>;
  'pack/export': Result<Dataset>;
  'dataset/reset': Result<DatasetInfo>;
  'findings/get': Result<Findings>;
  'findings/reveal': Result<boolean>;
};

export type MessageType = Message['type'];

export type Handlers = {
  [T in MessageType]: (msg: Extract<Message, { type: T }>, sender: { tabId?: number; url?: string }) => Promise<Reply[T]>;
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string => typeof v === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(v) && v.length <= 120;

/** Largest pack accepted through a message (characters of JSON). */
export const MAX_PACK_CHARS = 64 * 1024 * 1024;

/**
 * The message, if `value` is one of ours with the right shape; `null` otherwise (unknown type,
 * missing or wrong field, extra junk in a field we read).
 */
export function parseMessage(value: unknown): Message | null {
  if (!isObj(value) || typeof value.type !== 'string') return null;
  switch (value.type) {
    case 'records/get':
      return (value.kind === 'incident' || value.kind === 'publisher') && isId(value.id)
        ? { type: value.type, kind: value.kind, id: value.id }
        : null;
    case 'tab/marks':
      return typeof value.count === 'number' && Number.isInteger(value.count) && value.count >= 0 && value.count < 1e6
        ? { type: value.type, count: value.count }
        : null;
    case 'dataset/info':
    case 'pack/export':
    case 'dataset/reset':
    case 'findings/get':
      return { type: value.type };
    case 'pack/import':
      return typeof value.json === 'string' && value.json.length <= MAX_PACK_CHARS ? { type: value.type, json: value.json } : null;
    case 'pack/remove':
      return typeof value.name === 'string' && value.name.length > 0 && value.name.length <= 200
        ? { type: value.type, name: value.name }
        : null;
    case 'findings/reveal':
      return typeof value.markId === 'string' && value.markId.length <= 64 ? { type: value.type, markId: value.markId } : null;
    default:
      return null;
  }
}
