/**
 * The few Markdown forms our own documents use (PRIVACY.md is shown inside the extension, so the
 * policy exists once): `#` headings, paragraphs, `-` lists, pipe tables, and inline `**bold**`,
 * `*italic*`, `` `code` `` and `[text](https://…)` links. Everything becomes Preact text; nothing
 * is parsed as HTML, so the page needs no sanitiser and no Markdown dependency.
 */
import type { ComponentChildren, JSX } from 'preact';
import { safeHref } from './safe-href.ts';

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'table'; head: string[]; rows: string[][] };

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

/** The blocks of `text`, in order. Lines that fit no form are read as paragraph text. */
export function parseMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    if (!line.trim()) {
      i++;
    } else if (heading) {
      blocks.push({ type: 'heading', level: (heading[1]?.length ?? 1) as 1 | 2 | 3, text: heading[2] ?? '' });
      i++;
    } else if (line.trimStart().startsWith('|') && /^\s*\|?[\s:|-]+\|[\s:|-]*$/.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && (lines[i] ?? '').trimStart().startsWith('|')) rows.push(cells(lines[i++] ?? ''));
      blocks.push({ type: 'table', head, rows });
    } else if (/^-\s+/.test(line)) {
      const items: string[] = [];
      while (i < lines.length && /^(-\s+|\s{2,}\S)/.test(lines[i] ?? '')) {
        const l = lines[i++] ?? '';
        if (/^-\s+/.test(l)) items.push(l.replace(/^-\s+/, ''));
        else items[items.length - 1] += ` ${l.trim()}`;
      }
      blocks.push({ type: 'list', items });
    } else {
      const para: string[] = [];
      while (i < lines.length && (lines[i] ?? '').trim() && !/^(#{1,3}\s|-\s|\s*\|)/.test(lines[i] ?? '')) para.push((lines[i++] ?? '').trim());
      blocks.push({ type: 'paragraph', text: para.join(' ') });
    }
  }
  return blocks;
}

const INLINE = /(\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\))/g;

/** Inline Markdown as Preact nodes. A link whose address is not http(s) stays plain text. */
export function renderInline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    if (m[2] !== undefined) out.push(<strong>{renderInline(m[2])}</strong>);
    else if (m[3] !== undefined) out.push(<em>{renderInline(m[3])}</em>);
    else if (m[4] !== undefined) out.push(<code>{m[4]}</code>);
    else {
      const href = safeHref(m[6]);
      out.push(href ? <a href={href}>{m[5]}</a> : (m[5] ?? ''));
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** `source` as elements; headings are shifted down by `headingOffset` levels to fit the page around them. */
export function Markdown({ source, headingOffset = 0 }: { source: string; headingOffset?: number }): JSX.Element {
  return (
    <>
      {parseMarkdown(source).map((b, i) => {
        if (b.type === 'heading') {
          const Tag = `h${Math.min(6, b.level + headingOffset)}` as 'h1';
          return <Tag key={i}>{renderInline(b.text)}</Tag>;
        }
        if (b.type === 'list') {
          return (
            <ul key={i}>
              {b.items.map((item, j) => (
                <li key={j}>{renderInline(item)}</li>
              ))}
            </ul>
          );
        }
        if (b.type === 'table') {
          return (
            <table key={i}>
              <thead>
                <tr>
                  {b.head.map((h, j) => (
                    <th key={j} scope="col">
                      {renderInline(h)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {b.rows.map((r, j) => (
                  <tr key={j}>
                    {r.map((c, k) => (
                      <td key={k}>{renderInline(c)}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }
        return <p key={i}>{renderInline(b.text)}</p>;
      })}
    </>
  );
}
