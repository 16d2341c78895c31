/**
 * Times tfjs-wasm matMul for the reference VAE's shapes, with the right-hand operand reused
 * (XNNPACK keeps its packed weights) or fresh each call (packed again, as in training where the
 * weights change every step). Not a test: `npx tsx bench/matmul-shapes.ts`.
 */
import { initBackend, tf } from '@latentkit/tensor';

await initBackend({ backend: 'wasm' });
const shapes: [number, number, number][] = [
  [128, 784, 400],
  [64, 784, 400],
  [128, 400, 784],
  [64, 400, 784],
  [784, 128, 400],
  [784, 64, 400],
  [400, 128, 784],
  [400, 64, 784],
];
const time = (f: () => void, reps = 20): number => {
  for (let i = 0; i < 3; i++) f();
  const t = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t) / reps;
};
for (const [m, k, n] of shapes) {
  const a = tf.randomUniform([m, k], -1, 1, 'float32', 1);
  const b = tf.randomUniform([k, n], -1, 1, 'float32', 2);
  const reused = time(() => tf.matMul(a, b).dispose());
  const fresh = time(() => {
    const b2 = tf.clone(b);
    tf.matMul(a, b2).dispose();
    b2.dispose();
  });
  const gflop = (2 * m * k * n) / 1e6;
  console.log(
    `[${m}×${k}]·[${k}×${n}]: reused B ${reused.toFixed(2)} ms (${(gflop / reused).toFixed(1)} GFLOP/s), fresh B ${fresh.toFixed(2)} ms`,
  );
  tf.dispose([a, b]);
}
