import {
  InvalidArgumentError,
  NonFiniteError,
  requireKnownOptions,
  type SeedLike,
  toRng,
} from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';

/** Options of {@link checkGradient}. */
export interface CheckGradientOptions {
  /**
   * Finite-difference step, in the units of the inputs. Default `1e-2`.
   *
   * Why 1e-2 for float32: the central difference has a truncation error of about
   * `eps² · |f'''| / 6` and a rounding error of about `ulp(y) / eps` (ulp ≈ 6e-8·|y| in float32).
   * They balance near eps ≈ 5e-3 for O(1) inputs; 1e-2 keeps the truncation error at ~2e-5·|f'''|
   * and the rounding error at ~1e-5 for unit-sized outputs. Choose a smaller step if your function
   * has a kink or a fast-changing derivative closer than `eps` to the test point.
   */
  eps?: number;
  /** Relative tolerance: an element passes if `|analytic − numeric| ≤ atol + rtol·|numeric|`. Default `1e-2`. */
  rtol?: number;
  /** Absolute tolerance (same units as the gradient). Default `1e-3`. */
  atol?: number;
  /** Seed of the random output weights and of the element subset. Default `0`. */
  seed?: SeedLike;
  /**
   * Largest number of elements checked per input (a seeded random subset when an input is
   * larger). Each checked element costs two evaluations of `f`. Default: all elements.
   */
  maxChecksPerInput?: number;
}

/** Analytic and numeric gradients of one input, on the checked elements. */
export interface InputGradientCheck {
  /** Flat (row-major) indices of the checked elements. */
  indices: number[];
  /** Gradient from `tf.grads` (the registered gradient functions), at those indices. */
  analytic: number[];
  /** Central finite-difference gradient, computed in float64 from float32 evaluations. */
  numeric: number[];
}

/** Result of {@link checkGradient}. */
export interface GradientCheckResult {
  /** True when every checked element is within tolerance. */
  ok: boolean;
  /** Largest `|analytic − numeric|` over all checked elements. */
  maxAbsError: number;
  /** Largest `|analytic − numeric| / (atol + rtol·|numeric|)`; `ok` iff it is ≤ 1. */
  maxErrorRatio: number;
  /** The element with the largest error ratio. */
  worst: {
    /** Index of the input in `xs`. */
    input: number;
    /** Flat (row-major) element index within that input. */
    index: number;
    /** The gradient tfjs computed at that element. */
    analytic: number;
    /** The central finite-difference estimate at that element. */
    numeric: number;
  };
  /** Per-input details, in the order of `xs`. */
  inputs: InputGradientCheck[];
  /** A one-line human-readable summary (handy as an assertion message). */
  summary: string;
}

/**
 * Checks the gradient that tfjs computes for `f` (through the registered gradient functions) against
 * central finite differences.
 *
 * The scalar checked is `L(xs) = Σ_k w_k · f(xs)_k` with seeded standard-normal weights `w`, so every
 * output element contributes and errors cannot cancel by symmetry. The analytic gradient is
 * `tf.grads(f)(xs, w)` (a vector–Jacobian product); the numeric one perturbs one input element at
 * a time by ±`eps` and forms the weighted sum in float64 in JavaScript, so untouched outputs cancel
 * exactly and only float32 rounding of `f` itself remains. The step actually taken is measured after
 * rounding the perturbed input to float32.
 *
 * Works on the active backend. `f` must return one float tensor (combine several outputs, e.g. with
 * `tf.concat` of reshaped parts); all `xs` must be float32 (close over integer tensors instead).
 * Keep test points away from kinks (e.g. `relu`, `abs` near 0) by more than `eps`.
 *
 * @param f - The function to differentiate; called many times, its intermediates are disposed.
 * @param xs - Float32 inputs to differentiate with respect to (not modified or disposed).
 * @param options - See {@link CheckGradientOptions}.
 * @returns Errors and per-element values; `ok` is false when any element is out of tolerance.
 * @throws {@link InvalidArgumentError} when an input is not float32 or an option is out of range.
 * @throws {@link NonFiniteError} when `f` or its gradient gives NaN or ±Infinity at `xs`.
 *
 * @example
 * ```ts
 * import { checkGradient, tf } from '@latentkit/tensor';
 *
 * const x = tf.tensor([0.5, 1.5, 2.5]);
 * const r = checkGradient((t) => tf.exp(t), [x]);
 * if (!r.ok) console.error(r.summary); // e.g. 'exp: max rel. error 2e-2 at [1]'
 * ```
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function checkGradient(
  f: (...xs: tf.Tensor[]) => tf.Tensor,
  xs: tf.Tensor[],
  options: CheckGradientOptions = {},
): GradientCheckResult {
  requireKnownOptions(
    options,
    ['eps', 'rtol', 'atol', 'seed', 'maxChecksPerInput'],
    'checkGradient options',
  );
  const eps = options.eps ?? 1e-2;
  const rtol = options.rtol ?? 1e-2;
  const atol = options.atol ?? 1e-3;
  const maxChecks = options.maxChecksPerInput ?? Number.POSITIVE_INFINITY;
  if (!(eps > 0) || !Number.isFinite(eps)) {
    throw new InvalidArgumentError('eps', `must be a positive finite number, got ${eps}`);
  }
  if (!(rtol >= 0) || !(atol >= 0)) {
    throw new InvalidArgumentError('rtol/atol', `must be non-negative, got ${rtol} / ${atol}`);
  }
  if (!(maxChecks >= 1)) {
    throw new InvalidArgumentError('maxChecksPerInput', `must be at least 1, got ${maxChecks}`);
  }
  if (xs.length === 0) throw new InvalidArgumentError('xs', 'needs at least one input');
  xs.forEach((x, i) => {
    if (x.dtype !== 'float32') {
      throw new InvalidArgumentError(`xs[${i}]`, `must be float32, got ${x.dtype}`);
    }
  });
  const rng = toRng(options.seed ?? 0);

  const outShape = tf.tidy(() => f(...xs).shape);
  // Weights rounded to float32 once, so tfjs and the float64 sum use the very same numbers.
  const w = Float32Array.from({ length: tf.util.sizeFromShape(outShape) }, () => rng.normal());
  const weightedSum = (args: tf.Tensor[]): number =>
    tf.tidy(() => {
      const y = f(...args).dataSync();
      let s = 0;
      for (let k = 0; k < y.length; k++) s += w[k]! * y[k]!;
      return s;
    });

  const grads = tf.tidy(() => {
    const dy = tf.tensor(w, outShape, 'float32');
    return tf
      .grads(f)(xs, dy)
      .map((g) => g.dataSync() as Float32Array);
  });

  const inputs: InputGradientCheck[] = [];
  let maxAbsError = 0;
  let maxErrorRatio = -1;
  let worst = { input: 0, index: 0, analytic: 0, numeric: 0 };
  xs.forEach((x, i) => {
    const base = x.dataSync() as Float32Array;
    const indices = pickIndices(base.length, maxChecks, rng);
    const entry: InputGradientCheck = { indices, analytic: [], numeric: [] };
    for (const j of indices) {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[j] = base[j]! + eps;
      minus[j] = base[j]! - eps;
      const h = plus[j]! - minus[j]!; // the step after float32 rounding
      const at = (values: Float32Array): number =>
        tf.tidy(() => weightedSum(xs.map((t, k) => (k === i ? tf.tensor(values, t.shape) : t))));
      const numeric = (at(plus) - at(minus)) / h;
      const analytic = grads[i]![j]!;
      if (!Number.isFinite(numeric) || !Number.isFinite(analytic)) {
        throw new NonFiniteError(
          'gradient',
          `input ${i}, element ${j}: analytic ${analytic}, numeric ${numeric}`,
        );
      }
      const err = Math.abs(analytic - numeric);
      const ratio = err / (atol + rtol * Math.abs(numeric));
      maxAbsError = Math.max(maxAbsError, err);
      if (ratio > maxErrorRatio) {
        maxErrorRatio = ratio;
        worst = { input: i, index: j, analytic, numeric };
      }
      entry.analytic.push(analytic);
      entry.numeric.push(numeric);
    }
    inputs.push(entry);
  });

  maxErrorRatio = Math.max(maxErrorRatio, 0);
  const ok = maxErrorRatio <= 1;
  const summary =
    `${ok ? 'gradient OK' : 'gradient MISMATCH'}: max |analytic-numeric| ${maxAbsError.toExponential(2)}, ` +
    `worst at input ${worst.input} element ${worst.index}: analytic ${worst.analytic.toPrecision(6)} vs ` +
    `numeric ${worst.numeric.toPrecision(6)} (error ${maxErrorRatio.toFixed(3)}× the tolerance ` +
    `atol ${atol} + rtol ${rtol}·|numeric|, eps ${eps})`;
  return { ok, maxAbsError, maxErrorRatio, worst, inputs, summary };
}

/** All indices, or a seeded random subset of `max` distinct ones in increasing order. */
function pickIndices(n: number, max: number, rng: ReturnType<typeof toRng>): number[] {
  const all = Array.from({ length: n }, (_, k) => k);
  if (n <= max) return all;
  for (let k = n - 1; k > 0; k--) {
    const r = rng.int(k + 1);
    [all[k], all[r]] = [all[r]!, all[k]!];
  }
  return all.slice(0, max).sort((a, b) => a - b);
}
