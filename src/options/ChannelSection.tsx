import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { formatFingerprint, parseSubscriptionLink } from '../core/channel-keys.ts';
import type { Subscription } from '../core/channel-subscription.ts';
import type { ChannelPreview, ChannelProblem } from '../core/messages.ts';
import { t, uiLocale } from '../ui/i18n.ts';
import { safeHref } from '../ui/safe-href.ts';
import { IssueList } from './IssueList.tsx';
import { listChannels, previewChannel, releaseOrigin, requestOrigin, subscribeChannel, unsubscribeChannel, updateChannel } from './options-api.ts';

type AddState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'preview'; link: string; preview: ChannelPreview }
  | { kind: 'subscribing'; link: string; preview: ChannelPreview }
  | { kind: 'failed'; problem: ChannelProblem };

/** A moment as the reader's locale writes a date and time. */
export function formatMoment(ms: number, locale: string = uiLocale()): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
  } catch {
    return new Date(ms).toISOString();
  }
}

/** A manifest timestamp (`2026-11-19T09:00:00Z`) in the reader's locale. */
const formatStamp = (stamp: string): string => {
  const ms = Date.parse(stamp);
  return Number.isNaN(ms) ? stamp : formatMoment(ms);
};

/** A key fingerprint, kept left to right in a right-to-left page. */
const Fingerprint = ({ hex }: { hex: string }): JSX.Element => (
  <code dir="ltr" class="fingerprint">
    {formatFingerprint(hex)}
  </code>
);

function Problem({ problem, lead }: { problem: ChannelProblem; lead: string }): JSX.Element {
  return (
    <div class="error" role="alert" data-testid="channel-problem">
      <p>
        {lead} {problem.message}
      </p>
      {problem.issues.length > 0 && <IssueList issues={problem.issues} />}
    </div>
  );
}

/** The list of what a scope covers, or "none". */
const ScopeList = ({ items }: { items: readonly string[] }): JSX.Element =>
  items.length === 0 ? <span class="hint">{t('options_channels_none')}</span> : <span dir="ltr">{items.join(', ')}</span>;

/** What the reader is about to trust, from the verified manifest: shown before anything is written. */
function PreviewCard({ preview }: { preview: ChannelPreview }): JSX.Element {
  const homepage = safeHref(preview.curator.homepage);
  return (
    <dl class="facts" data-testid="channel-preview">
      <dt>{t('options_channels_curator')}</dt>
      <dd>
        <strong>{preview.curator.name}</strong>
        {homepage && (
          <>
            {' · '}
            <a href={homepage} target="_blank" rel="noopener noreferrer">
              {homepage}
            </a>
          </>
        )}
      </dd>
      <dt>{t('options_channels_host')}</dt>
      <dd dir="ltr">{preview.origin}</dd>
      <dt>{t('options_channels_fingerprint')}</dt>
      <dd>
        <Fingerprint hex={preview.fingerprint} />
        <br />
        <span class="hint">{t('options_channels_fingerprint_hint')}</span>
      </dd>
      <dt>{t('options_channels_pack')}</dt>
      <dd>{t('options_channels_pack_version', [preview.pack.id, String(preview.pack.version)])}</dd>
      <dt>{t('options_channels_scope_domains')}</dt>
      <dd>
        <ScopeList items={preview.scope.domains} />
      </dd>
      <dt>{t('options_channels_scope_incidents')}</dt>
      <dd>
        <ScopeList items={preview.scope.incidentIds} />
      </dd>
      <dt>{t('options_channels_expires')}</dt>
      <dd>{formatStamp(preview.expires)}</dd>
    </dl>
  );
}

function ChannelRow({ sub, busy, onUpdate, onUnsubscribe }: { sub: Subscription; busy: boolean; onUpdate: () => void; onUnsubscribe: () => void }): JSX.Element {
  const check = sub.lastCheck;
  return (
    <li class="channel-row" data-testid="channel-row" data-channel={sub.channel}>
      <p>
        <strong>{sub.curator.name}</strong> <span class="hint" dir="ltr">{sub.origin}</span>
      </p>
      <dl class="facts">
        <dt>{t('options_channels_fingerprint')}</dt>
        <dd>
          <Fingerprint hex={sub.fingerprint} />
        </dd>
        <dt>{t('options_channels_version')}</dt>
        <dd>{t('options_channels_version_value', [String(sub.release.version), formatStamp(sub.expires)])}</dd>
        <dt>{t('options_channels_last_check')}</dt>
        <dd data-testid="channel-last-check">
          {check.ok ? (
            t('options_channels_last_check_ok', formatMoment(check.at))
          ) : (
            <span class="error">{t('options_channels_last_check_failed', [formatMoment(check.at), check.message ?? check.code ?? ''])}</span>
          )}
        </dd>
        <dt>{t('options_channels_updated')}</dt>
        <dd>{formatMoment(sub.updatedAt)}</dd>
        <dt>{t('options_channels_next_check')}</dt>
        <dd>{formatMoment(sub.nextCheck)}</dd>
      </dl>
      <div class="actions">
        <button type="button" disabled={busy} aria-label={t('options_channels_update_label', sub.curator.name)} onClick={onUpdate}>
          {t('options_channels_update')}
        </button>
        <button type="button" disabled={busy} aria-label={t('options_channels_unsubscribe_label', sub.curator.name)} onClick={onUnsubscribe}>
          {t('options_channels_unsubscribe')}
        </button>
      </div>
    </li>
  );
}

/**
 * Curator channels: the ones subscribed to, and adding one by its link. Adding asks the browser for
 * access to the channel's origin in the reader's click (nothing is fetched without it), shows what
 * the verified manifest says, and writes nothing until the reader subscribes; cancelling or a
 * refusal gives the access back.
 */
export function ChannelSection({ onDataChanged }: { onDataChanged?: () => void }): JSX.Element {
  const [list, setList] = useState<Subscription[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [link, setLink] = useState('');
  const [add, setAdd] = useState<AddState>({ kind: 'idle' });
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const showList = (r: Awaited<ReturnType<typeof listChannels>>): void => {
    if (r.ok) {
      setList(r.value);
      setListError(null);
    } else setListError(r.error);
  };
  useEffect(() => void listChannels().then(showList), []);

  /** Gives access back unless another subscription still uses the origin. */
  const giveBack = (origin: string): Promise<void> => ((list ?? []).some((s) => s.origin === origin) ? Promise.resolve() : releaseOrigin(origin));

  const onCheck = (e: Event): void => {
    e.preventDefault();
    setStatus('');
    const parsed = parseSubscriptionLink(link);
    if (!parsed.ok) {
      setAdd({ kind: 'failed', problem: { code: 'link', message: parsed.error, issues: [] } });
      return;
    }
    const { origin } = parsed.value;
    const typed = link;
    // In the click itself, before any await: the browser grants access only in answer to a gesture.
    const granted = requestOrigin(origin);
    setAdd({ kind: 'checking' });
    void granted.then(async (yes) => {
      if (!yes) {
        setAdd({ kind: 'failed', problem: { code: 'permission', message: t('options_channels_permission_denied', origin), issues: [] } });
        return;
      }
      const r = await previewChannel(typed);
      if (r.ok) {
        setAdd({ kind: 'preview', link: typed, preview: r.value });
        return;
      }
      await giveBack(origin);
      setAdd({ kind: 'failed', problem: r.error });
    });
  };

  const onCancel = async (preview: ChannelPreview): Promise<void> => {
    setAdd({ kind: 'idle' });
    await giveBack(preview.origin);
  };

  const onSubscribe = async (typed: string, preview: ChannelPreview): Promise<void> => {
    setAdd({ kind: 'subscribing', link: typed, preview });
    const r = await subscribeChannel(typed, preview.scope);
    if (r.ok) {
      setList(r.value);
      setAdd({ kind: 'idle' });
      setLink('');
      setStatus(t('options_channels_subscribed', preview.curator.name));
      onDataChanged?.();
      return;
    }
    await giveBack(preview.origin);
    setAdd({ kind: 'failed', problem: r.error });
  };

  const run = async (channel: string, action: () => ReturnType<typeof updateChannel>, done: (subs: Subscription[]) => string): Promise<void> => {
    setBusy(channel);
    setStatus('');
    const r = await action();
    setBusy(null);
    if (r.ok) {
      setList(r.value);
      setStatus(done(r.value));
      onDataChanged?.();
    } else setStatus(t('options_action_failed', r.error));
  };

  const onUpdate = (sub: Subscription): Promise<void> =>
    run(sub.channel, () => updateChannel(sub.channel), (subs) => {
      const now = subs.find((s) => s.channel === sub.channel);
      return now?.lastCheck.ok === false ? '' : t('options_channels_update_done', sub.curator.name);
    });
  const onUnsubscribe = (sub: Subscription): Promise<void> =>
    run(sub.channel, () => unsubscribeChannel(sub.channel), () => t('options_channels_unsubscribed', [sub.curator.name, sub.origin]));

  const adding = add.kind === 'checking' || add.kind === 'subscribing';

  return (
    <section class="card" aria-labelledby="channels-heading">
      <h2 id="channels-heading">{t('options_channels_heading')}</h2>
      <p class="hint">{t('options_channels_intro')}</p>
      {listError && (
        <p class="error" role="alert">
          {t('options_action_failed', listError)}
        </p>
      )}
      {list !== null &&
        (list.length === 0 ? (
          <p class="empty-line">{t('options_channels_empty')}</p>
        ) : (
          <ul class="plain channel-list">
            {list.map((sub) => (
              <ChannelRow key={sub.channel} sub={sub} busy={busy !== null} onUpdate={() => void onUpdate(sub)} onUnsubscribe={() => void onUnsubscribe(sub)} />
            ))}
          </ul>
        ))}
      <h3>{t('options_channels_add_heading')}</h3>
      <form class="field" onSubmit={onCheck}>
        <label for="channel-link">{t('options_channels_link_label')}</label>
        <input id="channel-link" type="text" dir="ltr" spellcheck={false} value={link} disabled={adding} onInput={(e) => setLink(e.currentTarget.value)} />
        <button type="submit" disabled={adding || link.trim() === ''}>
          {t('options_channels_check')}
        </button>
      </form>
      <div role="status" aria-live="polite" class="import-status">
        {add.kind === 'checking' && <p>{t('options_channels_checking')}</p>}
        {add.kind === 'subscribing' && <p>{t('options_channels_subscribing')}</p>}
      </div>
      {(add.kind === 'preview' || add.kind === 'subscribing') && (
        <div class="channel-preview">
          <h3>{t('options_channels_preview_heading')}</h3>
          <PreviewCard preview={add.preview} />
          <div class="actions">
            <button type="button" disabled={add.kind === 'subscribing'} onClick={() => void onSubscribe(add.link, add.preview)}>
              {t('options_channels_subscribe')}
            </button>
            <button type="button" disabled={add.kind === 'subscribing'} onClick={() => void onCancel(add.preview)}>
              {t('options_channels_cancel')}
            </button>
          </div>
        </div>
      )}
      {add.kind === 'failed' && <Problem problem={add.problem} lead={t('options_channels_failed')} />}
      <p class="hint" role="status" data-testid="channel-status">
        {status}
      </p>
    </section>
  );
}
