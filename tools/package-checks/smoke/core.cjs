// CommonJS consumer smoke test of @latentkit/core (checks in core.checks.cjs); loading the core
// must not load tfjs.
const core = require('@latentkit/core');
const { assertNoTfjs } = require('./no-tfjs.checks.cjs');
const { run } = require('./core.checks.cjs');

assertNoTfjs('@latentkit/core');
run(core, 'core.cjs');
