/**
 * The popup behind a badge, as markup only: a labelled dialog with the incident (claims, key figures)
 * or the publisher (own words, third-party context), why the text was marked, and "hide on this
 * site". Loading and error are states of the same dialog, so it is never empty. Placement, focus and
 * data fetching live in popup-host.tsx.
 */
import type { RecordView } from '../../core/messages.ts';
import type { Mention } from '../../core/findings.ts';
import type { Incident, RecordKind } from '../../core/dataset-types.ts';
import { DATA_TEXT } from '../../ui/dataset-lang.ts';
import { DateText } from '../../ui/DateText.tsx';
import { joinList, t, uiDir, uiLocale } from '../../ui/i18n.ts';
import { Reviewed } from '../../ui/Reviewed.tsx';
import { Provenance } from '../../ui/Provenance.tsx';
import { originKey } from '../../core/origin.ts';
import { ClaimList } from './ClaimList.tsx';
import { Icon } from './icons.tsx';
import { KeyFigures } from './KeyFigures.tsx';
import { DismissButton, DismissedNote, type DismissState } from './MarkFeedback.tsx';
import { PublisherSection } from './PublisherSection.tsx';
import { WhyMarked } from './WhyMarked.tsx';

export type PopupState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; view: RecordView };
export type HideState = 'idle' | 'saving' | 'failed';

export interface BadgePopupProps {
  kind: RecordKind;
  /** Shown as the title until the record arrives (the name the badge was made with). */
  name: string;
  state: PopupState;
  /** What was matched; absent when the popup was opened from the page banner. */
  mention?: Mention;
  /** The settings key of the page's site, shown on the "hide" button; '' leaves the button out (the welcome page). */
  site: string;
  hide: HideState;
  /** "This is not about it" / "Wrong label": hiding this mark's text on this site. */
  dismiss: DismissState;
  /** The page's address, for a report (included only if the reader ticks it). */
  pageUrl: string;
  onClose: () => void;
  onRetry: () => void;
  onHide: () => void;
  onDismiss: () => void;
}

export const TITLE_ID = 'sc-title';

function IncidentBody({ incident, view }: { incident: Incident; view: RecordView }) {
  const where = joinList([incident.place, incident.country].filter(Boolean));
  const origin = view.origins?.[originKey('incident', incident.id)];
  return (
    <>
      {(incident.date || where) && (
        <p class="meta">
          <DateText iso={incident.date} />
          {incident.date && where && ' · '}
          {where}
        </p>
      )}
      {incident.summary && (
        // The title is the one neutral line; the longer summary waits behind a toggle so the
        // claims stay near the top.
        <details class="summary">
          <summary>{t('page_incidentSummary')}</summary>
          <p {...DATA_TEXT}>{incident.summary}</p>
        </details>
      )}
      <Provenance origin={origin} />
      <p class="note">{t('page_neutralNote')}</p>
      {view.claims.length === 0 ? <p>{t('page_noClaims')}</p> : <ClaimList claims={view.claims} origins={view.origins} />}
      <KeyFigures figures={incident.keyFigures} claims={view.claims} origin={origin} />
      <Reviewed iso={incident.reviewed} />
    </>
  );
}

function Body({ state, onRetry }: Pick<BadgePopupProps, 'state' | 'onRetry'>) {
  if (state.status === 'loading') {
    return (
      <div class="status" role="status">
        <span class="spinner" aria-hidden="true" />
        <span>{t('page_loading')}</span>
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div role="alert">
        <p class="error">{t('page_loadError')}</p>
        <button type="button" class="btn" onClick={onRetry}>
          {t('page_retry')}
        </button>
      </div>
    );
  }
  const { view } = state;
  if (view.incident) return <IncidentBody incident={view.incident} view={view} />;
  if (view.publisher) return <PublisherSection publisher={view.publisher} authors={view.authors} origins={view.origins} />;
  return null;
}

export function BadgePopup(props: BadgePopupProps) {
  const { kind, state, mention, site, hide } = props;
  const view = state.status === 'ready' ? state.view : null;
  const title = view?.incident?.title ?? view?.publisher?.name ?? props.name;
  const recordId = view?.incident?.id ?? view?.publisher?.id ?? mention?.id ?? '';
  const origin = view?.origins?.[originKey(kind, recordId)];
  // Only a mark of some text can be hidden for that text (the page banner has none).
  const feedback = site !== '' && mention && mention.text.trim() !== '' && recordId !== '' ? { kind, id: recordId, name: title, text: mention.text } : null;
  return (
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby={TITLE_ID}
      tabIndex={-1}
      dir={uiDir()}
      lang={uiLocale()}
      data-kind={kind}
    >
      <header class={`head ${kind}`}>
        <span class="kind">
          <Icon name={kind} />
          {t(kind === 'incident' ? 'page_kindIncident' : 'page_kindPublisher')}
        </span>
        <h2 id={TITLE_ID} {...DATA_TEXT}>
          {title}
        </h2>
        <button type="button" class="close" aria-label={t('page_close')} onClick={props.onClose}>
          <Icon name="close" />
        </button>
      </header>
      <div class="body" role="group" tabIndex={0} aria-label={t('page_details')}>
        <Body state={state} onRetry={props.onRetry} />
        {mention && <WhyMarked mention={mention} />}
        {feedback && <DismissedNote {...feedback} origin={origin} pageUrl={props.pageUrl} site={site} state={props.dismiss} onDismiss={props.onDismiss} />}
      </div>
      {site && (
        <footer class="foot">
          {feedback && <DismissButton kind={kind} state={props.dismiss} onDismiss={props.onDismiss} />}
          <button type="button" class="btn" disabled={hide === 'saving'} onClick={props.onHide}>
            {t('page_hideOnSite', site)}
          </button>
          {hide === 'failed' && (
            <span class="msg" role="alert">
              {t('page_hideFailed')}
            </span>
          )}
        </footer>
      )}
    </div>
  );
}
