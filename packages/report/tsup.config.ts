import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is browser-safe (pure functions returning SVG/HTML text); `node` holds what needs
  // node:fs / node:zlib (reading saved results, writing a report folder, zlib-compressed PNGs).
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code goes into one chunk used by both entries, in CJS too, so that the two entries
  // share one copy of each function and type guard.
  splitting: true,
});
