// Smoke test of the packed @latentkit/tensor through `require` (CommonJS), run by
// tools/package-checks in a scratch npm project. The checks live in tensor.checks.cjs, shared
// with tensor.mjs; they run on the module required here. Exits 1 on any mismatch.
const { run } = require('./tensor.checks.cjs');

run(require('@latentkit/tensor'), require('@latentkit/tensor/internal'), 'CJS').catch((error) => {
  console.error(error);
  process.exit(1);
});
