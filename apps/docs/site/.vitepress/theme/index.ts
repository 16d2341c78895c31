import type { Theme } from 'vitepress';
import DefaultTheme from 'vitepress/theme';
import 'katex/dist/katex.min.css';
import './custom.css';
import { BackendBadge } from './components/backend-badge.js';
import { LiveDemo } from './components/live-demo.js';

/** VitePress's default theme, KaTeX's CSS and fonts (bundled), and the demo components. */
const theme: Theme = {
  extends: DefaultTheme,
  enhanceApp({ app }) {
    app.component('BackendBadge', BackendBadge);
    app.component('LiveDemo', LiveDemo);
  },
};

export default theme;
