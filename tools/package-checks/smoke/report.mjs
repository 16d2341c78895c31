// Smoke test of the packed @latentkit/report through `import` (ESM); checks in report.checks.cjs.
import * as report from '@latentkit/report';
import * as node from '@latentkit/report/node';
import { run } from './report.checks.cjs';

run(report, node, 'report.mjs');
