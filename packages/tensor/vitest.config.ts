import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { TEST_LIMITS } from '../../vitest.limits.js';

export default defineConfig({
  resolve: {
    // Tests run from source under Node: point the `#platform` import at the Node build.
    alias: {
      '#platform': fileURLToPath(new URL('./src/platform/platform.node.ts', import.meta.url)),
      // The examples import the package by name, as users do; resolve that to the sources.
      '@latentkit/tensor': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    ...TEST_LIMITS,
    pool: 'forks',
  },
});
