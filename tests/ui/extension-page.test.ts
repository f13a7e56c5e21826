// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { prepareExtensionPage } from '../../src/ui/extension-page.ts';
import { useUiLocale } from './render.ts';

afterEach(() => {
  document.head.replaceChildren();
  document.documentElement.removeAttribute('lang');
  document.documentElement.removeAttribute('dir');
});

describe('prepareExtensionPage', () => {
  it('puts the shared tokens before the page’s own styles and the UI language on <html>', () => {
    const own = document.createElement('link');
    document.head.append(own);
    useUiLocale('ru');
    prepareExtensionPage();
    const first = document.head.firstElementChild;
    expect(first?.localName).toBe('style');
    expect(first?.textContent).toContain('--sc-bg');
    expect(first?.textContent).toContain('.sr-only');
    expect(document.head.lastElementChild).toBe(own);
    expect(document.documentElement.lang).toBe('ru');
    expect(document.documentElement.dir).toBe('ltr');
  });
});
