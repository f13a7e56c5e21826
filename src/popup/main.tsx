import { render } from 'preact';
import { uiDir, uiLocale } from '../ui/i18n.ts';
import { TOKENS_CSS } from '../ui/tokens.ts';
import { Panel } from './Panel.tsx';
import './panel.css';

const tokens = document.createElement('style');
tokens.textContent = TOKENS_CSS;
document.head.prepend(tokens);
document.documentElement.lang = uiLocale();
document.documentElement.dir = uiDir();

const root = document.getElementById('app');
if (root) render(<Panel search={location.search} />, root);
