/** The stored datasets as one, for `pack/export`. */
import { SCHEMA_VERSION, type Dataset } from '../core/dataset-types.ts';
import { incidentClaims, latestById, placeDatasets, rankIn, type Placed } from '../core/record-view.ts';
import { BUNDLED } from './db.ts';

/**
 * The merged view of all datasets, with the precedence a popup sees (later datasets, packs in import
 * order, win on a shared id). A pack may add claims to an incident of another dataset; in one dataset
 * the incident lists them, in the order the popup shows them, so the export is itself a valid dataset.
 */
export function mergeDatasets(datasets: Dataset[]): Dataset {
  const stored = placeDatasets(datasets);
  const rank = rankIn(stored.order);
  const latest = <T extends { id: string }>(list: Iterable<Placed<T>>): T[] => latestById(list, rank).map((r) => r.value);
  const incidents = latest(stored.incidents).map((inc) => {
    const claimIds = incidentClaims(inc, stored.claims, rank).map((c) => c.id);
    return claimIds.join('\n') === inc.claimIds.join('\n') ? inc : { ...inc, claimIds };
  });
  const bundled = datasets.find((d) => d.name === BUNDLED);
  const only = datasets.length === 1 ? datasets[0] : undefined;
  const newest = [...datasets].map((d) => d.contentVersion).sort().pop();
  return {
    schemaVersion: bundled?.schemaVersion ?? SCHEMA_VERSION,
    contentVersion: bundled?.contentVersion ?? only?.contentVersion ?? newest ?? '',
    // One pack keeps its name and identity, so re-importing the export replaces it instead of
    // clashing with it. Several packs have several curators, and no one identity may speak for all
    // their records: the merged file names none, and is not a pack anyone can import as theirs.
    name: only?.name ?? 'merged',
    // Concept ids are unique across the loaded datasets (the validator refuses a pack that redefines one).
    ...(datasets.some((d) => d.concepts?.length) ? { concepts: datasets.flatMap((d) => d.concepts ?? []) } : {}),
    ...(only?.pack ? { pack: only.pack } : {}),
    incidents,
    claims: latest(stored.claims),
    publishers: latest(stored.publishers),
    authors: latest(stored.authors),
  };
}
