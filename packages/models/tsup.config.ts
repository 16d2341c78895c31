import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe; `node` holds what needs node:fs (atomic safetensors files) and
  // worker_threads (parallel training). `parallel-worker` is the script each training worker
  // thread runs; parallel-engine.ts finds it next to itself (`dist/parallel-worker.js` / `.cjs`).
  entry: {
    index: 'src/index.ts',
    node: 'src/node.ts',
    'parallel-worker': 'src/node/parallel/parallel-worker.ts',
  },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code (e.g. SafetensorsError) goes into one chunk used by both entries, in CJS too, so
  // that `instanceof` works across `@latentkit/models` and `@latentkit/models/node`.
  splitting: true,
});
