/**
 * What the content script's features share. The session lasts as long as the script runs on the
 * page; a run lasts from one reading of the settings and the index to the next (a settings change or
 * a new index ends it and starts another). A feature gets both in `start(signal, run)`, keeps its own
 * state inside `start`, and removes what it added when `signal` aborts: nothing outlives a run but
 * what the session holds.
 */
import type { PagePublisher } from '../core/findings.ts';
import type { DismissedTest } from './dismissed.ts';
import type { ExtApi } from './ext.ts';
import type { IndexReader } from './index-reader.ts';
import { Marker } from './marker.ts';
import type { PageSettings } from './page-settings.ts';
import { reportQuietly } from './quietly.ts';
import type { FoundMatch } from './scanner.ts';

export type UiModule = typeof import('./ui/index.ts');

export interface Session extends PageSettings {
  readonly api: ExtApi;
  /** The page's host when the script started. */
  readonly host: string;
  /** The in-page UI (Preact, badges, popup), loaded on first use: only pages with a mark load it. */
  ui(): Promise<UiModule>;
  /** Mark ids are unique for the life of the page, so the panel never reaches a new mark through an old id. */
  nextMarkId(): string;
  /** The marks the reader hid on this site, read on first use (a change of them starts a new run). */
  dismissed(): Promise<DismissedTest>;
  /**
   * What the toolbar was last told (-1: tell it again) and for which address. It outlives runs as
   * the toolbar's count does: a run that ends with the count the toolbar shows sends nothing.
   */
  toolbar: { count: number; url: string };
}

/** A part of the page that was scanned and marked: the whole page the first time (`first`). */
export interface Scanned {
  root: Node;
  matches: FoundMatch[];
  first: boolean;
}

/**
 * Callbacks features add to a run, called in the order they were added, which is the registry's
 * (features/index.ts). Each is awaited before the next; one that fails is reported and the next
 * still runs; after the run aborts, none is called.
 */
export class Steps<A extends unknown[]> {
  private readonly list: ((...args: A) => unknown)[] = [];
  constructor(private readonly signal: AbortSignal) {}

  add(step: (...args: A) => unknown): void {
    this.list.push(step);
  }

  async run(...args: A): Promise<void> {
    for (const step of this.list) {
      if (this.signal.aborted) return;
      try {
        await step(...args);
      } catch (e) {
        reportQuietly(e);
      }
    }
  }
}

export interface Run {
  readonly session: Session;
  /** Whether this run marks the page at all (not paused, site not off). */
  readonly active: boolean;
  /** The index, for an active run; null when inactive or while none is stored (first install). */
  readonly reader: Promise<IndexReader | null>;
  /** This run's marks; all of them go when the run aborts. */
  readonly marker: Marker;
  /** For the panel: whether the page's first scan is still under way, and the page's own publisher. */
  scanning: boolean;
  publisher: PagePublisher | null;
  /** After each scan was marked (the page's, then each part that changed). */
  readonly scanned: Steps<[Scanned]>;
  /** After a batch of live changes was handled (the address may have changed with it). */
  readonly changed: Steps<[]>;
  /** A link's address changed (a recycled row). */
  readonly linkChanged: Steps<[HTMLAnchorElement]>;
}

export function createRun(session: Session, signal: AbortSignal, active: boolean, reader: Promise<IndexReader | null>): Run {
  const marker = new Marker(session.ui, { site: session.site.key, highlight: session.settings.highlight, nextMarkId: session.nextMarkId });
  signal.addEventListener('abort', () => marker.clear());
  return {
    session,
    active,
    reader,
    marker,
    scanning: false,
    publisher: null,
    scanned: new Steps(signal),
    changed: new Steps(signal),
    linkChanged: new Steps(signal),
  };
}
