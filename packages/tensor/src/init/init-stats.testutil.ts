// Test support (not exported): sample statistics of an initializer's output, in float64.
import type * as tf from '@tensorflow/tfjs-core';

export interface Stats {
  n: number;
  mean: number;
  variance: number;
  maxAbs: number;
  values: Float32Array;
}

/** Mean, (population) variance and largest |value| of a tensor; disposes it. */
export function stats(t: tf.Tensor): Stats {
  const values = Float32Array.from(t.dataSync() as Float32Array);
  t.dispose();
  let s = 0;
  let maxAbs = 0;
  for (const v of values) {
    s += v;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const mean = s / values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  return { n: values.length, mean, variance: ss / values.length, maxAbs, values };
}

/*
 * Tolerances used by the initializer tests, from the sampling error of the variance estimate
 * with n = 60000 draws: its relative standard deviation is √((κ − 1)/n) with kurtosis κ = 1.8
 * (uniform) or 3 (normal), i.e. 0.37% or 0.58%. 2.5% and 3% are > 5 standard deviations.
 */
export const UNIFORM_VAR_RTOL = 0.025;
export const NORMAL_VAR_RTOL = 0.03;
