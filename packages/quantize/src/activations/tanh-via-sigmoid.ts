import { QuantizationError } from '../errors/quantization-error.js';
import { type FixedFormat, fixedFormat, maxCode, minCode } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { type SigmoidUnit, sigmoidUnitCode } from './sigmoid-unit.js';

/**
 * tanh by `tanh(x) = 2σ(2x) − 1` around a sigmoid unit, with no extra arithmetic but one
 * subtraction: for input format `s<W>.<F>` the sigmoid unit reads the same code as `s<W>.<F−1>`
 * (that is 2x) and writes `s<Wo+1>.<Fo+1>` (so its code `y'` is `2σ` in units of `2^−Fo`); the
 * tanh code is `y' − 2^Fo`, saturated to the output format `s<Wo>.<Fo>`.
 */
export interface TanhViaSigmoidUnit {
  /** Discriminant. */
  kind: 'tanhViaSigmoid';
  /** The inner sigmoid, built for {@link tanhInnerFormats}. */
  sigmoid: SigmoidUnit;
}

/**
 * The formats the inner sigmoid of a {@link TanhViaSigmoidUnit} works in.
 *
 * @throws {@link QuantizationError} (`bad-width`) if the output width is 53 (no room for the extra
 *   bit) or its frac is negative.
 *
 * @internal
 */
export function tanhInnerFormats(
  inFormat: FixedFormat,
  outFormat: FixedFormat,
): {
  /** The tanh input format with one fraction bit less (`s<W>.<F−1>`): its codes read as 2x. */
  inFormat: FixedFormat;
  /** The tanh output format one bit wider with one fraction bit more (`s<Wo+1>.<Fo+1>`). */
  outFormat: FixedFormat;
} {
  if (outFormat.width >= 53 || outFormat.frac < 0) {
    throw new QuantizationError('bad-width', 'tanh output needs width ≤ 52 and frac ≥ 0');
  }
  return {
    inFormat: fixedFormat(inFormat.width, inFormat.frac - 1),
    outFormat: fixedFormat(outFormat.width + 1, outFormat.frac + 1),
  };
}

/** Evaluates a {@link TanhViaSigmoidUnit}; the result is a code of `outFormat`. */
export function tanhViaSigmoidCode(
  unit: TanhViaSigmoidUnit,
  code: number,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): number {
  const inner = tanhInnerFormats(inFormat, outFormat);
  const y = sigmoidUnitCode(unit.sigmoid, code, inner.inFormat, inner.outFormat, rounding);
  const t = y - 2 ** outFormat.frac;
  return Math.min(maxCode(outFormat), Math.max(minCode(outFormat), t));
}
