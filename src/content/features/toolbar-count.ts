/**
 * Toolbar count: how many marks the page has, sent to the background for the toolbar button's badge
 * after every change the other features make, and only when it differs from what the toolbar was
 * last told, so a page with nothing marked never wakes the background. A new address (pushState
 * navigation) or a page restored from the back/forward cache has had its count cleared: send again.
 */
import { ext } from '../ext.ts';
import type { Run } from '../run.ts';

export function start(signal: AbortSignal, run: Run): void {
  const told = run.session.toolbar;
  const report = (): void => {
    const count = run.marker.marks.size;
    if (count === told.count || (count === 0 && told.count <= 0)) return;
    told.count = count;
    // A notice whose reply nothing reads, so it skips request(): that would bring every reply type's
    // check (core/replies.ts) into the script every page loads.
    ext()
      ?.runtime.sendMessage({ type: 'tab/marks', count })
      .catch(() => undefined);
  };
  const onPageShow = (e: PageTransitionEvent): void => {
    if (e.persisted) {
      told.count = -1;
      report();
    }
  };

  run.scanned.add(report);
  run.linkChanged.add(report);
  run.changed.add(() => {
    if (location.href !== told.url) {
      told.url = location.href;
      told.count = -1;
    }
    report();
  });
  addEventListener('pageshow', onPageShow);
  signal.addEventListener('abort', () => removeEventListener('pageshow', onPageShow));
  // A run that marks nothing (paused, site off) clears what an earlier run reported.
  if (!run.active) report();
}

/* Fixtures: tests/fixtures/live/spa.html (pushState navigation), tests/fixtures/corpus/en-name-01.html */
