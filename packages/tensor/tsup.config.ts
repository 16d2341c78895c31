import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is the public API; `internal` holds the building blocks @latentkit/models shares (the
  // fused Adam kernel; not covered by semver).
  entry: {
    index: 'src/index.ts',
    internal: 'src/internal.ts',
    'platform.node': 'src/platform/platform.node.ts',
    'platform.browser': 'src/platform/platform.browser.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // `import.meta.url` is needed by the Node wasm-path resolver in the CJS build too.
  shims: true,
  // The Node-only module is reached through the package's `imports` map (#platform),
  // so it must stay an external import and be built as its own entry.
  external: ['#platform'],
  // Shared code goes into one chunk used by every entry, in CJS too, so that the main entry and
  // `@latentkit/tensor/internal` share one copy of each module.
  splitting: true,
});
