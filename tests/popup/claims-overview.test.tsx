// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ClaimsOverview } from '../../src/popup/ClaimsOverview.tsx';
import { langOf, mount, text } from '../ui/render.ts';
import { incidentView } from '../sample-data.ts';

describe('the panel’s claims overview', () => {
  it('counts the claims by kind and folds each claim under its kind and claimant', () => {
    const el = mount(<ClaimsOverview view={incidentView()} />);
    expect(text(el.querySelector('.claim-counts'))).toBe('3 claims: Official account 1 · Claim of responsibility 1 · Doubt 1');
    expect([...el.querySelectorAll('li.claim > details > summary')].map(text)).toEqual([
      'Official account State Committee for National Security · Nov 6, 2019',
      'Claim of responsibility Islamic State (Amaq) · Nov 8, 2019',
      'Doubt Omid Rahimi, researcher · Nov 20, 2019',
    ]);
  });

  it('says which pack a claim comes from, visible while the claim is folded, and nothing of bundled claims', () => {
    const view = incidentView();
    const origin = { packId: 'valley-notes', packName: 'Valley notes', curator: { name: 'Lirona Vashtukova', homepage: 'https://v.example/', contact: 'd@v.example' }, version: 3, date: '2026-11-12' };
    const added = { ...view.claims[0]!, id: 'valley-doubt' };
    const el = mount(<ClaimsOverview view={{ ...view, claims: [...view.claims, added], origins: { 'claim:valley-doubt': origin } }} />);
    const line = el.querySelector('[data-claim-id="valley-doubt"] > .provenance');
    expect(text(line)).toBe('From Valley notes, curated by Lirona Vashtukova, version 3, Nov 12, 2026');
    expect(el.querySelectorAll('.provenance')).toHaveLength(1);
  });

  it('names the curator channel that delivered a pack, its host and the day it last updated the pack', () => {
    const view = incidentView();
    const origin = {
      packId: 'desk-notes',
      packName: 'Desk notes',
      curator: { name: 'Dalmorish Standards Desk', homepage: 'https://desk.example/', contact: 'desk@desk.example' },
      version: 2,
      date: '2026-11-12',
      channel: { id: 'desk-notes', host: 'desk.example', updated: '2026-12-02' },
    };
    const el = mount(<ClaimsOverview view={{ ...view, origins: { 'claim:scns-account': origin } }} />);
    expect(text(el.querySelector('.provenance'))).toBe(
      'From Desk notes, curated by Dalmorish Standards Desk, version 2, Nov 12, 2026; through the channel desk-notes (desk.example), updated Dec 2, 2026',
    );
  });

  it('marks the dataset’s text as English, as the in-page popup does, and its own words as the UI’s', () => {
    const el = mount(
      <div lang="ru">
        <ClaimsOverview view={incidentView()} />
      </div>,
    );
    const summaries = [...el.querySelectorAll('li.claim details > p:not(.source)')];
    expect(summaries.length).toBe(3);
    expect(summaries.map(langOf)).toEqual(['en', 'en', 'en']);
    expect(langOf(el.querySelector('.source cite'))).toBe('en');
    expect(langOf(el.querySelector('.claim-kind'))).toBe('ru');
    expect(langOf(el.querySelector('.claim-counts'))).toBe('ru');
  });

  it('shows the first publication as the source, the others folded under “Also reported by”, and the review date', () => {
    const el = mount(<ClaimsOverview view={incidentView()} />);
    const [scns, amaq] = [...el.querySelectorAll('li.claim')];
    expect(text(scns?.querySelector('.source'))).toBe('Published in Statement (opens in a new tab), SCNS, Nov 6, 2019');
    expect(text(scns?.querySelector('details.also > summary'))).toBe('Also reported by (2)');
    expect(scns?.querySelector('details.also a')?.getAttribute('href')).toBe('https://wire.example/border-post');
    expect(text(amaq?.querySelector('.primary-note'))).toBe("Original publication not found: The agency's own statement was not found; the report is the earliest seen.");
    expect(text(el.querySelector('.reviewed'))).toBe('Context reviewed Dec 1, 2026');
  });
});
