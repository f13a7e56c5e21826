/**
 * A dataset claim as a schema.org `Claim` in JSON-LD (https://schema.org/Claim), for export and for
 * tools that read structured data. schema.org's `Claim` is a CreativeWork whose content "can be
 * summarized with the text property"; it may appear in other works (`appearance`,
 * `firstAppearance`).
 *
 * How the fields map:
 * | dataset                     | schema.org                                                        |
 * |-----------------------------|-------------------------------------------------------------------|
 * | `id`                        | `identifier`                                                      |
 * | `summary`                   | `text` (the claim's content, in neutral attributed words)         |
 * | `claimant.name`, `.role`    | `author.name`, `author.description`                               |
 * | `date`                      | `datePublished` (ISO date; year or month precision stays as is)   |
 * | `source`                    | `firstAppearance` and the first `appearance` (a CreativeWork:     |
 * |                             | name, publisher, author, datePublished, url, inLanguage)          |
 * | `appearances`               | the further `appearance` entries, in the dataset's order          |
 * | incident                    | `about` (an Event: name, startDate, location with country)        |
 *
 * `appearance` is always a list, the source first, so a reader of the export finds every publication
 * in one place. `firstAppearance` is left out when the dataset does not hold the first one: when the
 * claim says its primary source was not found (`primarySource`), or when its source names who the
 * statement came through (`via`), which makes it a relay.
 *
 * Not mapped:
 * - `kind` (official, doubt…): a category of this dataset, not a schema.org property.
 * - `relations`: schema.org defines no relationships between claims.
 * - `quote`: `text` already holds the claim; a quote has no property of its own on `Claim`.
 * - `source.via` (who relayed a statement): no property says "relayed by"; the appearance is the
 *   source as cited.
 * - `primarySource.note` (what was looked for and not found): no property holds it; its effect is the
 *   missing `firstAppearance`.
 * - The claimant's kind: the dataset does not say whether a claimant is a person or an
 *   organisation, so `author` carries no `@type` rather than a guessed one.
 * - `claimInterpreter` and any review or rating: the extension reports claims, it does not judge them.
 */
import type { Claim, Incident, SourceRef } from './dataset-types.ts';

export interface JsonLdCreativeWork {
  '@type': 'CreativeWork';
  name: string;
  publisher: { '@type': 'Organization'; name: string };
  author?: { name: string };
  datePublished: string;
  url?: string;
  inLanguage?: string;
}

export interface JsonLdClaim {
  '@context': 'https://schema.org';
  '@type': 'Claim';
  identifier: string;
  text: string;
  author: { name: string; description?: string };
  datePublished: string;
  /** The source first, then the further appearances. */
  appearance: JsonLdCreativeWork[];
  firstAppearance?: JsonLdCreativeWork;
  about?: {
    '@type': 'Event';
    identifier: string;
    name: string;
    startDate: string;
    location: { '@type': 'Place'; name: string; address: { '@type': 'PostalAddress'; addressCountry: string } };
  };
}

// Validated data has only http(s) URLs; this check keeps that true for anything else passed in.
const isHttpUrl = (u: string | undefined): u is string => u !== undefined && /^https?:\/\//i.test(u);

function creativeWork(source: SourceRef): JsonLdCreativeWork {
  return {
    '@type': 'CreativeWork',
    name: source.title,
    publisher: { '@type': 'Organization', name: source.publisher },
    ...(source.author !== undefined ? { author: { name: source.author } } : {}),
    datePublished: source.date,
    ...(isHttpUrl(source.url) ? { url: source.url } : {}),
    ...(source.lang !== undefined ? { inLanguage: source.lang } : {}),
  };
}

/**
 * The dataset's rule is that a claim's source is where the claimant first made it; the claim says
 * otherwise by marking its primary source as not found, or by naming, in `via`, the outlet the
 * statement was relayed from.
 */
const sourceIsFirst = (claim: Claim): boolean => claim.primarySource === undefined && claim.source.via === undefined;

/**
 * `claim` as a schema.org Claim. `incident`: the incident it is about, when known; pass the record
 * with `claim.incidentId` (another incident is ignored rather than mislabelled).
 */
export function claimToJsonLd(claim: Claim, incident?: Incident): JsonLdClaim {
  const first = creativeWork(claim.source);
  const about =
    incident && incident.id === claim.incidentId
      ? {
          about: {
            '@type': 'Event' as const,
            identifier: incident.id,
            name: incident.title,
            startDate: incident.date,
            location: {
              '@type': 'Place' as const,
              name: incident.place,
              address: { '@type': 'PostalAddress' as const, addressCountry: incident.country },
            },
          },
        }
      : {};
  return {
    '@context': 'https://schema.org',
    '@type': 'Claim',
    identifier: claim.id,
    text: claim.summary,
    author: {
      name: claim.claimant.name,
      ...(claim.claimant.role !== undefined ? { description: claim.claimant.role } : {}),
    },
    datePublished: claim.date,
    appearance: [first, ...(claim.appearances ?? []).map(creativeWork)],
    ...(sourceIsFirst(claim) ? { firstAppearance: first } : {}),
    ...about,
  };
}
