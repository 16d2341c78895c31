// Smoke test of the packed @latentkit/verilog through `import` (ESM); checks in verilog.checks.cjs.
import * as mod from '@latentkit/verilog';
import * as node from '@latentkit/verilog/node';
import { run } from './verilog.checks.cjs';

await run(mod, node, 'ESM');
