import { render } from 'preact';
import { t, uiDir, uiLocale } from '../ui/i18n.ts';
import { TOKENS_CSS } from '../ui/tokens.ts';
import { OptionsApp } from './OptionsApp.tsx';
import './options.css';

const tokens = document.createElement('style');
tokens.textContent = TOKENS_CSS;
document.head.prepend(tokens);
document.documentElement.lang = uiLocale();
document.documentElement.dir = uiDir();
document.title = t('options_title');

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
