import { defineConfig } from 'vitest/config';
import { TEST_LIMITS } from '../../vitest.limits.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    ...TEST_LIMITS,
    pool: 'forks',
  },
});
