import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkReleaseTarball, entryFiles, parsePublishDryRun } from './release-rules.mjs';

const manifest = {
  name: '@latentkit/models',
  version: '0.2.0',
  main: './dist/index.cjs',
  types: './dist/index.d.ts',
  exports: {
    '.': {
      import: { types: './dist/index.d.ts', default: './dist/index.js' },
      require: { types: './dist/index.d.cts', default: './dist/index.cjs' },
    },
    './package.json': './package.json',
  },
  dependencies: { '@latentkit/tensor': '^0.2.0', '@tensorflow/tfjs-core': '4.22.0' },
  publishConfig: { access: 'public' },
};
const files = [
  'package.json',
  'README.md',
  'LICENSE',
  'CHANGELOG.md',
  'dist/index.js',
  'dist/index.cjs',
  'dist/index.d.ts',
  'dist/index.d.cts',
];
const good = {
  name: '@latentkit/models',
  version: '0.2.0',
  manifest,
  files,
  changelog: '# @latentkit/models\n\n## 0.2.0\n\n### Minor Changes\n',
};
const versions = new Map([
  ['@latentkit/models', '0.2.0'],
  ['@latentkit/tensor', '0.2.0'],
]);

test('a complete tarball with rewritten ranges passes', () => {
  assert.deepEqual(checkReleaseTarball(good, versions), []);
});

test('lists every entry point the manifest names', () => {
  assert.deepEqual(entryFiles(manifest), [
    'dist/index.cjs',
    'dist/index.d.cts',
    'dist/index.d.ts',
    'dist/index.js',
    'package.json',
  ]);
});

test('rejects sources, tests and fixtures in the tarball', () => {
  const leaky = {
    ...good,
    files: [
      ...files,
      'src/index.ts',
      'dist/testing/reference-files.js',
      'dist/model.test.js',
      'test/fixtures/a.json',
    ],
  };
  const problems = checkReleaseTarball(leaky, versions).join('\n');
  for (const file of ['src/index.ts', 'dist/testing/', 'dist/model.test.js', 'test/fixtures']) {
    assert.match(problems, new RegExp(file.replace('.', '\\.')));
  }
});

test('rejects an unbuilt package (entry points missing)', () => {
  const unbuilt = { ...good, files: ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md'] };
  assert.match(checkReleaseTarball(unbuilt, versions).join('\n'), /dist\/index\.js is missing/);
});

test('rejects a workspace: range and a range the new sibling version does not meet', () => {
  const raw = {
    ...good,
    manifest: { ...manifest, dependencies: { '@latentkit/tensor': 'workspace:^' } },
  };
  assert.match(checkReleaseTarball(raw, versions).join('\n'), /workspace:\^/);
  const stale = {
    ...good,
    manifest: { ...manifest, dependencies: { '@latentkit/tensor': '^0.1.0' } },
  };
  assert.match(checkReleaseTarball(stale, versions).join('\n'), /does not satisfy/);
});

test('rejects a wrong version, a private flag, missing public access and a stale changelog', () => {
  const bad = {
    ...good,
    version: '0.3.0',
    manifest: { ...manifest, private: true, publishConfig: {} },
  };
  const problems = checkReleaseTarball(bad, versions).join('\n');
  assert.match(problems, /packed version is 0\.2\.0, expected 0\.3\.0/);
  assert.match(problems, /"private": true/);
  assert.match(problems, /publishConfig\.access/);
  assert.match(problems, /no "## 0\.3\.0" section/);
});

test('reads the packages and tarballs of a publish dry run, stdout before stderr or after', () => {
  const output = [
    '+ @latentkit/tensor@0.2.0',
    'npm notice 📦  @latentkit/tensor@0.2.0',
    'npm notice filename: latentkit-tensor-0.2.0.tgz',
    'npm notice Publishing to https://registry.npmjs.org/ with tag latest (dry-run)',
    'npm notice 📦  @latentkit/pca@0.2.1',
    'npm notice filename: latentkit-pca-0.2.1.tgz',
    '+ @latentkit/pca@0.2.1',
  ].join('\n');
  assert.deepEqual(parsePublishDryRun(output), [
    { name: '@latentkit/tensor', version: '0.2.0', filename: 'latentkit-tensor-0.2.0.tgz' },
    { name: '@latentkit/pca', version: '0.2.1', filename: 'latentkit-pca-0.2.1.tgz' },
  ]);
});
