// Test support (not exported from the package): finite-difference check of a layer's gradients
// with respect to its input AND its parameters (tf.Variables in a ParamStore), evaluated through
// the real layer code path (variables perturbed in place with `assign`).

import { createRng } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ParamStore } from '../params/param-store.js';

export interface LayerGradCheck {
  ok: boolean;
  /** Largest |analytic − numeric| / (atol + rtol·|numeric|) over checked elements. */
  maxRatio: number;
  /** Number of elements checked (input + parameters). */
  checked: number;
  summary: string;
}

/**
 * L = Σ_k w_k · f(x)_k with seeded N(0,1) weights w (float32). Analytic dL/dθ from
 * tf.variableGrads (latentkit's gradient registry); numeric from central differences
 * (L(θ+h) − L(θ−h)) / 2h where L is summed in float64 from the float32 outputs, so outputs that
 * do not depend on the perturbed element cancel exactly and only float32 rounding of f remains.
 *
 * Error budget (float32, eps = 1e-2, O(1) values): rounding of the affected outputs ≈ a few ulp
 * (~1e-7 relative each) divided by 2·eps gives ~1e-5..1e-4; truncation ≈ eps²·|f'''|/6 ≈ 2e-5.
 * The defaults atol 1e-3, rtol 1e-2 leave ≥ 10× margin while catching any real error in a
 * gradient formula (a wrong term, transpose or stride is O(1) off).
 */
export function checkLayerGrads(
  f: (x: tf.Tensor) => tf.Tensor,
  x: tf.Tensor,
  store: ParamStore,
  options: { eps?: number; rtol?: number; atol?: number; seed?: number; maxChecks?: number } = {},
): LayerGradCheck {
  const eps = options.eps ?? 1e-2;
  const rtol = options.rtol ?? 1e-2;
  const atol = options.atol ?? 1e-3;
  const maxChecks = options.maxChecks ?? Number.POSITIVE_INFINITY;
  const rng = createRng(options.seed ?? 0);
  const xVar = tf.variable(x, true);
  const params = store.variables(true);
  const named: [string, tf.Variable][] = [['input', xVar], ...Object.entries(params)];
  try {
    const outShape = tf.tidy(() => f(xVar).shape);
    const w = Float32Array.from({ length: tf.util.sizeFromShape(outShape) }, () => rng.normal());
    const lossValue = (): number =>
      tf.tidy(() => {
        const y = f(xVar).dataSync();
        let s = 0;
        for (let k = 0; k < y.length; k++) s += w[k]! * y[k]!;
        return s;
      });
    const analytic = tf.tidy(() => {
      const wT = tf.tensor(w, outShape);
      const { value, grads } = tf.variableGrads(
        () => tf.sum(tf.mul(f(xVar), wT)) as tf.Scalar,
        named.map(([, v]) => v),
      );
      value.dispose();
      return named.map(([, v]) => Float32Array.from(grads[v.name]!.dataSync() as Float32Array));
    });
    let maxRatio = 0;
    let worst = '';
    let checked = 0;
    named.forEach(([name, v], i) => {
      const base = Float32Array.from(v.dataSync() as Float32Array);
      const idx = pick(base.length, maxChecks, rng);
      for (const j of idx) {
        const plus = Float32Array.from(base);
        const minus = Float32Array.from(base);
        plus[j] = base[j]! + eps;
        minus[j] = base[j]! - eps;
        const h = plus[j]! - minus[j]!;
        const at = (values: Float32Array): number => {
          tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
          return lossValue();
        };
        const numeric = (at(plus) - at(minus)) / h;
        const a = analytic[i]![j]!;
        const ratio = Math.abs(a - numeric) / (atol + rtol * Math.abs(numeric));
        if (!(ratio <= maxRatio)) {
          maxRatio = ratio;
          worst = `${name}[${j}]: analytic ${a.toPrecision(6)} numeric ${numeric.toPrecision(6)}`;
        }
        checked++;
      }
      tf.tidy(() => v.assign(tf.tensor(base, v.shape)));
    });
    const ok = maxRatio <= 1;
    return {
      ok,
      maxRatio,
      checked,
      summary: `${ok ? 'OK' : 'MISMATCH'} (${checked} elements): worst ${maxRatio.toFixed(3)}× tolerance at ${worst}`,
    };
  } finally {
    xVar.dispose();
  }
}

function pick(n: number, max: number, rng: ReturnType<typeof createRng>): number[] {
  const all = Array.from({ length: n }, (_, k) => k);
  if (n <= max) return all;
  for (let k = n - 1; k > 0; k--) {
    const r = rng.int(k + 1);
    [all[k], all[r]] = [all[r]!, all[k]!];
  }
  return all.slice(0, max);
}
