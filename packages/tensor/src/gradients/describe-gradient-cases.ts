// Test-only helper (not exported from the package): a table format for gradient test cases and a
// vitest runner that checks each case against finite differences on the cpu and wasm backends.

import { createRng, ShapeError } from '@latentkit/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend.js';
import { type CheckGradientOptions, checkGradient } from './check-gradient.js';

/**
 * How to draw one float32 test input (deterministically, in JavaScript, so that both backends see
 * the very same numbers).
 */
export interface InputSpec {
  /** Tensor shape. */
  shape: number[];
  /** Explicit values (row-major); overrides everything else. */
  values?: number[];
  /** Draw every element from this list (keeps values a known distance apart, e.g. for max/min). */
  choices?: number[];
  /** Magnitude range `[min, max]` of uniform draws. Default `[-2, 2]`. */
  range?: [number, number];
  /** Give each uniform draw a random sign (magnitudes from `range`): keeps values away from 0. */
  signed?: boolean;
  /** A shuffled, evenly spaced grid over `range` instead of draws (no ties, for max/min). */
  distinct?: boolean;
}

/** One finite-difference gradient check of one kernel's registered gradient. */
export interface GradientCase {
  /** The kernel whose gradient the case exercises; the runner asserts `f` launches it. */
  kernel: string;
  /** Case title (also seeds the inputs and weights). */
  name: string;
  /** The differentiable inputs. Integer or boolean operands are closed over inside `f`. */
  inputs: InputSpec[];
  /** The function checked; it must launch `kernel`. */
  f: (...xs: tf.Tensor[]) => tf.Tensor;
  /** Step and tolerances, when the defaults of {@link checkGradient} do not fit. */
  options?: CheckGradientOptions;
  /** Runs on the active backend before the case (e.g. to register a test-only kernel). */
  setup?: () => void;
}

/** Draws the inputs of a case; the same name and specs give the same numbers everywhere. */
export function makeInputs(c: Pick<GradientCase, 'name' | 'inputs'>): tf.Tensor[] {
  const rng = createRng(20261123).fork(c.name);
  return c.inputs.map((spec) => {
    const n = tf.util.sizeFromShape(spec.shape);
    const [lo, hi] = spec.range ?? [-2, 2];
    let values: number[];
    if (spec.values) {
      values = spec.values;
    } else if (spec.choices) {
      const choices = spec.choices;
      values = Array.from({ length: n }, () => choices[rng.int(choices.length)]!);
    } else if (spec.distinct) {
      values = Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / Math.max(n - 1, 1));
      for (let k = n - 1; k > 0; k--) {
        const r = rng.int(k + 1);
        [values[k], values[r]] = [values[r]!, values[k]!];
      }
    } else {
      values = Array.from({ length: n }, () => {
        const m = lo + (hi - lo) * rng.next();
        return spec.signed && rng.next() < 0.5 ? -m : m;
      });
    }
    if (values.length !== n)
      throw new ShapeError(
        `case ${c.name}: ${values.length} values for ${n}`,
        [n],
        [values.length],
      );
    return tf.tensor(values, spec.shape, 'float32');
  });
}

/** The backends every gradient is checked on. */
export const GRADIENT_TEST_BACKENDS = ['cpu', 'wasm'] as const;

/**
 * Registers one vitest test per case and backend: the case's function must launch its kernel, and
 * the gradient from the registered gradient functions must agree with central finite differences.
 */
export function describeGradientCases(title: string, cases: readonly GradientCase[]): void {
  describe.each(GRADIENT_TEST_BACKENDS)(`${title} (%s backend)`, (backend) => {
    beforeAll(async () => {
      await initBackend({ backend });
    });

    it.each(cases.map((c) => [`${c.kernel}: ${c.name}`, c] as const))('%s', async (_, c) => {
      expect(tf.getBackend()).toBe(backend);
      c.setup?.();
      const xs = makeInputs(c);
      try {
        const profile = await tf.profile(() => {
          tf.tidy(() => {
            c.f(...xs);
          });
        });
        expect(profile.kernelNames, `${c.name} must launch ${c.kernel}`).toContain(c.kernel);
        const result = checkGradient(c.f, xs, { seed: createRng(7).fork(c.name), ...c.options });
        expect(result.ok, result.summary).toBe(true);
      } finally {
        tf.dispose(xs);
      }
    });
  });
}
