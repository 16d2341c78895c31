import { defineConfig } from 'vitest/config';
import { TEST_LIMITS } from '../../vitest.shared.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    ...TEST_LIMITS,
    pool: 'forks',
  },
});
