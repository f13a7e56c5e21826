/**
 * One check per message type for the reply a client receives (`parseReply`): a reply enters as
 * `unknown` and leaves as that type's `Reply`, or as `{ ok: false, error }` saying it was unusable.
 * Malformed list items (a claim, a mention) are dropped and the rest kept; a malformed whole is an
 * error. Kept apart from `messages.ts` so the every-page content script, which only receives, does
 * not carry these checks.
 *
 * Longer than most files (about 310 lines) because every reply type's check sits in this one table,
 * next to the record and pack shapes it reads; splitting them would part a type from its check.
 */
import { CLAIM_KINDS } from './claim-kinds.ts';
import type {
  Author,
  Claim,
  ClaimRelation,
  Dataset,
  Incident,
  KeyFigure,
  PrimarySourceNote,
  Publisher,
  RelationType,
  SourceRef,
  StatedAffiliation,
  ThirdPartyItem,
} from './dataset-types.ts';
import type { Findings, Mention, PagePublisher } from './findings.ts';
import { parseChannelPreview, parseChannelProblem, parseSubscriptions } from './channel-subscription.ts';
import type { DatasetInfo, MessageOf, MessageType, PackInfo, PackPreview, RecordView, Reply, ValidationIssue } from './messages.ts';
import { parseOrigins, parsePackOrigin } from './origin.ts';
import type { ExtendedIncident, PackSummary } from './pack-summary.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const optStr = (v: unknown): string | undefined => (isStr(v) ? v : undefined);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | undefined => list.find((x) => x === v);
/** The items of `v` that `parse` accepts; a malformed item is dropped, not the whole list. */
const listOf = <T>(v: unknown, parse: (x: unknown) => T | null): T[] =>
  Array.isArray(v) ? v.map(parse).filter((x): x is T => x !== null) : [];
const strings = (v: unknown): string[] => listOf(v, (x) => (isStr(x) ? x : null));

// --- records/get: the fields a popup or the panel shows, type-checked -------------------------------

const RELATION_TYPES = ['disputes', 'supports', 'alternative-to', 'responds-to'] as const satisfies readonly RelationType[];

function parseSource(v: unknown): SourceRef | null {
  if (!isObj(v) || !isStr(v.title) || !isStr(v.publisher) || !isStr(v.date)) return null;
  return { title: v.title, publisher: v.publisher, date: v.date, author: optStr(v.author), url: optStr(v.url), via: optStr(v.via), lang: optStr(v.lang) };
}

function parsePrimarySource(v: unknown): PrimarySourceNote | undefined {
  return isObj(v) && v.status === 'not-found' && isStr(v.note) ? { status: 'not-found', note: v.note } : undefined;
}

function parseRelation(v: unknown): ClaimRelation | null {
  if (!isObj(v) || !isStr(v.claimId) || !isStr(v.point)) return null;
  const type = oneOf(RELATION_TYPES, v.type);
  return type ? { type, claimId: v.claimId, point: v.point } : null;
}

function parseClaim(v: unknown): Claim | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.date) || !isStr(v.summary) || !isObj(v.claimant) || !isStr(v.claimant.name)) return null;
  const kind = oneOf(CLAIM_KINDS, v.kind);
  const source = parseSource(v.source);
  if (!kind || !source) return null;
  return {
    id: v.id,
    incidentId: optStr(v.incidentId) ?? '',
    kind,
    claimant: { name: v.claimant.name, role: optStr(v.claimant.role) },
    date: v.date,
    summary: v.summary,
    quote: optStr(v.quote),
    source,
    appearances: Array.isArray(v.appearances) ? listOf(v.appearances, parseSource) : undefined,
    primarySource: parsePrimarySource(v.primarySource),
    relations: listOf(v.relations, parseRelation),
  };
}

function parseFigure(v: unknown): KeyFigure | null {
  if (!isObj(v) || !isStr(v.label)) return null;
  const values = listOf(v.values, (x) => (isObj(x) && isStr(x.claimId) && isStr(x.value) ? { claimId: x.claimId, value: x.value } : null));
  return values.length ? { label: v.label, values } : null;
}

function parseIncident(v: unknown): Incident | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.title)) return null;
  return {
    id: v.id,
    title: v.title,
    summary: optStr(v.summary) ?? '',
    date: optStr(v.date) ?? '',
    place: optStr(v.place) ?? '',
    country: optStr(v.country) ?? '',
    // No view shows matching data; it stays with the detection index.
    aliases: [],
    relatedPlaces: [],
    descriptionRules: [],
    keyFigures: listOf(v.keyFigures, parseFigure),
    claimIds: strings(v.claimIds),
    sources: listOf(v.sources, parseSource),
    reviewed: optStr(v.reviewed),
  };
}

function parseAffiliation(v: unknown): StatedAffiliation | null {
  const source = isObj(v) ? parseSource(v.source) : null;
  return isObj(v) && isStr(v.quote) && source ? { quote: v.quote, where: optStr(v.where) ?? '', source } : null;
}

function parseThirdParty(v: unknown): ThirdPartyItem | null {
  const source = isObj(v) ? parseSource(v.source) : null;
  return isObj(v) && isStr(v.text) && source ? { text: v.text, source } : null;
}

function parsePublisher(v: unknown): Publisher | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.name)) return null;
  return {
    id: v.id,
    name: v.name,
    aliases: [],
    domains: strings(v.domains),
    bylines: [],
    statedAffiliation: listOf(v.statedAffiliation, parseAffiliation),
    thirdParty: listOf(v.thirdParty, parseThirdParty),
    authorIds: strings(v.authorIds),
    reviewed: optStr(v.reviewed),
  };
}

function parseAuthor(v: unknown): Author | null {
  const source = isObj(v) ? parseSource(v.source) : null;
  if (!isObj(v) || !isStr(v.id) || !isStr(v.name) || !source) return null;
  return { id: v.id, name: v.name, publisherId: optStr(v.publisherId) ?? '', description: optStr(v.description), source };
}

/**
 * A record view from an untrusted value: null when the record itself is unusable (another kind than
 * asked for, another id, no incident or publisher).
 */
export function parseRecordView(v: unknown, kind: RecordView['kind'], id?: string): RecordView | null {
  if (!isObj(v) || v.kind !== kind) return null;
  const view: RecordView = { kind, claims: listOf(v.claims, parseClaim), authors: listOf(v.authors, parseAuthor) };
  const record = kind === 'incident' ? parseIncident(v.incident) : parsePublisher(v.publisher);
  if (!record || (id !== undefined && record.id !== id)) return null;
  if (kind === 'incident') view.incident = record as Incident;
  else view.publisher = record as Publisher;
  const origins = parseOrigins(v.origins);
  if (Object.keys(origins).length > 0) view.origins = origins;
  return view;
}

// --- findings/get ------------------------------------------------------------------------------------

function parseMention(v: unknown): Mention | null {
  if (!isObj(v)) return null;
  const { markId, kind, id, text, via, confidence, evidence, badged, href } = v;
  if (!isStr(markId) || (kind !== 'incident' && kind !== 'publisher') || !isStr(id) || !isStr(text)) return null;
  if (via !== 'name' && via !== 'description' && via !== 'link' && via !== 'page') return null;
  if (typeof confidence !== 'number' || !Number.isFinite(confidence)) return null;
  const m: Mention = { markId, kind, id, text, via, confidence: Math.min(1, Math.max(0, confidence)), evidence: strings(evidence), badged: badged === true };
  if (isStr(href)) m.href = href;
  return m;
}

function parsePagePublisher(v: unknown): PagePublisher | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.detail)) return null;
  if (v.how !== 'domain' && v.how !== 'byline' && v.how !== 'metadata') return null;
  return { id: v.id, how: v.how, detail: v.detail };
}

const STATES = ['scanning', 'done', 'site-off', 'paused'] as const;
const MODES = ['on', 'off', 'publisher-only'] as const;

/** Findings from a content script; malformed mentions are dropped, a malformed whole is `null`. */
export function parseFindings(v: unknown): Findings | null {
  if (!isObj(v) || !isStr(v.url) || !isStr(v.site) || v.site === '') return null;
  const state = oneOf(STATES, v.state);
  const mode = oneOf(MODES, v.mode);
  if (!state || !mode) return null;
  return { url: v.url, site: v.site, state, mode, publisher: parsePagePublisher(v.publisher), mentions: listOf(v.mentions, parseMention) };
}

// --- dataset/info, pack/*, dataset/reset ---------------------------------------------------------------

const count = (n: unknown): number => (isCount(n) ? n : 0);

function parseExtended(v: unknown): ExtendedIncident | null {
  return isObj(v) && isStr(v.id) && isStr(v.title) && isStr(v.dataset) ? { id: v.id, title: v.title, dataset: v.dataset, claims: count(v.claims) } : null;
}

function parsePackInfo(p: unknown): PackInfo | null {
  if (!isObj(p) || !isStr(p.name) || !isStr(p.contentVersion)) return null;
  return {
    name: p.name,
    contentVersion: p.contentVersion,
    incidents: count(p.incidents),
    claims: count(p.claims),
    publishers: count(p.publishers),
    authors: count(p.authors),
    origin: parsePackOrigin(p.origin) ?? { packId: '', packName: p.name },
    domains: strings(p.domains),
    extends: listOf(p.extends, parseExtended),
  };
}

function parseSummary(v: unknown): PackSummary | null {
  if (!isObj(v) || !isStr(v.name) || !isStr(v.contentVersion) || !isObj(v.counts)) return null;
  const origin = parsePackOrigin(v.origin);
  if (!origin) return null;
  const c = v.counts;
  return {
    name: v.name,
    contentVersion: v.contentVersion,
    origin,
    counts: { incidents: count(c.incidents), claims: count(c.claims), publishers: count(c.publishers), authors: count(c.authors) },
    domains: strings(v.domains),
    extends: listOf(v.extends, parseExtended),
  };
}

/** A preview of a pack not yet written: what it adds, and the loaded pack it would replace. */
export function parsePackPreview(v: unknown): PackPreview | null {
  const summary = parseSummary(v);
  if (!summary || !isObj(v)) return null;
  const replaced = isObj(v.replaces) ? parsePackOrigin(v.replaces) : null;
  return replaced && isObj(v.replaces) && isStr(v.replaces.contentVersion) ? { ...summary, replaces: { ...replaced, contentVersion: v.replaces.contentVersion } } : summary;
}

export function parseDatasetInfo(v: unknown): DatasetInfo | null {
  if (!isObj(v) || !isObj(v.counts) || !Array.isArray(v.packs)) return null;
  const c = v.counts;
  if (!isCount(c.incidents) || !isCount(c.claims) || !isCount(c.publishers) || !isCount(c.authors)) return null;
  const packs = listOf(v.packs, parsePackInfo);
  const info: DatasetInfo = {
    schemaVersion: typeof v.schemaVersion === 'number' ? v.schemaVersion : 0,
    bundledVersion: optStr(v.bundledVersion) ?? '',
    packs,
    counts: { incidents: c.incidents, claims: c.claims, publishers: c.publishers, authors: c.authors },
    loading: v.loading === true,
  };
  if (isStr(v.lastError) && v.lastError) info.lastError = v.lastError;
  return info;
}

/** A refused import's issues; a plain string error (a refusal, a failure to send) becomes one issue for the whole pack. */
function parseIssues(v: unknown): ValidationIssue[] {
  if (!Array.isArray(v)) return [{ path: '', message: isStr(v) ? v : 'unexpected reply' }];
  return v.map((i): ValidationIssue =>
    isObj(i) && isStr(i.path) && isStr(i.message) ? { path: i.path, message: i.message } : { path: '', message: String(isObj(i) ? (i.message ?? '') : i) },
  );
}

const hasIds = (v: unknown): boolean => Array.isArray(v) && v.every((r) => isObj(r) && isStr(r.id));

/**
 * The exported dataset. The background builds it from records that passed the validator, and it is
 * saved as it came (a view-style check would drop the matching data from the download), so the check
 * is of its envelope and of every record being an object with an id, not a second validation.
 */
function parseDataset(v: unknown): Dataset | null {
  if (!isObj(v) || typeof v.schemaVersion !== 'number' || !isStr(v.contentVersion) || !isStr(v.name)) return null;
  return hasIds(v.incidents) && hasIds(v.claims) && hasIds(v.publishers) && hasIds(v.authors) ? (v as unknown as Dataset) : null;
}

// --- channel/* ---------------------------------------------------------------------------------------

const subscriptions = (v: unknown) => (Array.isArray(v) ? parseSubscriptions(v) : BAD);

// --- the table -----------------------------------------------------------------------------------------

type Value<T extends MessageType> = Extract<Reply[T], { ok: true }>['value'];
type Failure<T extends MessageType> = Extract<Reply[T], { ok: false }>['error'];

/** What a check returns for an unusable value (`null` is a valid value for some types). */
const BAD = Symbol('malformed');

interface ReplyCheck<T extends MessageType> {
  value: (v: unknown, msg: MessageOf<T>) => Value<T> | typeof BAD;
  /** The error, as this type carries it: never fails (anything unusable becomes a plain message). */
  error: (e: unknown) => Failure<T>;
}

const textError = (e: unknown): string => (isStr(e) ? e : 'unexpected reply');
const orBad = <V>(v: V | null): V | typeof BAD => (v === null ? BAD : v);
const info = (v: unknown): DatasetInfo | typeof BAD => orBad(parseDatasetInfo(v));

const REPLIES: { [T in MessageType]: ReplyCheck<T> } = {
  'records/get': { value: (v, msg) => orBad(parseRecordView(v, msg.kind, msg.id)), error: textError },
  'tab/marks': { value: (v) => (v === null ? null : BAD), error: textError },
  'dataset/info': { value: info, error: textError },
  'pack/preview': { value: (v) => orBad(parsePackPreview(v)), error: parseIssues },
  'pack/import': { value: info, error: parseIssues },
  'pack/remove': { value: info, error: textError },
  'pack/export': { value: (v) => orBad(parseDataset(v)), error: textError },
  'dataset/reset': { value: info, error: textError },
  'channel/list': { value: subscriptions, error: textError },
  'channel/preview': { value: (v) => orBad(parseChannelPreview(v)), error: parseChannelProblem },
  'channel/subscribe': { value: subscriptions, error: parseChannelProblem },
  'channel/update': { value: subscriptions, error: textError },
  'channel/unsubscribe': { value: subscriptions, error: textError },
  'findings/get': { value: (v) => orBad(parseFindings(v)), error: textError },
  'findings/reveal': { value: (v) => (typeof v === 'boolean' ? v : BAD), error: textError },
};

/** The reply `msg`'s type carries for an error described by `message` (a send that failed, say). */
export function failedReply<T extends MessageType>(msg: MessageOf<T>, message: string): Reply[T] {
  const check = REPLIES[msg.type as T] as ReplyCheck<T>;
  return { ok: false, error: check.error(message) } as Reply[T];
}

/** `raw`, checked as the reply to `msg`; an unusable reply becomes `{ ok: false, error }`. */
export function parseReply<T extends MessageType>(msg: MessageOf<T>, raw: unknown): Reply[T] {
  // One table lookup by the message's own type: TypeScript cannot tie the two together itself.
  const check = REPLIES[msg.type as T] as ReplyCheck<T>;
  if (raw === undefined) return failedReply(msg, 'no reply');
  if (!isObj(raw) || typeof raw.ok !== 'boolean') return failedReply(msg, 'malformed reply');
  if (!raw.ok) return { ok: false, error: check.error(raw.error) } as Reply[T];
  const value = check.value(raw.value, msg);
  return value === BAD ? failedReply(msg, `malformed reply to "${msg.type}"`) : ({ ok: true, value } as Reply[T]);
}
