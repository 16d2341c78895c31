import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { checkBrowserBundle, isNodeBuiltin } from './browser-bundle.mjs';

const root = mkdtempSync(join(tmpdir(), 'browser-bundle-test-'));
after(() => rmSync(root, { recursive: true, force: true }));

/**
 * Writes files under `root/node_modules/<name>/`.
 *
 * @param {string} name
 * @param {Record<string, string | object>} files Relative path → contents (objects as JSON).
 */
function fakePackage(name, files) {
  for (const [file, contents] of Object.entries(files)) {
    const path = join(root, 'node_modules', name, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  }
}

/**
 * A package routing Node-only code through an `imports` map, like @latentkit/tensor.
 *
 * @param {string} name
 * @param {string} browserSource Contents of the ESM browser branch.
 */
function platformPackage(name, browserSource) {
  fakePackage(name, {
    'package.json': {
      name,
      type: 'module',
      exports: { '.': { import: './index.js', require: './index.cjs' } },
      imports: {
        '#platform': {
          node: { import: './node.js', require: './node.cjs' },
          default: { import: './browser.js', require: './browser.cjs' },
        },
      },
    },
    'index.js': "export { where } from '#platform';\n",
    'index.cjs': "module.exports = require('#platform');\n",
    'node.js': "import { cpus } from 'node:os';\nexport const where = cpus;\n",
    'node.cjs': "module.exports = { where: require('node:os').cpus };\n",
    'browser.js': browserSource,
    'browser.cjs': "module.exports = { where: 'browser' };\n",
  });
}

test('recognises built-in specifiers', () => {
  assert.ok(isNodeBuiltin('fs') && isNodeBuiltin('fs/promises') && isNodeBuiltin('node:test'));
  assert.ok(isNodeBuiltin('worker_threads') && isNodeBuiltin('module'));
  assert.ok(!isNodeBuiltin('@tensorflow/tfjs-core') && !isNodeBuiltin('fsevents'));
});

test('passes when the imports map sends browsers to the built-in-free branch', async () => {
  platformPackage('good-pkg', "export const where = 'browser';\n");
  const { problems } = await checkBrowserBundle('good-pkg', root);
  assert.deepEqual(problems, []);
});

test('fails when the browser branch imports a node: built-in', async () => {
  platformPackage(
    'bad-pkg',
    "import { readFileSync } from 'node:fs';\nexport const where = readFileSync;\n",
  );
  const { problems } = await checkBrowserBundle('bad-pkg', root);
  assert.match(problems.join('\n'), /import: the browser bundle needs Node built-in "node:fs"/);
});

test('fails for a bare built-in even inside try/catch, but accepts browser-field stubs', async () => {
  fakePackage('try-pkg', {
    'package.json': { name: 'try-pkg', main: './index.js' },
    'index.js': "let w; try { w = require('worker_threads'); } catch {}\nmodule.exports = w;\n",
  });
  const bad = await checkBrowserBundle('try-pkg', root);
  assert.match(bad.problems.join('\n'), /needs Node built-in "worker_threads"/);

  fakePackage('stub-pkg', {
    'package.json': { name: 'stub-pkg', main: './index.js', browser: { fs: false } },
    'index.js': "module.exports = require('fs');\n",
  });
  const stubbed = await checkBrowserBundle('stub-pkg', root);
  assert.deepEqual(stubbed.problems, []);
  assert.match(stubbed.notes.join('\n'), /stubbed by dependencies' "browser" fields: fs/);
});
