import { render } from 'preact';
import { prepareExtensionPage } from '../ui/extension-page.ts';
import { Panel } from './Panel.tsx';
import './panel.css';

prepareExtensionPage();

const root = document.getElementById('app');
if (root) render(<Panel search={location.search} />, root);
