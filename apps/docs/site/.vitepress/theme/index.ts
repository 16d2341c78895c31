import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import 'katex/dist/katex.min.css';
import './custom.css';
import { startModelWorkerEarly } from './backend.js';
import { BackendBadge } from './components/backend-badge.js';
import { LiveDemo } from './components/live-demo.js';

/**
 * VitePress's default theme, KaTeX's CSS and fonts (bundled), and the demo components. On a
 * page whose server-rendered HTML holds a demo or a backend badge, the model worker starts
 * before the app hydrates (the components would start it only once mounted): the worker's
 * script, tfjs, the wasm backend and the demos' first files then load while the page's own
 * scripts run.
 */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('BackendBadge', BackendBadge);
    app.component('LiveDemo', LiveDemo);
    if (typeof document !== 'undefined') startModelWorkerEarly(document);
  },
};

export default theme;
