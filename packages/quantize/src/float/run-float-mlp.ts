import { ShapeError } from '@latentkit/core';
import { type FloatMlp, floatActivation, validateFloatMlp } from './float-mlp.js';

/** Per-layer values of {@link runFloatMlp}, each `[rows, outFeatures]` row-major, float64. */
export interface FloatLayerValues {
  /** `x · W + b` before the activation. */
  preActivation: Float64Array;
  /** The layer's output after the activation. */
  output: Float64Array;
}

/** Result of {@link runFloatMlp}. */
export interface FloatMlpResult {
  /** Final output `[rows, outFeatures of the last layer]`. */
  output: Float64Array;
  /** Values of every layer, in order. */
  layers: FloatLayerValues[];
  /** Number of rows. */
  rows: number;
}

/**
 * Runs a {@link FloatMlp} in float64 JavaScript (no tfjs): the reference the quantized model is
 * compared with, and the source of calibration ranges.
 *
 * @param mlp - The model (validated).
 * @param input - `[rows, inFeatures]` row-major.
 * @throws {@link ShapeError} if `input.length` is not a multiple of the first layer's width;
 *   the errors of {@link validateFloatMlp}.
 *
 * @example
 * ```ts
 * import { runFloatMlp } from '@latentkit/quantize';
 *
 * const mlp = {
 *   layers: [{ inFeatures: 2, outFeatures: 1, weight: new Float64Array([1, -1]), bias: new Float64Array([0.5]), activation: 'relu' as const }],
 * };
 * runFloatMlp(mlp, [3, 1]).output; // → Float64Array [2.5] (relu(3 − 1 + 0.5))
 * runFloatMlp(mlp, [3, 1, 0, 4]).rows; // → 2 (two input rows, flat)
 * ```
 */
export function runFloatMlp(mlp: FloatMlp, input: ArrayLike<number>): FloatMlpResult {
  validateFloatMlp(mlp);
  const first = mlp.layers[0]!;
  if (input.length % first.inFeatures !== 0) {
    throw new ShapeError(
      `input: length ${input.length} is not a multiple of inFeatures ${first.inFeatures}`,
      [null, first.inFeatures],
      [input.length],
    );
  }
  const rows = input.length / first.inFeatures;
  let x: ArrayLike<number> = input;
  const layers: FloatLayerValues[] = [];
  for (const l of mlp.layers) {
    const act = floatActivation(l.activation, l.negativeSlope);
    const n = l.outFeatures;
    const pre = new Float64Array(rows * n);
    const out = new Float64Array(rows * n);
    const m = l.inFeatures;
    const w = l.weight;
    for (let r = 0; r < rows; r++) {
      // Input-major (row i of the [in, out] weights is contiguous): each sum still adds
      // bias, x_0·w_0j, x_1·w_1j, … in that order, so results equal the neuron-major loop; a
      // zero input only adds ±0 and is skipped (weights are finite, validated).
      const base = r * n;
      for (let j = 0; j < n; j++) pre[base + j] = l.bias[j]!;
      for (let i = 0; i < m; i++) {
        const xi = x[r * m + i]!;
        if (xi === 0) continue;
        const row = i * n;
        for (let j = 0; j < n; j++) pre[base + j] = pre[base + j]! + xi * w[row + j]!;
      }
      for (let j = 0; j < n; j++) out[base + j] = act(pre[base + j]!);
    }
    layers.push({ preActivation: pre, output: out });
    x = out;
  }
  return { output: layers[layers.length - 1]!.output, layers, rows };
}
