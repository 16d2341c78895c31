// Smoke test of the packed @latentkit/tensor through `import` (ESM), run by tools/package-checks
// in a scratch npm project. Throws (non-zero exit) on any mismatch.
import assert from 'node:assert/strict';
import {
  createRng,
  InvalidArgumentError,
  initBackend,
  LatentkitError,
  tf,
} from '@latentkit/tensor';

const info = await initBackend();
assert.equal(info.name, 'wasm', `initBackend() chose ${info.name}: ${info.fallbackReason}`);
assert.equal(info.fellBack, false);
assert.equal(tf.getBackend(), 'wasm');

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

console.log(`@latentkit/tensor ESM ok: ${JSON.stringify(info)}, sum=${total}, grad=${grad}`);
