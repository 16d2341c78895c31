/**
 * The input gradient dx = dy·Wᵀ of a dense layer on tfjs-wasm, two ways, with a fresh W each
 * call as in training: (a) transpose W then multiply (XNNPACK packs the big Wᵀ every call);
 * (b) (W·dyᵀ)ᵀ — only the small dy and the result are transposed, and the packed operand is
 * dyᵀ. Not a test: `npx tsx bench/matmul-grad-forms.ts`.
 */
import { initBackend, tf } from '@latentkit/tensor';

await initBackend({ backend: 'wasm' });
const time = (f: () => void, reps = 30): number => {
  for (let i = 0; i < 5; i++) f();
  const t = performance.now();
  for (let i = 0; i < reps; i++) f();
  return (performance.now() - t) / reps;
};
for (const [rows, outF, inF] of [
  [64, 784, 400],
  [128, 784, 400],
] as const) {
  const dy = tf.randomUniform([rows, outF], -1, 1, 'float32', 1);
  const w = tf.randomUniform([inF, outF], -1, 1, 'float32', 2);
  const a = time(() =>
    tf.tidy(() => {
      const wf = tf.clone(w);
      tf.matMul(dy, tf.transpose(wf)).dataSync();
    }),
  );
  const b = time(() =>
    tf.tidy(() => {
      const wf = tf.clone(w);
      tf.transpose(tf.matMul(wf, tf.transpose(dy))).dataSync();
    }),
  );
  const same = tf.tidy(
    () =>
      tf
        .max(
          tf.abs(
            tf.sub(tf.matMul(dy, tf.transpose(w)), tf.transpose(tf.matMul(w, tf.transpose(dy)))),
          ),
        )
        .dataSync()[0],
  );
  console.log(
    `dy [${rows}×${outF}], W [${inF}×${outF}]: dy·transpose(W) ${a.toFixed(2)} ms, transpose(W·transpose(dy)) ${b.toFixed(2)} ms (max |diff| ${same})`,
  );
}
