import type { JSX } from 'preact';
import { t } from './i18n.ts';

/**
 * What the extension keeps and that it sends nothing, in two lines, with the full policy one link
 * away (the options page and the welcome page; each names the section its own way).
 */
export function PrivacyNote({ heading, headingId }: { heading: string; headingId: string }): JSX.Element {
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <p>{t('privacy_stored')}</p>
      <p>{t('privacy_nothing_sent')}</p>
      <p>
        <a href="../privacy/index.html">{t('privacy_link')}</a>
      </p>
    </section>
  );
}
