import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe; `node` holds the worker-thread pool (node:worker_threads).
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code (the error classes) goes into one chunk used by both entries, in CJS too, so
  // that `instanceof WorkerError` works across `@latentkit/core` and `@latentkit/core/node`.
  splitting: true,
});
