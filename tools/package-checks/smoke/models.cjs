// Smoke test of the packed @latentkit/models through `require` (CommonJS); checks in models.checks.cjs.
const mod = require('@latentkit/models');
const tensor = require('@latentkit/tensor');
const { run } = require('./models.checks.cjs');

run(mod, tensor, 'CJS').catch((error) => {
  console.error(error);
  process.exit(1);
});
