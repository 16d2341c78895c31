import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  readFirstExampleOutput,
  readGettingStarted,
  sampleRegion,
} from './getting-started-page.mjs';
import { REPO_ROOT } from './workspace.mjs';

test('the real page has both tested steps, and the install clones the project', () => {
  const page = readFileSync(`${REPO_ROOT}/apps/docs/site/getting-started.md`, 'utf8');
  const { install, example } = readGettingStarted(page);
  assert.match(install, /^git clone https:\/\/github\.com\/latentkit\/latentkit\.git$/m);
  assert.match(install, /npm install \S+\.tgz/);
  assert.equal(example.file, 'first-vae.mjs');
  const source = readFileSync(`${REPO_ROOT}/apps/docs/samples/${example.sample}`, 'utf8');
  assert.match(sampleRegion(source, example.region), /await train\(/);
});

test('a page without the markers is refused with the marker named', () => {
  assert.throws(() => readGettingStarted('# Getting started\n```sh\nnpm i x\n```\n'), /install/);
  const noExample = '<!-- getting-started:install -->\n```sh\nls\n```\n';
  assert.throws(() => readGettingStarted(noExample), /first-example/);
});

test('a region is cut out exactly; a missing one is an error', () => {
  const source = 'import x;\n// #region sample\nconst a = 1;\nuse(a);\n// #endregion sample\n';
  assert.equal(sampleRegion(source, 'sample'), 'const a = 1;\nuse(a);\n');
  assert.throws(() => sampleRegion(source, 'other'), /no region "other"/);
});

test('reads the epochs and the ELBO terms the first example prints', () => {
  const out = [
    'tfjs backend: wasm',
    'epoch 1: 164.20 nats',
    'epoch 2: 121.94 nats',
    '{ negElbo: 104.53, recon: 79.1, kl: 25.43 }',
  ].join('\n');
  assert.deepEqual(readFirstExampleOutput(out), {
    epochs: [164.2, 121.94],
    negElbo: 104.53,
    recon: 79.1,
    kl: 25.43,
  });
});
