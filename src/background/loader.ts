/**
 * Loading the dataset: the bundle on install, update and worker start, user packs on request, and
 * after every change the detection index that content scripts read from `storage.local`.
 *
 * Every change runs through one queue, so an install-time load, a pack import and a removal never
 * interleave. Each change is one IndexedDB transaction (see `replaceDataset`): a refused or failed
 * change leaves the stored data exactly as it was.
 *
 * The validator and index compiler are passed in (see `index.ts`) so tests can run this against
 * small datasets.
 *
 * Longer than most files because every kind of change (install, start, import, removal, reset)
 * shares the one queue, loading flag and error record defined here, and reads best beside them.
 */
import browser from 'webextension-polyfill';
import type { DatasetInfo, PackPreview, RecordView, ValidationIssue } from '../core/messages.ts';
import { packOrigin, type PackChannel } from '../core/origin.ts';
import { summarizePack, type PackSummary } from '../core/pack-summary.ts';
import { buildRecordView, placeDatasets } from '../core/record-view.ts';
import { err, ok, type Result } from '../core/result.ts';
import { SCHEMA_VERSION, type Dataset, type RecordKind } from '../core/dataset-types.ts';
import {
  BUNDLED,
  datasetInfo,
  getRecordView,
  readAllDatasets,
  readBundledMeta,
  readPackList,
  removeAllPacks,
  removePack,
  replaceDataset,
  type SourceContextDBHandle,
} from './db.ts';
import { describeIssues } from './describe-issues.ts';
import { INDEX_META, publishIndex } from './index-storage.ts';
import { mergeDatasets } from './merge-datasets.ts';

/** storage.local keys of the background's own state (the index's keys start with `idx:`). */
export const STATE_LOADING = 'state:loading';
export const STATE_LAST_ERROR = 'state:lastError';
/** The bundle version last refused as invalid, so a worker start does not re-validate it every wake. */
export const STATE_REFUSED_BUNDLE = 'state:refusedBundle';
/** Set when an index could not be written: the one in use is older than the data, rebuilt on the next start. */
export const STATE_INDEX_STALE = 'state:indexStale';

export interface LoaderDeps {
  openDB: () => Promise<SourceContextDBHandle>;
  /** The dataset shipped with the extension, as parsed JSON, not yet validated. */
  bundle: unknown;
  validateDataset: (input: unknown, opts?: { existing?: Dataset[]; bundled?: boolean }) => Result<Dataset, ValidationIssue[]>;
  parsePackJson: (text: string, existing: Dataset[]) => Result<Dataset, ValidationIssue[]>;
  compileIndex: (datasets: Dataset[]) => Record<string, unknown>;
  now?: () => number;
}

export type DatasetLoader = ReturnType<typeof createDatasetLoader>;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The data was stored but its index was not: the change is in IndexedDB, content scripts do not see it yet. */
class IndexWriteError extends Error {}

/** `schemaVersion/contentVersion` of a dataset-like value, read before validation. */
function versionKey(v: unknown): string {
  return isObj(v) ? `${String(v.schemaVersion)}/${String(v.contentVersion)}` : 'unreadable';
}

/**
 * The `name` and pack id of a pack's JSON, if they can be read: used only to find the loaded pack it
 * replaces, which is left out of the cross-checks. The validator then checks both.
 */
function peekPack(text: string): { name: string | null; id: string | null } {
  try {
    const v: unknown = JSON.parse(text);
    if (!isObj(v)) return { name: null, id: null };
    return { name: typeof v.name === 'string' ? v.name : null, id: isObj(v.pack) && typeof v.pack.id === 'string' ? v.pack.id : null };
  } catch {
    return { name: null, id: null };
  }
}

/**
 * The loaded pack that `text` would replace: the one with its pack id (a newer or other version of
 * the same pack, perhaps renamed), or a pack stored before packs had ids under its name. A pack with
 * the same name and another id is not replaced: the validator refuses the name as taken, so no pack
 * can take another's place by borrowing its name.
 */
function replacedBy(text: string, loaded: readonly Dataset[]): Dataset | undefined {
  const { name, id } = peekPack(text);
  return loaded.find((d) => d.name !== BUNDLED && ((id !== null && d.pack?.id === id) || (d.pack === undefined && d.name === name)));
}

/** What a channel adds to an import (`channels.ts`). */
export interface ChannelImport {
  /** The channel's identity and scope checks, run on the validated pack before anything is written: null accepts, issues refuse. */
  accept: (pack: Dataset) => ValidationIssue[] | null;
  /** Kept in the pack's entry: the popup's provenance names it. */
  channel: PackChannel;
}

/**
 * Refuses to let `replaced`, a pack a channel delivered, be replaced other than by that channel
 * (`via`): neither a file nor another curator's channel that declares the same pack id can take its
 * place, and with it its provenance. Null when the replacement may go ahead.
 */
async function channelGuard(db: SourceContextDBHandle, replaced: Dataset | undefined, via: ChannelImport | undefined): Promise<ValidationIssue[] | null> {
  if (!replaced) return null;
  let owner: PackChannel | undefined;
  try {
    owner = (await readPackList(db)).find((p) => p.name === replaced.name)?.channel;
  } catch (e) {
    return [{ path: '', message: `The dataset could not be read: ${messageOf(e)}` }];
  }
  if (!owner || (owner.id === via?.channel.id && owner.host === via.channel.host)) return null;
  return [{ path: 'pack.id', message: `"${replaced.pack?.id ?? ''}" is the pack of the channel "${owner.id}" (${owner.host}); unsubscribe from it before loading this pack in its place` }];
}

/** How long a popup waits for IndexedDB before it is given the view it had (or the bundled one). */
const READ_PATIENCE_MS = 400;

/**
 * A record's view from the bundled dataset alone (no pack additions): what a popup shows while a
 * long change holds IndexedDB and no earlier view is at hand. The same rules as the stored view.
 */
export function bundledView(bundle: unknown, kind: RecordKind, id: string): RecordView | null {
  if (!isObj(bundle)) return null;
  const ds = bundle as unknown as Dataset;
  if (!Array.isArray(ds.incidents) || !Array.isArray(ds.claims) || !Array.isArray(ds.publishers) || !Array.isArray(ds.authors)) return null;
  return buildRecordView(placeDatasets([{ ...ds, name: BUNDLED }]), kind, id);
}

export function createDatasetLoader(deps: LoaderDeps) {
  const now = deps.now ?? Date.now;
  let queue: Promise<unknown> = Promise.resolve();
  /** Set once this worker has written the current bundle, so an install event right after a start check does not write it twice. */
  let bundleWritten = false;

  /** Runs `job` after every change queued before it. */
  function serial<T>(job: () => Promise<T>): Promise<T> {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    // Whatever the change did, views served before it may be out of date now.
    void queue.then(() => views.clear());
    return run;
  }

  /**
   * Views served recently, by `kind:id`. While a long change holds the stores (a big pack's write
   * transaction takes seconds, and reads wait for its commit), a popup gets the view it had before
   * rather than a spinner.
   */
  const views = new Map<string, RecordView>();

  async function recompile(db: SourceContextDBHandle): Promise<void> {
    const entries = deps.compileIndex(await readAllDatasets(db));
    try {
      await publishIndex(entries);
    } catch (e) {
      // The generation in use stays whole and in use (publishIndex): detection goes on with the data
      // it had, not off everywhere. The next worker start tries again.
      await browser.storage.local.set({ [STATE_INDEX_STALE]: true }).catch(() => undefined);
      throw new IndexWriteError(messageOf(e));
    }
    await browser.storage.local.remove(STATE_INDEX_STALE);
  }

  /** A user-facing line for a failed change; an index failure is also kept as the last error. */
  async function failure(e: unknown, what: string): Promise<string> {
    if (!(e instanceof IndexWriteError)) return `${what}: ${messageOf(e)}`;
    const message = `The data was stored, but the detection index could not be written (${e.message}); it is rebuilt the next time the extension starts.`;
    await setLastError(message).catch(() => undefined);
    return message;
  }

  /** Runs a write with the loading flag set, so the options page can show that data is being written. */
  async function withLoading<T>(job: () => Promise<T>): Promise<T> {
    await browser.storage.local.set({ [STATE_LOADING]: true });
    try {
      return await job();
    } finally {
      await browser.storage.local.remove(STATE_LOADING);
    }
  }

  async function setLastError(message: string | null, refusedBundle?: string): Promise<void> {
    if (message === null) {
      await browser.storage.local.remove([STATE_LAST_ERROR, STATE_REFUSED_BUNDLE]);
      return;
    }
    await browser.storage.local.set({ [STATE_LAST_ERROR]: message, ...(refusedBundle ? { [STATE_REFUSED_BUNDLE]: refusedBundle } : {}) });
  }

  async function info(db: SourceContextDBHandle): Promise<DatasetInfo> {
    const [base, state] = await Promise.all([datasetInfo(db, SCHEMA_VERSION), browser.storage.local.get([STATE_LOADING, STATE_LAST_ERROR])]);
    const lastError = state[STATE_LAST_ERROR];
    return { ...base, loading: state[STATE_LOADING] === true, ...(typeof lastError === 'string' ? { lastError } : {}) };
  }

  /** Validates the bundle and writes it; on refusal or failure the previous data stays and the error is kept. */
  async function writeBundle(db: SourceContextDBHandle): Promise<Result<null>> {
    const checked = deps.validateDataset(deps.bundle, { bundled: true });
    if (!checked.ok) {
      const message = `The bundled dataset was refused: ${describeIssues(checked.error, deps.bundle)}`;
      await setLastError(message, versionKey(deps.bundle));
      return err(message);
    }
    try {
      await withLoading(async () => {
        await replaceDataset(db, checked.value, BUNDLED);
        await recompile(db);
      });
    } catch (e) {
      const message = await failure(e, 'The bundled dataset could not be stored');
      await setLastError(message);
      return err(message);
    }
    bundleWritten = true;
    await setLastError(null);
    return ok(null);
  }

  /** A pack checked against what is stored (less the pack it replaces), with what it would add; or its issues. */
  async function checkPack(
    text: string,
  ): Promise<Result<{ db: SourceContextDBHandle; pack: Dataset; summary: PackSummary; replaced: Dataset | undefined }, ValidationIssue[]>> {
    let db: SourceContextDBHandle;
    let loaded: Dataset[];
    try {
      db = await deps.openDB();
      loaded = await readAllDatasets(db);
    } catch (e) {
      return err([{ path: '', message: `The dataset could not be read: ${messageOf(e)}` }]);
    }
    // A new version replaces its older one, so it is not checked against it.
    const replaced = replacedBy(text, loaded);
    const existing = loaded.filter((d) => d !== replaced);
    const parsed = deps.parsePackJson(text, existing);
    if (!parsed.ok) return err(parsed.error);
    return ok({ db, pack: parsed.value, summary: summarizePack(parsed.value, existing), replaced });
  }

  return {
    /** Install or update: write the bundle (unless this worker just did) and recompile the index. */
    onInstalledOrUpdated(): Promise<Result<null>> {
      return serial(async () => {
        if (bundleWritten) return ok(null);
        try {
          return await writeBundle(await deps.openDB());
        } catch (e) {
          return err(`The bundled dataset could not be stored: ${messageOf(e)}`);
        }
      });
    },

    /**
     * Worker start: bring storage in line with the bundle when it is not (first run, an update whose
     * install event was missed, or a worker stopped mid-load, which leaves the loading flag set or no
     * index). Costs two small reads when all is in order.
     */
    onStart(): Promise<Result<null>> {
      return serial(async () => {
        try {
          const db = await deps.openDB();
          const [meta, state] = await Promise.all([
            readBundledMeta(db),
            browser.storage.local.get([STATE_LOADING, INDEX_META, STATE_REFUSED_BUNDLE, STATE_INDEX_STALE]),
          ]);
          const wanted = versionKey(deps.bundle);
          // A bundle refused once is not validated again on every wake; the error stays on show.
          const bundleDue = (!meta || versionKey(meta) !== wanted) && state[STATE_REFUSED_BUNDLE] !== wanted;
          if (bundleDue) return await writeBundle(db);
          if (state[STATE_LOADING] === true || state[INDEX_META] === undefined || state[STATE_INDEX_STALE] === true) await withLoading(() => recompile(db));
          return ok(null);
        } catch (e) {
          const message = await failure(e, 'The dataset could not be brought up to date');
          await setLastError(message).catch(() => undefined);
          return err(message);
        }
      });
    },

    /** Check a pack and say what it would add and replace; nothing is written. */
    previewPack(text: string): Promise<Result<PackPreview, ValidationIssue[]>> {
      return serial(async () => {
        const checked = await checkPack(text);
        if (!checked.ok) return checked;
        const { db, summary, replaced } = checked.value;
        const guarded = await channelGuard(db, replaced, undefined);
        if (guarded) return err(guarded);
        return ok(replaced ? { ...summary, replaces: { ...packOrigin(replaced.name, replaced.pack), contentVersion: replaced.contentVersion } } : summary);
      });
    },

    /**
     * Validate a pack against what is stored; store it in one transaction or refuse it with the issue
     * list. `via`, for a channel's pack: the channel's own checks and its name for the pack's entry.
     */
    importPack(text: string, via?: ChannelImport): Promise<Result<DatasetInfo, ValidationIssue[]>> {
      return serial(async () => {
        const checked = await checkPack(text);
        if (!checked.ok) return checked;
        const { db, pack, summary, replaced } = checked.value;
        const guarded = await channelGuard(db, replaced, via);
        if (guarded) return err(guarded);
        const refused = via?.accept(pack) ?? null;
        if (refused) return err(refused);
        try {
          await withLoading(async () => {
            await replaceDataset(db, pack, pack.name, { json: text, now: now(), summary, ...(replaced ? { replaces: replaced.name } : {}), ...(via ? { channel: via.channel } : {}) });
            await recompile(db);
          });
          return ok(await info(db));
        } catch (e) {
          return err([{ path: '', message: await failure(e, 'The pack could not be stored') }]);
        }
      });
    },

    /** Remove a pack; what it added goes, what was there before it stays as it was. */
    removePack(name: string): Promise<Result<DatasetInfo>> {
      return serial(async () => {
        const db = await deps.openDB();
        try {
          let found = false;
          await withLoading(async () => {
            found = await removePack(db, name);
            if (found) await recompile(db);
          });
          return found ? ok(await info(db)) : err(`There is no pack named "${name}".`);
        } catch (e) {
          return err(await failure(e, 'The pack could not be removed'));
        }
      });
    },

    /** Back to the bundled data alone: every pack removed, the bundle rewritten if it is not current. */
    reset(): Promise<Result<DatasetInfo>> {
      return serial(async () => {
        const db = await deps.openDB();
        try {
          await withLoading(() => removeAllPacks(db));
          const meta = await readBundledMeta(db);
          if (!meta || versionKey(meta) !== versionKey(deps.bundle)) {
            const written = await writeBundle(db);
            if (!written.ok) return written;
          } else {
            await withLoading(() => recompile(db));
          }
          return ok(await info(db));
        } catch (e) {
          return err(await failure(e, 'The dataset could not be reset'));
        }
      });
    },

    /**
     * The imported packs as one pack, so that importing the export again gives the same data (the
     * bundled records ship with the extension and would clash). With no pack, the bundled data.
     */
    async exportMerged(): Promise<Result<Dataset>> {
      await queue;
      try {
        const all = await readAllDatasets(await deps.openDB());
        const packs = all.filter((d) => d.name !== BUNDLED);
        return ok(packs.length > 0 ? mergeDatasets(packs) : (all.find((d) => d.name === BUNDLED) ?? mergeDatasets(all)));
      } catch (e) {
        return err(`The dataset could not be read: ${messageOf(e)}`);
      }
    },

    async info(): Promise<Result<DatasetInfo>> {
      try {
        // Not queued: the options page shows `loading` while a change runs.
        return ok(await info(await deps.openDB()));
      } catch (e) {
        return err(`The dataset could not be read: ${messageOf(e)}`);
      }
    },

    /**
     * The records behind a badge. Not queued behind a pack import (that can take many seconds):
     * IndexedDB already serves reads from the last committed data. Only a record that is not there
     * yet (first install still writing) waits for the change in progress.
     */
    async recordView(kind: RecordKind, id: string): Promise<Result<RecordView>> {
      const key = `${kind}:${id}`;
      try {
        const read = (async () => {
          let view = await getRecordView(await deps.openDB(), kind, id);
          if (!view) {
            await queue;
            view = await getRecordView(await deps.openDB(), kind, id);
          }
          if (view) views.set(key, view);
          return view;
        })();
        const earlier = views.get(key) ?? bundledView(deps.bundle, kind, id);
        const view = earlier
          ? await Promise.race([read, new Promise<RecordView>((resolve) => setTimeout(() => resolve(earlier), READ_PATIENCE_MS))])
          : await read;
        return view ? ok(view) : err(`No ${kind} with id "${id}" in the dataset.`);
      } catch (e) {
        return err(`The dataset could not be read: ${messageOf(e)}`);
      }
    },

    /** For use in tests: resolves when every queued change has finished. */
    idle(): Promise<unknown> {
      return queue;
    },
  };
}
