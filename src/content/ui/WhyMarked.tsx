/**
 * Why the extension put a badge here: the words it matched, or for a description the evidence it
 * found, or the link's destination. Lets a reader judge a doubtful match for themselves.
 */
import type { Mention } from '../../core/findings.ts';
import { hostOf } from '../../ui/host-of.ts';
import { formatNumber, t } from '../../ui/i18n.ts';

export function WhyMarked({ mention }: { mention: Mention }) {
  let body;
  if (mention.via === 'description') {
    body = (
      <>
        <p>{t('page_whyDescription')}</p>
        {mention.text && <blockquote>{mention.text}</blockquote>}
        {mention.evidence.length > 0 && (
          <>
            <p>{t('page_whyEvidence')}</p>
            <ul class="evidence">
              {mention.evidence.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </>
        )}
        <p class="where">{t('page_whyConfidence', formatNumber(Math.round(Math.min(1, Math.max(0, mention.confidence)) * 100)))}</p>
      </>
    );
  } else if (mention.via === 'page') {
    const how = mention.evidence[0];
    body = <p>{t(how === 'domain' ? 'page_whyPageDomain' : how === 'metadata' ? 'page_whyPageMetadata' : 'page_whyPageByline', mention.text)}</p>;
  } else if (mention.via === 'link') {
    body = <p>{t('page_whyLink', hostOf(mention.href) ?? mention.text)}</p>;
  } else {
    body = (
      <>
        <p>{t(mention.kind === 'incident' ? 'page_whyNameIncident' : 'page_whyNamePublisher', mention.text)}</p>
        {mention.evidence.length > 0 && (
          <>
            {/* An ambiguous name: the concepts found near it, which it was marked with. */}
            <p>{t('page_whyContext')}</p>
            <ul class="evidence">
              {mention.evidence.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </>
        )}
      </>
    );
  }
  return (
    <section aria-labelledby="sc-why">
      <h3 id="sc-why">{t('page_whyMarked')}</h3>
      {body}
    </section>
  );
}
