// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Findings } from '../../src/core/findings.ts';
import type { RecordView } from '../../src/core/messages.ts';
import { SETTINGS_KEY, SITE_PREFIX, DEFAULT_SETTINGS } from '../../src/core/settings.ts';
import { Panel } from '../../src/popup/Panel.tsx';
import { getByRole, queryAllByRole, waitFor } from './dom.ts';
import { calls, fakeBrowser, handlers, resetFakeBrowser, storedSync } from '../fake-browser.ts';
import { findings, incidentView, mentions, publisherView } from '../sample-data.ts';

let root: HTMLElement;

/**
 * A content script that reports `f`, following the stored settings the way the real one does, and
 * a background that answers with the sample's records (`incident` for the incident).
 */
function contentScript(f: Findings, incident: RecordView = incidentView()): void {
  handlers.tab = (_tabId, msg) => {
    const m = msg as { type: string; markId?: string };
    if (m.type === 'findings/reveal') return { ok: true, value: m.markId === 'm1' };
    const global = storedSync(SETTINGS_KEY) as { paused?: boolean } | undefined;
    const site = storedSync(SITE_PREFIX + f.site) as { mode?: Findings['mode'] } | undefined;
    const mode = site?.mode ?? f.mode;
    const state = global?.paused ? 'paused' : mode === 'off' ? 'site-off' : f.state;
    return { ok: true, value: { ...f, mode, state, mentions: state === 'done' ? f.mentions : [] } };
  };
  handlers.runtime = (msg) => {
    const m = msg as { type: string; kind?: string; id?: string };
    if (m.type !== 'records/get') return { ok: false, error: 'unexpected' };
    if (m.kind === 'incident' && m.id === 'ishkobod-2019') return { ok: true, value: incident };
    if (m.kind === 'publisher' && m.id === 'global-research') return { ok: true, value: publisherView() };
    return { ok: false, error: 'not found' };
  };
}

const findingsRequests = (): number => calls.tabMessages.filter((c) => (c.msg as { type: string }).type === 'findings/get').length;

async function mount(search = ''): Promise<void> {
  await act(() => {
    render(<Panel search={search} />, root);
  });
}

beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});

afterEach(async () => {
  await act(() => render(null, root));
  root.remove();
});

describe('panel states', () => {
  it('shows the mentions, the publisher and the claims when something was found', async () => {
    contentScript(findings({ mentions: mentions(), publisher: { id: 'global-research', how: 'domain', detail: 'globalresearch.ca' } }));
    await mount();
    await waitFor(() => expect(root.textContent).toContain('Islamic State (Amaq)'));

    expect(getByRole(root, 'heading', 'This page’s publisher')).toBeTruthy();
    expect(root.textContent).toContain('Global Research');
    expect(root.textContent).toContain('Recognised by the site address: globalresearch.ca');
    // Its own words are shown; what others say is one click away, in a closed disclosure.
    expect(root.querySelector('blockquote')?.textContent).toBe('The original source of this article is Global Research');
    const thirdParty = root.querySelector<HTMLDetailsElement>('details.third-party');
    expect(thirdParty?.open).toBe(false);
    expect(thirdParty?.querySelector('summary')?.textContent).toBe('What others say about it (1)');
    expect(root.querySelector('.publisher .reviewed')?.textContent).toBe('Context reviewed Nov 2026');

    expect(getByRole(root, 'heading', 'Mentions on this page (2)')).toBeTruthy();
    expect(getByRole(root, 'link', '“Ishkobod”')).toBeTruthy();
    expect(root.textContent).toContain('Describes the incident (80% match): border post attack, Tajikistan');

    expect(getByRole(root, 'heading', 'Claims: Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019')).toBeTruthy();
    expect(root.textContent).toContain('3 claims');
    expect(root.textContent).toContain('Disputes State Committee for National Security, Nov 6, 2019: the route the group took');
    expect(root.querySelector('[data-testid="panel-found"]')).not.toBeNull();
  });

  it('names the site in the switch and shows it on', async () => {
    contentScript(findings());
    await mount();
    const sw = await waitFor(() => getByRole<HTMLInputElement>(root, 'switch', 'Source Context on example.com'));
    expect(sw.checked).toBe(true);
    expect(getByRole<HTMLSelectElement>(root, 'combobox', 'What to show on example.com').value).toBe('on');
  });

  it('says nothing was found on a page without mentions', async () => {
    contentScript(findings());
    await mount();
    await waitFor(() => expect(getByRole(root, 'heading', 'Nothing found on this page')).toBeTruthy());
    expect(queryAllByRole(root, 'link')).toHaveLength(0);
  });

  it('says it cannot run where no content script answers, and derives no site', async () => {
    // The default tab handler throws, as tabs.sendMessage does on browser pages and the web store.
    await mount();
    await waitFor(() => expect(getByRole(root, 'heading', 'Source Context can’t run on this page')).toBeTruthy());
    expect(queryAllByRole(root, 'switch', /^Source Context on /)).toHaveLength(0);
    expect(queryAllByRole(root, 'combobox')).toHaveLength(0);
    // The global pause still works from here.
    expect(getByRole(root, 'switch', 'Pause Source Context everywhere')).toBeTruthy();
  });

  it('shows the site-off state with the switch off', async () => {
    resetFakeBrowser({ [`${SITE_PREFIX}example.com`]: { mode: 'off' } });
    contentScript(findings({ mentions: mentions() }));
    await mount();
    await waitFor(() => expect(getByRole(root, 'heading', 'Source Context is off on example.com')).toBeTruthy());
    expect(getByRole<HTMLInputElement>(root, 'switch', 'Source Context on example.com').checked).toBe(false);
    expect(queryAllByRole(root, 'link', '“Ishkobod”')).toHaveLength(0);
  });

  it('shows the paused state with the pause switch on', async () => {
    resetFakeBrowser({ [SETTINGS_KEY]: { ...DEFAULT_SETTINGS, paused: true } });
    contentScript(findings({ mentions: mentions() }));
    await mount();
    await waitFor(() => expect(getByRole(root, 'heading', 'Paused everywhere')).toBeTruthy());
    expect(getByRole<HTMLInputElement>(root, 'switch', 'Pause Source Context everywhere').checked).toBe(true);
  });

  it('shows a subdomain following its parent site', async () => {
    resetFakeBrowser({ [`${SITE_PREFIX}example.com`]: { mode: 'off' } });
    contentScript(findings({ site: 'news.example.com', url: 'https://news.example.com/a' }));
    await mount();
    const sw = await waitFor(() => getByRole<HTMLInputElement>(root, 'switch', 'Source Context on news.example.com'));
    expect(sw.checked).toBe(false);
    expect(root.textContent).toContain('Follows the setting for example.com until you change it here.');
  });
});

describe('panel controls', () => {
  it('switches the site off and follows the page into its new state', async () => {
    contentScript(findings({ mentions: mentions() }));
    await mount();
    const sw = await waitFor(() => getByRole<HTMLInputElement>(root, 'switch', 'Source Context on example.com'));
    await act(() => {
      sw.click();
    });
    await waitFor(() => expect(storedSync(`${SITE_PREFIX}example.com`)).toEqual({ mode: 'off' }));
    await waitFor(() => expect(getByRole(root, 'heading', 'Source Context is off on example.com')).toBeTruthy());
    // Asked the page again after the change, so it reflects the page's new state.
    await waitFor(() => expect(findingsRequests()).toBeGreaterThan(1));
  });

  it('follows a change made elsewhere (options, the in-page popup) without being reopened', async () => {
    contentScript(findings({ mentions: mentions() }));
    await mount();
    await waitFor(() => getByRole(root, 'link', '“Ishkobod”'));
    const before = findingsRequests();
    await fakeBrowser.storage.sync.set({ [`${SITE_PREFIX}example.com`]: { mode: 'off' } });
    await waitFor(() => expect(getByRole(root, 'heading', 'Source Context is off on example.com')).toBeTruthy());
    expect(findingsRequests()).toBeGreaterThan(before);
    expect(getByRole<HTMLInputElement>(root, 'switch', 'Source Context on example.com').checked).toBe(false);

    await fakeBrowser.storage.sync.set({ [`${SITE_PREFIX}example.com`]: { mode: 'on' } });
    await waitFor(() => getByRole(root, 'link', '“Ishkobod”'));
  });

  it('sets "publisher label only" from the mode list', async () => {
    contentScript(findings());
    await mount();
    const select = await waitFor(() => getByRole<HTMLSelectElement>(root, 'combobox', 'What to show on example.com'));
    await act(() => {
      select.value = 'publisher-only';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => expect(storedSync(`${SITE_PREFIX}example.com`)).toEqual({ mode: 'publisher-only' }));
  });

  it('pauses everywhere from its own switch', async () => {
    contentScript(findings());
    await mount();
    const pause = await waitFor(() => getByRole<HTMLInputElement>(root, 'switch', 'Pause Source Context everywhere'));
    await waitFor(() => expect(pause.disabled).toBe(false));
    await act(() => {
      pause.click();
    });
    await waitFor(() => expect((storedSync(SETTINGS_KEY) as { paused: boolean }).paused).toBe(true));
    await waitFor(() => expect(getByRole(root, 'heading', 'Paused everywhere')).toBeTruthy());
  });

  it('asks the page to reveal a mention when it is clicked, and says when it is gone', async () => {
    contentScript(findings({ mentions: mentions() }));
    await mount('?tab=42');
    const link = await waitFor(() => getByRole(root, 'link', '“Ishkobod”'));
    await act(() => {
      link.click();
    });
    expect(calls.tabMessages).toContainEqual({ tabId: 42, msg: { type: 'findings/reveal', markId: 'm1' } });
    expect(calls.tabsQuery).toBe(0);

    await act(() => {
      getByRole(root, 'link', '“attack on a border post in Tajikistan”').click();
    });
    await waitFor(() => expect(root.textContent).toContain('That mention is no longer on the page.'));
  });

  it('opens the settings page', async () => {
    contentScript(findings());
    await mount();
    await act(() => {
      getByRole(root, 'button', 'Settings').click();
    });
    expect(calls.optionsOpened).toBe(1);
  });

  it('links sources only when they are http(s)', async () => {
    const incident = incidentView();
    incident.claims[2]!.source = { ...incident.claims[2]!.source, title: 'Report on the claim', url: 'javascript:alert(1)' };
    contentScript(findings({ mentions: mentions() }), incident);
    await mount();
    await waitFor(() => expect(root.textContent).toContain('Islamic State (Amaq)'));
    const hrefs = Array.from(root.querySelectorAll('a[href]')).map((a) => a.getAttribute('href'));
    expect(hrefs).toContain('https://scns.example/statement');
    expect(hrefs.some((h) => h?.startsWith('javascript:'))).toBe(false);
    expect(root.textContent).toContain('Report on the claim');
  });
});
