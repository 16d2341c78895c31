import { encodeLatent, interpolateLatent, type Model, sampleModel } from '@latentkit/models';
import type { ImageGridFigure, ScatterFigure } from '@latentkit/report';
import { tf } from '@latentkit/tensor';
import { imageFigure } from './image-figure.js';
import type { MnistRows } from './mnist.js';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Float32 tensor `[count, 784]` of rows of a set, pixels / 255. The caller disposes it. */
export function rowsTensor(set: MnistRows, indices: readonly number[]): tf.Tensor2D {
  const out = new Float32Array(indices.length * 784);
  indices.forEach((row, i) => {
    for (let j = 0; j < 784; j++) out[i * 784 + j] = set.x[row * 784 + j]! / 255;
  });
  return tf.tensor2d(out, [indices.length, 784]);
}

/** Index of the first row of each requested digit in a set. */
export function firstOfEachDigit(set: MnistRows, digits: readonly number[]): number[] {
  return digits.map((d) => {
    const i = set.labels.indexOf(d);
    if (i < 0) throw new RangeError(`no digit ${d} in the set`);
    return i;
  });
}

/** A `rows × cols` grid of decoded samples from the prior, E[x|z] with z ~ N(0, I). */
export function priorSamplesFigure(
  model: Model,
  options: { rows: number; cols: number; seed: number; title: string; caption?: string },
): ImageGridFigure {
  const t = sampleModel(model, options.rows * options.cols, { seed: options.seed });
  const values = t.dataSync();
  t.dispose();
  return imageFigure(values, options);
}

/**
 * Interpolation strips: for each pair of digits, the posterior means a, b of the first test image
 * of each, and `steps` codes from a to b, linear and spherical (two rows per pair), decoded.
 */
export function interpolationFigure(
  model: Model,
  test: MnistRows,
  pairs: readonly [number, number][],
  steps: number,
  title: string,
): ImageGridFigure {
  const rows: Float32Array[] = [];
  const labels: string[] = [];
  for (const [da, db] of pairs) {
    const idx = firstOfEachDigit(test, [da, db]);
    for (const method of ['linear', 'spherical'] as const) {
      const values = tf.tidy(() => {
        const x = rowsTensor(test, idx);
        const mu = encodeLatent(model, x);
        const [a, b] = tf.split(mu, 2, 0) as [tf.Tensor, tf.Tensor];
        const path = interpolateLatent(a, b, steps, { method });
        return model.decodeMean(path);
      });
      rows.push(values.dataSync() as Float32Array);
      values.dispose();
      labels.push(`${da}→${db} ${method}`);
    }
  }
  const all = new Float32Array(rows.length * steps * 784);
  for (const [i, r] of rows.entries()) all.set(r, i * steps * 784);
  return imageFigure(all, {
    title,
    rows: rows.length,
    cols: steps,
    rowLabels: labels,
    caption:
      'Each pair of rows decodes codes between the posterior means of the first test images of two ' +
      'digits: linear (1 − t)·a + t·b, then spherical (slerp, which keeps the code norm in the ' +
      "prior's typical shell). The end columns decode a and b themselves.",
  });
}

/**
 * The posterior means of a set's images as a scatter plot (first two latent dimensions),
 * coloured by digit; coordinates rounded to 3 decimals to keep the JSON small.
 */
export function latentScatterFigure(model: Model, set: MnistRows, title: string): ScatterFigure {
  const x: number[] = [];
  const y: number[] = [];
  const d = model.latentDim;
  for (let start = 0; start < set.n; start += 1000) {
    const idx = Array.from({ length: Math.min(1000, set.n - start) }, (_, i) => start + i);
    const mu = tf.tidy(() => encodeLatent(model, rowsTensor(set, idx)));
    const m = mu.dataSync();
    mu.dispose();
    for (let i = 0; i < idx.length; i++) {
      x.push(Math.round(m[i * d]! * 1000) / 1000);
      y.push(Math.round(m[i * d + 1]! * 1000) / 1000);
    }
  }
  return {
    kind: 'scatter',
    title,
    xLabel: 'μ₁',
    yLabel: 'μ₂',
    x,
    y,
    classes: Array.from(set.labels),
    classNames: DIGITS,
    caption: `Posterior means μ(x) of all ${set.n} MNIST test images, coloured by digit.`,
  };
}
