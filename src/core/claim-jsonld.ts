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
 * | `source`                    | `appearance` (a CreativeWork: name, publisher, author, date, url) |
 * | `source`, if the claimant's own publication | also `firstAppearance`                            |
 * | incident                    | `about` (an Event: name, startDate, location with country)        |
 *
 * Not mapped:
 * - `kind` (official, doubt…): a category of this dataset, not a schema.org property.
 * - `relations`: schema.org defines no relationships between claims.
 * - `quote`: `text` already holds the claim; a quote has no property of its own on `Claim`.
 * - `source.via` (who relayed a statement): no property says "relayed by"; the appearance is the
 *   source as cited.
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
}

export interface JsonLdClaim {
  '@context': 'https://schema.org';
  '@type': 'Claim';
  identifier: string;
  text: string;
  author: { name: string; description?: string };
  datePublished: string;
  appearance: JsonLdCreativeWork;
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
  };
}

/**
 * The source counts as the claim's first appearance only when the claimant published it (as author
 * or as publisher) and nobody relayed it; a report of someone else's statement is an appearance,
 * and which one came first is not known.
 */
function isOwnPublication(claim: Claim): boolean {
  const name = claim.claimant.name;
  return claim.source.via === undefined && (claim.source.author === name || claim.source.publisher === name);
}

/**
 * `claim` as a schema.org Claim. `incident`: the incident it is about, when known; pass the record
 * with `claim.incidentId` (another incident is ignored rather than mislabelled).
 */
export function claimToJsonLd(claim: Claim, incident?: Incident): JsonLdClaim {
  const appearance = creativeWork(claim.source);
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
    appearance,
    ...(isOwnPublication(claim) ? { firstAppearance: appearance } : {}),
    ...about,
  };
}
