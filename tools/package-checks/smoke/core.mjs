// ESM consumer smoke test of @latentkit/core (checks in core.checks.cjs).
import * as core from '@latentkit/core';
import { run } from './core.checks.cjs';

run(core, 'core.mjs');
