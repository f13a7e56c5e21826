/**
 * The page opened once, when the extension is installed (background/index.ts): what a badge looks
 * like, on a sample paragraph whose badges are the real ones (the in-page UI's own components, with
 * the bundled records fetched the way a content script fetches them), what is kept and that
 * nothing is sent, and where the settings are. In the reader's language, like the rest of the UI.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../ui/i18n.ts';
import { PrivacyNote } from '../ui/PrivacyNote.tsx';
import { DATA_TEXT } from '../ui/dataset-lang.ts';
import { mountSampleBadges, loadSampleRecords, type SampleRecords } from './sample.ts';

/** Marks where the message puts the incident's and the publisher's names (private-use characters). */
const INCIDENT_SLOT = '\uE000';
const PUBLISHER_SLOT = '\uE001';

/** `welcome_sample` cut at its two names; bidi isolates the message put around them are dropped. */
function sampleParts(): string[] {
  return t('welcome_sample', [INCIDENT_SLOT, PUBLISHER_SLOT]).split(/\u2068?([\uE000\uE001])\u2069?/);
}

function SampleParagraph({ records }: { records: SampleRecords }): JSX.Element {
  const paragraph = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    const p = paragraph.current;
    return p ? mountSampleBadges(p, records) : undefined;
  }, [records]);
  return (
    <p class="sample" ref={paragraph} data-testid="welcome-sample">
      {sampleParts().map((part, i) =>
        part === INCIDENT_SLOT ? (
          <span key={i} data-mark="incident">
            {t('welcome_sample_incident')}
          </span>
        ) : part === PUBLISHER_SLOT ? (
          <span key={i} data-mark="publisher" {...DATA_TEXT}>
            {records.publisher.publisher?.name ?? ''}
          </span>
        ) : (
          part
        ),
      )}
    </p>
  );
}

export function WelcomePage(): JSX.Element {
  const [records, setRecords] = useState<SampleRecords | null | 'failed'>(null);
  useEffect(() => {
    const stop = new AbortController();
    loadSampleRecords(stop.signal).then(
      (r) => setRecords(r),
      () => !stop.signal.aborted && setRecords('failed'),
    );
    return () => stop.abort();
  }, []);

  return (
    <div class="page">
      <header>
        <h1>{t('welcome_title')}</h1>
        <p class="lead">{t('welcome_intro')}</p>
      </header>
      <main>
        <section class="card" aria-labelledby="badges-heading">
          <h2 id="badges-heading">{t('welcome_badges_heading')}</h2>
          <p class="hint">{t('welcome_sample_hint')}</p>
          {records === null ? (
            <p role="status">{t('options_loading')}</p>
          ) : records === 'failed' ? (
            <p role="status">{t('welcome_sample_unavailable')}</p>
          ) : (
            <SampleParagraph records={records} />
          )}
          <div class="legend">
            <p>{t('welcome_badges_incident')}</p>
            <p>{t('welcome_badges_publisher')}</p>
          </div>
        </section>
        <PrivacyNote heading={t('welcome_privacy_heading')} headingId="keeps-heading" />
        <section class="card">
          <p>{t('welcome_settings_text')}</p>
          <p>
            <a href="../options/index.html">{t('welcome_settings_link')}</a>
          </p>
        </section>
      </main>
    </div>
  );
}
