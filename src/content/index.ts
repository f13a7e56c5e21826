/**
 * Content script entry: one controller per page. A second copy (an extension reload leaves the old
 * script's listeners in place) stands the first one down; an invalidated extension context after an
 * update is a quiet stop, never an error in the page.
 */
import { start } from './controller.ts';
import { quietly } from './quietly.ts';

const KEY = '__sourceContextStop';
const g = globalThis as unknown as Record<string, unknown>;

const previous = g[KEY];
if (typeof previous === 'function') (previous as () => void)();
const controller = new AbortController();
g[KEY] = () => controller.abort();

// Only HTML documents have prose to mark (not XML viewers, not plain text or PDFs).
if (document.documentElement instanceof HTMLElement && document.contentType.includes('html')) {
  quietly(start(controller.signal));
}
