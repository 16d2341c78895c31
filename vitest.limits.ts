/**
 * Settings every workspace's vitest config shares.
 *
 * The limits guard against a hang, they do not judge speed: the suite must pass on a machine
 * whose cores are busy with other work, where a heavy test can take several times as long as on a
 * quiet one. The slowest test takes under a minute on a quiet 2-core machine; twenty minutes is
 * reached only by a test that never ends. Speed is measured by the benchmark app, never by a test.
 */
export const TEST_LIMITS = {
  testTimeout: 20 * 60_000,
  hookTimeout: 20 * 60_000,
  teardownTimeout: 60_000,
} as const;
