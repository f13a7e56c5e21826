/**
 * The competing claims about an incident, grouped by kind in a fixed order (official accounts first)
 * under a heading with the count, each claim as the shared ClaimItem.
 */
import type { Claim } from '../../core/dataset-types.ts';
import type { RecordView } from '../../core/messages.ts';
import { originKey } from '../../core/origin.ts';
import { ClaimItem } from '../../ui/ClaimItem.tsx';
import { claimKindHeading, groupClaims } from '../../ui/claim-kinds.ts';
import { formatNumber } from '../../ui/i18n.ts';

export function ClaimList({ claims, origins }: { claims: readonly Claim[]; origins?: RecordView['origins'] }) {
  const byId = new Map(claims.map((c) => [c.id, c]));
  return (
    <>
      {groupClaims(claims).map((g) => (
        <section key={g.kind} class={`claims ${g.kind}`} aria-labelledby={`sc-kind-${g.kind}`}>
          <h3 id={`sc-kind-${g.kind}`}>
            {claimKindHeading(g.kind)} <span class="count">({formatNumber(g.claims.length)})</span>
          </h3>
          <ul class="plain">
            {g.claims.map((c) => (
              <ClaimItem key={c.id} claim={c} byId={byId} origin={origins?.[originKey('claim', c.id)]} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
