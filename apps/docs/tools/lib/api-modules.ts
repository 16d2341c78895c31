import { join } from 'node:path';
import { REPO_ROOT } from './paths.js';

/** One documented entry point: an npm specifier and its source file. */
export interface ApiEntry {
  /** What users import, e.g. `@latentkit/datasets/node`. */
  specifier: string;
  /** The entry's source file. */
  file: string;
}

const ENTRIES: readonly [string, string][] = [
  ['@latentkit/core', 'packages/core/src/index.ts'],
  ['@latentkit/tensor', 'packages/tensor/src/index.ts'],
  ['@latentkit/datasets', 'packages/datasets/src/index.ts'],
  ['@latentkit/datasets/node', 'packages/datasets/src/node.ts'],
  ['@latentkit/pca', 'packages/pca/src/index.ts'],
  ['@latentkit/pca/node', 'packages/pca/src/node.ts'],
  ['@latentkit/models', 'packages/models/src/index.ts'],
  ['@latentkit/models/node', 'packages/models/src/node.ts'],
  ['@latentkit/quantize', 'packages/quantize/src/index.ts'],
  ['@latentkit/onnx', 'packages/onnx/src/index.ts'],
  ['@latentkit/verilog', 'packages/verilog/src/index.ts'],
  ['@latentkit/verilog/node', 'packages/verilog/src/node.ts'],
  ['@latentkit/report', 'packages/report/src/index.ts'],
  ['@latentkit/report/node', 'packages/report/src/node.ts'],
];

/**
 * Every public entry of every package (the `exports` map's `.` and `./node`), in the order
 * the API reference lists them. Keep in step with `tsconfig.api.json`.
 */
export function apiEntries(root: string = REPO_ROOT): ApiEntry[] {
  return ENTRIES.map(([specifier, file]) => ({ specifier, file: join(root, file) }));
}

/**
 * The npm specifier of a TypeDoc module named after its path (`resolve` strategy names a module
 * by its path below the common folder: `tensor/src`, `datasets/src/node`), or undefined.
 */
export function specifierForModuleName(name: string): string | undefined {
  const m = /^([a-z0-9-]+)\/src(?:\/(index|node))?$/.exec(name);
  if (!m) return undefined;
  return m[2] === 'node' ? `@latentkit/${m[1]}/node` : `@latentkit/${m[1]}`;
}
