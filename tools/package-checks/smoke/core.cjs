// CommonJS consumer smoke test of @latentkit/core and @latentkit/core/node (checks in
// core.checks.cjs); loading the core must not load tfjs.
const core = require('@latentkit/core');
const node = require('@latentkit/core/node');
const { assertNoTfjs } = require('./no-tfjs.checks.cjs');
const { run, runNode } = require('./core.checks.cjs');

assertNoTfjs('@latentkit/core');
run(core, 'core.cjs');
runNode(node, core, 'core.cjs (node)').catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
