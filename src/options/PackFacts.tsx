/**
 * What the reader is trusting when they load a pack: who curates it (with their page and how to
 * reach them), which release, how much it adds, which sites it will label and which incidents of
 * other datasets it adds claims to. The same facts before import (to confirm) and in the list of
 * loaded packs, so what was confirmed is what stays on show.
 */
import type { JSX } from 'preact';
import type { PackInfo } from '../core/messages.ts';
import type { PackOrigin } from '../core/origin.ts';
import { DATA_TEXT } from '../ui/dataset-lang.ts';
import { formatDate } from '../ui/format-date.ts';
import { formatNumber, joinList, t, tn } from '../ui/i18n.ts';
import { ExternalLink } from '../ui/SourceLine.tsx';

export type PackFactsData = Pick<PackInfo, 'origin' | 'domains' | 'extends'> & {
  counts: { incidents: number; claims: number; publishers: number; authors: number };
};

/** "Curated by …, version 3, Nov 12, 2026", or that the pack names no curator (stored before packs had to). */
export function CuratorLine({ origin }: { origin: PackOrigin }): JSX.Element {
  const { curator, version, date } = origin;
  if (!curator || version === undefined || date === undefined) return <p class="hint">{t('options_pack_no_identity')}</p>;
  const email = !/^https:\/\//i.test(curator.contact);
  return (
    <p class="curator">
      {t('options_pack_curator', curator.name)}
      {', '}
      {t('options_pack_release', [formatNumber(version), formatDate(date)])}
      <br />
      <ExternalLink href={curator.homepage}>{t('options_pack_homepage')}</ExternalLink>
      {' · '}
      {email ? (
        <span>
          {t('options_pack_contact')} <span {...DATA_TEXT}>{curator.contact}</span>
        </span>
      ) : (
        <ExternalLink href={curator.contact}>{t('options_pack_contact')}</ExternalLink>
      )}
    </p>
  );
}

/** Past this many, a pack's sites are counted rather than listed (a generated pack labels 20,000). */
const MAX_LISTED_DOMAINS = 200;

/** The dataset an extended incident comes from, as the reader knows it. */
const datasetName = (name: string): string => (name === 'bundled' ? t('options_pack_bundled_data') : name);

export function PackFacts({ facts }: { facts: PackFactsData }): JSX.Element {
  const c = facts.counts;
  return (
    <>
      <CuratorLine origin={facts.origin} />
      <p class="hint" data-testid="pack-counts">
        {joinList([
          tn('options_count_incidents', c.incidents),
          tn('options_count_claims', c.claims),
          tn('options_count_publishers', c.publishers),
          tn('options_count_authors', c.authors),
        ])}
      </p>
      {facts.domains.length === 0 ? (
        <p class="hint">{t('options_pack_labels_none')}</p>
      ) : (
        <div data-testid="pack-domains">
          <p class="hint">{t('options_pack_labels')}</p>
          <ul class="domains">
            {facts.domains.slice(0, MAX_LISTED_DOMAINS).map((d) => (
              <li key={d}>
                <code>{d}</code>
              </li>
            ))}
          </ul>
          {facts.domains.length > MAX_LISTED_DOMAINS && (
            <p class="hint">{t('options_pack_labels_more', formatNumber(facts.domains.length - MAX_LISTED_DOMAINS))}</p>
          )}
        </div>
      )}
      {facts.extends.length > 0 && (
        <div data-testid="pack-extends">
          <p class="hint">{t('options_pack_extends')}</p>
          <ul class="extends">
            {facts.extends.map((e) => (
              <li key={e.id}>
                <span {...DATA_TEXT}>{e.title}</span> ({datasetName(e.dataset)}): {tn('options_count_claims', e.claims)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
