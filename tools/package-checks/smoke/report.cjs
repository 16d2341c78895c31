// Smoke test of the packed @latentkit/report through `require` (CommonJS); checks in
// report.checks.cjs. Loading it must not load tfjs.
const report = require('@latentkit/report');
const node = require('@latentkit/report/node');
const { assertNoTfjs } = require('./no-tfjs.checks.cjs');
const { run } = require('./report.checks.cjs');

assertNoTfjs('@latentkit/report and @latentkit/report/node'); // it never uses a tensor
run(report, node, 'report.cjs');
