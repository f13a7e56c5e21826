/**
 * Live pages: new content (single-page apps, infinite scroll, pushState navigation) is scanned in
 * batches, only where it changed; marks whose text was removed or rewritten go, and come back once
 * if the text still names the record. Our own insertions are ignored, so marking never feeds itself.
 */
import type { Mark } from './marker.ts';
import { quietly, reportQuietly } from './quietly.ts';
import { Slices } from './slices.ts';
import { blockOf } from './text-windows.ts';

export interface ObserverHooks {
  isOurs(node: Node): boolean;
  marks(): Map<string, Mark>;
  removeMark(markId: string): void;
  rescan(root: Node): Promise<void>;
  afterChange(): void;
  /** A link's address changed (a recycled row): label it again. */
  linkChanged(a: HTMLAnchorElement): void;
  /** The page took a mark's badge out and left its text as it was (the mark is removed next). */
  badgeTakenAway(mark: Mark): void;
  /** An element's class, style, hidden or open attribute changed: whether hidden text inside it waits to be looked at again. */
  shown(el: Element): boolean;
}

/** Wait this long after the last change before scanning, but never longer than MAX_WAIT_MS. */
const QUIET_MS = 120;
const MAX_WAIT_MS = 600;

function markNodes(mark: Mark): Node[] {
  const out: Node[] = [];
  if (mark.badge) out.push(mark.badge);
  if (mark.link) out.push(mark.link);
  for (const r of mark.match?.ranges ?? []) out.push(r.startContainer, r.endContainer);
  return out;
}

/** Whether `n` or one of its ancestors is in `set`. */
function hasAncestorIn(n: Node, set: Set<Node>): boolean {
  for (let p: Node | null = n; p; p = p.parentNode) if (set.has(p)) return true;
  return false;
}

/**
 * The roots not inside another root (a root inside another is covered by its scan). One walk up
 * from each root: linear in roots times depth, where comparing every pair was quadratic
 * (tests/fixtures/hostile/many-items.html appends thousands of items one at a time).
 */
export function outermost(roots: Node[]): Node[] {
  const set = new Set(roots);
  return [...set].filter((r) => !(r.parentNode && hasAncestorIn(r.parentNode, set)));
}

/** What the observer is told while it runs. */
export interface Observing {
  /**
   * Whether to follow class, style, hidden and open changes (for `hooks.shown`): only while some
   * hidden text waits, so pages that restyle constantly cost nothing more otherwise.
   */
  watchShown(on: boolean): void;
}

export function observe(signal: AbortSignal, hooks: ObserverHooks): Observing {
  const dirty = new Set<Node>();
  const changedLinks = new Set<HTMLAnchorElement>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstChange = 0;
  let running = false;

  const flush = async (): Promise<void> => {
    timer = null;
    if (running) {
      schedule();
      return;
    }
    running = true;
    try {
      const roots = [...dirty].filter((n) => n.isConnected);
      dirty.clear();
      const links = [...changedLinks].filter((a) => a.isConnected);
      changedLinks.clear();
      // Marks whose text or badge left the page, or whose own text changed, go first. A change
      // elsewhere in the same block (a live counter beside the mention) leaves the mark alone.
      for (const [id, mark] of hooks.marks()) {
        const gone = markNodes(mark).some((n) => !n.isConnected);
        const changed = mark.match?.ranges.some((r, i) => r.collapsed || r.toString() !== mark.match?.rangeTexts[i]) ?? false;
        if (!gone && !changed) continue;
        const m = mark.match;
        if (!changed && m && mark.badge && !mark.badge.isConnected && m.ranges.every((r) => r.startContainer.isConnected && r.endContainer.isConnected)) hooks.badgeTakenAway(mark);
        hooks.removeMark(id);
      }
      const outer = outermost(roots);
      // A page appending thousands of items: their rescans take turns with the page.
      const slices = new Slices(signal);
      for (const root of outer) {
        if (signal.aborted || (slices.due() && !(await slices.pause()))) return;
        await hooks.rescan(root);
      }
      const covered = new Set(outer);
      for (const a of links) if (!hasAncestorIn(a, covered)) hooks.linkChanged(a);
      hooks.afterChange();
    } finally {
      running = false;
    }
  };

  const schedule = (): void => {
    const now = performance.now();
    if (!timer) firstChange = now;
    else clearTimeout(timer);
    const wait = Math.max(0, Math.min(QUIET_MS, MAX_WAIT_MS - (now - firstChange)));
    timer = setTimeout(() => quietly(flush()), wait);
  };

  const observer = new MutationObserver((records) => {
    try {
      onRecords(records);
    } catch (e) {
      reportQuietly(e);
    }
  });
  const onRecords = (records: MutationRecord[]): void => {
    let any = false;
    for (const rec of records) {
      if (rec.type === 'attributes') {
        if (rec.attributeName === 'href') {
          if (rec.target.nodeName === 'A') changedLinks.add(rec.target as HTMLAnchorElement);
        } else if (!hooks.isOurs(rec.target) && hooks.shown(rec.target as Element)) {
          dirty.add(rec.target);
          any = true;
        }
        continue;
      }
      if (rec.type === 'characterData') {
        const block = blockOf(rec.target);
        if (block && !hooks.isOurs(block)) {
          dirty.add(block);
          any = true;
        }
        continue;
      }
      if (hooks.isOurs(rec.target)) continue;
      // The page took one of our badges out (not moved it): that mark goes, and its block is looked
      // at again, which gives the badge back once (features/marks.ts).
      for (const n of rec.removedNodes) {
        if (n.nodeName !== 'SOURCE-CONTEXT-BADGE' || n.isConnected || !hooks.isOurs(n)) continue;
        const block = rec.target.nodeType === Node.ELEMENT_NODE ? rec.target : blockOf(rec.target);
        if (block) dirty.add(block);
        any = true;
      }
      const added = [...rec.addedNodes].filter((n) => !hooks.isOurs(n));
      const removed = [...rec.removedNodes].filter((n) => !hooks.isOurs(n));
      if (added.length === 0 && removed.length === 0) continue;
      any = true;
      for (const n of added) {
        if (n.nodeType === Node.TEXT_NODE) {
          const block = blockOf(n);
          if (block) dirty.add(block);
        } else if (n.nodeType === Node.ELEMENT_NODE) dirty.add(n);
      }
      if (removed.length > 0) {
        // A text node replaced under a block: the block is re-examined.
        const block = rec.target.nodeType === Node.ELEMENT_NODE ? rec.target : blockOf(rec.target);
        if (block) dirty.add(block);
      }
    }
    if (any || changedLinks.size) schedule();
  };
  const options = (shown: boolean): MutationObserverInit => ({
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: shown ? ['href', 'class', 'style', 'hidden', 'open'] : ['href'],
  });
  let watching = false;
  observer.observe(document.documentElement, options(false));
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
    dirty.clear();
  });
  return {
    watchShown(on) {
      if (on === watching || signal.aborted) return;
      watching = on;
      // Observing the same node again replaces the options; records already queued are kept.
      observer.observe(document.documentElement, options(on));
    },
  };
}

/* Fixtures: tests/fixtures/hostile/react-rerender.html, infinite-scroll.html, constant-mutation.html */
