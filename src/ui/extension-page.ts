import { uiDir, uiLocale } from './i18n.ts';
import { SHARED_CLASSES_CSS, TOKENS_CSS } from './tokens.ts';

/**
 * What the panel and the options page do before they render: the shared tokens and classes first
 * in `<head>` (so the page's own CSS file can build on them), and the UI language and direction on
 * `<html>`, so the browser and screen readers treat the UI strings as what they are.
 */
export function prepareExtensionPage(): void {
  const style = document.createElement('style');
  style.textContent = TOKENS_CSS + SHARED_CLASSES_CSS;
  document.head.prepend(style);
  document.documentElement.lang = uiLocale();
  document.documentElement.dir = uiDir();
}
