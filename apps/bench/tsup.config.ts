import { defineConfig } from 'tsup';

// The CLI (with its shebang). The report renderers live in `@latentkit/report`.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'es2022',
  banner: { js: '#!/usr/bin/env node' },
});
