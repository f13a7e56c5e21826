/**
 * Marker: turns matches into what the reader sees — a highlight over the matched text (CSS Custom
 * Highlight API: the page's text nodes are never split or rewritten) and a `<source-context-badge>`
 * inserted beside the text, never inside it, and never inside a link (the badge must not change
 * where a click goes). `clear()` removes every badge and highlight, leaving the DOM as it was.
 */
import type { Mention } from '../core/findings.ts';
import type { RecordKind } from '../core/dataset-types.ts';
import type { FoundMatch } from './scanner.ts';
import { Slices } from './slices.ts';

type UiModule = typeof import('./ui/index.ts');

/** Badge policy: the first mention of a record per block gets a badge, up to these caps per page. */
export const MAX_BADGES_PER_RECORD: Record<RecordKind, number> = { incident: 8, publisher: 3 };
export const MAX_BADGES = 30;

export const HIGHLIGHT_NAMES: Record<RecordKind, string> = { incident: 'source-context-incident', publisher: 'source-context-publisher' };

/** Where the story is: a badge goes on a match inside one of these, when the page has any. */
const STORY = 'main, article, [role="main"]';
/** Site furniture, inside the story or not: navigation, sidebars, footers, the site's own header. */
const CHROME = 'nav, aside, footer, [role="navigation"], [role="complementary"], [role="contentinfo"], [role="banner"], [role="menu"]';

/**
 * Whether a match is in the page's story: inside some story element (a page may have several
 * `<article>`s, and a teaser before the story is one of them), and not in navigation or a sidebar
 * there; a header counts as furniture only outside the story (an article's header holds its title).
 */
function inStory(node: Node, hasStory: boolean): boolean {
  const el = node.parentElement;
  if (!el) return false;
  if (el.closest(CHROME)) return false;
  const story = el.closest(STORY);
  if (hasStory && !story) return false;
  const header = el.closest('header');
  return !header || (story !== null && story.contains(header) && story !== header);
}

/** Elements a badge must go after, not inside: a click on them goes somewhere or does something. */
const ATOMIC_INLINE = 'a, button, label, summary, select, option, h1 a, sup';

export interface Mark {
  markId: string;
  match: FoundMatch | null;
  mention: Mention;
  badge: HTMLElement | null;
  destroyBadge: (() => void) | null;
  /** For link labels: the link the badge follows. */
  link?: HTMLAnchorElement;
}

interface HighlightLike {
  add(r: Range): void;
  delete(r: Range): boolean;
  clear(): void;
  size: number;
}
type HighlightCtor = new () => HighlightLike;
const g = globalThis as unknown as { Highlight?: HighlightCtor; CSS?: { highlights?: Map<string, HighlightLike> } };

export class Marker {
  readonly marks = new Map<string, Mark>();
  private highlights = new Map<RecordKind, HighlightLike>();
  private badgeCount = new Map<string, number>();
  private badgedBlocks = new Set<string>();
  /** Numbers for text nodes and blocks, so a match's text and block have short keys. */
  private nodeIds = new WeakMap<Node, number>();
  private lastNodeId = 0;

  /**
   * `context.nextMarkId`: ids unique for the life of the page, not only of this marker, so the
   * panel never reaches a new mark through an old id.
   */
  constructor(
    private readonly loadUi: () => Promise<UiModule>,
    private readonly context: { site: string; highlight: boolean; nextMarkId: () => string },
  ) {}

  private highlightFor(kind: RecordKind): HighlightLike | null {
    if (!this.context.highlight || !g.Highlight || !g.CSS?.highlights) return null;
    let h = this.highlights.get(kind);
    if (!h) {
      h = new g.Highlight();
      this.highlights.set(kind, h);
      g.CSS.highlights.set(HIGHLIGHT_NAMES[kind], h);
    }
    return h;
  }

  private wantsBadge(m: FoundMatch, hasStory: boolean): boolean {
    const total = [...this.badgeCount.values()].reduce((a, b) => a + b, 0);
    if (total >= MAX_BADGES) return false;
    if ((this.badgeCount.get(m.id) ?? 0) >= MAX_BADGES_PER_RECORD[m.kind]) return false;
    // Prefer the story: matches in navigation, footers and sidebars get no badge (and so no highlight).
    if (m.via !== 'byline' && !inStory(m.endNode, hasStory)) return false;
    // A publisher named in a link's text: the link's destination decides (a link label, or nothing),
    // so "… | Global Research" pointing elsewhere gets no badge that looks like a link label.
    if (m.kind === 'publisher' && m.via === 'name' && m.endNode.parentElement?.closest('a[href]')) return false;
    const blockKey = `${m.id}|${this.blockKey(m.block)}`;
    return !this.badgedBlocks.has(blockKey);
  }

  /**
   * Badge the matches the policy allows, and highlight those with a badge in their block: a reader
   * never sees a highlight with nothing to open beside it. Returns the new marks (a mark without a
   * badge is still listed in the panel).
   */
  async add(matches: FoundMatch[], claimCounts: Map<string, number>): Promise<Mark[]> {
    const hasStory = document.querySelector(STORY) !== null;
    const added: Mark[] = [];
    let ui: UiModule | null = null;
    const existing = new Set<string>();
    for (const mark of this.marks.values()) if (mark.match) existing.add(this.textKey(mark.match));
    const slices = new Slices();
    for (const m of matches) {
      if (!m.endNode.isConnected) continue;
      // Already marked: a rescan of a larger root finds the same text again.
      const key = this.textKey(m);
      if (existing.has(key)) continue;
      existing.add(key);
      // Badges render in slices, so a page with hundreds of mentions never sees a long task.
      if (slices.due()) {
        await slices.pause();
        if (!m.endNode.isConnected) continue;
      }
      const markId = this.context.nextMarkId();
      const mention: Mention = {
        markId,
        kind: m.kind,
        id: m.id,
        text: m.text,
        via: m.via === 'byline' ? 'page' : m.via,
        confidence: m.confidence,
        evidence: m.via === 'byline' ? ['byline'] : m.evidence,
        badged: false,
      };
      const mark: Mark = { markId, match: m, mention, badge: null, destroyBadge: null };
      if (this.wantsBadge(m, hasStory)) {
        ui ??= await this.loadUi();
        const badge = createBadge(m.kind, m.id);
        if (placeAfter(badge, m.endNode, m.block)) {
          mark.badge = badge;
          mark.destroyBadge = mountSafely(ui, badge, {
            kind: m.kind,
            id: m.id,
            name: m.name,
            claimCount: claimCounts.get(m.id) ?? 0,
            mention,
            site: this.context.site,
          });
          mention.badged = true;
          this.badgeCount.set(m.id, (this.badgeCount.get(m.id) ?? 0) + 1);
          this.badgedBlocks.add(`${m.id}|${this.blockKey(m.block)}`);
        }
      }
      // A second mention in a block that has the record's badge shares it; any other gets no highlight.
      if (mark.badge || this.badgedBlocks.has(`${m.id}|${this.blockKey(m.block)}`)) {
        const hl = this.highlightFor(m.kind);
        for (const r of m.ranges) hl?.add(r);
      }
      this.marks.set(markId, mark);
      added.push(mark);
    }
    return added;
  }

  /** Label a link (a badge right after the `<a>`, outside it). */
  async addLink(link: HTMLAnchorElement, id: string, name: string): Promise<Mark | null> {
    if (!link.isConnected) return null;
    const ui = await this.loadUi();
    const markId = this.context.nextMarkId();
    const mention: Mention = { markId, kind: 'publisher', id, text: (link.textContent ?? '').trim().slice(0, 120), via: 'link', confidence: 1, evidence: [], badged: true, href: link.href };
    const badge = createBadge('publisher', id);
    link.after(badge);
    const mark: Mark = { markId, match: null, mention, badge, destroyBadge: mountSafely(ui, badge, { kind: 'publisher', id, name, claimCount: 0, mention, site: this.context.site }), link };
    this.marks.set(markId, mark);
    return mark;
  }

  /** A badge for the page's own publisher when no statement of it in the text carries one. */
  async addPagePublisher(id: string, name: string, how: 'domain' | 'byline' | 'metadata', detail: string): Promise<Mark | null> {
    const heading = document.querySelector('article h1, main h1, h1, article h2, main h2');
    const anchorNode = heading ? lastTextNode(heading) : null;
    const ui = await this.loadUi();
    const markId = this.context.nextMarkId();
    const mention: Mention = { markId, kind: 'publisher', id, text: detail, via: 'page', confidence: 1, evidence: [how], badged: true };
    const badge = createBadge('publisher', id);
    if (anchorNode && heading) placeAfter(badge, anchorNode, heading);
    else document.body.prepend(badge);
    const mark: Mark = { markId, match: null, mention, badge, destroyBadge: mountSafely(ui, badge, { kind: 'publisher', id, name, claimCount: 0, mention, site: this.context.site }) };
    this.marks.set(markId, mark);
    return mark;
  }

  remove(markId: string): void {
    const mark = this.marks.get(markId);
    if (!mark) return;
    this.marks.delete(markId);
    if (mark.match) for (const r of mark.match.ranges) this.highlights.get(mark.match.kind)?.delete(r);
    if (mark.badge) {
      const n = this.badgeCount.get(mark.mention.id) ?? 1;
      this.badgeCount.set(mark.mention.id, n - 1);
      if (mark.match) this.badgedBlocks.delete(`${mark.mention.id}|${this.blockKey(mark.match.block)}`);
    }
    try {
      mark.destroyBadge?.();
    } catch {
      // The page may have torn the badge apart already; removing it is all that is left to do.
    }
    mark.badge?.remove();
  }

  /** Remove every mark, highlight and badge. */
  clear(): void {
    for (const id of [...this.marks.keys()]) this.remove(id);
    for (const [kind, h] of this.highlights) {
      h.clear();
      g.CSS?.highlights?.delete(HIGHLIGHT_NAMES[kind]);
    }
    this.highlights.clear();
    this.badgeCount.clear();
    this.badgedBlocks.clear();
  }

  private nodeId(n: Node): number {
    let id = this.nodeIds.get(n);
    if (id === undefined) this.nodeIds.set(n, (id = ++this.lastNodeId));
    return id;
  }

  /** Identity of a match's text: record, first range's start node and offsets. */
  private textKey(m: FoundMatch): string {
    const r = m.ranges[0];
    return r ? `${m.id}|${this.nodeId(r.startContainer)}|${r.startOffset}|${r.endOffset}` : `${m.id}|none`;
  }

  private blockKey(block: Element | null): number {
    return block ? this.nodeId(block) : 0;
  }

  isOurs(node: Node): boolean {
    return node.nodeName === 'SOURCE-CONTEXT-BADGE' || node.nodeName === 'SOURCE-CONTEXT-POPUP' || node.nodeName === 'SOURCE-CONTEXT-BANNER';
  }
}

function createBadge(kind: RecordKind, id: string): HTMLElement {
  const badge = document.createElement('source-context-badge');
  badge.setAttribute('data-kind', kind);
  badge.setAttribute('data-id', id);
  return badge;
}

/** Insert `badge` after the text node (or the link or button around it). False if there is no place. */
function placeAfter(badge: HTMLElement, endNode: Node, block: Element | null): boolean {
  const parent = endNode.parentElement;
  if (!parent) return false;
  const atomic = parent.closest(ATOMIC_INLINE);
  const ref = atomic && (!block || block.contains(atomic)) ? atomic : endNode;
  if (!ref.parentNode) return false;
  ref.parentNode.insertBefore(badge, ref.nextSibling);
  return true;
}

function lastTextNode(el: Element): Text | null {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.trim()) last = n as Text;
  return last;
}

/** Mount the badge UI; a page that broke our element (its own custom element, patched DOM) gets no badge, not an error. */
function mountSafely(ui: UiModule, badge: HTMLElement, init: Parameters<UiModule['mountBadge']>[1]): () => void {
  try {
    return ui.mountBadge(badge, init);
  } catch {
    badge.remove();
    return () => undefined;
  }
}

/* Fixtures: tests/fixtures/hostile/react-rerender.html, tests/fixtures/corpus */
