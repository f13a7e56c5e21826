// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISMISSALS_KEY, makeDismissal } from '../../src/core/dismissals.ts';
import type { DatasetInfo, PackInfo, PackPreview, ValidationIssue } from '../../src/core/messages.ts';
import { SETTINGS_KEY, SITE_PREFIX } from '../../src/core/settings.ts';
import { OptionsApp } from '../../src/options/OptionsApp.tsx';
import { filterSites, parseSiteInput } from '../../src/options/SiteList.tsx';
import { getByRole, queryAllByRole, waitFor } from '../popup/dom.ts';
import { calls, fakeBrowser, handlers, resetFakeBrowser, storedLocal, storedSync } from '../fake-browser.ts';
import { bundledDataset } from '../sample-data.ts';

let root: HTMLElement;

const info = (patch: Partial<DatasetInfo> = {}): DatasetInfo => ({
  schemaVersion: 1,
  bundledVersion: '2025.01.15',
  packs: [],
  counts: { incidents: 1, claims: 12, publishers: 2, authors: 4 },
  loading: false,
  ...patch,
});

const curator = { name: 'Kelvoria Press Watch', homepage: 'https://press-watch.example/', contact: 'packs@press-watch.example' };
const origin = { packId: 'extra', packName: 'extra', curator, version: 3, date: '2026-11-12' };
const extended = [{ id: 'ishkobod-2019', title: 'Attack on the Ishkobod border outpost', dataset: 'bundled', claims: 2 }];
const packInfo = (over: Partial<PackInfo> = {}): PackInfo => ({
  name: 'extra',
  contentVersion: '2025.02.01',
  incidents: 1,
  claims: 3,
  publishers: 1,
  authors: 0,
  origin,
  domains: ['steppe-courier.example'],
  extends: extended,
  ...over,
});
const preview = (over: Partial<PackPreview> = {}): PackPreview => ({
  name: 'extra',
  contentVersion: '2025.02.01',
  origin,
  counts: { incidents: 1, claims: 3, publishers: 1, authors: 0 },
  domains: ['steppe-courier.example'],
  extends: extended,
  ...over,
});

/**
 * A background answering the dataset messages: `importReply` decides what a pack import gets, and
 * `previewReply` what the check before it gets (by default, what `preview()` describes).
 */
function background(importReply: (json: string) => unknown, previewReply: (json: string) => unknown = () => ({ ok: true, value: preview() })): void {
  handlers.runtime = (msg) => {
    const m = msg as { type: string; json?: string; name?: string };
    switch (m.type) {
      case 'dataset/info':
        return { ok: true, value: info() };
      case 'pack/export':
        return { ok: true, value: bundledDataset('2025.01.15') };
      case 'pack/preview':
        return previewReply(m.json ?? '');
      case 'pack/import':
        return importReply(m.json ?? '');
      case 'channel/list':
        return { ok: true, value: [] };
      default:
        return { ok: false, error: 'unexpected' };
    }
  };
}

async function mount(): Promise<void> {
  await act(() => {
    render(<OptionsApp />, root);
  });
}

/** Choose `text` as the file in the pack input, as a user picking a file would. */
async function choosePackFile(text: string, name = 'pack.json'): Promise<void> {
  const input = await waitFor(() => {
    const el = root.querySelector<HTMLInputElement>('input[type="file"]');
    if (!el) throw new Error('no file input');
    return el;
  });
  const file = new File([text], name, { type: 'application/json' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
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

describe('pack import', () => {
  it('lists every problem of a refused pack with its path', async () => {
    const issues: ValidationIssue[] = [
      { path: 'incidents[0].id', message: 'must be lower-case words joined by hyphens' },
      { path: 'claims[3].source.url', message: 'must be an http(s) URL' },
      { path: 'publishers[1].statedAffiliation[0].source.date', message: 'must be an ISO date' },
    ];
    background(
      () => ({ ok: false, error: [{ path: '', message: 'not asked' }] }),
      () => ({ ok: false, error: issues }),
    );
    await mount();
    await choosePackFile('{"schemaVersion":1}', 'broken.json');

    const alert = await waitFor(() => getByRole(root, 'alert', /broken\.json was not imported/));
    expect(alert.textContent).toContain('3 problems');
    const items = Array.from(alert.querySelectorAll('li')).map((li) => li.textContent);
    expect(items).toEqual(issues.map((i) => `${i.path}: ${i.message}`));
    expect(calls.runtimeMessages).toContainEqual({ type: 'pack/preview', json: '{"schemaVersion":1}' });
    // A refused pack is never offered for writing.
    expect(calls.runtimeMessages.some((m) => (m as { type: string }).type === 'pack/import')).toBe(false);
    expect(queryAllByRole(root, 'button', 'Import this pack')).toHaveLength(0);
  });

  it('shows the curator, the counts, the sites and the bundled incident it extends, and writes only when confirmed', async () => {
    background(() => ({
      ok: true,
      value: info({ packs: [packInfo()], counts: { incidents: 2, claims: 15, publishers: 2, authors: 4 } }),
    }));
    await mount();
    await choosePackFile('{}', 'extra.json');
    const confirm = await waitFor(() => {
      const el = root.querySelector<HTMLElement>('[data-testid="import-confirm"]');
      if (!el) throw new Error('not shown yet');
      return el;
    });
    expect(confirm.querySelector('h4')?.textContent).toBe('Import “extra” from extra.json?');
    expect(confirm.textContent).toContain('Curated by Kelvoria Press Watch, version 3, Nov 12, 2026');
    expect(confirm.textContent).toContain('packs@press-watch.example');
    expect(confirm.textContent).toContain('1 incident, 3 claims, 1 publisher, 0 authors');
    expect([...confirm.querySelectorAll('.domains li')].map((li) => li.textContent)).toEqual(['steppe-courier.example']);
    expect(confirm.querySelector('.extends')?.textContent).toBe('Attack on the Ishkobod border outpost (bundled data): 2 claims');
    expect(calls.runtimeMessages.some((m) => (m as { type: string }).type === 'pack/import')).toBe(false);

    await act(() => getByRole(root, 'button', 'Import this pack').click());
    await waitFor(() => expect(root.textContent).toContain('Imported extra.json. Now: 2 incidents, 15 claims, 2 publishers, 4 authors.'));
    expect(calls.runtimeMessages).toContainEqual({ type: 'pack/import', json: '{}' });
    expect(getByRole(root, 'button', 'Remove the pack extra')).toBeTruthy();
    expect(queryAllByRole(root, 'alert')).toHaveLength(0);
  });

  it('writes nothing when the reader cancels', async () => {
    background(() => ({ ok: true, value: info({ packs: [packInfo()] }) }));
    await mount();
    await choosePackFile('{}', 'extra.json');
    const cancel = await waitFor(() => getByRole(root, 'button', 'Cancel'));
    await act(() => cancel.click());
    await waitFor(() => expect(root.textContent).toContain('extra.json was not imported; nothing changed.'));
    expect(calls.runtimeMessages.some((m) => (m as { type: string }).type === 'pack/import')).toBe(false);
  });

  it('says which loaded pack a new version replaces', async () => {
    background(
      () => ({ ok: true, value: info() }),
      () => ({ ok: true, value: preview({ replaces: { ...origin, version: 2, date: '2026-10-01', contentVersion: '2025.01.20' } }) }),
    );
    await mount();
    await choosePackFile('{}', 'extra.json');
    await waitFor(() => expect(root.textContent).toContain('It replaces the loaded pack “extra” (2025.01.20).'));
  });

  it('shows progress while the background works', async () => {
    let answer: (v: unknown) => void = () => {};
    background(
      () => ({ ok: false, error: 'not asked' }),
      () => new Promise((r) => (answer = r)),
    );
    await mount();
    await choosePackFile('{}');
    await waitFor(() => expect(root.textContent).toContain('Checking pack.json…'));
    expect(root.querySelector('progress')).not.toBeNull();
    expect(root.querySelector<HTMLInputElement>('input[type="file"]')?.disabled).toBe(true);
    await act(() => answer({ ok: false, error: [{ path: '', message: 'not JSON' }] }));
    await waitFor(() => expect(getByRole(root, 'alert', /was not imported/).textContent).toContain('(whole file): not JSON'));
    expect(root.querySelector('progress')).toBeNull();
  });
});

describe('dataset', () => {
  it('shows the version, the counts and the packs', async () => {
    handlers.runtime = (msg) => {
      const m = msg as { type: string };
      if (m.type === 'dataset/info') {
        return { ok: true, value: info({ packs: [packInfo()] }) };
      }
      return { ok: false, error: 'unexpected' };
    };
    await mount();
    await waitFor(() => expect(root.querySelector('[data-testid="dataset-counts"]')?.textContent).toBe('1 incident, 12 claims, 2 publishers, 4 authors'));
    expect(root.textContent).toContain('2025.01.15');
    const row = root.querySelector('.pack-list .pack-row');
    expect(row?.textContent).toContain('extra');
    expect(row?.textContent).toContain('Curated by Kelvoria Press Watch, version 3, Nov 12, 2026');
    expect(row?.querySelector('[data-testid="pack-counts"]')?.textContent).toBe('1 incident, 3 claims, 1 publisher, 0 authors');
    expect([...(row?.querySelectorAll('.domains li') ?? [])].map((li) => li.textContent)).toEqual(['steppe-courier.example']);
    expect(row?.querySelector('.extends')?.textContent).toContain('Attack on the Ishkobod border outpost');
  });

  it('says so for a pack stored before packs named their curator', async () => {
    handlers.runtime = (msg) =>
      (msg as { type: string }).type === 'dataset/info'
        ? { ok: true, value: info({ packs: [packInfo({ origin: { packId: '', packName: 'extra' }, domains: [], extends: [] })] }) }
        : { ok: false, error: 'unexpected' };
    await mount();
    await waitFor(() => expect(root.querySelector('.pack-list')?.textContent).toContain('Curator not stated'));
    expect(root.querySelector('.pack-list')?.textContent).toContain('Labels no sites.');
  });
});

describe('marks the reader hid', () => {
  const hidden = makeDismissal('news.example', 'incident', 'ishkobod-2019', 'Attack on the Ishkobod border outpost', 'Ishkobod', 1_700_000_000_000);

  it('lists each hidden text with its site and record, and shows it again on request', async () => {
    background(() => ({ ok: false, error: 'unexpected' }));
    await fakeBrowser.storage.local.set({ [DISMISSALS_KEY]: [hidden] });
    await mount();
    const section = await waitFor(() => {
      const el = root.querySelector<HTMLElement>('[data-testid="dismissed"]');
      if (!el?.querySelector('li')) throw new Error('not listed yet');
      return el;
    });
    expect(section.querySelector('li')?.textContent).toContain('Ishkobod');
    expect(section.querySelector('li')?.textContent).toContain('news.example');
    expect(section.querySelector('li')?.textContent).toContain('not about Attack on the Ishkobod border outpost');
    await act(() => getByRole(section, 'button', 'Show “Ishkobod” on news.example again').click());
    await waitFor(() => expect(storedLocal(DISMISSALS_KEY)).toEqual([]));
    await waitFor(() => expect(section.textContent).toContain('None.'));
  });
});

describe('dataset (continued)', () => {

  it('exports the data as a pack and the claims as JSON-LD, through Blob downloads', async () => {
    background(() => ({ ok: false, error: 'unexpected' }));
    const blobs: Blob[] = [];
    const names: string[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      blobs.push(b as Blob);
      return 'blob:test';
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      await mount();
      await waitFor(() => getByRole(root, 'button', 'Export the current data as a pack'));
      await act(() => getByRole(root, 'button', 'Export the current data as a pack').click());
      await waitFor(() => expect(blobs).toHaveLength(1));
      await act(() => getByRole(root, 'button', 'Export claims as JSON-LD').click());
      await waitFor(() => expect(blobs).toHaveLength(2));
    } finally {
      create.mockRestore();
      click.mockRestore();
    }
    expect(names).toEqual(['source-context-2025.01.15.json', 'source-context-claims-2025.01.15.jsonld']);
    const [packBlob, jsonLdBlob] = blobs;
    expect(JSON.parse((await packBlob?.text()) ?? 'null')).toEqual(bundledDataset('2025.01.15'));
    const jsonLd = JSON.parse((await jsonLdBlob?.text()) ?? 'null') as { '@type': string; identifier: string; about?: { name: string } }[];
    expect(jsonLd.map((c) => c.identifier)).toEqual(bundledDataset().claims.map((c) => c.id));
    expect(jsonLd[0]).toMatchObject({ '@type': 'Claim', identifier: 'analyst-doubt', about: { name: 'Attack on the Ishkobod border outpost, Tajikistan, 6 November 2019' } });
  });
});

describe('site list', () => {
  const sites = {
    [`${SITE_PREFIX}alpha.com`]: { mode: 'off' },
    [`${SITE_PREFIX}beta.org`]: { mode: 'publisher-only' },
    [`${SITE_PREFIX}news.gamma.net`]: { mode: 'on', links: false },
  };

  it('filters the sites by the search', async () => {
    resetFakeBrowser(sites);
    await mount();
    await waitFor(() => expect(queryAllByRole(root, 'combobox', /^Mode on /)).toHaveLength(3));
    const search = getByRole<HTMLInputElement>(root, 'searchbox', 'Search sites');
    await act(() => {
      search.value = 'WWW.Beta';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(queryAllByRole(root, 'combobox', /^Mode on /).map((el) => (el as HTMLSelectElement).getAttribute('aria-label'))).toEqual([
      'Mode on beta.org',
    ]);
    await act(() => {
      search.value = 'nothing-like-it';
      search.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(root.textContent).toContain('No site matches “nothing-like-it”.');
  });

  it('changes and removes a site, and follows changes made elsewhere', async () => {
    resetFakeBrowser(sites);
    await mount();
    const mode = await waitFor(() => getByRole<HTMLSelectElement>(root, 'combobox', 'Mode on alpha.com'));
    expect(mode.value).toBe('off');
    await act(() => {
      mode.value = 'on';
      mode.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await waitFor(() => expect(storedSync(`${SITE_PREFIX}alpha.com`)).toEqual({ mode: 'on' }));

    await act(() => getByRole(root, 'button', 'Remove beta.org').click());
    await waitFor(() => expect(queryAllByRole(root, 'combobox', 'Mode on beta.org')).toHaveLength(0));
    expect(storedSync(`${SITE_PREFIX}beta.org`)).toBeUndefined();
  });

  it('adds a site typed as an address, with www. folded', async () => {
    await mount();
    const input = await waitFor(() => getByRole<HTMLInputElement>(root, 'textbox', 'Add a site'));
    await act(() => {
      input.value = 'https://www.Example.com/some/page';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => getByRole(root, 'button', 'Add').click());
    await waitFor(() => expect(storedSync(`${SITE_PREFIX}example.com`)).toEqual({ mode: 'off' }));
    await waitFor(() => expect(getByRole(root, 'combobox', 'Mode on example.com')).toBeTruthy());
  });

  it.each([
    ['example.com', 'example.com'],
    ['www.example.com', 'example.com'],
    ['https://news.example.com/a?b', 'news.example.com'],
    ['  EXAMPLE.org ', 'example.org'],
  ])('reads %j as the site %j', (input, key) => {
    expect(parseSiteInput(input)).toBe(key);
  });

  it.each(['', 'not a site', 'exa mple.com'])('refuses %j as a site', (input) => {
    expect(parseSiteInput(input)).toBeNull();
  });

  it('matches sites by part of their key', () => {
    const rows = [
      { key: 'alpha.com', setting: { mode: 'on' as const } },
      { key: 'beta.org', setting: { mode: 'off' as const } },
    ];
    expect(filterSites(rows, 'a.c').map((r) => r.key)).toEqual(['alpha.com']);
    expect(filterSites(rows, '').map((r) => r.key)).toEqual(['alpha.com', 'beta.org']);
  });
});

describe('defaults and shortcut', () => {
  it('writes each default at once', async () => {
    await mount();
    const links = await waitFor(() => getByRole<HTMLInputElement>(root, 'checkbox', 'Labels on links to publishers'));
    expect(links.checked).toBe(true);
    await act(() => links.click());
    await waitFor(() => expect((storedSync(SETTINGS_KEY) as { kinds: { links: boolean } }).kinds.links).toBe(false));
    await waitFor(() => expect(getByRole<HTMLInputElement>(root, 'checkbox', 'Labels on links to publishers').checked).toBe(false));
  });

  it('shows the current shortcut and where to change it, as text rather than a link', async () => {
    handlers.commands = [{ name: '_execute_action', shortcut: 'Alt+Shift+S' }];
    await mount();
    await waitFor(() => expect(root.textContent).toContain('Opens the panel: Alt+Shift+S'));
    expect(root.textContent).toContain('chrome://extensions/shortcuts');
    expect(root.querySelector('a[href^="chrome:"]')).toBeNull();
  });

  it('says when no shortcut is set', async () => {
    handlers.commands = [{ name: '_execute_action', shortcut: '' }];
    await mount();
    await waitFor(() => expect(root.textContent).toContain('No shortcut is set to open the panel.'));
  });
});
