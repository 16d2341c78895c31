// Test-only helpers shared by the losses' tests (not exported from the package).
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect } from 'vitest';
import { initBackend } from '../backend/init-backend.js';

/** The backends every loss is checked on. */
export const BACKENDS = ['wasm', 'cpu'] as const;

/**
 * Declares the suite `fn` once per entry of {@link BACKENDS}, titled `<name> on <backend>`, with
 * that backend initialized in a `beforeAll`.
 */
export function describeOnBackends(name: string, fn: () => void): void {
  describe.each(BACKENDS)(`${name} on %s`, (backend) => {
    beforeAll(async () => {
      await initBackend({ backend });
    });
    fn();
  });
}

/** The PyTorch float64 loss references (`test/fixtures/losses.json`, see the README there). */
export interface LossReference {
  mu: number[][];
  logvar: number[][];
  kl_to_standard_normal_nats: number[];
  mu2: number[][];
  logvar2: number[][];
  kl_diag_gaussians_q_mu_logvar_to_p_mu2_logvar2_nats: number[];
  x: number[][];
  x_binary: number[][];
  logits: number[][];
  bce_with_logits_sum_nats_x: number[];
  bce_with_logits_sum_nats_x_binary: number[];
  gaussian_nll_sum_nats: { mean: string; std: string; target: string; values: number[] };
}

/** Reads the package's `test/fixtures/losses.json`. */
export function loadLossReference(): LossReference {
  const url = new URL('../../test/fixtures/losses.json', import.meta.url);
  return JSON.parse(readFileSync(url, 'utf8')) as LossReference;
}

/** Element-wise `|a − e| ≤ atol + rtol·|e|`, with a message naming the worst element. */
export function expectClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  rtol: number,
  atol = 0,
): void {
  expect(actual.length).toBe(expected.length);
  let worst = -1;
  let worstRatio = 0;
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    const ratio = Math.abs(a - e) / (atol + rtol * Math.abs(e));
    if (!(ratio <= worstRatio)) {
      worstRatio = ratio;
      worst = i;
    }
  }
  const msg =
    worst < 0 ? 'ok' : `worst at ${worst}: actual ${actual[worst]} vs expected ${expected[worst]}`;
  expect(worstRatio, msg).toBeLessThanOrEqual(1);
}

/**
 * Central finite differences of a float64 JS function of several flat inputs, w.r.t. every
 * element of every input. Step `h` (1e-5 default: truncation error ~h² ≈ 1e-10, rounding error
 * ~1e-16/h ≈ 1e-11 in float64).
 */
export function fdGradients(
  f: (...xs: number[][]) => number,
  xs: number[][],
  h = 1e-5,
): number[][] {
  return xs.map((x, k) =>
    x.map((v, i) => {
      const plus = xs.map((y) => y.slice());
      const minus = xs.map((y) => y.slice());
      plus[k]![i] = v + h;
      minus[k]![i] = v - h;
      return (f(...plus) - f(...minus)) / (2 * h);
    }),
  );
}

/** Analytic gradients of a scalar-valued tf function via `tf.grads`, as flat arrays. */
export function tfGradients(f: (...xs: tf.Tensor[]) => tf.Tensor, xs: tf.Tensor[]): number[][] {
  let out: number[][] = [];
  tf.tidy(() => {
    const grads = tf.grads((...args: tf.Tensor[]) => f(...args))(xs);
    out = grads.map((g) => Array.from(g.dataSync()));
  });
  return out;
}

/** Calls `fn` with float32 tensors made from `values` and disposes them afterwards. */
export function withTensors<R>(values: number[][][], fn: (...xs: tf.Tensor2D[]) => R): R {
  const xs = values.map((v) => tf.tensor2d(v));
  try {
    return fn(...xs);
  } finally {
    tf.dispose(xs);
  }
}

/** Flattens a nested number array. */
export const flat = (rows: number[][]): number[] => rows.flat();

/** Reshapes a flat array into rows of length `cols`. */
export function rows(values: readonly number[], cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += cols) out.push(values.slice(i, i + cols));
  return out;
}

/** Seeded float64 numbers in [lo, hi) from a tiny LCG (test data only). */
export function testNumbers(n: number, seed: number, lo = -1, hi = 1): number[] {
  let s = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(lo + ((hi - lo) * s) / 4294967296);
  }
  return out;
}

/** Runs `fn` and checks that it leaves no new tensor behind once its result is disposed. */
export function expectNoLeak(fn: () => tf.Tensor | tf.Tensor[] | Record<string, tf.Tensor>): void {
  const before = tf.memory().numTensors;
  const result = fn();
  tf.dispose(result as tf.TensorContainer);
  expect(tf.memory().numTensors).toBe(before);
  // And inside tf.tidy: the result is the only survivor, released with it.
  const inTidy = tf.tidy(() => {
    const r = fn();
    return r instanceof tf.Tensor ? r : Object.values(r)[0]!;
  });
  inTidy.dispose();
  expect(tf.memory().numTensors).toBe(before);
}
