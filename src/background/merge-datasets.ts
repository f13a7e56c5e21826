/** The stored datasets as one, for `pack/export`. */
import { SCHEMA_VERSION, type Dataset } from '../data/schema-types.ts';
import { BUNDLED } from './db.ts';

/** The merged view of all datasets: later datasets (packs, in import order) win on a shared id. */
export function mergeDatasets(datasets: Dataset[]): Dataset {
  const merge = <T extends { id: string }>(pick: (d: Dataset) => T[]): T[] => {
    const byId = new Map<string, T>();
    for (const d of datasets) for (const r of pick(d)) byId.set(r.id, r);
    return [...byId.values()];
  };
  const bundled = datasets.find((d) => d.name === BUNDLED);
  const claims = merge((d) => d.claims);
  // A pack may add claims to an incident of another dataset; in one dataset the incident lists them
  // (after its own, as the popup shows them), so the export is itself a valid dataset.
  const incidents = merge((d) => d.incidents).map((inc) => {
    const listed = new Set(inc.claimIds);
    const added = claims.filter((c) => c.incidentId === inc.id && !listed.has(c.id)).map((c) => c.id);
    return added.length > 0 ? { ...inc, claimIds: [...inc.claimIds, ...added] } : inc;
  });
  const only = datasets.length === 1 ? datasets[0] : undefined;
  const latest = [...datasets].map((d) => d.contentVersion).sort().pop();
  return {
    schemaVersion: bundled?.schemaVersion ?? SCHEMA_VERSION,
    contentVersion: bundled?.contentVersion ?? only?.contentVersion ?? latest ?? '',
    // One pack keeps its name, so re-importing the export replaces it instead of clashing with it.
    name: only?.name ?? 'merged',
    incidents,
    claims,
    publishers: merge((d) => d.publishers),
    authors: merge((d) => d.authors),
  };
}
