/**
 * Turns a seed article (plain text with a little markdown: `#` headings, `**bold**`, `*italic*`,
 * `[text](#)` links, literal `<sup>`) into a page that looks like a news site's: navigation, header,
 * sidebar and footer around one `<article>`. The chrome is what real pages put around an article,
 * and it is where false matches and broken pages would come from, so the tests get it too.
 */

export interface SiteChrome {
  /** Shown in the header and the title. */
  siteName: string;
  tagline: string;
  sections: string[];
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Link targets we keep: in-page anchors, http(s) and mailto. Anything else becomes `#`. */
function safeHref(raw: string): string {
  const href = raw.trim();
  if (href === '#' || /^(https?:|mailto:)/i.test(href)) return escapeHtml(href);
  return '#';
}

/** Inline markdown of one block of text, already split from its neighbours. */
export function renderInline(text: string): string {
  let html = escapeHtml(text.replace(/\\\*/g, '\uE000'));
  // The seeds carry literal superscripts ("6<sup>th</sup>"); they are the only HTML let through.
  html = html.replace(/&lt;(\/?)sup&gt;/g, '<$1sup>');
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => `<a href="${safeHref(href)}">${label}</a>`);
  html = html.replace(/\*\*([^*]+?)\*\*/g, '<strong>$1</strong>');
  html = html.replace(/\*([^*\n]+?)\*/g, '<em>$1</em>');
  // Two trailing spaces are a line break in markdown.
  html = html.replace(/ {2,}\n/g, '<br>\n');
  return html.replace(/\uE000/g, '*');
}

/** The article body and its headline. The first line is the headline when no `#` heading comes first. */
export function renderArticle(source: string): { headline: string; html: string } {
  const blocks = source
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((b) => b.replace(/^\n+|\s+$/g, ''))
    .filter((b) => b.trim() !== '');
  let headline = '';
  const parts: string[] = [];
  for (const [i, block] of blocks.entries()) {
    const heading = /^(#{1,6})\s+(.*)$/s.exec(block);
    if (heading?.[1] && heading[2] !== undefined) {
      const text = heading[2].trim();
      if (!headline) {
        headline = text;
        parts.push(`<h1>${renderInline(text)}</h1>`);
      } else {
        parts.push(`<h${Math.max(2, heading[1].length)}>${renderInline(text)}</h${Math.max(2, heading[1].length)}>`);
      }
    } else if (i === 0 && !block.includes('\n') && block.length < 200) {
      headline = block.trim();
      parts.push(`<h1>${renderInline(headline)}</h1>`);
    } else if (/^-{3,}$/.test(block.trim())) {
      parts.push('<hr>');
    } else {
      parts.push(`<p>${renderInline(block)}</p>`);
    }
  }
  return { headline, html: parts.join('\n') };
}

/** A news page around `articleHtml`. Sidebar and footer are neutral text that must not match anything. */
export function renderNewsPage(chrome: SiteChrome, headline: string, articleHtml: string): string {
  const nav = chrome.sections.map((s) => `<li><a href="#">${escapeHtml(s)}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(headline)} | ${escapeHtml(chrome.siteName)}</title>
<style>
  body { margin: 0; font: 17px/1.6 Georgia, serif; color: #1d1d1f; background: #fafaf7; }
  header.site { background: #14213d; color: #fff; padding: 14px 24px; }
  header.site .name { font: 700 26px/1.2 system-ui, sans-serif; }
  header.site .tagline { font-size: 14px; opacity: .8; }
  nav ul { display: flex; gap: 18px; list-style: none; margin: 0; padding: 8px 24px; background: #e5e5e5; }
  nav a { color: #14213d; font: 600 14px system-ui, sans-serif; text-decoration: none; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 260px; gap: 32px; max-width: 1100px; margin: 24px auto; padding: 0 24px; }
  article h1 { font-size: 34px; line-height: 1.2; }
  aside { font: 14px/1.5 system-ui, sans-serif; border-left: 1px solid #ddd; padding-left: 20px; }
  footer { font: 13px system-ui, sans-serif; color: #555; border-top: 1px solid #ddd; padding: 16px 24px; }
</style>
</head>
<body>
<header class="site"><div class="name">${escapeHtml(chrome.siteName)}</div><div class="tagline">${escapeHtml(chrome.tagline)}</div></header>
<nav aria-label="Sections"><ul>${nav}</ul></nav>
<div class="layout">
<main>
<article>
${articleHtml}
</article>
</main>
<aside aria-label="More">
<h2>Most read</h2>
<ol>
<li><a href="#">Harvest figures revised after a wet autumn</a></li>
<li><a href="#">City council approves new tram line</a></li>
<li><a href="#">Museum reopens its ceramics wing</a></li>
</ol>
<h2>Newsletter</h2>
<form onsubmit="return false"><label>Email <input type="email" name="email"></label> <button>Subscribe</button></form>
</aside>
</div>
<footer><p>&copy; ${escapeHtml(chrome.siteName)}. <a href="#">About</a> · <a href="#">Contact</a> · <a href="#">Privacy</a></p></footer>
</body>
</html>
`;
}

/** The chrome each test host gets; the repost site names no publisher of its own. */
export function chromeFor(host: string): SiteChrome {
  switch (host.replace(/^www\./, '')) {
    case 'hizb-ut-tahrir.info':
      return { siteName: 'Central Media Office', tagline: 'News and commentary', sections: ['Home', 'News', 'Analysis', 'Press releases'] };
    case 'globalresearch.ca':
      return { siteName: 'Global Research', tagline: 'News and analysis', sections: ['Home', 'Latest', 'Regions', 'Themes'] };
    default:
      return { siteName: 'News Reposts', tagline: 'Articles from around the web', sections: ['Front page', 'World', 'Opinion', 'Archive'] };
  }
}
