/**
 * Deterministic news-like pages for the benchmark: a site header and navigation, a feed of stories
 * (headline link, byline, paragraphs with inline links and emphasis, quotes, lists, captions, tags),
 * sidebars every few stories and a footer. Text size is counted as the page's text nodes will hold
 * it (UTF-16 code units, whitespace between tags included), so "2 MB" means about 2,000,000
 * characters of text, whatever the markup around it weighs.
 */
import { EN_WORDS, LINK_HOSTS, MENTIONS, PEOPLE, PEOPLE_RU, PLACES, RU_WORDS, SECTIONS, TAGS, TOPIC, TOPIC_PLACES, TOPIC_SECTIONS, TOPIC_SECTIONS_RU } from './words.ts';

export type MentionLevel = 'none' | 'few' | 'many';

export interface GeneratedPage {
  html: string;
  /** Characters of text the page's text nodes hold (counted while writing). */
  textChars: number;
  /** Mentions planted (names, descriptions, publisher names). */
  planted: number;
}

/** mulberry32: a small seeded generator, the same sequence on every run. Returns [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes HTML and counts the text it puts in text nodes. */
class Writer {
  private parts: string[] = [];
  chars = 0;
  /** Markup only (tags, attributes). */
  tag(s: string): void {
    this.parts.push(s);
  }
  /** Text content (escaped here). */
  text(s: string): void {
    this.parts.push(escapeHtml(s));
    this.chars += s.length;
  }
  /** A newline between blocks: a whitespace-only text node, as in hand-written or templated pages. */
  nl(): void {
    this.parts.push('\n');
    this.chars += 1;
  }
  done(): string {
    return this.parts.join('');
  }
}

/**
 * What a page's sentences talk about: the generic feed names invented places; a topic-dense page
 * puts one of its phrases (the regional vocabulary) into a share of its sentences.
 */
interface Voice {
  places: readonly string[];
  topic: { en: readonly string[]; ru: readonly string[] } | null;
  /** Share of sentences with a topic phrase. */
  topicRate: number;
}

const GENERIC: Voice = { places: PLACES, topic: null, topicRate: 0 };

class Story {
  constructor(
    private readonly r: () => number,
    private readonly w: Writer,
    private readonly voice: Voice = GENERIC,
  ) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.r() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.r() * items.length)] as T;
  }
  words(n: number, ru: boolean): string {
    const list = ru ? RU_WORDS : EN_WORDS;
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.pick(list));
    return out.join(' ');
  }
  sentence(ru: boolean): string {
    let s = this.words(this.int(6, 18), ru);
    const topic = this.voice.topic;
    if (topic && this.r() < this.voice.topicRate) {
      // The phrase goes in after a word boundary, as a clause of the sentence.
      const cut = s.indexOf(' ', this.int(0, s.length - 1));
      const phrase = this.pick(ru ? topic.ru : topic.en);
      s = cut > 0 ? `${s.slice(0, cut)} ${phrase}${s.slice(cut)}` : `${s} ${phrase}`;
    }
    const withNumber = this.r() < 0.2 ? ` ${this.int(2, 980)}` : '';
    const withPlace = !ru && this.r() < 0.25 ? ` in ${this.pick(this.voice.places)}` : '';
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}${withNumber}${withPlace}${this.r() < 0.1 ? '?' : '.'}`;
  }
  href(): string {
    if (this.r() < 0.5) return `/${this.pick(SECTIONS).toLowerCase()}/${this.int(1000, 99999)}`;
    return `https://${this.pick(LINK_HOSTS)}/${this.pick(TAGS)}/${this.int(100, 9999)}`;
  }
  /** A paragraph: sentences, some of them with an inline link, emphasis or strong text. */
  paragraph(ru: boolean, mention: string | null): void {
    const w = this.w;
    w.tag('<p>');
    const n = this.int(2, 6);
    const at = mention ? this.int(0, n - 1) : -1;
    for (let i = 0; i < n; i++) {
      if (i > 0) w.text(' ');
      if (i === at && mention) {
        w.text(mention);
        continue;
      }
      const s = this.sentence(ru);
      const roll = this.r();
      if (roll < 0.3) {
        const cut = s.indexOf(' ', this.int(5, Math.max(6, s.length - 12)));
        const end = cut > 0 ? s.indexOf(' ', cut + 1) : -1;
        if (cut > 0 && end > cut) {
          w.text(s.slice(0, cut + 1));
          w.tag(`<a href="${this.href()}">`);
          w.text(s.slice(cut + 1, end));
          w.tag('</a>');
          w.text(s.slice(end));
          continue;
        }
      } else if (roll < 0.42) {
        const tagName = this.r() < 0.6 ? 'em' : 'strong';
        const cut = s.indexOf(' ');
        w.text(s.slice(0, cut + 1));
        w.tag(`<${tagName}>`);
        w.text(s.slice(cut + 1, Math.min(s.length, cut + 1 + this.int(5, 30))));
        w.tag(`</${tagName}>`);
        w.text(s.slice(Math.min(s.length, cut + 1 + this.int(5, 30))));
        continue;
      }
      w.text(s);
    }
    w.tag('</p>');
    w.nl();
  }

  write(index: number, ru: boolean, mentions: string[]): void {
    const w = this.w;
    w.tag(`<article class="story" id="s${index}">`);
    w.nl();
    w.tag(`<h2><a href="/${this.pick(SECTIONS).toLowerCase()}/${index}">`);
    const head = this.sentence(ru).replace(/[.?]$/, '');
    w.text(head);
    w.tag('</a></h2>');
    w.nl();
    w.tag('<p class="byline">');
    w.text(ru ? 'Автор: ' : 'By ');
    w.tag(`<a href="/authors/${this.int(1, 40)}">`);
    w.text(ru ? this.pick(PEOPLE_RU) : this.pick(PEOPLE));
    w.tag('</a>');
    w.text(' · ');
    w.tag(`<time datetime="2024-${String(this.int(1, 12)).padStart(2, '0')}-${String(this.int(1, 28)).padStart(2, '0')}">`);
    w.text(`${this.int(1, 28)} ${this.pick(['March', 'April', 'May', 'June'])}`);
    w.tag('</time></p>');
    w.nl();
    if (this.r() < 0.3) {
      w.tag('<figure><div class="ph"></div><figcaption>');
      w.text(this.sentence(ru));
      w.tag('</figcaption></figure>');
      w.nl();
    }
    const paras = this.int(3, 8);
    const slots = new Map<number, string[]>();
    for (const m of mentions) {
      const at = this.int(0, paras - 1);
      slots.set(at, [...(slots.get(at) ?? []), m]);
    }
    for (let i = 0; i < paras; i++) {
      const here = slots.get(i) ?? [];
      this.paragraph(ru, here[0] ?? null);
      for (const extra of here.slice(1)) this.paragraph(ru, extra);
      if (i === 1 && this.r() < 0.2) {
        w.tag('<blockquote><p>');
        w.text(this.sentence(ru));
        w.tag('</p></blockquote>');
        w.nl();
      }
      if (i === 2 && this.r() < 0.15) {
        w.tag('<ul>');
        for (let j = this.int(2, 5); j > 0; j--) {
          w.tag('<li>');
          w.text(this.sentence(ru));
          w.tag('</li>');
        }
        w.tag('</ul>');
        w.nl();
      }
    }
    w.tag('<p class="tags">');
    w.text(ru ? 'Темы: ' : 'Tags: ');
    for (let j = this.int(1, 3); j > 0; j--) {
      w.tag(`<a href="/tag/${this.pick(TAGS)}">`);
      w.text(this.pick(TAGS));
      w.tag('</a>');
      if (j > 1) w.text(', ');
    }
    w.tag('</p>');
    w.nl();
    w.tag('</article>');
    w.nl();
  }

  sidebar(ru = false): void {
    const w = this.w;
    w.tag('<aside class="side">');
    w.nl();
    w.tag('<h3>');
    w.text(this.pick(ru ? ['Самое читаемое', 'По теме', 'Другие новости'] : ['Most read', 'Related', 'In other news', 'Editors’ picks']));
    w.tag('</h3>');
    w.nl();
    w.tag('<ol>');
    for (let j = 0; j < 5; j++) {
      w.tag(`<li><a href="${this.href()}">`);
      w.text(this.sentence(ru).replace(/[.?]$/, ''));
      w.tag('</a></li>');
    }
    w.tag('</ol>');
    w.nl();
    w.tag('</aside>');
    w.nl();
  }
}

const STYLE = `body{margin:0;font:17px/1.6 Georgia,serif;color:#1d1d1f;background:#fafaf7}
header.site{background:#14213d;color:#fff;padding:14px 24px}nav ul{display:flex;gap:16px;list-style:none;margin:0;padding:8px 24px;background:#e5e5e5}
main{max-width:760px;margin:24px auto;padding:0 24px}.story{border-bottom:1px solid #ddd;padding-bottom:12px}.byline,.tags{font:14px system-ui,sans-serif;color:#555}
.ph{height:120px;background:#ccd}aside.side{font:14px/1.5 system-ui,sans-serif;border-left:3px solid #14213d;padding-left:16px}footer{font:13px system-ui,sans-serif;padding:16px 24px}`;

/**
 * A page of about `targetChars` characters of text. `few` plants three mentions in the lead story
 * (a Latin name, a Cyrillic name, a description); `many` plants one mention about every 2,000
 * characters, cycling through `MENTIONS`.
 */
export function generatePage(targetChars: number, mentions: MentionLevel, seed = 20191106): GeneratedPage {
  const r = seededRandom(seed);
  const w = new Writer();
  const story = new Story(r, w);
  w.tag(`<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>`);
  w.tag('The Daily Ledger — news feed');
  w.tag(`</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`);
  w.tag('<header class="site"><a class="logo" href="/">');
  w.text('The Daily Ledger');
  w.tag('</a><nav aria-label="Sections"><ul>');
  for (const s of SECTIONS) {
    w.tag(`<li><a href="/${s.toLowerCase()}">`);
    w.text(s);
    w.tag('</a></li>');
  }
  w.tag('</ul></nav></header>\n<main>\n');
  w.nl();

  const all = [...MENTIONS.en.map((m) => ({ m, ru: false })), ...MENTIONS.ru.map((m) => ({ m, ru: true }))];
  let planted = 0;
  let nextMention = 2000;
  let cycle = 0;
  const footerChars = 400;
  for (let i = 0; w.chars < targetChars - footerChars; i++) {
    // One story in eight is in Russian, as on a bilingual regional portal.
    const ru = i % 8 === 5;
    const here: string[] = [];
    if (mentions === 'few' && i === 0) {
      here.push(MENTIONS.en[0], MENTIONS.en[2]);
      planted += 2;
    }
    if (mentions === 'few' && i === 5) {
      here.push(MENTIONS.ru[0]);
      planted += 1;
    }
    if (mentions === 'many') {
      while (w.chars >= nextMention) {
        const pool = all.filter((x) => x.ru === ru);
        const pickOne = pool[cycle++ % pool.length];
        if (pickOne) here.push(pickOne.m);
        planted++;
        nextMention += 2000;
      }
    }
    story.write(i, ru, here);
    if (i % 6 === 3) story.sidebar();
  }
  w.tag('</main>\n<footer>');
  w.tag('<p>');
  w.text('© The Daily Ledger. Printed and published in Brightwater. ');
  for (const l of ['About us', 'Contact', 'Corrections', 'Privacy', 'Terms of use', 'Advertise', 'Careers', 'Newsletters']) {
    w.tag('<a href="/about">');
    w.text(l);
    w.tag('</a> ');
    w.chars += 1;
  }
  w.tag('</p></footer>\n</body>\n</html>\n');
  return { html: w.done(), textChars: w.chars, planted };
}

/**
 * A topic-dense page of about `targetChars` characters, in English or Russian: regional news from
 * Tajikistan that names the country, Dushanbe, its districts, the border, the security forces and
 * the police in about `topicRate` of its sentences, and never the incident (see `TOPIC`). What the
 * extension's readers read most, and where its description rules have the most to look at.
 */
export function generateTopicPage(targetChars: number, lang: 'en' | 'ru', seed = 20191106, topicRate = 0.4): GeneratedPage {
  const r = seededRandom(seed + (lang === 'ru' ? 1 : 0));
  const w = new Writer();
  const story = new Story(r, w, { places: TOPIC_PLACES, topic: TOPIC, topicRate });
  const ru = lang === 'ru';
  const site = ru ? 'Вестник долины' : 'The Valley Courier';
  w.tag(`<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<title>`);
  w.tag(`${site} — ${ru ? 'новости региона' : 'regional news'}`);
  w.tag(`</title>\n<style>${STYLE}</style>\n</head>\n<body>\n`);
  w.tag('<header class="site"><a class="logo" href="/">');
  w.text(site);
  w.tag('</a><nav aria-label="Sections"><ul>');
  for (const s of ru ? TOPIC_SECTIONS_RU : TOPIC_SECTIONS) {
    w.tag('<li><a href="/section">');
    w.text(s);
    w.tag('</a></li>');
  }
  w.tag('</ul></nav></header>\n<main>\n');
  w.nl();
  const footerChars = 200;
  for (let i = 0; w.chars < targetChars - footerChars; i++) {
    story.write(i, ru, []);
    if (i % 6 === 3) story.sidebar(ru);
  }
  w.tag('</main>\n<footer><p>');
  w.text(ru ? `© ${site}. Душанбе. ` : `© ${site}. Dushanbe. `);
  for (const l of ru ? ['О нас', 'Контакты', 'Реклама'] : ['About us', 'Contact', 'Advertise']) {
    w.tag('<a href="/about">');
    w.text(l);
    w.tag('</a> ');
    w.chars += 1;
  }
  w.tag('</p></footer>\n</body>\n</html>\n');
  return { html: w.done(), textChars: w.chars, planted: 0 };
}

/**
 * A page of `count` links, none to a dataset publisher, shaped like a news front page: three in five
 * go within the site, the rest to about forty other sites (a few through a redirect wrapper). The
 * link-label figure: every link costs a host lookup.
 */
export function generateLinkPage(count: number, seed = 7): GeneratedPage {
  const r = seededRandom(seed);
  const w = new Writer();
  const story = new Story(r, w);
  w.tag(`<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Links</title>\n<style>${STYLE}</style>\n</head>\n<body>\n<main>\n<h1>`);
  w.text('Today’s links from around the region');
  w.tag('</h1>\n<ul>\n');
  for (let i = 0; i < count; i++) {
    let href: string;
    if (i % 5 < 3) href = `/${story.pick(SECTIONS).toLowerCase()}/${story.int(1000, 99999)}`;
    else {
      const host = `${story.pick(['', 'news.', 'm.'])}${story.pick(LINK_HOSTS)}`;
      const target = `https://${host}/${story.pick(TAGS)}/${story.int(100, 99999)}`;
      href = i % 50 === 3 ? `https://out.wrapper.test/away?url=${encodeURIComponent(target)}` : target;
    }
    w.tag(`<li><a href="${escapeHtml(href)}">`);
    w.text(story.sentence(false).replace(/[.?]$/, ''));
    w.tag('</a></li>');
    w.nl();
  }
  w.tag('</ul>\n</main>\n</body>\n</html>\n');
  return { html: w.done(), textChars: w.chars, planted: 0 };
}
