// The checks both tensor smoke snippets run: `tensor.mjs` passes the module it got from
// `import * as mod from '@latentkit/tensor'` (ESM build), `tensor.cjs` the one from
// `require('@latentkit/tensor')` (CommonJS build). This file never loads the package itself, so
// each snippet still tests its own module system. Throws (non-zero exit) on any mismatch.
const assert = require('node:assert/strict');

/**
 * @param {typeof import('@latentkit/tensor')} mod The package as loaded by the snippet.
 * @param {typeof import('@latentkit/tensor/internal')} internal Its `./internal` entry.
 * @param {string} label `ESM` or `CJS`, for the summary line.
 */
async function run(mod, internal, label) {
  // A static `import { … }` fails on a missing export; with the module passed in, check that here
  // (an undefined error class would make `assert.throws` below accept any error).
  for (const name of ['createRng', 'InvalidArgumentError', 'initBackend', 'LatentkitError']) {
    assert.equal(typeof mod[name], 'function', `${label} build has no export ${name}`);
  }
  assert.equal(typeof mod.tf, 'object', `${label} build has no export tf`);
  const { createRng, InvalidArgumentError, initBackend, LatentkitError, tf } = mod;

  const info = await initBackend();
  assert.equal(info.name, 'wasm', `initBackend() chose ${info.name}: ${info.fallbackReason}`);
  assert.equal(info.fellBack, false);
  assert.equal(tf.getBackend(), 'wasm');
  // tfjs-backend-cpu is loaded only when cpu is used (a dynamic import; a deferred require in CJS).
  assert.equal(tf.findBackendFactory('cpu'), null, `${label}: the wasm path registered cpu`);
  const cpu = await initBackend({ backend: 'cpu' });
  assert.equal(cpu.name, 'cpu');
  assert.equal(tf.getBackend(), 'cpu');
  assert.equal(
    tf.tidy(() => tf.sum(tf.tensor([1, 2, 3])).dataSync()[0]),
    6,
  );
  assert.equal((await initBackend({ backend: 'wasm' })).name, 'wasm');

  // sum(x²) for x = [1, 2, 3] is 14; its gradient 2x checks latentkit's registered gradients.
  const x = tf.tensor([1, 2, 3]);
  const total = tf.tidy(() => tf.sum(tf.square(x)).dataSync()[0]);
  assert.equal(total, 14);
  const grad = tf.tidy(() =>
    Array.from(
      tf
        .grad((v) => tf.sum(tf.square(v)))(x)
        .dataSync(),
    ),
  );
  assert.deepEqual(grad, [2, 4, 6]);
  x.dispose();

  // Same seed, same numbers; values in [0, 1); typed errors are real classes.
  const a = createRng(42);
  const b = createRng(42);
  const draws = [a.next(), a.next(), a.next()];
  assert.deepEqual(draws, [b.next(), b.next(), b.next()]);
  assert.ok(draws.every((u) => u >= 0 && u < 1) && new Set(draws).size === 3);
  assert.throws(() => createRng(1.5), InvalidArgumentError);
  assert.throws(() => createRng(1.5), LatentkitError);

  // The internal entry's fused Adam kernel: a first step moves θ by lr against g's sign (θ = 1,
  // g = 0.5, lr = 0.1 → 0.9 up to ε), and createAdam of the main entry gives the same bits.
  const { adamCoefficients, createAdamKernel, resolveAdamHyper } = internal;
  const kernel = createAdamKernel(new WebAssembly.Memory({ initial: 1 }));
  const heap = new Float32Array(kernel.memory.buffer);
  heap.set([1, 0.5, 0, 0]);
  kernel.adam(0, 4, 8, 12, 1, adamCoefficients(resolveAdamHyper({ learningRate: 0.1 }), 1));
  assert.ok(Math.abs(heap[0] - 0.9) < 1e-6, `kernel step gave ${heap[0]}`);
  const p = tf.variable(tf.tensor([1]));
  const g = tf.tensor([0.5]);
  const adam = mod.createAdam({ learningRate: 0.1 });
  adam.step({ p: g }, { p });
  assert.equal(p.dataSync()[0], heap[0]);
  tf.dispose([p, g]);
  // Both entries throw the same error classes.
  assert.throws(() => resolveAdamHyper({ beta1: 1 }), InvalidArgumentError);

  console.log(`@latentkit/tensor ${label} ok: ${JSON.stringify(info)}, sum=${total}, grad=${grad}`);
}

module.exports = { run };
