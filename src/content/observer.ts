/**
 * Live pages: new content (single-page apps, infinite scroll, pushState navigation) is scanned in
 * batches, only where it changed; marks whose text was removed or rewritten go, and come back once
 * if the text still names the record. Our own insertions are ignored, so marking never feeds itself.
 */
import type { Mark } from './marker.ts';
import { quietly, reportQuietly } from './quietly.ts';
import { blockOf } from './text-windows.ts';

export interface ObserverHooks {
  isOurs(node: Node): boolean;
  marks(): Map<string, Mark>;
  removeMark(markId: string): void;
  rescan(root: Node): Promise<void>;
  afterChange(): void;
  /** A link's address changed (a recycled row): label it again. */
  linkChanged(a: HTMLAnchorElement): void;
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

export function observe(signal: AbortSignal, hooks: ObserverHooks): void {
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
        if (gone || changed) hooks.removeMark(id);
      }
      // Scan outermost roots only: a root inside another is covered by it.
      const outer = roots.filter((r) => !roots.some((o) => o !== r && o.contains(r)));
      for (const root of outer) {
        if (signal.aborted) return;
        await hooks.rescan(root);
      }
      for (const a of links) if (!outer.some((r) => r.contains(a))) hooks.linkChanged(a);
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
        if (rec.target.nodeName === 'A') changedLinks.add(rec.target as HTMLAnchorElement);
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
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href'] });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
    dirty.clear();
  });
}

/* Fixtures: tests/fixtures/hostile/react-rerender.html, infinite-scroll.html, constant-mutation.html */
