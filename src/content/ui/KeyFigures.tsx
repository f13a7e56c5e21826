/**
 * The figures sources give differently (attackers, dead, route…), each figure's values side by side
 * with who gave them, so a reader sees the difference without us choosing a value.
 */
import type { Claim, KeyFigure } from '../../core/dataset-types.ts';
import type { PackOrigin } from '../../core/origin.ts';
import { DATA_TEXT } from '../../ui/dataset-lang.ts';
import { DateText } from '../../ui/DateText.tsx';
import { listSeparator, t } from '../../ui/i18n.ts';
import { Provenance } from '../../ui/Provenance.tsx';

/** `origin`: the pack the incident, and so its figures, come from; absent when bundled. */
export function KeyFigures({ figures, claims, origin }: { figures: readonly KeyFigure[]; claims: readonly Claim[]; origin?: PackOrigin | undefined }) {
  if (figures.length === 0) return null;
  const byId = new Map(claims.map((c) => [c.id, c]));
  return (
    <section aria-labelledby="sc-figures">
      <h3 id="sc-figures">{t('page_keyFigures')}</h3>
      <dl class="figures">
        {figures.map((f, i) => (
          <div class="figure" key={i}>
            <dt {...DATA_TEXT}>{f.label}</dt>
            <dd>
              <ul class="values">
                {f.values.map((v, j) => {
                  const claim = byId.get(v.claimId);
                  return (
                    <li key={j}>
                      <span class="value" {...DATA_TEXT}>
                        {v.value}
                      </span>
                      <span class="by">
                        {claim ? <span {...DATA_TEXT}>{claim.claimant.name}</span> : t('page_otherClaim')}
                        {claim?.date && listSeparator()}
                        {claim && <DateText iso={claim.date} />}
                      </span>
                    </li>
                  );
                })}
              </ul>
            </dd>
          </div>
        ))}
      </dl>
      <Provenance origin={origin} />
    </section>
  );
}
