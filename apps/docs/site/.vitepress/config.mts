import { existsSync } from 'node:fs';
import { join } from 'node:path';
import markdownItKatexModule from '@vscode/markdown-it-katex';
import katex from 'katex';
import { type DefaultTheme, defineConfig, postcssIsolateStyles } from 'vitepress';
import { apiEntries } from '../../tools/lib/api-modules.js';
import {
  API_DIR,
  ASSETS_DIR,
  ASSETS_URL,
  DIST_DIR,
  DOCS_ROOT,
  tfjsWasmDir,
  WASM_URL,
} from '../../tools/lib/paths.js';
import {
  copyMounts,
  resolveMountedFile,
  type StaticMount,
  sendFile,
} from '../../tools/lib/static-mounts.js';

// The plugin is CommonJS with `exports.default`; Node's ESM import wraps it once more.
const markdownItKatex =
  (markdownItKatexModule as unknown as { default?: typeof markdownItKatexModule }).default ??
  markdownItKatexModule;

/** Folders served as-is: the tfjs `.wasm` binaries and the demos' models and data. */
const mounts: StaticMount[] = [
  { url: WASM_URL, dir: tfjsWasmDir(), include: (p) => p.endsWith('.wasm') && !p.includes('/') },
  { url: ASSETS_URL, dir: ASSETS_DIR, include: (p) => !p.endsWith('.ts') },
];

/** The API sidebar: one page per package entry, in dependency order. */
function apiSidebar(): DefaultTheme.SidebarItem[] {
  return [
    {
      text: 'API reference',
      items: [
        { text: 'Overview', link: '/api/' },
        ...apiEntries()
          .filter((e) => existsSync(join(API_DIR, `${e.specifier}.md`)))
          .map((e) => ({
            text: e.specifier.replace('@latentkit/', ''),
            link: `/api/${e.specifier}`,
          })),
      ],
    },
  ];
}

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: 'Start',
    items: [
      { text: 'Getting started', link: '/getting-started' },
      { text: 'Pretrained models', link: '/pretrained' },
      { text: 'Benchmarks', link: '/benchmarks' },
      { text: 'Bring your own PyTorch model', link: '/guide/pytorch' },
    ],
  },
  {
    text: 'Package guides',
    items: [
      { text: 'core', link: '/guide/core' },
      { text: 'tensor', link: '/guide/tensor' },
      { text: 'datasets', link: '/guide/datasets' },
      { text: 'pca', link: '/guide/pca' },
      { text: 'models', link: '/guide/models' },
      { text: 'quantize', link: '/guide/quantize' },
      { text: 'verilog', link: '/guide/verilog' },
    ],
  },
];

const math: DefaultTheme.SidebarItem[] = [
  {
    text: 'The math',
    items: [
      { text: 'Overview', link: '/math/' },
      { text: 'PCA', link: '/math/pca' },
      { text: 'The VAE and its bound', link: '/math/vae' },
      { text: 'β-VAE and capacity', link: '/math/beta-vae' },
      { text: 'Conditional VAE', link: '/math/cvae' },
      { text: 'Vector quantization', link: '/math/vq' },
      { text: 'Fixed point and the FPGA', link: '/math/fixed-point' },
    ],
  },
];

const demos: DefaultTheme.SidebarItem[] = [
  {
    text: 'Live demos',
    items: [
      { text: 'Overview', link: '/demos/' },
      { text: 'PCA on MNIST', link: '/demos/pca' },
      { text: 'Latent explorer', link: '/demos/latent-explorer' },
      { text: 'Conditional VAE', link: '/demos/cvae' },
      { text: 'β-VAE on dSprites', link: '/demos/beta-vae' },
      { text: 'VQ-VAE', link: '/demos/vq-vae' },
      { text: 'Train in the browser', link: '/demos/train-in-browser' },
      { text: 'Hardware', link: '/demos/hardware' },
    ],
  },
];

export default defineConfig({
  title: 'latentkit',
  description:
    'PCA, autoencoders and VAEs to fixed point and Verilog, in TypeScript — with live demos.',
  lang: 'en-GB',
  cleanUrls: false,
  outDir: DIST_DIR,
  cacheDir: join(DOCS_ROOT, 'node_modules/.cache/vitepress'),
  srcExclude: ['_generated/**', 'README.md'],
  // Dead links are checked by tools/check-site.ts over the built HTML (API pages included),
  // and VitePress's own check fails the build too.
  ignoreDeadLinks: false,
  lastUpdated: false,
  head: [['link', { rel: 'icon', type: 'image/svg+xml', href: '/logo.svg' }]],
  markdown: {
    // KaTeX at build time: pages ship HTML + MathML, the browser only needs the CSS and fonts
    // (bundled from the katex package by the theme). A TeX error renders as `.katex-error`,
    // which tools/check-site.ts turns into a build failure.
    config(md) {
      // The plugin is typed against its own copy of @types/markdown-it; the runtime object is the same.
      const plugin = markdownItKatex as unknown as (m: typeof md, options: object) => void;
      md.use(plugin, { katex, throwOnError: false, output: 'htmlAndMathml' });
    },
    lineNumbers: false,
  },
  vue: {
    template: {
      compilerOptions: {
        // KaTeX's MathML; Vue knows <math> itself, these are its children.
        isCustomElement: (tag) =>
          [
            'annotation',
            'semantics',
            'mrow',
            'mi',
            'mo',
            'mn',
            'msup',
            'msub',
            'msubsup',
            'mfrac',
            'msqrt',
            'mroot',
            'mtext',
            'mspace',
            'mover',
            'munder',
            'munderover',
            'mtable',
            'mtr',
            'mtd',
            'mstyle',
            'mpadded',
            'menclose',
            'mphantom',
          ].includes(tag),
      },
    },
  },
  vite: {
    plugins: [
      {
        name: 'latentkit-static-mounts',
        configureServer(server) {
          server.middlewares.use((req, res, next) => {
            const file = req.url ? resolveMountedFile(mounts, req.url) : undefined;
            if (file) sendFile(res, file);
            else next();
          });
        },
      },
    ],
    // The demos run tfjs in the page; keep its wasm glue out of the dep optimizer so the
    // emscripten loader finds its files the way it does in the build.
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
    build: { chunkSizeWarningLimit: 4096 },
    // The demos' model worker (demos/common/model.worker.ts) loads each demo's session module
    // on demand: an ES-module worker, so its chunks can be split. tfjs-core, the wasm backend
    // and @latentkit/tensor, which the worker loads on `init`, form one chunk: split, each
    // would be requested only once the one importing it had arrived (a worker has no
    // modulepreload), a round trip more before the backend starts.
    worker: {
      format: 'es',
      rollupOptions: {
        output: {
          manualChunks: (id) =>
            /[\\/](@tensorflow[\\/]tfjs-(core|backend-wasm)|packages[\\/]tensor)[\\/]/.test(id)
              ? 'tfjs'
              : undefined,
        },
      },
    },
    // Lets a demo's container opt out of the page's typography (class `vp-raw`).
    css: {
      postcss: { plugins: [postcssIsolateStyles({ includeFiles: [/vp-doc\.css/, /base\.css/] })] },
    },
  },
  async buildEnd(site) {
    await copyMounts(mounts, site.outDir);
  },
  themeConfig: {
    logo: '/logo.svg',
    nav: [
      {
        text: 'Guide',
        link: '/getting-started',
        activeMatch: '^/(getting-started|guide/|pretrained|benchmarks)',
      },
      { text: 'Math', link: '/math/', activeMatch: '^/math/' },
      { text: 'Demos', link: '/demos/', activeMatch: '^/demos/' },
      { text: 'API', link: '/api/', activeMatch: '^/api/' },
    ],
    sidebar: {
      '/getting-started': guide,
      '/pretrained': guide,
      '/benchmarks': guide,
      '/guide/': guide,
      '/math/': math,
      '/demos/': demos,
      '/api/': apiSidebar(),
    },
    search: { provider: 'local' },
    outline: { level: [2, 3] },
    footer: {
      message:
        'MIT licensed. Everything on this site — fonts, formulas, wasm, models — is served from here.',
    },
  },
});
