import { defineConfig } from 'vitest/config';
import { TEST_LIMITS } from '../../vitest.limits.js';

// Browser tests against the built site (run `pnpm --filter @latentkit/docs build` first):
// playwright-core drives Debian's chromium; see e2e/harness.ts.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts', 'demos/**/*.e2e.test.ts'],
    ...TEST_LIMITS,
    // One browser, pages one after another: the machine has 2 cores.
    fileParallelism: false,
  },
});
