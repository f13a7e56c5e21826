import type { JSX } from 'preact';
import { t } from '../ui/i18n.ts';
import { Markdown } from '../ui/Markdown.tsx';

/**
 * The privacy policy inside the extension, linked from the options and welcome pages: the policy is
 * PRIVACY.md itself, bundled at build time (one text, no copy to drift), which is written in
 * English; the two lines above it say the gist in the reader's language.
 */
export function PrivacyPage({ policy }: { policy: string }): JSX.Element {
  return (
    <div class="page">
      <header class="card" data-testid="privacy-summary">
        <p>{t('privacy_stored')}</p>
        <p>{t('privacy_nothing_sent')}</p>
        <p class="hint">{t('privacy_english_note')}</p>
      </header>
      <main lang="en" dir="ltr">
        <Markdown source={policy} />
      </main>
    </div>
  );
}
