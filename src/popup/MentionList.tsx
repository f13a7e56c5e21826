import type { JSX } from 'preact';
import type { Mention } from '../core/findings.ts';
import { DATA_TEXT } from '../ui/dataset-lang.ts';
import { hostOf } from '../ui/host-of.ts';
import { formatNumber, joinList, t } from '../ui/i18n.ts';
import { recordKey, type Records } from './use-panel-data.ts';

interface MentionListProps {
  mentions: readonly Mention[];
  records: Records;
  /** Scroll the page to the mark and flash it. */
  onReveal: (markId: string) => void;
}

interface Group {
  key: string;
  title: string;
  mentions: Mention[];
}

/** Mentions grouped by the record they point to, in page order. */
function groupMentions(mentions: readonly Mention[], records: Records): Group[] {
  const groups = new Map<string, Group>();
  for (const m of mentions) {
    const key = recordKey(m.kind, m.id);
    let g = groups.get(key);
    if (!g) {
      const rec = records.get(key);
      const title = (m.kind === 'incident' ? rec?.incident?.title : rec?.publisher?.name) ?? m.id;
      g = { key, title, mentions: [] };
      groups.set(key, g);
    }
    g.mentions.push(m);
  }
  return [...groups.values()];
}

function describeMention(m: Mention): string {
  if (m.via === 'link') return t('panel_mention_via_link', hostOf(m.href) ?? m.text);
  if (m.via === 'page') return t('panel_mention_via_page');
  if (m.via === 'description') {
    const pct = formatNumber(Math.round(m.confidence * 100));
    return m.evidence.length > 0
      ? t('panel_mention_via_description_evidence', [pct, joinList(m.evidence)])
      : t('panel_mention_via_description', pct);
  }
  return t(m.kind === 'incident' ? 'panel_mention_via_name_incident' : 'panel_mention_via_name_publisher');
}

/** Every mention on the page; each is a link that scrolls the page to it. */
export function MentionList({ mentions, records, onReveal }: MentionListProps): JSX.Element {
  const groups = groupMentions(mentions, records);
  return (
    <section class="card mentions" aria-labelledby="mentions-heading">
      <h2 id="mentions-heading">{t('panel_mentions_heading', formatNumber(mentions.length))}</h2>
      {groups.map((g) => (
        <div key={g.key} class="mention-group">
          <h3 {...DATA_TEXT}>{g.title}</h3>
          <ul class="plain">
            {g.mentions.map((m, i) => {
              const descId = `mention-${m.markId}-desc`;
              // Tells apart mentions with the same words ("Ishkobod", "Ishkobod"): which one on the page.
              const position = g.mentions.length > 1 ? ` · ${t('panel_mention_position', [formatNumber(i + 1), formatNumber(g.mentions.length)])}` : '';
              return (
                <li key={m.markId} class="mention">
                  <a
                    href={`#${encodeURIComponent(m.markId)}`}
                    aria-describedby={descId}
                    onClick={(e) => {
                      e.preventDefault();
                      onReveal(m.markId);
                    }}
                  >
                    {t('panel_mention_quoted', m.text)}
                  </a>
                  <span id={descId} class="hint">
                    {describeMention(m) + position}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
