import { render } from 'preact';
import { prepareExtensionPage } from '../ui/extension-page.ts';
import { t } from '../ui/i18n.ts';
import { WelcomePage } from './WelcomePage.tsx';
import '../ui/document-page.css';
import '../content/highlight.css';
import './welcome.css';

prepareExtensionPage();
document.title = t('welcome_title');

const root = document.getElementById('app');
if (root) render(<WelcomePage />, root);
