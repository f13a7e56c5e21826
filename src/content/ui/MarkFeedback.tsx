/**
 * The reader's say on a mark: "This is not about it" (incident) or "Wrong label" (publisher) hides
 * the mark for this text on this site; after that, where the record's pack names a contact, a report
 * for its curator, shown in full (record id, the marked words, the page address only if ticked)
 * before the reader opens their mail program or the curator's page with it. Markup only; saving is
 * popup-host.tsx's.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { RecordKind } from '../../core/dataset-types.ts';
import type { PackOrigin } from '../../core/origin.ts';
import { t } from '../../ui/i18n.ts';
import { buildReport, contactOf } from '../../ui/report.ts';

export type DismissState = 'idle' | 'saving' | 'done' | 'failed';

export interface MarkFeedbackProps {
  kind: RecordKind;
  id: string;
  /** The record's name as the popup shows it. */
  name: string;
  /** The marked text. */
  text: string;
  /** The pack the record is from; absent for bundled records (which have no curator to write to). */
  origin: PackOrigin | undefined;
  pageUrl: string;
  site: string;
  state: DismissState;
  onDismiss: () => void;
}

/** The button, in the popup's footer. */
export function DismissButton({ kind, state, onDismiss }: Pick<MarkFeedbackProps, 'kind' | 'state' | 'onDismiss'>): JSX.Element | null {
  if (state === 'done') return null;
  return (
    <>
      <button type="button" class="btn" disabled={state === 'saving'} onClick={onDismiss}>
        {t(kind === 'incident' ? 'page_notAboutIt' : 'page_wrongLabel')}
      </button>
      {state === 'failed' && (
        <span class="msg" role="alert">
          {t('page_dismissFailed')}
        </span>
      )}
    </>
  );
}

/** After hiding: what happened, and the report to the curator when there is one to write to. */
export function DismissedNote(props: MarkFeedbackProps): JSX.Element | null {
  const [open, setOpen] = useState(false);
  const [includeAddress, setIncludeAddress] = useState(false);
  if (props.state !== 'done') return null;
  const contact = contactOf(props.origin);
  const report =
    props.origin && contact
      ? buildReport({ kind: props.kind, id: props.id, name: props.name, text: props.text, origin: props.origin, pageUrl: props.pageUrl, includeAddress })
      : null;
  const curator = props.origin?.curator?.name ?? '';
  return (
    <section class="dismissed" aria-labelledby="sc-dismissed">
      <h3 id="sc-dismissed">
        <span role="status">{t('page_dismissDone', props.site)}</span>
      </h3>
      {report && !open && (
        <button type="button" class="btn" onClick={() => setOpen(true)}>
          {t('page_reportStart', curator)}
        </button>
      )}
      {report && open && (
        <div class="report" role="group" aria-labelledby="sc-report">
          <h3 id="sc-report">{t('page_reportHeading', curator)}</h3>
          <p class="where">{t('page_reportIntro')}</p>
          <label class="check">
            <input type="checkbox" checked={includeAddress} onChange={(e) => setIncludeAddress(e.currentTarget.checked)} />
            {t('page_reportIncludeAddress')}
          </label>
          {/* Shown as text, not in a field: the reader reads it (and a screen reader with them) before choosing to send it. */}
          <figure class="report-text">
            <figcaption>{t('page_reportLabel')}</figcaption>
            <pre tabIndex={0}>{`${report.subject}\n\n${report.body}`}</pre>
          </figure>
          {report.via === 'page' && <p class="where">{t('page_reportCopy')}</p>}
          <a class="btn" href={report.href} {...(report.via === 'page' ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            {t(report.via === 'email' ? 'page_reportEmail' : 'page_reportPage', curator)}
          </a>
        </div>
      )}
    </section>
  );
}
