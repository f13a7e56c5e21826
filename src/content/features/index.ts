/**
 * The content script's features, in the order they start on each run. The order is also the order
 * of their steps after each scan (run.ts `Steps`): the page's publisher is badged before links are
 * labelled, and the toolbar counts after both. Marks comes last, so what the others start at once
 * (the lookup of the page's own host) goes out before its scan. A new feature is a file in this
 * folder exporting `start(signal, run)`, listed here (tests/conventions/content-features.test.ts).
 */
import type { Run } from '../run.ts';
import { start as linkLabels } from './link-labels.ts';
import { start as marks } from './marks.ts';
import { start as panelRequests } from './panel-requests.ts';
import { start as publisherRecognition } from './publisher-recognition.ts';
import { start as toolbarCount } from './toolbar-count.ts';

/** A feature starts on each run and removes everything it added when `signal` aborts. */
export type Feature = (signal: AbortSignal, run: Run) => void;

export const FEATURES: readonly Feature[] = [publisherRecognition, linkLabels, toolbarCount, panelRequests, marks];
