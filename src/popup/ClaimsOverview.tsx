import type { JSX } from 'preact';
import type { RecordView } from '../core/messages.ts';
import type { Claim, ClaimKind, RelationType } from '../core/dataset-types.ts';
import { t, tn } from '../ui/i18n.ts';
import { formatIsoDate } from './format.ts';
import { SourceLine } from './SourceLine.tsx';

const KIND_KEYS: Record<ClaimKind, string> = {
  official: 'panel_claim_kind_official',
  responsibility: 'panel_claim_kind_responsibility',
  doubt: 'panel_claim_kind_doubt',
  alternative: 'panel_claim_kind_alternative',
  context: 'panel_claim_kind_context',
};

const RELATION_KEYS: Record<RelationType, string> = {
  disputes: 'panel_relation_disputes',
  supports: 'panel_relation_supports',
  'alternative-to': 'panel_relation_alternative_to',
  'responds-to': 'panel_relation_responds_to',
};

const KIND_ORDER: readonly ClaimKind[] = ['official', 'responsibility', 'doubt', 'alternative', 'context'];

function ClaimItem({ claim, byId }: { claim: Claim; byId: ReadonlyMap<string, Claim> }): JSX.Element {
  return (
    <li class="claim">
      <details>
        <summary>
          <span class={`kind kind-${claim.kind}`}>{t(KIND_KEYS[claim.kind])}</span>{' '}
          <strong>{claim.claimant.name}</strong>
          {', '}
          <time dateTime={claim.date}>{formatIsoDate(claim.date)}</time>
        </summary>
        {claim.claimant.role && <p class="hint">{claim.claimant.role}</p>}
        <p>{claim.summary}</p>
        {claim.quote && <blockquote>{claim.quote}</blockquote>}
        {claim.relations.length > 0 && (
          <ul class="relations">
            {claim.relations.map((r, i) => (
              <li key={i}>
                {t(RELATION_KEYS[r.type], byId.get(r.claimId)?.claimant.name ?? r.claimId)}
                {': '}
                {r.point}
              </li>
            ))}
          </ul>
        )}
        <SourceLine source={claim.source} />
      </details>
    </li>
  );
}

/**
 * The claims about one incident: who says what, when and where, each attributed; the panel takes no
 * side, so claims keep the dataset's display order and kinds are labels, not verdicts.
 */
export function ClaimsOverview({ view }: { view: RecordView }): JSX.Element | null {
  const incident = view.incident;
  if (!incident) return null;
  const byId = new Map(view.claims.map((c) => [c.id, c]));
  const counts = KIND_ORDER.map((k) => [k, view.claims.filter((c) => c.kind === k).length] as const).filter(([, n]) => n > 0);
  const headingId = `claims-${incident.id}`;
  return (
    <section class="card claims" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('panel_claims_heading', incident.title)}</h2>
      <p class="hint">
        {formatIsoDate(incident.date)} · {incident.place}
      </p>
      <p class="claim-counts">
        {tn('panel_claims_count', view.claims.length)}
        {counts.length > 0 && ': '}
        {counts.map(([k, n]) => `${t(KIND_KEYS[k])} ${n}`).join(' · ')}
      </p>
      <ol class="plain">
        {view.claims.map((c) => (
          <ClaimItem key={c.id} claim={c} byId={byId} />
        ))}
      </ol>
    </section>
  );
}
