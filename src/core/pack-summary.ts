/**
 * What a pack brings, as the options page shows it before the pack is written and in the list of
 * loaded packs: who curates it, how many records of each kind, which hosts it will label, and which
 * incidents of other datasets it adds claims to. Pure: the background computes it from the checked
 * pack and the data already loaded.
 */
import type { Dataset } from './dataset-types.ts';
import { normalizeHost } from './hostname.ts';
import { packOrigin, type PackOrigin } from './origin.ts';

/** An incident of another dataset that a pack adds claims to. */
export interface ExtendedIncident {
  id: string;
  title: string;
  /** The dataset the incident is from ("bundled" or a pack's name). */
  dataset: string;
  /** How many claims the pack adds to it. */
  claims: number;
}

export interface PackSummary {
  name: string;
  contentVersion: string;
  origin: PackOrigin;
  counts: { incidents: number; claims: number; publishers: number; authors: number };
  /** Hosts the pack's publishers label, in normal form, sorted; each with its subdomains. */
  domains: string[];
  extends: ExtendedIncident[];
}

/** The summary of `pack`, given the datasets loaded beside it (for the incidents it extends). */
export function summarizePack(pack: Dataset, existing: readonly Dataset[]): PackSummary {
  const own = new Set(pack.incidents.map((i) => i.id));
  const added = new Map<string, number>();
  for (const c of pack.claims) if (!own.has(c.incidentId)) added.set(c.incidentId, (added.get(c.incidentId) ?? 0) + 1);
  const extended: ExtendedIncident[] = [];
  for (const d of existing) {
    for (const inc of d.incidents) {
      const n = added.get(inc.id);
      if (n !== undefined) extended.push({ id: inc.id, title: inc.title, dataset: d.name, claims: n });
    }
  }
  const domains = new Set<string>();
  for (const p of pack.publishers) for (const d of p.domains) domains.add(normalizeHost(d) ?? d);
  return {
    name: pack.name,
    contentVersion: pack.contentVersion,
    origin: packOrigin(pack.name, pack.pack),
    counts: { incidents: pack.incidents.length, claims: pack.claims.length, publishers: pack.publishers.length, authors: pack.authors.length },
    domains: [...domains].sort(),
    extends: extended,
  };
}
