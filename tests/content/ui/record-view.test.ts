import { describe, expect, it } from 'vitest';
import { incidentView, publisherView } from '../../sample-data.ts';

const { parseRecordView } = await import('../../../src/content/ui/record-view.ts');

describe('parseRecordView', () => {
  it('keeps a well-formed incident record', () => {
    const v = parseRecordView(JSON.parse(JSON.stringify(incidentView())), 'incident');
    expect(v?.incident?.title).toBe('Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019');
    expect(v?.claims.map((c) => c.id)).toEqual(['scns-account', 'amaq-claim', 'analyst-doubt']);
    expect(v?.incident?.keyFigures).toHaveLength(2);
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
