import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkConditionOrder, checkPackedDependencySpecs } from './manifest-rules.mjs';

test('accepts a dual exports map with types first and default last', () => {
  const exports = {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  };
  assert.deepEqual(checkConditionOrder(exports, 'exports'), []);
});

test('rejects types after another condition', () => {
  const exports = { '.': { import: './dist/index.js', types: './dist/index.d.ts' } };
  const problems = checkConditionOrder(exports, 'exports');
  assert.equal(problems.length, 1);
  assert.match(problems[0] ?? '', /exports\["\."\]: "types" must be the first condition/);
});

test('rejects default before other conditions', () => {
  const imports = { '#p': { types: './a.d.ts', default: './a.js', node: './n.js' } };
  assert.match(checkConditionOrder(imports, 'imports').join('\n'), /"default" must be the last/);
});

test('rejects a JavaScript target with no types on its branch', () => {
  const imports = {
    '#platform': {
      node: { import: './dist/node.js' },
      default: { types: './dist/browser.d.ts', import: './dist/browser.js' },
    },
  };
  const problems = checkConditionOrder(imports, 'imports');
  assert.deepEqual(problems, [
    'imports["#platform"]["node"]["import"] → ./dist/node.js has no "types" condition on its branch',
  ]);
});

test('accepts types inherited from an ancestor conditions object, and a bare string export', () => {
  assert.deepEqual(checkConditionOrder({ types: './i.d.ts', default: './i.js' }, 'exports'), []);
  assert.match(checkConditionOrder('./i.js', 'exports').join(''), /no "types" condition/);
});

test('flags unrewritten workspace and local dependency specs', () => {
  const problems = checkPackedDependencySpecs({
    dependencies: { a: 'workspace:^', b: '^1.0.0', c: 'file:../c' },
    peerDependencies: { d: 'link:../d' },
  });
  assert.equal(problems.length, 3);
  assert.match(problems.join('\n'), /dependencies\["a"\] is "workspace:\^"/);
});
