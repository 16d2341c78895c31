import { defineConfig } from 'vitest/config';
import { TEST_LIMITS } from '../../vitest.limits.js';

// Unit tests of the site's tooling (link checker, TSDoc check, sample extraction, page
// generators) and of the demo helpers. Browser tests: vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: [
      'tools/**/*.test.ts',
      'e2e/**/*.test.ts',
      'demos/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
    ...TEST_LIMITS,
  },
});
