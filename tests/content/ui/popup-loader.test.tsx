// @vitest-environment happy-dom
/**
 * The popup's code loads on the first click on a badge (src/content/ui/popup-loader.ts). What a
 * reader does while it is on its way must still be what they get: a second click on the same badge
 * cancels the first, a click on another badge opens that one, and a badge the page removed opens
 * nothing. This file starts with the popup's code not loaded (each test file has its own modules).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { incidentView, nameMention } from '../../sample-data.ts';
import { handlers } from '../../fake-browser.ts';

vi.mock('../../../src/content/ext.ts', async () => {
  const { fakeBrowser } = await import('../../fake-browser.ts');
  return { ext: () => fakeBrowser };
});

type Ui = typeof import('../../../src/content/ui/index.ts');

/** The UI with fresh modules: its popup code not loaded yet, as on a page before the first click. */
async function freshUi(): Promise<Ui> {
  vi.resetModules();
  const ui = await import('../../../src/content/ui/index.ts');
  (await import('../../../src/content/ui/shadow-host.ts')).openShadowRootsForTests();
  return ui;
}

function addBadge(ui: Ui): HTMLElement {
  const host = document.createElement('source-context-badge');
  document.body.append(host);
  ui.mountBadge(host, { kind: 'incident', id: 'ishkobod-2019', name: 'Ishkobod', claimCount: 3, mention: nameMention(), site: 'example.com' });
  return host;
}

const click = (host: HTMLElement): void => host.shadowRoot!.querySelector('button')!.click();
const popupHosts = (): Element[] => [...document.documentElement.querySelectorAll('source-context-popup')];
const expanded = (host: HTMLElement): string | null => host.shadowRoot!.querySelector('button')!.getAttribute('aria-expanded');
/** Until the popup's code has arrived (the same module the loader asked for) and the loader has had its turn. */
async function settle(): Promise<void> {
  await import('../../../src/content/ui/popup-host.tsx');
  await new Promise((r) => setTimeout(r, 0));
}

describe('while the popup code loads', () => {
  let ui: Ui | null = null;
  beforeEach(() => {
    handlers.runtime = () => ({ ok: true, value: incidentView() });
  });
  afterEach(() => {
    ui?.destroyUi();
    document.body.innerHTML = '';
  });

  it('a second click on the same badge cancels the first', async () => {
    ui = await freshUi();
    const a = addBadge(ui);
    click(a);
    click(a);
    await settle();
    expect(popupHosts()).toHaveLength(0);
    expect(expanded(a)).toBe('false');
    // Once loaded, a click opens it at once.
    click(a);
    expect(expanded(a)).toBe('true');
  });

  it('the last badge clicked is the one that opens', async () => {
    ui = await freshUi();
    const a = addBadge(ui);
    const b = addBadge(ui);
    click(a);
    click(b);
    await vi.waitFor(() => expect(expanded(b)).toBe('true'));
    await settle();
    expect(expanded(a)).toBe('false');
    expect(popupHosts()).toHaveLength(1);
  });

  it('a badge the page removed meanwhile opens nothing', async () => {
    ui = await freshUi();
    const a = addBadge(ui);
    click(a);
    a.remove();
    await settle();
    expect(popupHosts()).toHaveLength(0);
  });
});
