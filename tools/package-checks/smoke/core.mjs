// ESM consumer smoke test of @latentkit/core and @latentkit/core/node (checks in
// core.checks.cjs).
import * as core from '@latentkit/core';
import * as node from '@latentkit/core/node';
import { run, runNode } from './core.checks.cjs';

run(core, 'core.mjs');
await runNode(node, core, 'core.mjs (node)');
