// Smoke test of the packed @latentkit/models through `import` (ESM); checks in models.checks.cjs.
import * as mod from '@latentkit/models';
import * as tensor from '@latentkit/tensor';
import { run } from './models.checks.cjs';

await run(mod, tensor, 'ESM');
