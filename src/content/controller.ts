/**
 * The content script's controller. It holds the session (the settings, the index, the UI module)
 * and runs the features of features/index.ts, one run at a time: each run has its own
 * AbortController, and a settings change that matters, a new index or the script's stop is one
 * `abort()` (each feature removes what it added) followed, unless stopping, by a new run.
 */
import { DISMISSALS_KEY } from '../core/dismissals-key.ts';
import { SETTINGS_KEY, SITE_PREFIX } from '../core/settings.ts';
import { readDismissed, type DismissedTest } from './dismissed.ts';
import { ext } from './ext.ts';
import { FEATURES } from './features/index.ts';
import { IndexReader } from './index-reader.ts';
import { differInEffect, isActive, readPageSettings } from './page-settings.ts';
import { quietly, reportQuietly } from './quietly.ts';
import { createRun, type Session, type UiModule } from './run.ts';

/** Run Source Context on this page until `signal` aborts. */
export async function start(signal: AbortSignal): Promise<void> {
  const api = ext();
  if (!api) return;
  const host = location.hostname;
  // The detection index, read once per generation. The first read starts now, alongside the
  // settings; it may find no index yet (first install still writing it), so a run that finds none
  // has it read again, and the next run again, until one is stored.
  let early: Promise<IndexReader | null> | null = IndexReader.open();
  early.catch(() => undefined); // awaited by the first run that reads the index, which reports a failure
  let found: Promise<IndexReader | null> | null = null;
  const readIndex = (): Promise<IndexReader | null> =>
    (found ??= (async () => (await early) ?? IndexReader.open())().then((reader) => {
      if (!reader) found = null;
      return reader;
    }));
  const initial = await readPageSettings(host);
  if (signal.aborted) return;

  let ui: Promise<UiModule> | null = null;
  let dismissed: Promise<DismissedTest> | null = null;
  let marks = 0;
  const session: Session = {
    api,
    host,
    ...initial,
    ui: () => (ui ??= import('./ui/index.ts')),
    nextMarkId: () => `m${(++marks).toString(36)}`,
    dismissed: () => (dismissed ??= readDismissed(host).catch(() => () => false)),
    toolbar: { count: 0, url: location.href },
  };

  let current: AbortController | null = null;
  const restart = (): void => {
    current?.abort();
    if (signal.aborted) return;
    const run = (current = new AbortController());
    const active = isActive(session);
    const ctx = createRun(session, run.signal, active, active ? readIndex() : Promise.resolve(null));
    for (const start of FEATURES) {
      // One feature that fails to start does not keep the others from starting.
      try {
        start(run.signal, ctx);
      } catch (e) {
        reportQuietly(e);
      }
    }
  };

  const onChanged = (changes: Record<string, unknown>, area: string): void => {
    if (area === 'local' && 'idx:meta' in changes) {
      // The index was rebuilt (pack imported or removed): read it afresh, forget the records the
      // popups were shown, and rescan.
      early = found = null;
      quietly(ui?.then((m) => m.clearRecordCache()));
      restart();
      return;
    }
    if (area === 'local' && DISMISSALS_KEY in changes) {
      // The reader hid a mark (in this tab or another) or showed one again: mark the page afresh.
      dismissed = null;
      restart();
      return;
    }
    if (area !== 'sync' || !Object.keys(changes).some((k) => k === SETTINGS_KEY || k.startsWith(SITE_PREFIX))) return;
    quietly(
      readPageSettings(host).then((next) => {
        const changed = differInEffect(session, next);
        session.settings = next.settings;
        session.site = next.site;
        if (changed) restart();
      }),
    );
  };
  api.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => {
    api.storage.onChanged.removeListener(onChanged);
    current?.abort();
    quietly(ui?.then((m) => m.destroyUi()));
  });
  restart();
}
