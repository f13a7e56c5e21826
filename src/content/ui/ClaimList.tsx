/**
 * The competing claims about an incident, grouped by kind in a fixed order, each with who made it,
 * when, where it was published, and which other claims it disputes or supports. Attribution only:
 * nothing here says which claim is right.
 */
import type { Claim, ClaimKind, ClaimRelation } from '../../core/dataset-types.ts';
import { t } from '../../ui/i18n.ts';
import { DATA_LANG } from './format.ts';
import { DateText, SourceLine } from './SourceLine.tsx';

export const KIND_ORDER: readonly ClaimKind[] = ['official', 'responsibility', 'doubt', 'alternative', 'context'];

const KIND_KEY: Record<ClaimKind, string> = {
  official: 'page_kindOfficial',
  responsibility: 'page_kindResponsibility',
  doubt: 'page_kindDoubt',
  alternative: 'page_kindAlternative',
  context: 'page_kindContext',
};

const RELATION_KEY: Record<ClaimRelation['type'], string> = {
  disputes: 'page_relDisputes',
  supports: 'page_relSupports',
  'alternative-to': 'page_relAlternative',
  'responds-to': 'page_relResponds',
};

/** Claims of each kind, kinds in display order, claims in the order given; empty kinds left out. */
export function groupClaims(claims: readonly Claim[]): { kind: ClaimKind; claims: Claim[] }[] {
  return KIND_ORDER.map((kind) => ({ kind, claims: claims.filter((c) => c.kind === kind) })).filter((g) => g.claims.length > 0);
}

/** Who said the other claim and when: "SCNS, 6 Nov 2019". */
function claimRef(id: string, byId: ReadonlyMap<string, Claim>) {
  const other = byId.get(id);
  if (!other) return <span>{t('page_otherClaim')}</span>;
  return (
    <span>
      {other.claimant.name}, <DateText iso={other.date} />
    </span>
  );
}

function ClaimItem({ claim, byId }: { claim: Claim; byId: ReadonlyMap<string, Claim> }) {
  return (
    <li class="item claim" data-claim-id={claim.id} lang={DATA_LANG}>
      <p class="who">
        <strong>{claim.claimant.name}</strong>
        {claim.claimant.role && <span class="role">, {claim.claimant.role}</span>}
        {claim.date && <span class="role"> · </span>}
        <DateText iso={claim.date} />
      </p>
      <p>{claim.summary}</p>
      {claim.quote && <blockquote>{claim.quote}</blockquote>}
      <SourceLine source={claim.source} label={t('page_publishedIn')} />
      {claim.relations.length > 0 && (
        <ul class="rels">
          {claim.relations.map((r, i) => (
            <li key={i}>
              <span class={`rel ${r.type}`}>{t(RELATION_KEY[r.type])}</span>{' '}
              {claimRef(r.claimId, byId)}
              {r.point && <>: {r.point}</>}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

export function ClaimList({ claims }: { claims: readonly Claim[] }) {
  const byId = new Map(claims.map((c) => [c.id, c]));
  return (
    <>
      {groupClaims(claims).map((g) => (
        <section key={g.kind} class={`claims ${g.kind}`} aria-labelledby={`sc-kind-${g.kind}`}>
          <h3 id={`sc-kind-${g.kind}`}>
            {t(KIND_KEY[g.kind])} <span class="count">({g.claims.length})</span>
          </h3>
          <ul class="plain">
            {g.claims.map((c) => (
              <ClaimItem key={c.id} claim={c} byId={byId} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
