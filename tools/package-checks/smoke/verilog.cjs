// Smoke test of the packed @latentkit/verilog through `require` (CommonJS); checks in verilog.checks.cjs.
const mod = require('@latentkit/verilog');
const node = require('@latentkit/verilog/node');
const { run } = require('./verilog.checks.cjs');

run(mod, node, 'CJS').catch((error) => {
  console.error(error);
  process.exit(1);
});
