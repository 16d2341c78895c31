import { QuantizationError } from '../errors/quantization-error.js';
import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { toFormat } from './big-fixed.js';

/**
 * PLAN, the piecewise-linear sigmoid of Amin, Curtis & Hayes-Gill ("Piecewise linear
 * approximation applied to nonlinear function of a neural network", IEE Proc. Circuits, Devices
 * and Systems 144(6):313–317, 1997), in float64:
 *
 * | \|x\|             | y(\|x\|)            |
 * | ----------------- | ------------------- |
 * | ≥ 5               | 1                   |
 * | [2.375, 5)        | \|x\|/32 + 0.84375  |
 * | [1, 2.375)        | \|x\|/8 + 0.625     |
 * | [0, 1)            | \|x\|/4 + 0.5       |
 *
 * and `y(x) = 1 − y(|x|)` for x < 0. Slopes are powers of two (shift-and-add hardware).
 * Max |error| vs the logistic sigmoid: 0.01894 (at x → 1⁻), mean 0.0059 over [−8, 8] —
 * the figures published for PLAN (0.0189 max, 0.0059 average; also tabulated by Tommiska,
 * IEE Proc. Comput. Digit. Tech. 150(6), 2003); measured in `sigmoid-plan.test.ts`.
 *
 * @example
 * ```ts
 * import { sigmoidPlanFloat } from '@latentkit/quantize';
 *
 * sigmoidPlanFloat(0); // → 0.5
 * sigmoidPlanFloat(1); // → 0.25 · 1 + 0.5 = 0.75 (σ(1) = 0.731)
 * sigmoidPlanFloat(6); // → 1
 * ```
 */
export function sigmoidPlanFloat(x: number): number {
  const a = Math.abs(x);
  let y: number;
  if (a >= 5) y = 1;
  else if (a >= 2.375) y = a / 32 + 0.84375;
  else if (a >= 1) y = a / 8 + 0.625;
  else y = a / 4 + 0.5;
  return x < 0 ? 1 - y : y;
}

/**
 * PLAN on integer codes. With `F = inFormat.frac ≥ 0`, `a = |code|` and the internal fraction
 * `G = F + 5` (1/32 is the finest slope), the exact PLAN value in units of `2^−G` is
 *
 * - `a ≥ 160·2^F` (|x| ≥ 5): `32·2^F`
 * - `a ≥ 76·2^F` (|x| ≥ 2.375): `a + 27·2^F`
 * - `a ≥ 32·2^F` (|x| ≥ 1): `4a + 20·2^F`
 * - otherwise: `8a + 16·2^F`
 *
 * (thresholds compare `32a` with `160·2^F`, `76·2^F`, `32·2^F`, all integers), mirrored
 * `32·2^F − y` for negative codes, then rounded once into `outFormat` with `rounding` and
 * saturation. So the unit's output is the rounding of the exact PLAN value; hardware needs only
 * an absolute value, comparators, shifts, adders and the final rounding.
 *
 * @throws {@link QuantizationError} (`bad-width`) if `inFormat.frac < 0`.
 */
export function sigmoidPlanCode(
  code: number,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): number {
  const F = inFormat.frac;
  if (F < 0) throw new QuantizationError('bad-width', 'PLAN sigmoid needs inFormat.frac ≥ 0');
  const p = 1n << BigInt(F);
  const a = BigInt(Math.abs(code));
  const a32 = 32n * a;
  let y: bigint;
  if (a32 >= 160n * p) y = 32n * p;
  else if (a32 >= 76n * p) y = a + 27n * p;
  else if (a32 >= 32n * p) y = 4n * a + 20n * p;
  else y = 8n * a + 16n * p;
  if (code < 0) y = 32n * p - y;
  return toFormat(y, F + 5, outFormat, rounding);
}
