// Node-only helpers, reached through the package's `#platform` import (the `node` condition).
// Nothing here is ever loaded in a browser bundle.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';

/** True in this build: the code runs under Node. */
export const isNode = true;

/**
 * Directory holding tfjs-backend-wasm's `.wasm` binaries, with a trailing slash,
 * resolved from this package's own dependency so it works from any working directory.
 */
export function defaultWasmPaths(): string | undefined {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return `${join(dirname(pkg), 'dist')}/`;
}

/** Number of logical cores. */
export function coreCount(): number {
  return availableParallelism();
}
