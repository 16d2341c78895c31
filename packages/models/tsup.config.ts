import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe; `node` holds what needs node:fs (atomic safetensors files).
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code (e.g. SafetensorsError) goes into one chunk used by both entries, in CJS too, so
  // that `instanceof` works across `@latentkit/models` and `@latentkit/models/node`.
  splitting: true,
});
