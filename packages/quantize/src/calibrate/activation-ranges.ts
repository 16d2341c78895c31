import { InvalidArgumentError } from '@latentkit/core';
import type { FloatMlp } from '../float/float-mlp.js';
import { runFloatMlp } from '../float/run-float-mlp.js';

/** Observed magnitudes of one layer over a calibration set. */
export interface LayerRange {
  /** Percentile of |input| (the layer's input values). */
  input: number;
  /** Percentile of |x·W + b|. */
  preActivation: number;
  /** Percentile of |output|. */
  output: number;
}

/**
 * The `percentile`-th percentile of |v| (nearest rank: the ⌈p/100 · n⌉-th smallest magnitude;
 * 100 gives the maximum). An empty array gives 0.
 *
 * @throws {@link InvalidArgumentError} for a percentile outside (0, 100].
 */
export function absPercentile(values: ArrayLike<number>, percentile = 100): number {
  if (!(percentile > 0 && percentile <= 100)) {
    throw new InvalidArgumentError('percentile', `must be in (0, 100], got ${percentile}`);
  }
  const n = values.length;
  if (n === 0) return 0;
  if (percentile === 100) {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(values[i]!));
    return m;
  }
  const a = Float64Array.from(values, Math.abs).sort();
  return a[Math.max(0, Math.ceil((percentile / 100) * n) - 1)]!;
}

/**
 * Runs the float model on calibration inputs and returns, per layer, the `percentile`-th
 * percentile of the magnitudes of its input, pre-activation and output values.
 *
 * @param calibration - `[rows, inFeatures]` row-major float inputs.
 * @param percentile - In (0, 100]; default 100 (the maximum: nothing saturates on this data).
 */
export function activationRanges(
  mlp: FloatMlp,
  calibration: ArrayLike<number>,
  percentile = 100,
): LayerRange[] {
  const run = runFloatMlp(mlp, calibration);
  let input: ArrayLike<number> = calibration;
  return run.layers.map((l) => {
    const r = {
      input: absPercentile(input, percentile),
      preActivation: absPercentile(l.preActivation, percentile),
      output: absPercentile(l.output, percentile),
    };
    input = l.output;
    return r;
  });
}
