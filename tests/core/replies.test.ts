/**
 * The reply check for records/get, which the panel and the in-page popup both go through: what it
 * keeps of a record view, what it drops and what it refuses.
 */
import { describe, expect, it } from 'vitest';
import { parseRecordView } from '../../src/core/replies.ts';
import { incidentView, publisherView } from '../sample-data.ts';

describe('parseRecordView', () => {
  it('keeps a well-formed incident record', () => {
    const v = parseRecordView(JSON.parse(JSON.stringify(incidentView())), 'incident');
    expect(v?.incident?.title).toBe('Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019');
    expect(v?.claims.map((c) => c.id)).toEqual(['scns-account', 'amaq-claim', 'analyst-doubt']);
    expect(v?.incident?.keyFigures).toHaveLength(2);
  });

  it('keeps where else a claim appeared, the note on its primary source, source languages and review dates', () => {
    const v = parseRecordView(JSON.parse(JSON.stringify(incidentView())), 'incident');
    const scns = v?.claims.find((c) => c.id === 'scns-account');
    expect(scns?.appearances?.map((a) => [a.publisher, a.lang])).toEqual([
      ['Example Wire', 'ru'],
      ['Example Daily', undefined],
    ]);
    expect(v?.claims.find((c) => c.id === 'amaq-claim')?.primarySource).toEqual({ status: 'not-found', note: expect.stringContaining('not found') });
    expect(v?.incident?.reviewed).toBe('2026-12-01');
    expect(parseRecordView(JSON.parse(JSON.stringify(publisherView())), 'publisher')?.publisher?.reviewed).toBe('2026-11');
  });

  it('drops a malformed appearance or primary-source note and keeps the claim', () => {
    const raw = JSON.parse(JSON.stringify(incidentView())) as { claims: Record<string, unknown>[] };
    (raw.claims[0]!.appearances as unknown[]).unshift({ title: 'No publisher or date' });
    raw.claims[1]!.primarySource = { status: 'verdict', note: 'x' };
    const v = parseRecordView(raw, 'incident');
    expect(v?.claims.find((c) => c.id === 'scns-account')?.appearances?.map((a) => a.publisher)).toEqual(['Example Wire', 'Example Daily']);
    expect(v?.claims.find((c) => c.id === 'amaq-claim')?.primarySource).toBeUndefined();
  });

  it('drops a malformed claim and keeps the rest', () => {
    const raw = JSON.parse(JSON.stringify(incidentView())) as { claims: Record<string, unknown>[] };
    raw.claims[0]!.kind = 'verdict';
    raw.claims[1]!.summary = { html: '<b>x</b>' };
    expect(parseRecordView(raw, 'incident')?.claims.map((c) => c.id)).toEqual(['analyst-doubt']);
  });

  it('refuses a record of the other kind or without its incident or publisher', () => {
    expect(parseRecordView(incidentView(), 'publisher')).toBeNull();
    expect(parseRecordView({ kind: 'incident', claims: [] }, 'incident')).toBeNull();
    expect(parseRecordView({ ...publisherView(), publisher: { id: 'x' } }, 'publisher')).toBeNull();
    expect(parseRecordView('records', 'incident')).toBeNull();
  });
});
