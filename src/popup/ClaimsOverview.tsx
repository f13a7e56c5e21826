import type { JSX } from 'preact';
import type { RecordView } from '../core/messages.ts';
import { originKey } from '../core/origin.ts';
import { ClaimItem } from '../ui/ClaimItem.tsx';
import { claimKindLabel, groupClaims } from '../ui/claim-kinds.ts';
import { DATA_TEXT } from '../ui/dataset-lang.ts';
import { DateText } from '../ui/DateText.tsx';
import { formatNumber, t, tn } from '../ui/i18n.ts';
import { Provenance } from '../ui/Provenance.tsx';
import { Reviewed } from '../ui/Reviewed.tsx';

/**
 * The claims about one incident: who says what, when and where, each attributed; the panel takes no
 * side, so claims keep the dataset's display order and kinds are labels, not verdicts.
 */
export function ClaimsOverview({ view }: { view: RecordView }): JSX.Element | null {
  const incident = view.incident;
  if (!incident) return null;
  const byId = new Map(view.claims.map((c) => [c.id, c]));
  const counts = groupClaims(view.claims).map((g) => `${claimKindLabel(g.kind)} ${formatNumber(g.claims.length)}`);
  const headingId = `claims-${incident.id}`;
  return (
    <section class="card claims" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('panel_claims_heading', incident.title)}</h2>
      <p class="hint">
        <DateText iso={incident.date} /> · <span {...DATA_TEXT}>{incident.place}</span>
      </p>
      <Provenance origin={view.origins?.[originKey('incident', incident.id)]} />
      <p class="claim-counts">
        {tn('panel_claims_count', view.claims.length)}
        {counts.length > 0 && ': '}
        {counts.join(' · ')}
      </p>
      <ol class="plain">
        {view.claims.map((c) => (
          <ClaimItem key={c.id} claim={c} byId={byId} folded origin={view.origins?.[originKey('claim', c.id)]} />
        ))}
      </ol>
      <Reviewed iso={incident.reviewed} />
    </section>
  );
}
