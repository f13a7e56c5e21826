/**
 * Panel requests: the toolbar panel asks the page what it found (`findings/get`) and to show one
 * mention (`findings/reveal`: scrolled into view, lit up for a moment, its popup opened when it has
 * a badge). The receiver is typed against the message union (`ContentHandlers`); only well-formed
 * messages from this extension's pages are answered.
 */
import type { Findings, Mention } from '../../core/findings.ts';
import { handleContentMessage, type ContentHandlers } from '../../core/messages.ts';
import { ok } from '../../core/result.ts';
import type { Mark } from '../marker.ts';
import { quietly } from '../quietly.ts';
import type { Run } from '../run.ts';

/** The highlight that lights up a revealed mention. */
const FLASH = 'source-context-flash';
const FLASH_MS = 1600;

type Highlights = { Highlight?: new (...r: Range[]) => unknown; CSS?: { highlights?: Map<string, unknown> } };

export function start(signal: AbortSignal, run: Run): void {
  const { api } = run.session;
  const g = globalThis as unknown as Highlights;
  let flashTimer: ReturnType<typeof setTimeout> | null = null;

  /** Show where a mention is for a moment: its text, or the link, lit up. */
  const flash = (mark: Mark): void => {
    if (!g.Highlight || !g.CSS?.highlights) return;
    let ranges = mark.match?.ranges ?? [];
    if (ranges.length === 0 && mark.link) {
      const r = document.createRange();
      r.selectNodeContents(mark.link);
      ranges = [r];
    }
    g.CSS.highlights.set(FLASH, new g.Highlight(...ranges));
    if (flashTimer) clearTimeout(flashTimer);
    flashTimer = setTimeout(() => g.CSS?.highlights?.delete(FLASH), FLASH_MS);
  };

  const reveal = (markId: string): boolean => {
    const mark = run.marker.marks.get(markId);
    if (!mark) return false;
    const target = mark.badge ?? mark.link ?? (mark.match?.endNode.parentElement as HTMLElement | null);
    if (!target?.isConnected) return false;
    target.scrollIntoView({ block: 'center', behavior: matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth' });
    flash(mark);
    quietly(
      run.session.ui().then((ui) => {
        if (mark.badge) ui.openPopupFor(mark.badge);
      }),
    );
    return true;
  };

  const handlers: ContentHandlers = {
    'findings/get': async () => ok(findings(run)),
    'findings/reveal': async (msg) => ok(reveal(msg.markId)),
  };
  const onMessage = (raw: unknown, sender: { id?: string; url?: string }, reply: (r: unknown) => void): true | undefined =>
    handleContentMessage(handlers, raw, sender, api.runtime.id, reply);

  api.runtime.onMessage.addListener(onMessage);
  signal.addEventListener('abort', () => {
    api.runtime.onMessage.removeListener(onMessage);
    if (flashTimer) {
      clearTimeout(flashTimer);
      g.CSS?.highlights?.delete(FLASH);
    }
  });
}

function findings(run: Run): Findings {
  const { settings, site } = run.session;
  const mentions: Mention[] = [...run.marker.marks.values()].map((m) => m.mention);
  return {
    url: location.href,
    site: site.key,
    state: settings.paused ? 'paused' : site.setting.mode === 'off' ? 'site-off' : run.scanning ? 'scanning' : 'done',
    mode: site.setting.mode,
    publisher: run.publisher,
    mentions,
  };
}

/* Fixtures: tests/fixtures/packs/panel-article.html (the panel lists its mentions, jumps to one and flashes it: tests/e2e/panel-options.e2e.ts) */
