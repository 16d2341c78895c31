// Smoke test of the packed @latentkit/tensor through `import` (ESM), run by tools/package-checks
// in a scratch npm project. The checks live in tensor.checks.cjs, shared with tensor.cjs; they
// run on the module imported here. Throws (non-zero exit) on any mismatch.
import * as mod from '@latentkit/tensor';
import * as internal from '@latentkit/tensor/internal';
import { run } from './tensor.checks.cjs';

await run(mod, internal, 'ESM');
