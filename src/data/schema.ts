/**
 * The dataset schema at run time: `validateDataset` turns `unknown` (the bundled JSON, an imported
 * pack) into a `Dataset` or lists every problem with its path (`claims[3].source.url: must be an
 * http(s) URL`). `parsePackJson` does the same from a pack file's text. The types are in
 * `core/dataset-types.ts`, the rules for pack authors in `README.md`; field-level checks live in
 * `schema-fields.ts`.
 *
 * A quick first pass collects the pack's ids, so that the full pass can resolve every reference
 * (forward ones too) against this pack and the datasets already loaded as it meets it. Both passes
 * are linear in the pack's size: a 28 MB pack of 1,000 incidents and 20,000 publishers takes a few
 * hundred milliseconds.
 *
 * Each record's shape is a table declared against its type (`shapeOf<Claim>({ … })`): a field added
 * to a type in `core/dataset-types.ts` does not compile until it has a check here, and a check must be
 * for the field's type. The checks are our own rather than a schema library's: valibot, tried on the
 * big pack, took about 1.5 times as long for the field shapes alone as this whole validator (it copies
 * every object and list it checks), reported only the first unknown field of an object, and would put
 * about 8 KB into the background script.
 *
 * Longer than most files (about 770 lines) because the shapes of all records sit together as one
 * readable table next to the reference checks they feed; the generic field checks are apart.
 */
import type { ValidationIssue } from '../core/messages.ts';
import { normalizeHost } from '../core/hostname.ts';
import { SEP, foldCode, foldText } from '../core/normalize.ts';
import { packTextProblem } from '../core/pack-size.ts';
import { err, ok, type Result } from '../core/result.ts';
import { aliasWordsProblem, bylineFoldedProblem } from './distinctive.ts';
import { engineReason, findJsonErrorOffset, lineAndColumn } from './json-error.ts';
import { publisherDomainProblem } from './publisher-domains.ts';
import {
  IssueList,
  LIMITS,
  checkArray,
  checkBoolean,
  checkDate,
  checkEnum,
  checkHostname,
  checkId,
  checkLang,
  checkShape,
  checkString,
  checkUrl,
  defineShape,
  describe,
  fieldCheck,
  isPlainObject,
  isRealDate,
  optional,
  pathOf,
  quoteShort,
  valuesOf,
  type FieldCheck,
  type Fields,
  type Shape,
} from './schema-fields.ts';
import {
  OLDEST_SCHEMA_VERSION,
  SCHEMA_VERSION,
  type Alias,
  type Author,
  type Curator,
  type PackIdentity,
  type Claim,
  type ClaimKind,
  type ClaimRelation,
  type Concept,
  type Dataset,
  type DescriptionRule,
  type Incident,
  type KeyFigure,
  type PrimarySourceNote,
  type Publisher,
  type RelationType,
  type RulePin,
  type SourceRef,
  type StatedAffiliation,
  type ThirdPartyItem,
} from '../core/dataset-types.ts';

/**
 * Size limits: far above any real pack, low enough that a broken or hostile file cannot stall the
 * extension. The limit on the whole file is `MAX_PACK_BYTES` (core/pack-size.ts).
 */
export const PACK_LIMITS = {
  incidents: 5_000,
  claims: 100_000,
  publishers: 100_000,
  authors: 200_000,
  aliases: 50,
  relatedPlaces: 100,
  descriptionRules: 20,
  ruleGroups: 20,
  terms: 100,
  pins: 50,
  exclude: 200,
  keyFigures: 50,
  keyFigureValues: 50,
  claimIds: 1_000,
  sources: 200,
  relations: 100,
  domains: 50,
  bylines: 20,
  statedAffiliation: 20,
  thirdParty: 200,
  authorIds: 5_000,
  appearances: 50,
  concepts: 5_000,
  /** Terms of one concept in one language. */
  conceptTerms: 300,
  conceptLanguages: 100,
  context: 10,
} as const;

/** Aliases shorter than this would mark ordinary words all over the web. */
export const MIN_ALIAS_CHARS = 3;
/** A word beginning (`напад*`) needs this many letters before the `*` to mean anything. */
export const MIN_PREFIX_CHARS = 3;

const CLAIM_KINDS = valuesOf<ClaimKind>({ official: true, responsibility: true, doubt: true, alternative: true, context: true });
const RELATION_TYPES = valuesOf<RelationType>({ disputes: true, supports: true, 'alternative-to': true, 'responds-to': true });
const PRIMARY_SOURCE_STATUSES = valuesOf<PrimarySourceNote['status']>({ 'not-found': true });
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CONTENT_VERSION = /^(\d{4})\.(\d{2})\.(\d{2})(?:-([1-9]\d{0,3}))?$/;

type RefKind = 'incident' | 'claim' | 'publisher' | 'author' | 'concept';
interface RecordOf {
  incident: Incident;
  claim: Claim;
  publisher: Publisher;
  author: Author;
  concept: Concept;
}
const PLURAL: Record<RefKind, 'incidents' | 'claims' | 'publishers' | 'authors' | 'concepts'> = {
  incident: 'incidents',
  claim: 'claims',
  publisher: 'publishers',
  author: 'authors',
  concept: 'concepts',
};
/** Schema version 3 added concepts, `@concept` and `<min-max>` in terms, ambiguous aliases and pins with `near`. */
const CONCEPTS_SINCE = 3;

/** State of one validation run. */
interface Ctx {
  list: IssueList;
  known: Known;
  /** Ids this pack defines (found before the full check, so references can resolve forward): id → first index. */
  defined: Record<RefKind, Map<string, number>>;
  /** Pack claims: id → the incident they say they are about. */
  claimIncident: Map<string, string>;
  /** Pack incidents: id → the claim ids they list. */
  incidentClaims: Map<string, Set<string>>;
  /** Pack authors: id → their publisher. */
  authorPublisher: Map<string, string>;
  /** Pack hostnames, in normal form: hostname → where it is first given, and by which publisher. */
  domains: Map<string, { base: string; key: number; written: string; publisher: string }>;
  /** Id of the record being checked (for references back to it), '' when its id is broken. */
  current: string;
  /** The kind of the record list being checked. */
  kind: RefKind;
  /** This pack's aliases and bylines, folded, kept to compare with the loaded datasets' (none loaded: not kept). */
  names: { kind: 'incident' | 'publisher'; id: string; folded: string; base: string; key: string | number; text: string }[];
  /** The pack's schema version (the current one when it gives none), for the fields added since. */
  version: number;
}

// --- field checks, composed into shapes ---------------------------------------------------------
// Each shape is declared against its type in core/dataset-types.ts (`shapeOf<SourceRef>`): a field added
// to a type does not compile until its check is added here, and each check's type must match.

/** A check that passes only values of type `V`. */
const check = <V>(fn: (c: Ctx, v: unknown, b: string, k: string | number) => void): FieldCheck<Ctx, V> => fieldCheck<Ctx, V>(fn);
const shapeOf = <T = never>(fields: NoInfer<Fields<Ctx, T>>): Shape<Ctx, T> => defineShape<Ctx, T>(fields);

const line = (max: number) => check<string>((c, v, b, k) => checkString(c.list, v, b, k, max, 'line'));
const text = (max: number) => check<string>((c, v, b, k) => checkString(c.list, v, b, k, max, 'text'));
const date = check<string>((c, v, b, k) => checkDate(c.list, v, b, k));
const url = check<string>((c, v, b, k) => checkUrl(c.list, v, b, k));
const bool = check<boolean>((c, v, b, k) => checkBoolean(c.list, v, b, k));
const oneOf = <T extends string>(allowed: readonly T[]) => check<T>((c, v, b, k) => checkEnum(c.list, v, b, k, allowed));
const ref = (kind: RefKind) =>
  check<string>((c, v, b, k) => {
    if (checkId(c.list, v, b, k)) resolveRef(c, kind, v, b, k);
  });
const listOf = <V>(max: number, item: FieldCheck<Ctx, V>, min = 0) =>
  check<V[]>((c, v, b, k) => {
    const arr = checkArray(c.list, v, b, k, max, min);
    if (!arr) return;
    const p = pathOf(b, k);
    for (let i = 0; i < arr.length; i++) item(c, arr[i], p, i);
  });
const shape = <T>(s: Shape<Ctx, T>) =>
  check<T>((c, v, b, k) => {
    checkShape(c, v, b, k, s);
  });
/** For fields checked elsewhere (ids by checkRecords, minPins with its rule, the schema version first of all). */
const checkedElsewhere = <V>() => check<V>(() => undefined);
/**
 * A field added in schema version `version`: a pack that declares an older version may not use it,
 * since an extension of that version would refuse the pack as having an unknown field.
 */
const since = <V>(version: number, inner: FieldCheck<Ctx, V>) =>
  check<V>((c, v, b, k) => {
    if (c.version < version) c.list.add(b, k, `added in schema version ${version}, but the pack declares version ${c.version}: set "schemaVersion" to ${version}`);
    inner(c, v, b, k);
  });

const source = shape(
  shapeOf<SourceRef>({
    title: line(LIMITS.title),
    publisher: line(LIMITS.name),
    author: optional(line(LIMITS.name)),
    date,
    url: optional(url),
    via: optional(line(LIMITS.name)),
    lang: optional(since(2, check<string>((c, v, b, k) => checkLang(c.list, v, b, k)))),
  }),
);

/** Alias text as the matcher sees it (folded letters and digits); too little would mark ordinary words. */
const aliasText = check<string>((c, v, b, k) => {
  if (!checkString(c.list, v, b, k, LIMITS.name)) return;
  const letters = countWordChars(v);
  if (letters === 0) c.list.add(b, k, 'has no letters or digits, so it could never match');
  else if (letters < MIN_ALIAS_CHARS) c.list.add(b, k, `too short to match safely: aliases need at least ${MIN_ALIAS_CHARS} letters or digits`);
});
const ALIAS = shapeOf<Alias>({
  text: aliasText,
  lang: check<string>((c, v, b, k) => checkLang(c.list, v, b, k)),
  inflect: optional(bool),
  caseSensitive: optional(bool),
  ambiguous: optional(since(CONCEPTS_SINCE, bool)),
  context: optional(since(CONCEPTS_SINCE, listOf(PACK_LIMITS.context, ref('concept'), 1))),
});
/** An alias's shape, and an ambiguous one names the context it needs (and only then). */
const alias = (c: Ctx, v: unknown, b: string, k: number): string | null => {
  const path = checkShape(c, v, b, k, ALIAS);
  if (path === null || !isPlainObject(v)) return path;
  if (v.ambiguous === true && !Array.isArray(v.context)) c.list.add(path, 'context', 'an ambiguous alias needs the concepts that must be near it: give "context"');
  if (v.ambiguous !== true && Object.hasOwn(v, 'context')) c.list.add(path, 'context', 'only an ambiguous alias has a context: set "ambiguous": true or leave "context" out');
  return path;
};

/** A list of aliases, each shaped and long enough, none repeated within the record. */
const aliases = check<Alias[]>((c, v, b, k) => {
  const arr = checkArray(c.list, v, b, k, PACK_LIMITS.aliases);
  if (!arr) return;
  const p = pathOf(b, k);
  // A list, not a Map: records have a handful of aliases, and there are tens of thousands of records.
  const seen: string[] = [];
  for (let i = 0; i < arr.length; i++) {
    const a: unknown = arr[i];
    const path = alias(c, a, p, i);
    const text = path !== null && isPlainObject(a) && typeof a.text === 'string' ? a.text.trim().toLowerCase() : '';
    const first = text === '' ? -1 : seen.indexOf(text);
    if (path !== null && first !== -1) c.list.add(path, 'text', `repeats ${p}[${first}].text`);
    else if (path !== null && isPlainObject(a) && typeof a.text === 'string' && typeof a.lang === 'string') {
      // Folded once, for the distinctiveness rules and for the check against the loaded datasets' names.
      const folded = foldText(a.text);
      const vague = aliasWordsProblem(folded === '' ? [] : folded.split(' '), a.lang, a.caseSensitive === true);
      if (vague !== null) c.list.add(path, 'text', vague);
      noteName(c, folded, path, 'text', a.text);
    }
    seen.push(text);
  }
});

/** Letters and digits of `s` after folding, the way the matcher counts them. */
function countWordChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (foldCode(s.charCodeAt(i)) > SEP) n++;
  return n;
}

/**
 * A description-rule term: a word or a few words (`border post`), the last optionally a word
 * beginning ending in `*`; a word `<50-60>` is a number range; in a rule (not in a concept), `@id`
 * names a concept. The matcher folds terms like page text (case, diacritics, punctuation), so the
 * checks count folded letters.
 */
const termCheck = (inRule: boolean) =>
  check<string>((c, v, b, k) => {
    if (!checkString(c.list, v, b, k, LIMITS.term)) return;
    if (v.startsWith('@')) {
      if (!inRule) c.list.add(b, k, `a concept's terms are words, not references to other concepts: ${quoteShort(v)}`);
      else if (c.version < CONCEPTS_SINCE) c.list.add(b, k, `concepts were added in schema version ${CONCEPTS_SINCE}, but the pack declares version ${c.version}: set "schemaVersion" to ${CONCEPTS_SINCE}`);
      else resolveRef(c, 'concept', v.slice(1), b, k);
      return;
    }
    const ranges = v.match(/<[^>]*>/g) ?? [];
    for (const r of ranges) {
      const m = /^<(\d{1,9})-(\d{1,9})>$/.exec(r);
      if (!m) c.list.add(b, k, `a number range is written <min-max> with whole numbers, found ${quoteShort(r)}`);
      else if (Number(m[1]) > Number(m[2])) c.list.add(b, k, `a number range runs from the smaller number to the larger, found ${quoteShort(r)}`);
      else if (c.version < CONCEPTS_SINCE) c.list.add(b, k, `number ranges were added in schema version ${CONCEPTS_SINCE}, but the pack declares version ${c.version}: set "schemaVersion" to ${CONCEPTS_SINCE}`);
    }
    checkTermWords(c, v, b, k);
  });

function checkTermWords(c: Ctx, v: string, b: string, k: string | number): void {
  const star = v.indexOf('*');
  if (star === -1) {
    if (countWordChars(v) === 0) c.list.add(b, k, `has no letters or digits, so it could never match: ${quoteShort(v)}`);
    return;
  }
  if (star !== v.length - 1) {
    c.list.add(b, k, `"*" may only end a term (a word beginning), found ${quoteShort(v)}`);
    return;
  }
  const lastWord = v.slice(v.lastIndexOf(' ') + 1, -1);
  if (countWordChars(lastWord) < MIN_PREFIX_CHARS || foldCode(lastWord.charCodeAt(lastWord.length - 1)) <= SEP) {
    c.list.add(b, k, `a word beginning needs at least ${MIN_PREFIX_CHARS} letters right before "*", found ${quoteShort(v)}`);
  }
}
const term = termCheck(true);
const terms = (min: number) => listOf(PACK_LIMITS.terms, term, min);

/** An object from language codes to values each checked by `value`. */
const byLanguage = <V>(max: number, value: FieldCheck<Ctx, V>) =>
  check<Record<string, V>>((c, v, b, k) => {
    if (!isPlainObject(v)) {
      c.list.add(b, k, `must be an object from language codes (en, ru, fa…) to values, found ${describe(v)}`);
      return;
    }
    const p = pathOf(b, k);
    const langs = Object.keys(v);
    if (langs.length === 0) c.list.add(b, k, 'must give at least one language');
    if (langs.length > max) c.list.add(b, k, `at most ${max} languages, found ${langs.length}`);
    for (const lang of langs) {
      if (checkLang(c.list, lang, p, lang)) value(c, v[lang], p, lang);
    }
  });

const CONCEPT = shapeOf<Concept>({
  id: checkedElsewhere<string>(),
  label: line(LIMITS.name),
  labels: optional(byLanguage(PACK_LIMITS.conceptLanguages, line(LIMITS.name))),
  terms: byLanguage(PACK_LIMITS.conceptLanguages, listOf(PACK_LIMITS.conceptTerms, termCheck(false), 1)),
  tolerant: optional(bool),
});

const weight = check<number>((c, v, b, k) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) c.list.add(b, k, `must be a number from 0 to 1, found ${describe(v)}`);
});

const PIN = shapeOf<RulePin>({
  terms: terms(1),
  weight,
  label: optional(line(LIMITS.name)),
  near: optional(since(CONCEPTS_SINCE, terms(1))),
  within: optional(
    since(
      CONCEPTS_SINCE,
      check<number>((c, v, b, k) => {
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 50) c.list.add(b, k, `must be a whole number of words from 0 to 50, found ${describe(v)}`);
      }),
    ),
  ),
});
/** A pin names what it shows, unless its terms are one concept, whose label it then takes. */
const pin = check<RulePin>((c, v, b, k) => {
  const path = checkShape(c, v, b, k, PIN);
  if (path === null || !isPlainObject(v)) return;
  if (Object.hasOwn(v, 'within') && !Object.hasOwn(v, 'near')) c.list.add(path, 'within', 'only a pin with "near" has a distance');
  const ts = v.terms;
  const named = Array.isArray(ts) && typeof ts[0] === 'string' && ts[0].startsWith('@');
  if (!Object.hasOwn(v, 'label') && !named) c.list.add(path, 'label', 'missing: a pin needs a label unless its first term names a concept (@id), whose label it takes');
});

const RULE = shapeOf<DescriptionRule>({
  all: listOf(PACK_LIMITS.ruleGroups, terms(1)),
  pins: listOf(PACK_LIMITS.pins, pin),
  minPins: checkedElsewhere<number>(),
  exclude: listOf(PACK_LIMITS.exclude, term),
});
const descriptionRule = check<DescriptionRule>((c, v, b, k) => {
  const path = checkShape(c, v, b, k, RULE);
  if (path === null || !isPlainObject(v) || !Object.hasOwn(v, 'minPins')) return;
  const { minPins, pins, all } = v;
  if (typeof minPins !== 'number' || !Number.isInteger(minPins) || minPins < 0) {
    c.list.add(path, 'minPins', `must be a whole number 0 or more, found ${describe(minPins)}`);
    return;
  }
  if (Array.isArray(pins) && minPins > pins.length) {
    c.list.add(path, 'minPins', `${minPins} is more than the ${pins.length} pins given, so the rule could never match`);
  }
  if (Array.isArray(all) && all.length === 0 && minPins === 0) {
    c.list.add(b, k, 'would match every paragraph: give at least one group in "all" or set minPins above 0');
  }
});

/** A reference to a claim that should be about the incident being checked. */
const claimOfCurrent = check<string>((c, v, b, k) => {
  if (checkId(c.list, v, b, k)) resolveRef(c, 'claim', v, b, k, c.current);
});

const KEY_FIGURE = shapeOf<KeyFigure>({
  label: line(LIMITS.name),
  values: listOf(PACK_LIMITS.keyFigureValues, shape(shapeOf<KeyFigure['values'][number]>({ claimId: claimOfCurrent, value: line(LIMITS.title) })), 1),
});

const incidentClaimIds = check<string[]>((c, v, b, k) => {
  const arr = checkArray(c.list, v, b, k, PACK_LIMITS.claimIds);
  if (!arr) return;
  const p = pathOf(b, k);
  const listed = new Set<string>();
  for (let i = 0; i < arr.length; i++) {
    const id = arr[i];
    if (!checkId(c.list, id, p, i)) continue;
    if (listed.has(id)) c.list.add(p, i, `lists claim "${id}" twice`);
    listed.add(id);
    resolveRef(c, 'claim', id, p, i, c.current);
  }
  if (c.current !== '') c.incidentClaims.set(c.current, listed);
});

const INCIDENT = shapeOf<Incident>({
  id: checkedElsewhere<string>(),
  title: line(LIMITS.title),
  summary: text(LIMITS.text),
  date,
  place: line(LIMITS.name),
  country: line(LIMITS.name),
  aliases,
  relatedPlaces: listOf(PACK_LIMITS.relatedPlaces, line(LIMITS.name)),
  descriptionRules: listOf(PACK_LIMITS.descriptionRules, descriptionRule),
  keyFigures: listOf(PACK_LIMITS.keyFigures, shape(KEY_FIGURE)),
  claimIds: incidentClaimIds,
  sources: listOf(PACK_LIMITS.sources, source, 1),
  reviewed: optional(since(2, date)),
});

const RELATION = shapeOf<ClaimRelation>({
  type: oneOf(RELATION_TYPES),
  claimId: ref('claim'),
  point: text(LIMITS.text),
});
const relation = check<ClaimRelation>((c, v, b, k) => {
  const path = checkShape(c, v, b, k, RELATION);
  if (path !== null && isPlainObject(v) && c.current !== '' && v.claimId === c.current) c.list.add(path, 'claimId', 'a claim cannot relate to itself');
});

/** The url of a source object, if it has a string one (the shape check reports anything else). */
const urlOf = (v: unknown): string | undefined => (isPlainObject(v) && typeof v.url === 'string' ? v.url : undefined);

/**
 * A claim's further appearances may not repeat a link the claim already gives (a relay listed
 * twice, or the first appearance listed again). Run on the whole claim, as it compares two fields.
 */
function checkRepeatedLinks(ctx: Ctx, claim: unknown, path: string): void {
  if (!isPlainObject(claim) || !Array.isArray(claim.appearances)) return;
  const seen = new Map<string, string>();
  const own = urlOf(claim.source);
  if (own !== undefined) seen.set(own, pathOf(path, 'source'));
  const base = pathOf(path, 'appearances');
  claim.appearances.forEach((a: unknown, i) => {
    const u = urlOf(a);
    if (u === undefined) return;
    const first = seen.get(u);
    if (first !== undefined) ctx.list.add(pathOf(base, i), 'url', `repeats the link of ${first}`);
    else seen.set(u, pathOf(base, i));
  });
}

const CLAIM = shapeOf<Claim>({
  id: checkedElsewhere<string>(),
  incidentId: ref('incident'),
  kind: oneOf(CLAIM_KINDS),
  claimant: shape(shapeOf<Claim['claimant']>({ name: line(LIMITS.name), role: optional(line(LIMITS.name)) })),
  date,
  summary: text(LIMITS.text),
  quote: optional(text(LIMITS.text)),
  source,
  appearances: optional(since(2, listOf(PACK_LIMITS.appearances, source, 1))),
  primarySource: optional(since(2, shape(shapeOf<PrimarySourceNote>({ status: oneOf(PRIMARY_SOURCE_STATUSES), note: text(LIMITS.text) })))),
  relations: listOf(PACK_LIMITS.relations, relation),
});

/** A publisher's domain: a hostname (compared in normal form), given once, that one publisher may claim. */
const hostname = check<string>((c, v, b, k) => {
  const host = checkHostname(c.list, v, b, k);
  if (host === null || typeof v !== 'string' || typeof k !== 'number') return;
  const refused = publisherDomainProblem(host);
  if (refused !== null) {
    c.list.add(b, k, refused);
    return;
  }
  const first = c.domains.get(host);
  const same = host === v ? '' : ` (the host ${host})`;
  if (first !== undefined) c.list.add(b, k, `hostname "${v}"${same} is already given at ${pathOf(first.base, first.key)}`);
  else c.domains.set(host, { base: b, key: k, written: v, publisher: c.current });
});

const PUBLISHER = shapeOf<Publisher>({
  id: checkedElsewhere<string>(),
  name: line(LIMITS.name),
  aliases,
  domains: listOf(PACK_LIMITS.domains, hostname),
  bylines: listOf(PACK_LIMITS.bylines, line(LIMITS.title)),
  statedAffiliation: listOf(PACK_LIMITS.statedAffiliation, shape(shapeOf<StatedAffiliation>({ quote: text(LIMITS.text), where: line(LIMITS.title), source }))),
  thirdParty: listOf(PACK_LIMITS.thirdParty, shape(shapeOf<ThirdPartyItem>({ text: text(LIMITS.text), source }))),
  authorIds: listOf(PACK_LIMITS.authorIds, ref('author')),
  reviewed: optional(since(2, date)),
});

const AUTHOR = shapeOf<Author>({
  id: checkedElsewhere<string>(),
  name: line(LIMITS.name),
  publisherId: ref('publisher'),
  description: optional(text(LIMITS.text)),
  source,
});

const RECORD_SHAPES: { [K in RefKind]: Shape<Ctx, RecordOf[K]> } = { incident: INCIDENT, claim: CLAIM, publisher: PUBLISHER, author: AUTHOR, concept: CONCEPT };

// --- the pack's identity -------------------------------------------------------------------------

/** An e-mail address as a reader's mail program takes it: something, one @, a domain with a dot. */
const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\.]+$/;
const HTTPS = /^https:\/\//i;

/** An https page (a curator's homepage): http alone could be altered on the way to the reader. */
const httpsPage = check<string>((c, v, b, k) => {
  if (checkUrl(c.list, v, b, k) && !HTTPS.test(v)) c.list.add(b, k, `must be an https:// address, found ${quoteShort(v)}`);
});

/** Where a reader can write to the curator: an e-mail address or an https page. */
const contact = check<string>((c, v, b, k) => {
  if (!checkString(c.list, v, b, k, LIMITS.url, 'line')) return;
  if (EMAIL.test(v) && v.length <= 254) return;
  if (HTTPS.test(v)) {
    checkUrl(c.list, v, b, k);
    return;
  }
  const hint = /^mailto:/i.test(v) ? ' (the address alone, without "mailto:")' : '';
  c.list.add(b, k, `must be an e-mail address or an https:// page${hint}, found ${quoteShort(v)}`);
});

const releaseNumber = check<number>((c, v, b, k) => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > 1_000_000) c.list.add(b, k, `must be a whole number from 1 (the release), found ${describe(v)}`);
});

/** A release date to the day: it is shown to readers as "12 Nov 2026". */
const releaseDate = check<string>((c, v, b, k) => {
  if (typeof v === 'string' && !/^\d{4}-\d{2}-\d{2}$/.test(v) && /^\d{4}(?:-\d{2})?$/.test(v)) c.list.add(b, k, `must be a full date, YYYY-MM-DD, found ${quoteShort(v)}`);
  else checkDate(c.list, v, b, k);
});

/** The pack's id: an id no other loaded pack has (a pack with the same id is the one it replaces, left out of `existing`). */
const packId = check<string>((c, v, b, k) => {
  if (!checkId(c.list, v, b, k)) return;
  const other = c.known.packIds.get(v);
  if (other !== undefined) c.list.add(b, k, `the pack ${quoteShort(other)} already has the id "${v}"; a pack's id is its own`);
});

const PACK_IDENTITY = shapeOf<PackIdentity>({
  id: packId,
  curator: shape(shapeOf<Curator>({ name: line(LIMITS.name), homepage: httpsPage, contact })),
  version: releaseNumber,
  date: releaseDate,
});

// --- records and references ----------------------------------------------------------------------

/** What the datasets already loaded define, for duplicate and reference checks. */
interface Known {
  owner: Record<RefKind, Map<string, string>>;
  claimIncident: Map<string, string>;
  authorPublisher: Map<string, string>;
  /** Hostnames in normal form → the publisher that has it and the dataset that publisher is from. */
  domainOwner: Map<string, { publisher: string; dataset: string }>;
  names: Set<string>;
  /** Pack ids → the name of the pack that has it. */
  packIds: Map<string, string>;
  /**
   * Names pages are matched by, folded as the matcher reads them (`incident:`/`publisher:` + text,
   * aliases and bylines): who has each. Built on first use, as most checks never need it.
   */
  nameOwner: Map<string, { kind: 'incident' | 'publisher'; id: string; dataset: string }> | null;
  existing: readonly Dataset[];
}

function indexExisting(existing: readonly Dataset[]): Known {
  const known: Known = {
    owner: { incident: new Map(), claim: new Map(), publisher: new Map(), author: new Map(), concept: new Map() },
    claimIncident: new Map(),
    authorPublisher: new Map(),
    domainOwner: new Map(),
    names: new Set(),
    packIds: new Map(),
    nameOwner: null,
    existing,
  };
  for (const d of existing) {
    known.names.add(d.name);
    if (d.pack) known.packIds.set(d.pack.id, d.name);
    for (const r of d.incidents) known.owner.incident.set(r.id, d.name);
    for (const r of d.claims) {
      known.owner.claim.set(r.id, d.name);
      known.claimIncident.set(r.id, r.incidentId);
    }
    for (const r of d.publishers) {
      known.owner.publisher.set(r.id, d.name);
      for (const written of r.domains) {
        const host = normalizeHost(written);
        if (host !== null) known.domainOwner.set(host, { publisher: r.id, dataset: d.name });
      }
    }
    for (const r of d.authors) {
      known.owner.author.set(r.id, d.name);
      known.authorPublisher.set(r.id, r.publisherId);
    }
    for (const r of d.concepts ?? []) known.owner.concept.set(r.id, d.name);
  }
  return known;
}

/** One of the four record lists: each record's id (unique here and in the loaded data), then its fields. */
function checkRecords<K extends RefKind>(ctx: Ctx, known: Known, v: unknown, b: string, k: string, kind: K): void {
  const arr = checkArray(ctx.list, v, b, k, PACK_LIMITS[PLURAL[kind]]);
  if (!arr) return;
  const path = pathOf(b, k);
  const defined = ctx.defined[kind];
  const recordShape: Shape<Ctx, RecordOf[K]> = RECORD_SHAPES[kind];
  ctx.kind = kind;
  for (let i = 0; i < arr.length; i++) {
    const rec = arr[i];
    ctx.current = '';
    const recPath = `${path}[${i}]`;
    if (isPlainObject(rec) && Object.hasOwn(rec, 'id') && checkId(ctx.list, rec.id, recPath, 'id')) {
      const id = rec.id;
      const first = defined.get(id);
      const owner = known.owner[kind].get(id);
      if (first !== undefined && first !== i) ctx.list.add(recPath, 'id', `duplicate id "${id}": ${path}[${first}] has it too`);
      else if (owner !== undefined) {
        ctx.list.add(recPath, 'id', `"${id}" is already defined by the dataset "${owner}"; a pack may not redefine a record`);
      } else ctx.current = id;
    }
    checkShape(ctx, rec, recPath, '', recordShape);
    if (kind === 'claim') checkRepeatedLinks(ctx, rec, recPath);
  }
  ctx.current = '';
}

/** Ids, claims' incidents and authors' publishers of the whole pack, read before the full check. */
function collectIds(ctx: Ctx, input: Record<string, unknown>): void {
  for (const kind of ['incident', 'claim', 'publisher', 'author', 'concept'] as const) {
    const arr = input[PLURAL[kind]];
    if (!Array.isArray(arr)) continue;
    const defined = ctx.defined[kind];
    for (let i = 0; i < arr.length; i++) {
      const rec: unknown = arr[i];
      if (!isPlainObject(rec) || typeof rec.id !== 'string' || defined.has(rec.id)) continue;
      defined.set(rec.id, i);
      if (kind === 'claim' && typeof rec.incidentId === 'string') ctx.claimIncident.set(rec.id, rec.incidentId);
      if (kind === 'author' && typeof rec.publisherId === 'string') ctx.authorPublisher.set(rec.id, rec.publisherId);
    }
  }
}

/**
 * A reference must name a record of this pack or of the loaded data. `incidentId`: for claims an
 * incident lists, the incident, which the claim must then be about.
 */
function resolveRef(ctx: Ctx, kind: RefKind, id: string, b: string, k: string | number, incidentId?: string): void {
  if (!ctx.defined[kind].has(id) && !ctx.known.owner[kind].has(id)) {
    ctx.list.add(b, k, `no ${kind} has the id "${id}" (in this pack or the loaded data)`);
    return;
  }
  if (incidentId !== undefined && incidentId !== '') {
    const about = ctx.claimIncident.get(id) ?? ctx.known.claimIncident.get(id);
    if (about !== undefined && about !== incidentId) ctx.list.add(b, k, `claim "${id}" is about incident "${about}", not "${incidentId}"`);
  }
}

function checkClaimsListed(ctx: Ctx): void {
  const { list, defined } = ctx;
  // A claim about an incident in this pack is shown only if the incident lists it.
  for (const [claimId, incidentId] of ctx.claimIncident) {
    const listed = ctx.incidentClaims.get(incidentId);
    if (listed && !listed.has(claimId)) {
      list.add(`claims[${defined.claim.get(claimId) ?? '?'}]`, 'incidentId', `incident "${incidentId}" does not list this claim in its claimIds`);
    }
  }
}

/** Publishers list their authors and an author names one publisher: both sides must agree. */
function checkAuthorLinks(ctx: Ctx, known: Known, publishers: unknown): void {
  if (!Array.isArray(publishers)) return;
  for (let i = 0; i < publishers.length; i++) {
    const pub: unknown = publishers[i];
    // A publisher whose id was refused already has its issue; comparing against it would only echo it.
    if (!isPlainObject(pub) || typeof pub.id !== 'string' || !ID_PATTERN.test(pub.id) || !Array.isArray(pub.authorIds)) continue;
    for (let j = 0; j < pub.authorIds.length; j++) {
      const authorId: unknown = pub.authorIds[j];
      if (typeof authorId !== 'string') continue;
      const writesFor = ctx.authorPublisher.get(authorId) ?? known.authorPublisher.get(authorId);
      if (writesFor !== undefined && writesFor !== pub.id) {
        ctx.list.add(`publishers[${i}].authorIds`, j, `author "${authorId}" names publisher "${writesFor}" as theirs, not "${pub.id}"`);
      }
    }
  }
}

/** The loaded datasets' aliases and bylines, by folded text (see `Known.nameOwner`). */
function nameOwners(known: Known): NonNullable<Known['nameOwner']> {
  if (known.nameOwner) return known.nameOwner;
  const owners: NonNullable<Known['nameOwner']> = new Map();
  for (const d of known.existing) {
    for (const r of d.incidents) for (const a of r.aliases) owners.set(`incident:${foldText(a.text)}`, { kind: 'incident', id: r.id, dataset: d.name });
    for (const r of d.publishers) {
      for (const a of r.aliases) owners.set(`publisher:${foldText(a.text)}`, { kind: 'publisher', id: r.id, dataset: d.name });
      for (const b of r.bylines) owners.set(`publisher:${foldText(b)}`, { kind: 'publisher', id: r.id, dataset: d.name });
    }
  }
  return (known.nameOwner = owners);
}

/** Keeps an alias or byline of the record being checked, folded, for `checkNamesAgainst`. */
function noteName(ctx: Ctx, folded: string, base: string, key: string | number, text: string): void {
  if (ctx.known.existing.length === 0 || folded === '' || (ctx.kind !== 'incident' && ctx.kind !== 'publisher')) return;
  ctx.names.push({ kind: ctx.kind, id: ctx.current, folded, base, key, text });
}

/**
 * A pack may not take a name another dataset's record is known by: an alias or byline that a loaded
 * incident or publisher has (letter case, diacritics and punctuation aside) would put the pack's
 * record on that one's mentions. Both owners are named.
 */
function checkNamesAgainst(ctx: Ctx, known: Known): void {
  if (ctx.names.length === 0) return;
  const owners = nameOwners(known);
  for (const n of ctx.names) {
    const owner = owners.get(`${n.kind}:${n.folded}`);
    if (owner === undefined || owner.id === n.id) continue;
    const mine = n.id !== '' ? `this pack's ${n.kind} "${n.id}"` : 'this pack';
    ctx.list.add(n.base, n.key, `${quoteShort(n.text)} is how ${owner.kind} "${owner.id}" of ${datasetLabel(owner.dataset)} is found on pages; ${mine} cannot take it`);
  }
}

/**
 * A byline recognises a repost of the publisher's article on another site, so it must be a sentence
 * that names the publisher (see distinctive.ts). Checked with the publisher's name and aliases at hand.
 */
function checkBylines(ctx: Ctx, publishers: unknown): void {
  if (!Array.isArray(publishers)) return;
  for (let i = 0; i < publishers.length; i++) {
    const pub: unknown = publishers[i];
    if (!isPlainObject(pub) || !Array.isArray(pub.bylines) || pub.bylines.length === 0) continue;
    // The publisher's names, folded once for all its bylines.
    const names: string[] = typeof pub.name === 'string' ? [foldText(pub.name)] : [];
    if (Array.isArray(pub.aliases)) for (const a of pub.aliases as unknown[]) if (isPlainObject(a) && typeof a.text === 'string') names.push(foldText(a.text));
    ctx.kind = 'publisher';
    ctx.current = typeof pub.id === 'string' ? pub.id : '';
    for (let j = 0; j < pub.bylines.length; j++) {
      const byline: unknown = pub.bylines[j];
      // A byline that is not a usable string has its issue from the shape check already.
      if (typeof byline !== 'string' || byline.trim() === '') continue;
      const folded = foldText(byline);
      const vague = bylineFoldedProblem(folded, names);
      if (vague !== null) ctx.list.add(`publishers[${i}].bylines`, j, vague);
      noteName(ctx, folded, `publishers[${i}].bylines`, j, byline);
    }
  }
}

/** The name of the dataset that ships with the extension; a pack may not take it. */
export const BUNDLED_NAME = 'bundled';

/** How a problem names a loaded dataset. */
const datasetLabel = (name: string): string => (name === BUNDLED_NAME ? 'the bundled data' : `the pack ${quoteShort(name)}`);

/**
 * A host labels everything under it, so a pack may claim neither a host another dataset's publisher
 * has nor one under it: that would put the pack's words on the other publisher's pages. Both owners
 * are named, so the author knows whom to ask.
 */
function checkDomainsAgainst(ctx: Ctx, known: Known): void {
  if (known.domainOwner.size === 0) return;
  for (const [host, at] of ctx.domains) {
    let owned = host;
    let owner = known.domainOwner.get(owned);
    for (let dot = host.indexOf('.'); owner === undefined && dot !== -1; dot = host.indexOf('.', dot + 1)) {
      owned = host.slice(dot + 1);
      owner = known.domainOwner.get(owned);
    }
    if (owner === undefined) continue;
    const what = owned === at.written ? `hostname "${owned}"` : owned === host ? `"${at.written}" is the host ${host}, which` : `"${at.written}" is under ${owned}, which`;
    const claimant = at.publisher === '' ? 'this pack' : `this pack's publisher "${at.publisher}"`;
    ctx.list.add(
      at.base,
      at.key,
      `${what} already belongs to publisher "${owner.publisher}" of ${datasetLabel(owner.dataset)}; ${claimant} cannot claim it`,
    );
  }
}

const contentVersion = check<string>((c, v, b, k) => {
  const m = typeof v === 'string' ? CONTENT_VERSION.exec(v) : null;
  if (!m) {
    c.list.add(b, k, `must be YYYY.MM.DD or YYYY.MM.DD-N (e.g. 2026.03.14 or 2026.03.14-2), found ${typeof v === 'string' ? quoteShort(v) : describe(v)}`);
  } else if (!isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) {
    c.list.add(b, k, `not a real calendar date: ${quoteShort(m[0])}`);
  }
});

/** A wrong schema version makes every other check meaningless, so it is reported alone. */
function schemaVersionProblem(v: unknown): string | null {
  const readable = `versions ${OLDEST_SCHEMA_VERSION} to ${SCHEMA_VERSION}`;
  if (typeof v !== 'number' || !Number.isInteger(v)) return `must be the number ${SCHEMA_VERSION} (or an older version down to ${OLDEST_SCHEMA_VERSION}), found ${describe(v)}`;
  if (v >= OLDEST_SCHEMA_VERSION && v <= SCHEMA_VERSION) return null;
  return v > SCHEMA_VERSION
    ? `this pack uses schema version ${v}, but this version of the extension reads ${readable}; update the extension to load it`
    : `this pack uses the older schema version ${v}; this extension reads ${readable}; convert the pack (see the schema notes for pack authors)`;
}

/** How `validateDataset` is called. */
export interface ValidateOptions {
  /** Datasets already loaded (the bundled one, other packs). */
  existing?: readonly Dataset[];
  /**
   * The data that ships with the extension: named "bundled", with no pack identity. Anything else
   * is a pack, which must say who curates it and may not take that name.
   */
  bundled?: boolean;
}

/** The one message for a pack without an identity, saying what to add. */
const NO_IDENTITY =
  'a pack must say who curates it: add "pack": { "id", "curator": { "name", "homepage", "contact" }, "version", "date" } (see the notes for pack authors)' +
  ` and set "schemaVersion" to ${SCHEMA_VERSION}`;

/**
 * Checks `input` against the dataset schema. `existing`: datasets already loaded (the bundled one,
 * other packs); references may point into them, and a pack may not redefine their ids, hostnames,
 * name or pack id. To replace a loaded pack with a newer version, leave the old one out of `existing`.
 * On failure, every problem is listed (the first `MAX_LISTED_ISSUES`, then a count of the rest).
 * On success the value is `input` itself, typed.
 */
export function validateDataset(input: unknown, opts: ValidateOptions = {}): Result<Dataset, ValidationIssue[]> {
  const list = new IssueList();
  if (!isPlainObject(input)) {
    list.add('', '', `must be a JSON object with the dataset's fields, found ${describe(input)}`);
    return err(list.finish());
  }
  if (Object.hasOwn(input, 'schemaVersion')) {
    const problem = schemaVersionProblem(input.schemaVersion);
    if (problem) return err([{ path: 'schemaVersion', message: problem }]);
  }
  const known = indexExisting(opts.existing ?? []);
  const ctx: Ctx = {
    list,
    known,
    defined: { incident: new Map(), claim: new Map(), publisher: new Map(), author: new Map(), concept: new Map() },
    claimIncident: new Map(),
    incidentClaims: new Map(),
    authorPublisher: new Map(),
    domains: new Map(),
    current: '',
    kind: 'incident',
    names: [],
    version: typeof input.schemaVersion === 'number' ? input.schemaVersion : SCHEMA_VERSION,
  };
  const records = <K extends RefKind>(kind: K) => check<RecordOf[K][]>((c, v, b, k) => checkRecords(c, known, v, b, String(k), kind));
  const datasetShape = shapeOf<Dataset>({
    schemaVersion: checkedElsewhere<number>(),
    contentVersion,
    name: check<string>((c, v, b, k) => {
      if (!checkString(c.list, v, b, k, LIMITS.name)) return;
      if (opts.bundled === true ? v !== BUNDLED_NAME : v === BUNDLED_NAME) {
        c.list.add(b, k, opts.bundled === true ? `the bundled data is named "${BUNDLED_NAME}"` : `"${BUNDLED_NAME}" is the name of the data that ships with the extension; give the pack another name`);
      } else if (known.names.has(v)) c.list.add(b, k, `a dataset named ${quoteShort(v)} is already loaded`);
    }),
    concepts: optional(since(CONCEPTS_SINCE, records('concept'))),
    pack: optional(since(3, shape(PACK_IDENTITY))),
    incidents: records('incident'),
    claims: records('claim'),
    publishers: records('publisher'),
    authors: records('author'),
  });
  collectIds(ctx, input);
  checkShape(ctx, input, '', '', datasetShape);
  if (opts.bundled === true && Object.hasOwn(input, 'pack')) list.add('', 'pack', 'the bundled data ships with the extension and has no pack identity');
  else if (opts.bundled !== true && !Object.hasOwn(input, 'pack')) list.add('', 'pack', NO_IDENTITY);
  checkClaimsListed(ctx);
  checkAuthorLinks(ctx, known, input.publishers);
  checkBylines(ctx, input.publishers);
  checkNamesAgainst(ctx, known);
  checkDomainsAgainst(ctx, known);
  // Every check reports whatever it does not accept, so no issues means `input` has exactly the
  // Dataset shape.
  return list.count === 0 ? ok(input as unknown as Dataset) : err(list.finish());
}

/**
 * A pack file's text to a checked dataset: rejects text over `MAX_PACK_BYTES` as sent, reports JSON
 * syntax errors with line and column, then runs `validateDataset` against `existing`.
 */
export function parsePackJson(textIn: string, existing: readonly Dataset[], opts: Pick<ValidateOptions, 'bundled'> = {}): Result<Dataset, ValidationIssue[]> {
  const tooLarge = packTextProblem(textIn);
  if (tooLarge) return err([{ path: '(file)', message: tooLarge }]);
  // Editors on Windows may save a byte-order mark, which JSON.parse refuses.
  const body = textIn.charCodeAt(0) === 0xfeff ? textIn.slice(1) : textIn;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (e) {
    if (body.trim() === '') return err([{ path: '(file)', message: 'the file is empty' }]);
    const offset = findJsonErrorOffset(body);
    let where = '';
    if (offset !== -1) {
      const pos = lineAndColumn(body, offset);
      where = ` at line ${pos.line}, column ${pos.column}`;
    }
    return err([{ path: '(file)', message: `not valid JSON${where}: ${engineReason(e)}` }]);
  }
  return validateDataset(parsed, { existing, ...opts });
}
