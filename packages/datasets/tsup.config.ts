import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe; `node` holds the loaders that need node:fs / node:zlib.
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code (e.g. IdxFormatError) goes into one chunk used by both entries, in CJS too, so
  // that `instanceof` works across `@latentkit/datasets` and `@latentkit/datasets/node`.
  splitting: true,
});
