import { render } from 'preact';
import policy from 'virtual:privacy-policy';
import { prepareExtensionPage } from '../ui/extension-page.ts';
import { t } from '../ui/i18n.ts';
import { PrivacyPage } from './PrivacyPage.tsx';
import '../ui/document-page.css';

prepareExtensionPage();
document.title = t('privacy_title');

const root = document.getElementById('app');
if (root) render(<PrivacyPage policy={policy} />, root);
