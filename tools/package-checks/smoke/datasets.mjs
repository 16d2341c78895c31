// ESM consumer smoke test for @latentkit/datasets: imports both entries and runs the checks in
// datasets.checks.cjs (shared with datasets.cjs) on them. Throws (non-zero exit) on any mismatch.
import * as main from '@latentkit/datasets';
import * as node from '@latentkit/datasets/node';
import { run } from './datasets.checks.cjs';

run(main, node, 'ESM');
