import { render } from 'preact';
import { prepareExtensionPage } from '../ui/extension-page.ts';
import { t } from '../ui/i18n.ts';
import { OptionsApp } from './OptionsApp.tsx';
import './options.css';

prepareExtensionPage();
document.title = t('options_title');

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
