import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issueNumbers, machinePaths, pathsAboveRoot } from './self-contained-rules.mjs';

// The examples are assembled at run time so that this file does not trip the check it tests.
/** @param {number} n */
const up = (n) => Array(n).fill('..').join('/');
/** @param {...string} parts */
const abs = (...parts) => ['', ...parts].join('/');
/** @param {string} word @param {string} n */
const tracker = (word, n) => `${word} ${n}`;

test('a path that stays inside the repository passes', () => {
  const text = [
    "import { TEST_LIMITS } from '../../vitest.limits.js';",
    `const root = resolve(here, '${up(4)}');`,
    'see [the guide](../guide/pca.md)',
  ].join('\n');
  assert.deepEqual(pathsAboveRoot('tools/package-checks/src/lib/workspace.mjs', text), []);
  assert.deepEqual(pathsAboveRoot('packages/pca/vitest.config.ts', text.split('\n')[0] ?? ''), []);
});

test('a path that climbs above the root is reported with its line', () => {
  const text = `// fixture\nconst url = new URL('${up(4)}/sibling/reference/x.json', import.meta.url);`;
  const problems = pathsAboveRoot('packages/pca/test/mnist-fixture.ts', text);
  assert.equal(problems.length, 1);
  assert.match(
    problems[0] ?? '',
    /mnist-fixture\.ts:2: "\.\.\/\.\.\/\.\.\/\.\." climbs 4 levels from a file 3 deep/,
  );
  assert.equal(pathsAboveRoot('README.md', 'cd .. && ls').length, 1);
  assert.equal(pathsAboveRoot('tools/quickstart.sh', 'cd "$(dirname "$0")/.."').length, 0);
});

test('machine paths are reported, system and URL paths are not', () => {
  const text = [
    `// made on ${abs('work', 'main', 'packages')}`,
    "executablePath: '/usr/bin/chromium'",
    'https://example.org/home/page',
    `cp ${abs('home', 'alice', 'x')} .`,
  ].join('\n');
  const problems = machinePaths('a.ts', text);
  assert.equal(problems.length, 2);
  assert.match(problems[0] ?? '', /a\.ts:1: .*\/work\/main/);
  assert.match(problems[1] ?? '', /a\.ts:4: .*\/home\/alice/);
});

test('issue numbers are reported, other numbers are not', () => {
  const text = `Must show (${tracker('issue', '6')}): …\nfixed in ${tracker('Issue', '#12')}`;
  assert.equal(issueNumbers('x.ts', text).length, 2);
  assert.deepEqual(issueNumbers('x.ts', 'an issue with 6 lanes; tissue 3'), []);
});
