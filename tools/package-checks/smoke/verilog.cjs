// Smoke test of the packed @latentkit/verilog through `require` (CommonJS); checks in verilog.checks.cjs.
const mod = require('@latentkit/verilog');
const node = require('@latentkit/verilog/node');
const { run } = require('./verilog.checks.cjs');
const { assertNoTfjs } = require('./no-tfjs.checks.cjs');

assertNoTfjs('@latentkit/verilog and @latentkit/verilog/node'); // they never use a tensor

run(mod, node, 'CJS').catch((error) => {
  console.error(error);
  process.exit(1);
});
