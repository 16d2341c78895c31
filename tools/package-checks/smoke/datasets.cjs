// CommonJS consumer smoke test for @latentkit/datasets: requires both entries and runs the checks
// in datasets.checks.cjs (shared with datasets.mjs) on them. Throws (non-zero exit) on a mismatch.
const { run } = require('./datasets.checks.cjs');

run(require('@latentkit/datasets'), require('@latentkit/datasets/node'), 'CJS');
