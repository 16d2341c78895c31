import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isLayoutChecked, mayImportNode, nodeImports } from './node-layout-rules.mjs';

test('finds Node built-ins in imports, dynamic imports and requires', () => {
  const q = "'";
  const text = [
    `import { readFileSync } from ${q}node:fs${q};`,
    `const w = await import(${q}node:worker_threads${q});`,
    `const z = require(${q}zlib${q});`,
    `import { x } from ${q}./fs.js${q};`,
  ].join('\n');
  assert.deepEqual(nodeImports(text).sort(), ['node:fs', 'node:worker_threads', 'zlib']);
  assert.deepEqual(nodeImports(`import { tf } from ${q}@latentkit/tensor${q};`), []);
});

test('only src/node/ (and tensor per-platform files) may import them; tests are not checked', () => {
  assert.equal(mayImportNode('packages/models/src/node/io/file-checkpoint-store.ts'), true);
  assert.equal(mayImportNode('packages/tensor/src/platform/platform.node.ts'), true);
  assert.equal(mayImportNode('packages/models/src/io/decode-safetensors.ts'), false);
  assert.equal(isLayoutChecked('packages/models/src/io/decode-safetensors.ts'), true);
  assert.equal(isLayoutChecked('packages/models/src/io/decode-safetensors.test.ts'), false);
  assert.equal(isLayoutChecked('apps/bench/src/cli.ts'), false);
});
