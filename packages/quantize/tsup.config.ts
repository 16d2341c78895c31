import { defineConfig } from 'tsup';

export default defineConfig({
  // `index` is the public API; `internal` holds the building blocks @latentkit/verilog shares
  // (not covered by semver).
  entry: { index: 'src/index.ts', internal: 'src/internal.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  shims: true,
  // Shared code (e.g. QuantizationError) goes into one chunk used by both entries, in CJS too, so
  // that `instanceof` works across `@latentkit/quantize` and `@latentkit/quantize/internal`.
  splitting: true,
});
