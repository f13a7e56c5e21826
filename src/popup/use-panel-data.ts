/**
 * The panel's state: the tab it describes, what the tab's content script found, the settings that
 * apply, and the records behind the findings. Follows `storage.onChanged`, so a setting changed
 * here, in the in-page popup or in options shows at once.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { Findings } from '../core/findings.ts';
import type { RecordView } from '../core/messages.ts';
import { SETTINGS_KEY, SITE_PREFIX, type GlobalSettings, type SiteMode, type SiteSetting } from '../core/settings.ts';
import type { RecordKind } from '../core/dataset-types.ts';
import { readSettings, readSite, writeSettings, writeSite } from '../storage/settings-store.ts';
import { fetchFindings, fetchRecord, resolveTabId } from './panel-api.ts';

export interface SiteState {
  key: string;
  setting: SiteSetting;
  inherited: boolean;
}

export type TabState =
  | { kind: 'loading' }
  | { kind: 'unavailable' }
  | { kind: 'ready'; tabId: number; findings: Findings };

/** `undefined` while being fetched, `null` when the background has no such record. */
export type Records = ReadonlyMap<string, RecordView | null | undefined>;

export const recordKey = (kind: RecordKind, id: string): string => `${kind}:${id}`;

/** How often, and how many times, to ask again while the content script is still scanning. */
const SCAN_POLL_MS = 300;
const SCAN_POLLS = 20;
/**
 * After a setting changes, the content script applies it on its own `storage.onChanged`; it may
 * answer with its old state for a moment, so ask again until it agrees with the stored settings.
 */
const SETTLE_POLL_MS = 150;
const SETTLE_POLLS = 8;

/** Whether findings already reflect the stored settings. */
function agrees(f: Findings, settings: GlobalSettings | null, site: SiteState | null): boolean {
  if (!settings || !site) return true;
  if (settings.paused) return f.state === 'paused';
  if (site.setting.mode === 'off') return f.state === 'site-off';
  return f.state !== 'paused' && f.state !== 'site-off' && f.mode === site.setting.mode;
}

export interface PanelData {
  tab: TabState;
  settings: GlobalSettings | null;
  site: SiteState | null;
  records: Records;
  /** Ask the content script again (after a mark went missing, say). */
  refresh: () => void;
  setSiteMode: (mode: SiteMode) => Promise<void>;
  setPaused: (paused: boolean) => Promise<void>;
}

export function usePanelData(search: string): PanelData {
  const [tab, setTab] = useState<TabState>({ kind: 'loading' });
  const [settings, setSettings] = useState<GlobalSettings | null>(null);
  const [site, setSite] = useState<SiteState | null>(null);
  const [records, setRecords] = useState<Records>(new Map());
  const tabId = useRef<number | null | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A newer load supersedes an older one still in flight.
  const generation = useRef(0);

  const load = useCallback(async (settleTries: number, scanTries: number): Promise<void> => {
    const gen = ++generation.current;
    clearTimeout(timer.current);
    if (tabId.current === undefined) tabId.current = await resolveTabId(search);
    const id = tabId.current;
    const [reply, global] = await Promise.all([
      id === null ? Promise.resolve({ kind: 'unavailable' } as const) : fetchFindings(id),
      readSettings().catch(() => null),
    ]);
    const siteState = reply.kind === 'ok' ? await readSite(reply.findings.site).catch(() => null) : null;
    if (gen !== generation.current) return;
    setSettings(global);
    setSite(siteState);
    if (reply.kind !== 'ok' || id === null) {
      setTab({ kind: 'unavailable' });
      return;
    }
    setTab({ kind: 'ready', tabId: id, findings: reply.findings });
    if (!agrees(reply.findings, global, siteState) && settleTries > 0) {
      timer.current = setTimeout(() => void load(settleTries - 1, scanTries), SETTLE_POLL_MS);
    } else if ((reply.findings.state === 'scanning' || !agrees(reply.findings, global, siteState)) && scanTries > 0) {
      // Still scanning, or slow to apply a change: keep asking, less often.
      timer.current = setTimeout(() => void load(0, scanTries - 1), SCAN_POLL_MS);
    }
  }, [search]);

  useEffect(() => {
    void load(0, SCAN_POLLS);
    const onChanged = (changes: Record<string, unknown>, area: string): void => {
      if (area !== 'sync') return;
      if (Object.keys(changes).some((k) => k === SETTINGS_KEY || k.startsWith(SITE_PREFIX))) {
        void load(SETTLE_POLLS, SCAN_POLLS);
      }
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => {
      browser.storage.onChanged.removeListener(onChanged);
      clearTimeout(timer.current);
      generation.current++;
    };
  }, [load]);

  // Fetch each record the findings point to, once.
  const findings = tab.kind === 'ready' ? tab.findings : null;
  useEffect(() => {
    if (!findings) return;
    const wanted = new Map<string, [RecordKind, string]>();
    if (findings.publisher) wanted.set(recordKey('publisher', findings.publisher.id), ['publisher', findings.publisher.id]);
    for (const m of findings.mentions) wanted.set(recordKey(m.kind, m.id), [m.kind, m.id]);
    const missing = [...wanted].filter(([key]) => !records.has(key));
    if (missing.length === 0) return;
    setRecords((prev) => {
      const next = new Map(prev);
      for (const [key] of missing) next.set(key, undefined);
      return next;
    });
    for (const [key, [kind, id]] of missing) {
      void fetchRecord(kind, id).then((view) => {
        setRecords((prev) => new Map(prev).set(key, view));
      });
    }
  }, [findings, records]);

  const setSiteMode = useCallback(
    async (mode: SiteMode) => {
      if (!findings) return;
      // Show the choice at once; storage.onChanged then brings the page's new state.
      setSite((s) => ({ key: findings.site, setting: { ...(s?.setting ?? {}), mode }, inherited: false }));
      await writeSite(findings.site, { mode });
    },
    [findings],
  );

  const setPaused = useCallback(async (paused: boolean) => {
    setSettings((s) => (s ? { ...s, paused } : s));
    await writeSettings({ paused });
  }, []);

  const refresh = useCallback(() => void load(0, SCAN_POLLS), [load]);

  return { tab, settings, site, records, refresh, setSiteMode, setPaused };
}
