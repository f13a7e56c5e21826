import { render } from 'preact';
render(<p>Source Context</p>, document.getElementById('app')!);
