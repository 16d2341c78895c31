import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isCheckedSource,
  longFunctions,
  unexplainedLongFunctions,
} from './long-function-rules.mjs';

// The fixtures are assembled at run time: a function whose body has `n` statements is `n + 2`
// lines long, first line to last.
/** @param {number} n */
const body = (n) => Array.from({ length: n }, (_, i) => `  total += ${i};`).join('\n');
/** @param {string} head @param {number} n @param {string} [tail] */
const fn = (head, n, tail = '}') => `${head}\n  let total = 0;\n${body(n - 1)}\n${tail}`;

test('functions up to the limit pass, longer ones are reported with name, line and length', () => {
  const text = [
    '// a module',
    fn('export function short(): void {', 8),
    fn('function long(): void {', 9),
  ].join('\n');
  assert.deepEqual(longFunctions('packages/x/src/a.ts', text, 10), [
    { name: 'long', line: 12, lines: 11, explained: false },
  ]);
  assert.deepEqual(unexplainedLongFunctions('packages/x/src/a.ts', text, 10), [
    'packages/x/src/a.ts:12: long is 11 lines (over 10); split it, or say why before it in a "// long: <reason>" comment',
  ]);
});

test('arrow functions, methods and nested functions are found and named', () => {
  const text = [
    fn('export const arrow = (): number => {', 12, '};'),
    fn('class Engine {\n  step(): void {', 12, '  }\n}'),
    fn('function outer(): void {\n  const inner = function (): void {', 12, '  };\n}'),
    fn('const run = tf.tidy(() => {', 12, '});'),
    fn('const done = new Promise((resolve) => {', 12, '});'),
  ].join('\n');
  const names = longFunctions('a.ts', text, 10).map((found) => found.name);
  assert.deepEqual(names, [
    'arrow',
    'Engine.step',
    'outer',
    'inner',
    '(callback of tf.tidy)',
    '(callback of new Promise)',
  ]);
});

test('a "// long:" line or "Long because" right before the function explains it', () => {
  const explainedBy = (/** @type {string} */ comment, /** @type {string} */ head) =>
    longFunctions('a.ts', `${comment}\n${fn(head, 12, '};')}`, 10)[0]?.explained;
  assert.equal(explainedBy('// long: one kernel, emitted in order.', 'function f() {'), true);
  assert.equal(
    explainedBy('// long: why.\n/**\n * Does f.\n */', 'export function f() {'),
    true,
    'a why-comment above the TSDoc counts',
  );
  assert.equal(
    explainedBy('/**\n * Does f. Long because it is one loop.\n */', 'function f() {'),
    true,
  );
  assert.equal(explainedBy('// long: an arrow.', 'export const f = () => {'), true);
  assert.equal(explainedBy('// long:', 'function f() {'), false, 'a reason is needed');
  assert.equal(explainedBy('// this is long: sorry', 'function f() {'), false);
  assert.equal(explainedBy('/** Does f. */', 'function f() {'), false);
  const separated = `// long: about the constant.\nconst k = 1;\n${fn('function f() {', 12)}`;
  assert.equal(longFunctions('a.ts', separated, 10)[0]?.explained, false, 'not right before it');
});

test('only package sources outside tests are checked', () => {
  assert.equal(isCheckedSource('packages/models/src/training/train.ts'), true);
  for (const file of [
    'packages/models/src/training/train.test.ts',
    'packages/models/src/training/train.testutil.ts',
    'packages/models/src/training/train.cases.ts',
    'packages/models/src/index.d.ts',
    'packages/models/src/test/helpers.ts',
    'packages/models/test/train.ts',
    'apps/bench/src/bench.ts',
    'tools/repo-checks/src/long-functions.mjs',
  ]) {
    assert.equal(isCheckedSource(file), false, file);
  }
});
