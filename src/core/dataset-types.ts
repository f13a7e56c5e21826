/**
 * The dataset's shape. A dataset (the bundled one, or a pack a user imports) is one JSON document of
 * this type; `validateDataset` in `data/schema.ts` turns `unknown` into it or lists every problem with
 * its path. Documented for pack authors in `src/data/README.md`. The types live in `core` because
 * everything else (matching, messages, record views) is written in them, and `core` imports no realm.
 *
 * Ids are lower-case words joined by hyphens and stable from version to version: badges, packs,
 * settings and tests refer to records by id.
 */

/**
 * The schema this extension writes and reads. Version 2 added claims' `appearances` and
 * `primarySource`, sources' `lang` and the records' `reviewed` date, all optional, so data of
 * version 1 (`OLDEST_SCHEMA_VERSION`) is still read as it is. Version 3 added concepts (rules name
 * them as `@id`), number ranges in terms, ambiguous aliases and pins with `near`, all optional, and
 * the pack's identity (`pack`), which every pack must carry: an older pack needs that block and the
 * new version number.
 */
export const SCHEMA_VERSION = 3;
/** The oldest schema version still read. */
export const OLDEST_SCHEMA_VERSION = 1;

/** Where a statement was published. `url`, when present, is always http(s). */
export interface SourceRef {
  /** Title of the article, page or document. */
  title: string;
  /** Who published it (outlet, agency, institution). */
  publisher: string;
  author?: string;
  /** ISO date, `YYYY-MM-DD` or `YYYY-MM` or `YYYY`. */
  date: string;
  url?: string;
  /** When the statement is known only as relayed by another outlet: who relayed it. */
  via?: string;
  /** Language of the publication, a BCP 47 code (`ru`, `en`, `uz-Cyrl`). Since schema version 2. */
  lang?: string;
}

/**
 * Said of a claim whose `source` is not the publication where the claimant first made it, because
 * none could be found: the source is then a relay, kept as the best there is.
 */
export interface PrimarySourceNote {
  status: 'not-found';
  /** What was looked for and not found, in neutral words: "The tweet itself was not found". */
  note: string;
}

/** A name a record is known by, as it appears in text. */
export interface Alias {
  text: string;
  /** BCP 47 language subtag: en, ru, tg, fr, … */
  lang: string;
  /**
   * Allow grammatical endings after the last word (Russian and Tajik case endings for Cyrillic
   * names, e.g. Ишкобода, Ишкободе). Defaults to true for single-word Cyrillic aliases.
   */
  inflect?: boolean;
  /**
   * Only match with this exact letter case (for names that are ordinary words in lower case, such
   * as "Global Research").
   */
  caseSensitive?: boolean;
  /**
   * The spelling also names something else (Persian عشق‌آباد is Ashgabat too): it marks the record
   * only when every concept in `context` has a term in the same block of text.
   */
  ambiguous?: boolean;
  /** Concept ids that must all be near an ambiguous alias; required with `ambiguous`. */
  context?: string[];
}

/**
 * Something a description rule or an ambiguous alias looks for, with its words in every language:
 * a country, an attack, a border post, a date. Rules name concepts (`@border-post`), so a rule is
 * written once and a language is added by adding its words here.
 */
export interface Concept {
  /** Lower-case words joined by hyphens, unique among the datasets. */
  id: string;
  /** Shown in "why this is marked" (English). */
  label: string;
  /** The label in other languages of the interface, by BCP 47 subtag. */
  labels?: Record<string, string>;
  /** Terms by language (BCP 47 subtag → terms, written like rule terms). */
  terms: Record<string, string[]>;
  /**
   * Place names: a single-word term of seven letters or more also matches a word with one letter
   * wrong, added, missing or swapped (Dushambe, Sultanobod), only where a rule or a context looks.
   */
  tolerant?: boolean;
}

/**
 * Evidence for a passage that describes the incident without naming it. A window (a paragraph or
 * block) matches when every group in `all` has a term in it, at least `minPins` pins are present
 * (their weights summed give the confidence), and no `exclude` term is present.
 *
 * Terms are whole words, or word beginnings when they end in `*` (`напад*` matches нападение,
 * нападения); `<50-60>` is any number from 50 to 60, in any script's digits. Letter case and
 * diacritics are ignored. `@id` stands for all the terms of the concept `id`, in every language.
 */
export interface DescriptionRule {
  /** Groups of alternatives; every group must be present. */
  all: string[][];
  /** Facts that pin this event; each has a weight in 0..1. */
  pins: RulePin[];
  /** How many distinct pins must be present. */
  minPins: number;
  /** Terms that mark another event (other borders, other years). */
  exclude: string[];
}

/**
 * A fact that pins the event. With `near`, a term of `terms` counts only with a term of `near`
 * within `within` words of it (a distance and a direction: "60 km" near "west of Dushanbe").
 */
export interface RulePin {
  terms: string[];
  weight: number;
  /** Shown in "why this is marked"; may be left out when `terms` is one concept (its label is used). */
  label?: string;
  near?: string[];
  /** Words between the two, at most (default 6). */
  within?: number;
}

export interface KeyFigure {
  /** What is counted or described: "Attackers", "Killed among the attackers", "Route". */
  label: string;
  values: { claimId: string; value: string }[];
}

export interface Incident {
  id: string;
  /** One neutral line: what, where, when. */
  title: string;
  summary: string;
  /** ISO date of the event. */
  date: string;
  place: string;
  country: string;
  /** Names and spellings of the place or event; matched as whole words. */
  aliases: Alias[];
  /** Places that appear in coverage; not a mention on their own. */
  relatedPlaces: string[];
  descriptionRules: DescriptionRule[];
  keyFigures: KeyFigure[];
  /** Claims about this incident, in display order. */
  claimIds: string[];
  sources: SourceRef[];
  /** ISO date this record's content was last checked against its sources. Since schema version 2. */
  reviewed?: string;
}

export type ClaimKind = 'official' | 'responsibility' | 'doubt' | 'alternative' | 'context';

export type RelationType = 'disputes' | 'supports' | 'alternative-to' | 'responds-to';

export interface ClaimRelation {
  type: RelationType;
  claimId: string;
  /** The point in question, in neutral words. */
  point: string;
}

export interface Claim {
  id: string;
  incidentId: string;
  kind: ClaimKind;
  claimant: { name: string; role?: string };
  /** ISO date the claim was made. */
  date: string;
  /** The claim in neutral words, attributed ("According to …"). */
  summary: string;
  /** A short verbatim quote, when it carries the point. */
  quote?: string;
  /**
   * Where the claimant first made the claim (schema.org's `firstAppearance`): the claimant's own
   * publication, or the wire or newspaper report that first carried it. When none could be found,
   * the best relay, and `primarySource` says so.
   */
  source: SourceRef;
  /** Other publications that carried the claim ("also reported by"), earliest first. Since schema version 2. */
  appearances?: SourceRef[];
  /** Present when `source` is not the first appearance. Since schema version 2. */
  primarySource?: PrimarySourceNote;
  relations: ClaimRelation[];
}

/** The publisher's own words about itself, and where they appear. */
export interface StatedAffiliation {
  quote: string;
  /** Where on the publisher's pages this appears: "closing line of each article". */
  where: string;
  source: SourceRef;
}

/** What others say about the publisher, kept apart from its own words. */
export interface ThirdPartyItem {
  text: string;
  source: SourceRef;
}

export interface Publisher {
  id: string;
  name: string;
  /** Names used for mentions in other pages' text. */
  aliases: Alias[];
  /** Hostnames; subdomains inherit (`www.`, `ru.`…). */
  domains: string[];
  /**
   * Statements a page of this publisher carries about itself, matched as phrases in the page text to
   * recognise a repost on another site ("The original source of this article is Global Research").
   */
  bylines: string[];
  statedAffiliation: StatedAffiliation[];
  thirdParty: ThirdPartyItem[];
  authorIds: string[];
  /** ISO date this record's content was last checked against its sources. Since schema version 2. */
  reviewed?: string;
}

export interface Author {
  id: string;
  name: string;
  publisherId: string;
  /** How the author is described on the publisher's page, if at all. */
  description?: string;
  source: SourceRef;
}

/** Who answers for a pack: shown beside everything the pack adds. */
export interface Curator {
  /** A person or an organisation. */
  name: string;
  /** Their https page. */
  homepage: string;
  /** Where a reader can write to them: an e-mail address, or an https page (a contact form). */
  contact: string;
}

/**
 * Who a pack comes from (schema version 3; every pack has one, the bundled data none). The
 * extension shows it beside every claim, key figure, publisher text and third-party item the pack
 * adds, so a reader can tell it from what ships with the extension.
 */
export interface PackIdentity {
  /** Stable from version to version: a newer version of the pack replaces the one with this id. */
  id: string;
  curator: Curator;
  /** Release number, a whole number from 1, raised with each release. */
  version: number;
  /** ISO date of this release, `YYYY-MM-DD`. */
  date: string;
}

export interface Dataset {
  schemaVersion: number;
  /** Content version, compared on update: `YYYY.MM.DD` or `YYYY.MM.DD-N`. */
  contentVersion: string;
  /** For packs: a short name shown in options and beside what the pack adds. The bundled data uses "bundled". */
  name: string;
  /** The concepts this dataset's rules and aliases name (optional: rules may list their terms). */
  concepts?: Concept[];
  /** Who the pack comes from; required for packs, absent from the bundled data. Since schema version 3. */
  pack?: PackIdentity;
  incidents: Incident[];
  claims: Claim[];
  publishers: Publisher[];
  authors: Author[];
}

export type RecordKind = 'incident' | 'publisher';
