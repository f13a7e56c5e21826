/**
 * One claim: who made it (name, role, date), what it says, the quote that carries it, where it was
 * first published (and, folded, where else; or that the first publication was not found), and which
 * other claims it disputes or supports. Attribution only: nothing here says
 * which claim is right. The in-page popup lists claims open under their kind's heading; the panel,
 * which keeps the dataset's order, folds each claim into a disclosure whose summary names its kind.
 * Class names (`claim`, `who`, `role`, `rels`, `rel`, `claim-kind`) are styled by both sheets.
 */
import type { JSX } from 'preact';
import type { Claim } from '../core/dataset-types.ts';
import type { PackOrigin } from '../core/origin.ts';
import { claimKindLabel, relationLabel } from './claim-kinds.ts';
import { DATA_TEXT } from './dataset-lang.ts';
import { DateText } from './DateText.tsx';
import { listSeparator, t } from './i18n.ts';
import { Provenance } from './Provenance.tsx';
import { AlsoReported, SourceLine } from './SourceLine.tsx';

export interface ClaimItemProps {
  claim: Claim;
  /** The incident's claims by id, to name the claims this one relates to. */
  byId: ReadonlyMap<string, Claim>;
  /** Folded into a disclosure that shows the kind, the claimant and the date until opened. */
  folded?: boolean;
  /** The pack the claim comes from; absent for a bundled claim. Shown even while folded. */
  origin?: PackOrigin;
}

/** "SCNS, researcher · Nov 6, 2019". */
function Who({ claim }: { claim: Claim }): JSX.Element {
  return (
    <>
      <strong {...DATA_TEXT}>{claim.claimant.name}</strong>
      {claim.claimant.role && (
        <span class="role">
          {listSeparator()}
          <span {...DATA_TEXT}>{claim.claimant.role}</span>
        </span>
      )}
      {claim.date && <span class="role"> · </span>}
      <DateText iso={claim.date} />
    </>
  );
}

/** Who made the other claim and when ("SCNS, Nov 6, 2019"), which tells apart two claims by one claimant. */
function ClaimRef({ id, byId }: { id: string; byId: ReadonlyMap<string, Claim> }): JSX.Element {
  const other = byId.get(id);
  if (!other) return <span>{t('page_otherClaim')}</span>;
  return (
    <span>
      <span {...DATA_TEXT}>{other.claimant.name}</span>
      {other.date && listSeparator()}
      <DateText iso={other.date} />
    </span>
  );
}

function Body({ claim, byId }: Omit<ClaimItemProps, 'folded'>): JSX.Element {
  return (
    <>
      <p {...DATA_TEXT}>{claim.summary}</p>
      {claim.quote && <blockquote {...DATA_TEXT}>{claim.quote}</blockquote>}
      <SourceLine source={claim.source} label={t('page_publishedIn')} />
      {claim.primarySource && (
        <p class="source primary-note">
          {t('page_primaryNotFound')} <span {...DATA_TEXT}>{claim.primarySource.note}</span>
        </p>
      )}
      <AlsoReported appearances={claim.appearances} />
      {claim.relations.length > 0 && (
        <ul class="rels">
          {claim.relations.map((r, i) => (
            <li key={i}>
              <span class={`rel ${r.type}`}>{relationLabel(r.type)}</span> <ClaimRef id={r.claimId} byId={byId} />
              {r.point && (
                <>
                  {': '}
                  <span {...DATA_TEXT}>{r.point}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ClaimItem({ claim, byId, folded = false, origin }: ClaimItemProps): JSX.Element {
  return (
    <li class="claim" data-claim-id={claim.id} data-from-pack={origin ? 'true' : undefined}>
      {folded ? (
        <details>
          <summary>
            <span class={`claim-kind ${claim.kind}`}>{claimKindLabel(claim.kind)}</span>{' '}
            <span class="who">
              <Who claim={claim} />
            </span>
          </summary>
          <Body claim={claim} byId={byId} />
        </details>
      ) : (
        <>
          <p class="who">
            <Who claim={claim} />
          </p>
          <Body claim={claim} byId={byId} />
        </>
      )}
      <Provenance origin={origin} />
    </li>
  );
}
