/**
 * How the UI names claim kinds and the relations between claims, and how it groups claims. The kinds
 * themselves, and their order, are data (core/claim-kinds.ts).
 */
import { CLAIM_KINDS } from '../core/claim-kinds.ts';
import type { Claim, ClaimKind, RelationType } from '../core/dataset-types.ts';
import { t } from './i18n.ts';

/** One claim's kind: "Official account". */
const LABEL_KEYS: Record<ClaimKind, string> = {
  official: 'panel_claim_kind_official',
  responsibility: 'panel_claim_kind_responsibility',
  doubt: 'panel_claim_kind_doubt',
  alternative: 'panel_claim_kind_alternative',
  context: 'panel_claim_kind_context',
};

/** A group of claims of one kind: "Official accounts". */
const HEADING_KEYS: Record<ClaimKind, string> = {
  official: 'page_kindOfficial',
  responsibility: 'page_kindResponsibility',
  doubt: 'page_kindDoubt',
  alternative: 'page_kindAlternative',
  context: 'page_kindContext',
};

const RELATION_KEYS: Record<RelationType, string> = {
  disputes: 'page_relDisputes',
  supports: 'page_relSupports',
  'alternative-to': 'page_relAlternative',
  'responds-to': 'page_relResponds',
};

export const claimKindLabel = (kind: ClaimKind): string => t(LABEL_KEYS[kind]);
export const claimKindHeading = (kind: ClaimKind): string => t(HEADING_KEYS[kind]);
/** What a claim does to another: "Disputes", "Supports"… (the other claim's author follows). */
export const relationLabel = (type: RelationType): string => t(RELATION_KEYS[type]);

/** Claims of each kind, kinds in CLAIM_KINDS order, claims in the order given; empty kinds left out. */
export function groupClaims(claims: readonly Claim[]): { kind: ClaimKind; claims: Claim[] }[] {
  return CLAIM_KINDS.map((kind) => ({ kind, claims: claims.filter((c) => c.kind === kind) })).filter((g) => g.claims.length > 0);
}
