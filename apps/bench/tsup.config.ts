import { defineConfig } from 'tsup';

// Two builds: the CLI (with its shebang) and the `report` entry other apps import
// (`@latentkit/bench/report`, with types). Each cleans only its own files, so the two can run
// at the same time.
export default defineConfig([
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    sourcemap: true,
    clean: ['cli.*'],
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    entry: { report: 'src/report/index.ts' },
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: ['report.*'],
    target: 'es2022',
  },
]);
