/**
 * The welcome page's sample marks, made with the in-page UI's own parts: `<source-context-badge>`
 * hosts mounted by mountBadge (so the badge, its popup, placement and keyboard handling are the
 * ones a reader meets on a news page), highlights through the same CSS Custom Highlight names,
 * and the records asked of the background with `records/get`, as a content script asks.
 */
import type { Mention } from '../core/findings.ts';
import type { RecordView } from '../core/messages.ts';
import type { RecordKind } from '../core/dataset-types.ts';
import { mountBadge } from '../content/ui/badge-host.tsx';
import { loadRecord } from '../content/ui/record-view.ts';

/** The bundled records the sample paragraph names (src/data/dataset.json). */
export const SAMPLE_INCIDENT = 'ishkobod-2019';
export const SAMPLE_PUBLISHER = 'global-research';

export interface SampleRecords {
  incident: RecordView;
  publisher: RecordView;
}

export async function loadSampleRecords(signal: AbortSignal): Promise<SampleRecords> {
  const [incident, publisher] = await Promise.all([loadRecord('incident', SAMPLE_INCIDENT, signal), loadRecord('publisher', SAMPLE_PUBLISHER, signal)]);
  if (!incident.incident || !publisher.publisher) throw new Error('the bundled sample records are missing');
  return { incident, publisher };
}

interface HighlightRegistry {
  set(name: string, h: unknown): void;
  delete(name: string): void;
}
type HighlightCtor = new (...ranges: Range[]) => unknown;
const g = globalThis as unknown as { Highlight?: HighlightCtor; CSS?: { highlights?: HighlightRegistry } };
const HIGHLIGHT: Record<RecordKind, string> = { incident: 'source-context-incident', publisher: 'source-context-publisher' };

/**
 * A badge after each `[data-mark]` name in `paragraph`, and the name highlighted as on a page.
 * Returns the cleanup (badges unmounted, hosts and highlights removed).
 */
export function mountSampleBadges(paragraph: HTMLElement, records: SampleRecords): () => void {
  const undo: (() => void)[] = [];
  for (const name of paragraph.querySelectorAll<HTMLElement>('[data-mark]')) {
    const kind: RecordKind = name.dataset.mark === 'publisher' ? 'publisher' : 'incident';
    const view = kind === 'incident' ? records.incident : records.publisher;
    const id = kind === 'incident' ? SAMPLE_INCIDENT : SAMPLE_PUBLISHER;
    const text = name.textContent ?? '';
    const host = document.createElement('source-context-badge');
    host.dataset.kind = kind;
    host.dataset.id = id;
    name.after(host);
    const mention: Mention = { markId: `welcome-${kind}`, kind, id, text, via: 'name', confidence: 1, evidence: [], badged: true };
    // No site: "hide on this site" has no meaning on the extension's own page, and the popup leaves it out.
    const destroy = mountBadge(host, { kind, id, name: view.publisher?.name ?? text, claimCount: view.claims.length, mention, site: '' });
    undo.push(() => {
      destroy();
      host.remove();
    });
    if (g.Highlight && g.CSS?.highlights) {
      const range = document.createRange();
      range.selectNodeContents(name);
      g.CSS.highlights.set(HIGHLIGHT[kind], new g.Highlight(range));
      undo.push(() => g.CSS?.highlights?.delete(HIGHLIGHT[kind]));
    }
  }
  return () => {
    for (const u of undo.splice(0)) u();
  };
}
