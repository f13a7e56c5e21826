// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BadgePopup, type BadgePopupProps } from '../../../src/content/ui/BadgePopup.tsx';
import { ClaimList } from '../../../src/content/ui/ClaimList.tsx';
import { KeyFigures } from '../../../src/content/ui/KeyFigures.tsx';
import { PublisherSection } from '../../../src/content/ui/PublisherSection.tsx';
import { WhyMarked } from '../../../src/content/ui/WhyMarked.tsx';
import { claims, globalResearchPublisher, incidentView, nameMention, publisherView } from '../../sample-data.ts';

let root: HTMLElement;
function mount(vnode: preact.ComponentChild): HTMLElement {
  root = document.createElement('div');
  document.body.append(root);
  render(vnode, root);
  return root;
}
afterEach(() => {
  render(null, root);
  root.remove();
});

const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('ClaimList', () => {
  it('groups claims by kind, official accounts first, whatever the input order', () => {
    // The sample lists the doubt first; a second official account comes last.
    const scns = claims()[1]!;
    const mvd = { ...scns, id: 'mvd-account', claimant: { name: 'Ministry of Internal Affairs' } };
    const el = mount(<ClaimList claims={[...claims(), mvd]} />);
    const headings = [...el.querySelectorAll('h3')].map(text);
    expect(headings).toEqual(['Official accounts (2)', 'Claim of responsibility (1)', 'Doubts (1)']);
    const official = el.querySelectorAll('section.official li.claim');
    expect([...official].map((li) => li.getAttribute('data-claim-id'))).toEqual(['scns-account', 'mvd-account']);
  });

  it('shows each claim with its claimant, date and where it was published', () => {
    const el = mount(<ClaimList claims={claims()} />);
    const claim = el.querySelector('[data-claim-id="analyst-doubt"]');
    expect(text(claim?.querySelector('.who'))).toBe('Omid Rahimi, researcher · Nov 20, 2019');
    expect(claim?.querySelector('time')?.getAttribute('datetime')).toBe('2019-11-20');
    const link = claim?.querySelector('a');
    expect(link?.getAttribute('href')).toBe('https://www.globalresearch.ca/ishkobod-gaps');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(text(claim?.querySelector('.source'))).toContain('Article');
    expect(text(claim?.querySelector('.source'))).toContain('Global Research');
  });

  it('names the claims a claim disputes or supports, and on what point', () => {
    const el = mount(<ClaimList claims={claims()} />);
    expect(text(el.querySelector('[data-claim-id="analyst-doubt"] .rels'))).toBe('Disputes State Committee for National Security, Nov 6, 2019: the route the group took');
    expect(text(el.querySelector('[data-claim-id="amaq-claim"] .rels'))).toBe(
      'Supports State Committee for National Security, Nov 6, 2019: that an armed group attacked the outpost',
    );
  });

  it('does not turn a javascript: source URL into a link, but keeps the title and relay', () => {
    const list = claims();
    list[2]!.source.url = 'javascript:alert(1)';
    const el = mount(<ClaimList claims={list} />);
    const claim = el.querySelector('[data-claim-id="amaq-claim"]');
    expect(claim?.querySelector('a')).toBeNull();
    expect(text(claim?.querySelector('.source'))).toContain('Report');
    expect(text(claim?.querySelector('.source'))).toContain('as reported by News agency');
  });

  it('renders dataset strings that contain markup as inert text', () => {
    const hostile = claims();
    const first = hostile[0]!;
    first.summary = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    first.claimant.name = '<script>window.__pwned=1</script>';
    first.source.title = '<a href="https://evil.example">click</a>';
    const el = mount(<ClaimList claims={hostile} />);
    expect(el.querySelector('img, script, b')).toBeNull();
    expect(el.querySelectorAll('a')).toHaveLength(3); // the dataset's http(s) links: two sources and one further appearance
    expect(el.textContent).toContain('<img src=x onerror="window.__pwned=1"><b>bold</b>');
    expect(el.textContent).toContain('<script>window.__pwned=1</script>');
  });
});

describe('KeyFigures', () => {
  it('puts the values sources give side by side, each with who gave it', () => {
    const v = incidentView();
    const el = mount(<KeyFigures figures={v.incident!.keyFigures} claims={v.claims} />);
    const first = el.querySelector('.figure');
    expect(text(first?.querySelector('dt'))).toBe('Attackers');
    expect([...(first?.querySelectorAll('.values li') ?? [])].map(text)).toEqual([
      'about 20State Committee for National Security, Nov 6, 2019',
      'fewer than 20Omid Rahimi, Nov 20, 2019',
    ]);
  });

  it('shows nothing when there are no figures', () => {
    const el = mount(<KeyFigures figures={[]} claims={[]} />);
    expect(el.innerHTML).toBe('');
  });
});

describe('PublisherSection', () => {
  it('quotes the stated affiliation with where it appears, and keeps third-party context apart and labelled', () => {
    const v = publisherView();
    const el = mount(<PublisherSection publisher={v.publisher!} authors={v.authors} />);
    const [own, third, authors] = [...el.querySelectorAll('section')];
    expect(text(own?.querySelector('h3'))).toBe('In its own words');
    expect(text(own?.querySelector('blockquote'))).toBe('The original source of this article is Global Research');
    expect(text(own)).toContain('Where it appears: closing line of each article');
    expect(text(own)).not.toContain('assessment');
    expect(text(third?.querySelector('h3'))).toBe('Third-party context');
    expect(text(third)).toContain("These are not the publisher's own words.");
    expect(text(third)).toContain('A reference work carries an assessment of the site.');
    expect(third?.querySelector('a')?.getAttribute('href')).toBe('https://encyclopedia.example/gr');
    expect(text(authors)).toContain('Omid Rahimi: described on the page as “Fellow at a research institute”');
  });

  it('says so when the publisher has no recorded statement about itself', () => {
    const p = globalResearchPublisher();
    p.statedAffiliation = [];
    p.thirdParty = [];
    const el = mount(<PublisherSection publisher={p} authors={[]} />);
    expect(text(el)).toContain('No statement by the publisher about itself is recorded.');
    expect(el.querySelectorAll('section')).toHaveLength(1);
  });
});

describe('WhyMarked', () => {
  it('quotes the matched name', () => {
    const el = mount(<WhyMarked mention={nameMention()} />);
    expect(text(el)).toBe('Why this is markedThe text names this incident: “Ishkobod”.');
  });

  it('lists the evidence for a description match with its confidence', () => {
    const m = nameMention({ via: 'description', text: 'an attack on a border post near the Uzbek border', evidence: ['attack on a border post', 'Tajikistan'], confidence: 0.8 });
    const el = mount(<WhyMarked mention={m} />);
    expect([...el.querySelectorAll('.evidence li')].map(text)).toEqual(['attack on a border post', 'Tajikistan']);
    expect(text(el.querySelector('blockquote'))).toBe('an attack on a border post near the Uzbek border');
    expect(text(el)).toContain('Match confidence: 80%');
  });

  it('shows the context an ambiguous name was marked with', () => {
    const m = nameMention({ text: 'عشق‌آباد', evidence: ['A border post: پاسگاه مرزی', 'Tajikistan: تاجیکستان'] });
    const el = mount(<WhyMarked mention={m} />);
    expect(text(el)).toContain('The text names this incident: “عشق‌آباد”.');
    expect(text(el)).toContain('so it is marked only with this context near it');
    expect([...el.querySelectorAll('.evidence li')].map(text)).toEqual(['A border post: پاسگاه مرزی', 'Tajikistan: تاجیکستان']);
  });

  it('names the host a publisher link leads to', () => {
    const m = nameMention({ kind: 'publisher', id: 'global-research', via: 'link', text: 'this report', href: 'https://www.globalresearch.ca/a/1' });
    const el = mount(<WhyMarked mention={m} />);
    expect(text(el)).toContain('This link leads to a site of this publisher (globalresearch.ca).');
  });
});

describe('BadgePopup', () => {
  const props = (over: Partial<BadgePopupProps> = {}): BadgePopupProps => ({
    kind: 'incident',
    name: 'Ishkobod',
    state: { status: 'ready', view: incidentView() },
    mention: nameMention(),
    site: 'example.com',
    hide: 'idle',
    dismiss: 'idle',
    pageUrl: 'https://example.com/news/1',
    onClose: vi.fn(),
    onRetry: vi.fn(),
    onHide: vi.fn(),
    onDismiss: vi.fn(),
    ...over,
  });

  it('is a modal dialog labelled by the incident title', () => {
    const el = mount(<BadgePopup {...props()} />);
    const dialog = el.querySelector('[role="dialog"]');
    expect(dialog?.getAttribute('aria-modal')).toBe('true');
    const label = el.querySelector(`#${dialog?.getAttribute('aria-labelledby')}`);
    expect(text(label)).toBe('Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019');
    expect(text(el.querySelector('.meta'))).toBe('Nov 6, 2019 · Ishkobod, Rudaki district, Tajikistan');
  });

  it('says it does not judge which claims are true', () => {
    const el = mount(<BadgePopup {...props()} />);
    expect(text(el.querySelector('.note'))).toContain('does not say which claims are true');
  });

  it('has Close and "Hide on this site" buttons that call back', () => {
    const p = props();
    const el = mount(<BadgePopup {...p} />);
    const buttons = [...el.querySelectorAll('button')];
    const close = buttons.find((b) => b.getAttribute('aria-label') === 'Close');
    const hide = buttons.find((b) => text(b) === 'Hide on this site (example.com)');
    close?.click();
    hide?.click();
    expect(p.onClose).toHaveBeenCalledOnce();
    expect(p.onHide).toHaveBeenCalledOnce();
  });

  it('shows a loading status, titled with the badge name, before the record arrives', () => {
    const el = mount(<BadgePopup {...props({ state: { status: 'loading' } })} />);
    expect(text(el.querySelector('[role="status"]'))).toBe('Loading the details…');
    expect(text(el.querySelector('h2'))).toBe('Ishkobod');
  });

  it('shows an error with a retry button when the record cannot be loaded', () => {
    const p = props({ state: { status: 'error' } });
    const el = mount(<BadgePopup {...p} />);
    expect(text(el.querySelector('[role="alert"]'))).toContain('The details could not be loaded.');
    [...el.querySelectorAll('button')].find((b) => text(b) === 'Try again')?.click();
    expect(p.onRetry).toHaveBeenCalledOnce();
  });

  it('shows a publisher record under the publisher name', () => {
    const el = mount(<BadgePopup {...props({ kind: 'publisher', name: 'GR', state: { status: 'ready', view: publisherView() }, mention: undefined })} />);
    expect(text(el.querySelector('h2'))).toBe('Global Research');
    expect(text(el.querySelector('.kind'))).toBe('Publisher');
    expect(el.textContent).not.toContain('Why this is marked');
  });

  it('shows each claim’s first publication as its source and offers the others under “Also reported by”', () => {
    const el = mount(<BadgePopup {...props()} />);
    const scns = el.querySelector('[data-claim-id="scns-account"]');
    expect(text(scns?.querySelector('.source'))).toBe('Published in Statement (opens in a new tab), SCNS, Nov 6, 2019');
    const also = scns?.querySelector('details.also');
    expect(also?.hasAttribute('open')).toBe(false);
    const summary = also?.querySelector('summary');
    expect(text(summary)).toBe('Also reported by (2)');
    // Opening it (a click, or Enter or Space on the summary in a browser) shows every further publication, linked where the dataset links it.
    (summary as HTMLElement).click();
    expect((also as HTMLDetailsElement).open).toBe(true);
    expect([...(also?.querySelectorAll('li') ?? [])].map(text)).toEqual([
      'Нападение на погранзаставу (opens in a new tab) (Russian), Example Wire, Nov 6, 2019',
      'Night attack on an outpost, Example Daily, Nov 7, 2019',
    ]);
    expect(also?.querySelector('a')?.getAttribute('href')).toBe('https://wire.example/border-post');
    expect(text(el.querySelector('[data-claim-id="amaq-claim"] .primary-note'))).toMatch(/^Original publication not found: /);
  });

  it('says when the incident’s or the publisher’s context was last reviewed', () => {
    const incident = mount(<BadgePopup {...props()} />).querySelector('.body .reviewed');
    expect(text(incident)).toBe('Context reviewed Dec 1, 2026');
    expect(incident?.querySelector('time')?.getAttribute('datetime')).toBe('2026-12-01');
    render(null, root);
    root.remove();
    const pub = mount(<BadgePopup {...props({ kind: 'publisher', name: 'GR', state: { status: 'ready', view: publisherView() }, mention: undefined })} />);
    expect(text(pub.querySelector('.body .reviewed'))).toBe('Context reviewed Nov 2026');
  });

  it('reports a failed "hide" write', () => {
    const el = mount(<BadgePopup {...props({ hide: 'failed' })} />);
    expect(text(el.querySelector('.foot [role="alert"]'))).toBe('The setting could not be saved. Try again.');
  });
});

describe('BadgePopup: whose words, and the reader’s say', () => {
  const curator = { name: 'Lirona Vashtukova', homepage: 'https://valley-notes.example/', contact: 'desk@valley-notes.example' };
  const origin = { packId: 'valley-notes', packName: 'Valley notes', curator, version: 3, date: '2026-11-12' };
  const packClaim = { ...claims()[0]!, id: 'valley-doubt', claimant: { name: 'Zarvoshi residents' } };
  const withPackClaim = (): BadgePopupProps['state'] => {
    const view = incidentView();
    return { status: 'ready', view: { ...view, claims: [...view.claims, packClaim], origins: { 'claim:valley-doubt': origin } } };
  };
  const props = (over: Partial<BadgePopupProps> = {}): BadgePopupProps => ({
    kind: 'incident',
    name: 'Ishkobod',
    state: withPackClaim(),
    mention: nameMention(),
    site: 'news.example',
    hide: 'idle',
    dismiss: 'idle',
    pageUrl: 'https://news.example/story/7',
    onClose: vi.fn(),
    onRetry: vi.fn(),
    onHide: vi.fn(),
    onDismiss: vi.fn(),
    ...over,
  });

  it('says in words which pack a claim comes from, and nothing of the bundled claims', () => {
    const el = mount(<BadgePopup {...props()} />);
    expect(text(el.querySelector('[data-claim-id="valley-doubt"] .provenance'))).toBe('From Valley notes, curated by Lirona Vashtukova, version 3, Nov 12, 2026');
    const bundledClaims = [...el.querySelectorAll('li.claim')].filter((li) => li.getAttribute('data-claim-id') !== 'valley-doubt');
    expect(bundledClaims.length).toBeGreaterThan(0);
    for (const li of bundledClaims) expect(li.querySelector('.provenance')).toBeNull();
  });

  it('says which pack a publisher’s own words and third-party items come from', () => {
    const view = publisherView();
    const state = { status: 'ready' as const, view: { ...view, origins: { [`publisher:${view.publisher!.id}`]: origin } } };
    const el = mount(<BadgePopup {...props({ kind: 'publisher', state })} />);
    const lines = [...el.querySelectorAll('.provenance')].map(text);
    expect(lines).toEqual(['From Valley notes, curated by Lirona Vashtukova, version 3, Nov 12, 2026', 'From Valley notes, curated by Lirona Vashtukova, version 3, Nov 12, 2026']);
  });

  it('offers "This is not about it" for an incident mark and "Wrong label" for a publisher mark', () => {
    const p = props();
    const el = mount(<BadgePopup {...p} />);
    [...el.querySelectorAll('button')].find((b) => text(b) === 'This is not about it')?.click();
    expect(p.onDismiss).toHaveBeenCalledOnce();
    render(null, root);
    root.remove();
    const pub = mount(<BadgePopup {...props({ kind: 'publisher', state: { status: 'ready', view: publisherView() } })} />);
    expect([...pub.querySelectorAll('button')].map(text)).toContain('Wrong label');
  });

  it('offers no such button where no text was marked (the page banner)', () => {
    const el = mount(<BadgePopup {...props({ mention: undefined })} />);
    expect([...el.querySelectorAll('button')].map(text)).not.toContain('This is not about it');
  });

  it('shows the whole report before anything is opened, with the page address only when ticked', async () => {
    const view = incidentView();
    const state = { status: 'ready' as const, view: { ...view, origins: { [`incident:${view.incident!.id}`]: origin } } };
    const el = mount(<BadgePopup {...props({ state, dismiss: 'done' })} />);
    expect(text(el.querySelector('.dismissed [role="status"]'))).toContain('no longer marked on news.example');
    expect(el.querySelector('.report')).toBeNull();
    expect(el.querySelector('a[href^="mailto:"]')).toBeNull();
    [...el.querySelectorAll('button')].find((b) => text(b).startsWith('Tell the curator'))?.click();
    await new Promise((r) => setTimeout(r, 0));
    const report = text(el.querySelector('.report pre'));
    expect(report).toContain('Record: ishkobod-2019 (pack “Valley notes”, version 3)');
    expect(report).toContain('Marked text: “Ishkobod”');
    expect(report).not.toContain('news.example/story/7');
    const link = el.querySelector<HTMLAnchorElement>('.report a');
    expect(link?.getAttribute('href')).toMatch(/^mailto:desk@valley-notes\.example\?subject=/);
    expect(decodeURIComponent(link?.getAttribute('href') ?? '')).not.toContain('news.example/story/7');
    const tick = el.querySelector<HTMLInputElement>('.report input[type="checkbox"]')!;
    tick.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(text(el.querySelector('.report pre'))).toContain('Page address: https://news.example/story/7');
    expect(decodeURIComponent(el.querySelector<HTMLAnchorElement>('.report a')?.getAttribute('href') ?? '')).toContain('Page address: https://news.example/story/7');
  });

  it('offers no report for a bundled record: it has no curator to write to', () => {
    const el = mount(<BadgePopup {...props({ state: { status: 'ready', view: incidentView() }, dismiss: 'done' })} />);
    expect(el.querySelector('.dismissed')).not.toBeNull();
    expect([...el.querySelectorAll('button')].some((b) => text(b).startsWith('Tell the curator'))).toBe(false);
  });
});
