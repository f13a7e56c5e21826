/**
 * The records behind a badge: asked of the background (`records/get`), checked, cached for the life
 * of the page. The worker may be asleep or still writing the dataset when a reader clicks, so a failed
 * ask is retried a few times with growing pauses before the popup shows an error.
 */
import type { RecordView } from '../../core/messages.ts';
import type {
  Author,
  Claim,
  ClaimKind,
  ClaimRelation,
  Incident,
  KeyFigure,
  PrimarySourceNote,
  Publisher,
  RecordKind,
  RelationType,
  SourceRef,
  StatedAffiliation,
  ThirdPartyItem,
} from '../../core/dataset-types.ts';
import { ext } from '../ext.ts';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const optStr = (v: unknown): string | undefined => (isStr(v) ? v : undefined);
/** The items of `v` that `parse` accepts; a malformed item is dropped, not the whole record. */
const listOf = <T>(v: unknown, parse: (x: unknown) => T | null): T[] =>
  Array.isArray(v) ? v.map(parse).filter((x): x is T => x !== null) : [];

const CLAIM_KINDS: readonly ClaimKind[] = ['official', 'responsibility', 'doubt', 'alternative', 'context'];
const RELATION_TYPES: readonly RelationType[] = ['disputes', 'supports', 'alternative-to', 'responds-to'];

function parseSource(v: unknown): SourceRef | null {
  if (!isObj(v) || !isStr(v.title) || !isStr(v.publisher) || !isStr(v.date)) return null;
  return { title: v.title, publisher: v.publisher, date: v.date, author: optStr(v.author), url: optStr(v.url), via: optStr(v.via), lang: optStr(v.lang) };
}

function parsePrimarySource(v: unknown): PrimarySourceNote | undefined {
  return isObj(v) && v.status === 'not-found' && isStr(v.note) ? { status: 'not-found', note: v.note } : undefined;
}

function parseRelation(v: unknown): ClaimRelation | null {
  if (!isObj(v) || !isStr(v.claimId) || !isStr(v.point)) return null;
  const type = RELATION_TYPES.find((r) => r === v.type);
  return type ? { type, claimId: v.claimId, point: v.point } : null;
}

function parseClaim(v: unknown): Claim | null {
  if (!isObj(v) || !isStr(v.id) || !isStr(v.date) || !isStr(v.summary) || !isObj(v.claimant) || !isStr(v.claimant.name)) return null;
  const kind = CLAIM_KINDS.find((k) => k === v.kind);
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
    appearances: listOf(v.appearances, parseSource),
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
    // The popup does not show matching data; it stays with the detection index.
    aliases: [],
    relatedPlaces: [],
    descriptionRules: [],
    keyFigures: listOf(v.keyFigures, parseFigure),
    claimIds: listOf(v.claimIds, (x) => (isStr(x) ? x : null)),
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
    domains: listOf(v.domains, (x) => (isStr(x) ? x : null)),
    bylines: [],
    statedAffiliation: listOf(v.statedAffiliation, parseAffiliation),
    thirdParty: listOf(v.thirdParty, parseThirdParty),
    authorIds: listOf(v.authorIds, (x) => (isStr(x) ? x : null)),
    reviewed: optStr(v.reviewed),
  };
}

function parseAuthor(v: unknown): Author | null {
  const source = isObj(v) ? parseSource(v.source) : null;
  if (!isObj(v) || !isStr(v.id) || !isStr(v.name) || !source) return null;
  return { id: v.id, name: v.name, publisherId: optStr(v.publisherId) ?? '', description: optStr(v.description), source };
}

/**
 * A RecordView from an untrusted reply value: the fields the popup reads, type-checked; malformed
 * list items are dropped. Null when the record itself is unusable (wrong kind, no incident/publisher).
 */
export function parseRecordView(v: unknown, kind: RecordKind): RecordView | null {
  if (!isObj(v) || v.kind !== kind) return null;
  const view: RecordView = { kind, claims: listOf(v.claims, parseClaim), authors: listOf(v.authors, parseAuthor) };
  if (kind === 'incident') {
    const incident = parseIncident(v.incident);
    if (!incident) return null;
    view.incident = incident;
  } else {
    const publisher = parsePublisher(v.publisher);
    if (!publisher) return null;
    view.publisher = publisher;
  }
  return view;
}

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

/** One ask; throws with a short reason when there is no usable answer. */
async function askOnce(kind: RecordKind, id: string): Promise<RecordView> {
  // The browser's own object, as the content script reads storage: both browsers return a promise here.
  const api = ext();
  if (!api) throw new Error('no extension context');
  const reply: unknown = await api.runtime.sendMessage({ type: 'records/get', kind, id });
  if (!isObj(reply) || typeof reply.ok !== 'boolean') throw new Error('no reply');
  if (!reply.ok) throw new Error(isStr(reply.error) ? reply.error : 'error');
  const view = parseRecordView(reply.value, kind);
  if (!view) throw new Error('malformed record');
  return view;
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
