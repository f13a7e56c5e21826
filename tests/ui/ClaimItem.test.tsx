// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../src/core/dataset-types.ts';
import { ClaimItem } from '../../src/ui/ClaimItem.tsx';
import { claims } from '../sample-data.ts';
import { langOf, mount, text } from './render.ts';

// The sample's claims: a doubt by a researcher disputing the official account, the official account
// with a quote, and a claim of responsibility (relayed by a news agency) supporting it.
const all = claims();
const byId = new Map(all.map((c) => [c.id, c]));
const claim = (id: string): Claim => {
  const c = byId.get(id);
  if (!c) throw new Error(`the sample has no ${id}`);
  return c;
};
const item = (el: HTMLElement, id: string): Element | null => el.querySelector(`li[data-claim-id="${id}"]`);

describe('ClaimItem, open (the in-page popup)', () => {
  it('says who made the claim, in what role and when, then what it says, the quote and where it was published', () => {
    const analyst = item(mount(<ul><ClaimItem claim={claim('analyst-doubt')} byId={byId} /></ul>), 'analyst-doubt');
    expect(text(analyst?.querySelector('.who'))).toBe('Omid Rahimi, researcher · Nov 20, 2019');
    expect(text(analyst?.querySelector('.who + p'))).toBe(claim('analyst-doubt').summary);
    const scns = item(mount(<ul><ClaimItem claim={claim('scns-account')} byId={byId} /></ul>), 'scns-account');
    expect(text(scns?.querySelector('blockquote'))).toBe('a group of about twenty armed people');
    expect(text(scns?.querySelector('.source'))).toBe('Published in Statement (opens in a new tab), SCNS, Nov 6, 2019');
  });

  it('names the claims it disputes or supports by claimant and date, and never by an internal id', () => {
    const analyst = item(mount(<ul><ClaimItem claim={claim('analyst-doubt')} byId={byId} /></ul>), 'analyst-doubt');
    expect(text(analyst?.querySelector('.rels'))).toBe('Disputes State Committee for National Security, Nov 6, 2019: the route the group took');
    const orphan: Claim = { ...claim('amaq-claim'), relations: [{ type: 'supports', claimId: 'not-in-this-view', point: 'the route' }] };
    const li = item(mount(<ul><ClaimItem claim={orphan} byId={byId} /></ul>), 'amaq-claim');
    expect(text(li?.querySelector('.rels'))).toBe('Supports another claim: the route');
    expect(text(li)).not.toContain('not-in-this-view');
  });

  it('says, after the source, when the first publication was not found, in the dataset’s words', () => {
    const amaq = item(mount(<ul><ClaimItem claim={claim('amaq-claim')} byId={byId} /></ul>), 'amaq-claim');
    const note = amaq?.querySelector('.source + .primary-note');
    expect(text(note)).toBe("Original publication not found: The agency's own statement was not found; the report is the earliest seen.");
    expect(langOf(note?.querySelector('span'))).toBe('en');
    expect(item(mount(<ul><ClaimItem claim={claim('scns-account')} byId={byId} /></ul>), 'scns-account')?.querySelector('.primary-note')).toBeNull();
  });

  it('offers the other publications of the claim, closed, after where it was first published', () => {
    const scns = item(mount(<ul><ClaimItem claim={claim('scns-account')} byId={byId} /></ul>), 'scns-account');
    const also = scns?.querySelector('.source + details.also');
    expect(also?.hasAttribute('open')).toBe(false);
    expect(text(also?.querySelector('summary'))).toBe('Also reported by (2)');
    expect(text(scns?.querySelector('.source'))).toContain('Statement');
    expect(item(mount(<ul><ClaimItem claim={claim('analyst-doubt')} byId={byId} /></ul>), 'analyst-doubt')?.querySelector('.also')).toBeNull();
  });

  it('marks dataset text as English and leaves the UI words in the UI language', () => {
    const el = mount(
      <ul lang="ru">
        <ClaimItem claim={claim('analyst-doubt')} byId={byId} />
      </ul>,
    );
    expect(langOf(el.querySelector('.who strong'))).toBe('en');
    expect(langOf(el.querySelector('.who + p'))).toBe('en');
    expect(langOf(el.querySelector('.rel'))).toBe('ru');
    expect(langOf(el.querySelector('time'))).toBe('ru');
  });
});

describe('ClaimItem, folded (the panel)', () => {
  it('shows the kind, the claimant and the date until opened', () => {
    const el = mount(<ol><ClaimItem claim={claim('scns-account')} byId={byId} folded /></ol>);
    const details = el.querySelector('details');
    expect(details?.open).toBe(false);
    expect(text(details?.querySelector('summary'))).toBe('Official account State Committee for National Security · Nov 6, 2019');
    // The rest waits inside the disclosure.
    expect(details?.querySelector('summary blockquote, summary .source')).toBeNull();
    expect(text(details?.querySelector('blockquote'))).toBe('a group of about twenty armed people');
    // The other publications fold again inside the opened claim.
    expect(text(details?.querySelector('details.also > summary'))).toBe('Also reported by (2)');
  });
});
