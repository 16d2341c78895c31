import type { Model } from '@latentkit/models';
import { randomNormal, tf } from '@latentkit/tensor';

/**
 * `n` codes z ~ N(0, I) drawn from `seed` (`randomNormal` of `@latentkit/tensor`, the same draw
 * `sampleModel` makes), `[n × latentDim]`.
 */
export function priorCodes(model: Model, n: number, seed: number): Float32Array {
  const z = randomNormal([n, model.latentDim], seed);
  const v = z.dataSync() as Float32Array;
  z.dispose();
  return v;
}

/**
 * Decodes codes under labels with a CVAE: E[x|z, label].
 *
 * @param codes - `[n × latentDim]`.
 * @param labels - One label per code.
 * @returns `[n × 784]` intensities.
 */
export function decodeWithLabels(
  model: Model,
  codes: Float32Array,
  labels: ArrayLike<number>,
): Float32Array {
  const n = labels.length;
  const out = tf.tidy(() =>
    model.decodeMean(tf.tensor2d(codes, [n, model.latentDim]), Array.from(labels)),
  );
  const v = out.dataSync() as Float32Array;
  out.dispose();
  return v;
}

/** The same code repeated for labels 0 … classes − 1 ("keep z, change the label"). */
export function sameCodeEveryLabel(
  model: Model,
  code: ArrayLike<number>,
  classes = 10,
): Float32Array {
  const d = model.latentDim;
  const codes = new Float32Array(classes * d);
  for (let c = 0; c < classes; c++) for (let j = 0; j < d; j++) codes[c * d + j] = code[j]!;
  return decodeWithLabels(
    model,
    codes,
    Array.from({ length: classes }, (_, c) => c),
  );
}
