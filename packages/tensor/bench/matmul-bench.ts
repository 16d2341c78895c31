/**
 * latentkit's wasm SIMD `gemm` against tfjs-wasm's own products (XNNPACK) for the products of a
 * training step of the reference VAE (784-400-20, batch 128 on one thread, 64 per worker of two):
 * forward a·W, the input gradient dY·Wᵀ and the weight gradient xᵀ·dY. tfjs runs them as the
 * gradient registry did before `gemm`: explicit transposes and a right operand that is new in every
 * call (so XNNPACK packs it each time, as in training, where weights and gradients change every
 * step). Prints the fastest of `reps` calls (robust to other load on a shared machine) and its
 * GFLOP/s. Not a test: `pnpm --filter @latentkit/tensor bench [reps]`.
 */
import { gemm, initBackend, tf } from '../src/index.js';

const reps = Number(process.argv[2] ?? 30);
const info = await initBackend({ backend: 'wasm' });
console.log(`wasm, simd ${info.simd}, latentkit SIMD gemm ${info.simdGemm}`);

/**
 * Fastest of `reps` products `f(b2)`, in ms (after 5 warm-up calls, which also let V8 tier the
 * code up), each with a new copy `b2` of `b` made outside the timed part. A copy with its own
 * buffer: `tf.clone` would share `b`'s buffer, and XNNPACK would reuse its packing.
 */
function fastest(b: tf.Tensor, f: (b2: tf.Tensor) => tf.Tensor): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps + 5; i++) {
    const b2 = tf.add(b, 0);
    const t = performance.now();
    const y = tf.tidy(() => f(b2));
    y.dataSync();
    if (i >= 5) best = Math.min(best, performance.now() - t);
    tf.dispose([b2, y]);
  }
  return best;
}

type Layout = 'a·b' | 'a·bᵀ' | 'aᵀ·b';
/** The stock tfjs form of each layout (explicit transposes: transposed products are slower). */
const stock: Record<Layout, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor> = {
  a·b: (a, b) => tf.matMul(a, b),
  a·bᵀ: (a, b) => tf.transpose(tf.matMul(b, tf.transpose(a))),
  aᵀ·b: (a, b) => tf.matMul(tf.transpose(a), b),
};
const options: Record<Layout, { transposeA?: boolean; transposeB?: boolean }> = {
  a·b: {},
  a·bᵀ: { transposeB: true },
  aᵀ·b: { transposeA: true },
};

// [layout, m, k, n] of C[m, n] = op(a)·op(b).
const products: [Layout, number, number, number][] = [];
for (const batch of [128, 64]) {
  products.push(
    ['a·b', batch, 784, 400],
    ['a·b', batch, 400, 784],
    ['a·bᵀ', batch, 784, 400],
    ['aᵀ·b', 784, batch, 400],
    ['aᵀ·b', 400, batch, 784],
  );
}
products.push(['a·b', 128, 400, 20], ['a·bᵀ', 128, 20, 400], ['aᵀ·b', 400, 128, 20]);

let totalOurs = 0;
let totalStock = 0;
for (const [layout, m, k, n] of products) {
  const o = options[layout];
  const a = tf.randomUniform(o.transposeA ? [k, m] : [m, k], -1, 1, 'float32', 1);
  const b = tf.randomUniform(o.transposeB ? [n, k] : [k, n], -1, 1, 'float32', 2);
  const ours = fastest(b, (b2) => gemm(a, b2, o));
  const theirs = fastest(b, (b2) => stock[layout](a, b2));
  totalOurs += ours;
  totalStock += theirs;
  const gflop = (2 * m * k * n) / 1e6;
  console.log(
    `${layout.padEnd(5)} [${m}×${k}]·[${k}×${n}]: gemm ${ours.toFixed(2)} ms ` +
      `(${(gflop / ours).toFixed(1)} GFLOP/s), tfjs ${theirs.toFixed(2)} ms ` +
      `(${(gflop / theirs).toFixed(1)} GFLOP/s), ×${(theirs / ours).toFixed(2)}`,
  );
  tf.dispose([a, b]);
}
console.log(`all products: gemm ${totalOurs.toFixed(2)} ms, tfjs ${totalStock.toFixed(2)} ms`);
