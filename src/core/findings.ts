import type { RecordKind } from './dataset-types.ts';

/** How the page's own publisher was recognised. */
export type PublisherEvidence = 'domain' | 'byline' | 'metadata';

/** One mark the content script placed (or would place) on the page. */
export interface Mention {
  /** Stable for the life of the page; used by the panel to jump to it. */
  markId: string;
  kind: RecordKind;
  id: string;
  /** The matched page text (for descriptions: the words the rule rests on). */
  text: string;
  /**
   * 'name' for an alias, 'description' for an evidence rule, 'link' for a link to a publisher,
   * 'page' for the page's own publisher (`evidence[0]` says how: domain, byline or metadata).
   */
  via: 'name' | 'description' | 'link' | 'page';
  /** 0..1; 1 for names and links. */
  confidence: number;
  /** For descriptions: the evidence found, as short labels ("attack on a border post", "Tajikistan"…). */
  evidence: string[];
  /** Whether this mention carries a badge (the first per block, up to the page cap). */
  badged: boolean;
  /** For links: the link's destination. */
  href?: string;
}

export interface PagePublisher {
  id: string;
  how: PublisherEvidence;
  /** The hostname or statement it rests on. */
  detail: string;
}

/** What the content script found on its page, as the panel shows it. */
export interface Findings {
  url: string;
  /** The settings key for this page (`www.` folded). */
  site: string;
  state: 'scanning' | 'done' | 'site-off' | 'paused';
  mode: 'on' | 'off' | 'publisher-only';
  publisher: PagePublisher | null;
  mentions: Mention[];
}
