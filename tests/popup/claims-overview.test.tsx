// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { ClaimsOverview } from '../../src/popup/ClaimsOverview.tsx';
import { langOf, mount, text } from '../ui/render.ts';
import type { RecordView } from '../../src/core/messages.ts';
import { doubtClaim, incidentView, officialClaim } from './sample-records.ts';

describe('the panel’s claims overview', () => {
  it('counts the claims by kind and folds each claim under its kind and claimant', () => {
    const el = mount(<ClaimsOverview view={incidentView} />);
    expect(text(el.querySelector('.claim-counts'))).toBe('2 claims: Official account 1 · Doubt 1');
    expect([...el.querySelectorAll('li.claim > details > summary')].map(text)).toEqual([
      'Official account State Committee for National Security, Tajik security service · Nov 6, 2019',
      'Doubt Davlatkhoja Nazirov, state-security veteran · Nov 8, 2019',
    ]);
  });

  it('marks the dataset’s text as English, as the in-page popup does, and its own words as the UI’s', () => {
    const el = mount(
      <div lang="ru">
        <ClaimsOverview view={incidentView} />
      </div>,
    );
    const summaries = [...el.querySelectorAll('li.claim details > p:not(.source)')];
    expect(summaries.length).toBe(2);
    expect(summaries.map(langOf)).toEqual(['en', 'en']);
    expect(langOf(el.querySelector('.source cite'))).toBe('en');
    expect(langOf(el.querySelector('.claim-kind'))).toBe('ru');
    expect(langOf(el.querySelector('.claim-counts'))).toBe('ru');
  });

  it('shows the first publication as the source, the others folded under “Also reported by”, and the review date', () => {
    const view: RecordView = {
      ...incidentView,
      incident: { ...incidentView.incident!, reviewed: '2026-12-01' },
      claims: [
        { ...officialClaim, appearances: [{ title: 'Border post attacked', publisher: 'Example Wire', date: '2019-11-06', url: 'https://wire.example/a' }] },
        { ...doubtClaim, primarySource: { status: 'not-found', note: 'The interview itself was not found.' } },
      ],
    };
    const el = mount(<ClaimsOverview view={view} />);
    const official = el.querySelector('li.claim');
    expect(text(official?.querySelector('.source'))).toMatch(/^Published in Statement on the Ishkobod attack/);
    expect(text(official?.querySelector('details.also > summary'))).toBe('Also reported by (1)');
    expect(official?.querySelector('details.also a')?.getAttribute('href')).toBe('https://wire.example/a');
    expect(text(el.querySelectorAll('li.claim')[1]?.querySelector('.primary-note'))).toBe('Original publication not found: The interview itself was not found.');
    expect(text(el.querySelector('.reviewed'))).toBe('Context reviewed Dec 1, 2026');
  });
});
