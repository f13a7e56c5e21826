/**
 * Rendering a shared component into happy-dom for a test, and reading it back the way it reads:
 * `text` squashes whitespace, `langOf` is the language an element's text is announced in. Importing
 * this file unmounts everything after each test. For use in tests.
 */
import { render, type ComponentChild } from 'preact';
import { afterEach } from 'vitest';

const roots: HTMLElement[] = [];

afterEach(() => {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
});

export function mount(vnode: ComponentChild): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  render(vnode, root);
  return root;
}

export const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The nearest `lang` around `el` (as a screen reader picks its voice), '' when none is set. */
export const langOf = (el: Element | null | undefined): string => el?.closest('[lang]')?.getAttribute('lang') ?? '';

/** Answers `page_locale` as a browser running in `locale` would, so the UI takes that locale. */
export function useUiLocale(locale: string): void {
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: (key: string) => (key === 'page_locale' ? locale : '') } };
}

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});
