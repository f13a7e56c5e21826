import { describe, expect, expectTypeOf, it } from 'vitest';
import { CLAIM_KINDS } from '../../src/core/claim-kinds.ts';
import type { Claim, ClaimKind } from '../../src/core/dataset-types.ts';
import { claimKindHeading, claimKindLabel, groupClaims, relationLabel } from '../../src/ui/claim-kinds.ts';

const claim = (id: string, kind: ClaimKind): Claim => ({
  id,
  incidentId: 'ishkobod-2019',
  kind,
  claimant: { name: id },
  date: '2019-11-06',
  summary: '',
  source: { title: '', publisher: '', date: '' },
  relations: [],
});

describe('claim kinds', () => {
  it('lists every kind the schema has, once', () => {
    expectTypeOf<(typeof CLAIM_KINDS)[number]>().toEqualTypeOf<ClaimKind>();
    expect(new Set(CLAIM_KINDS).size).toBe(CLAIM_KINDS.length);
  });

  it('groups claims official accounts first, keeping the order within a kind and leaving out empty kinds', () => {
    const groups = groupClaims([claim('d1', 'doubt'), claim('o1', 'official'), claim('c1', 'context'), claim('o2', 'official')]);
    expect(groups.map((g) => [g.kind, g.claims.map((c) => c.id)])).toEqual([
      ['official', ['o1', 'o2']],
      ['doubt', ['d1']],
      ['context', ['c1']],
    ]);
  });

  it('names one claim in the singular and a group in the plural', () => {
    expect(CLAIM_KINDS.map(claimKindLabel)).toEqual(['Official account', 'Claim of responsibility', 'Doubt', 'Alternative account', 'Context']);
    expect(CLAIM_KINDS.map(claimKindHeading)).toEqual(['Official accounts', 'Claim of responsibility', 'Doubts', 'Alternative accounts', 'Context']);
    expect(relationLabel('alternative-to')).toBe('Alternative to');
  });
});
