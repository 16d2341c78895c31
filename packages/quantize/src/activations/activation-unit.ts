import { QuantizationError } from '../errors/quantization-error.js';
import type { FixedFormat } from '../fixed/fixed-format.js';
import type { RoundingMode } from '../fixed/rounding.js';
import { toFormat } from './big-fixed.js';
import { checkLutUnit, type LutUnit } from './lut-unit.js';
import { type SigmoidUnit, sigmoidUnitCode } from './sigmoid-unit.js';
import {
  type TanhViaSigmoidUnit,
  tanhInnerFormats,
  tanhViaSigmoidCode,
} from './tanh-via-sigmoid.js';

/** `y = x`. */
export interface IdentityUnit {
  /** Discriminant. */
  kind: 'identity';
}

/** `y = max(x, 0)`. */
export interface ReluUnit {
  /** Discriminant. */
  kind: 'relu';
}

/** `y = x` for x ≥ 0, else `x · slope · 2^−slopeFrac` (one small multiplier). */
export interface LeakyReluUnit {
  /** Discriminant. */
  kind: 'leakyRelu';
  /** Slope code (integer). */
  slope: number;
  /** Fraction bits of the slope code. */
  slopeFrac: number;
}

/**
 * An integer activation unit: plain data naming the circuit and its constants. Every unit maps
 * an input code of the layer's `activationInput` format to an output code of its
 * `activationOutput` format. All units compute an exact value first and round it ONCE into the
 * output format with the layer's rounding mode, always saturating (never wrapping):
 *
 * - `identity`, `relu`: exact value `x` / `max(x, 0)` at the input's fraction bits;
 * - `leakyRelu`: `x` or `x·slope` at `inFrac + slopeFrac` fraction bits;
 * - `sigmoidPlan`, `sigmoidTaylor`, `lut`, `tanhViaSigmoid`: see their own docs.
 */
export type ActivationUnit =
  | IdentityUnit
  | ReluUnit
  | LeakyReluUnit
  | SigmoidUnit
  | TanhViaSigmoidUnit;

/** The `kind`s of {@link ActivationUnit}. */
export const ACTIVATION_UNIT_KINDS = [
  'identity',
  'relu',
  'leakyRelu',
  'sigmoidPlan',
  'sigmoidTaylor',
  'lut',
  'tanhViaSigmoid',
] as const;

/**
 * Evaluates an activation unit on one input code: the integer semantics the RTL must match.
 *
 * @param code - A code of `inFormat`.
 * @param rounding - The layer's rounding mode (used for the unit's single final rounding).
 * @returns A code of `outFormat`.
 *
 * @example
 * ```ts
 * import { activationCode, defaultSigmoid, fixedFormat } from '@latentkit/quantize';
 *
 * const inF = fixedFormat(16, 12); // s16.12
 * const outF = fixedFormat(8, 7); // s8.7
 * activationCode({ kind: 'relu' }, -300, inF, outF, 'half-even'); // → 0
 * activationCode({ kind: 'relu' }, 2048, inF, outF, 'half-even'); // 0.5 → 64
 * const { unit } = defaultSigmoid(inF, outF);
 * activationCode(unit, 0, inF, outF, 'half-even'); // σ(0) = 0.5 → 64
 * ```
 */
export function activationCode(
  unit: ActivationUnit,
  code: number,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  rounding: RoundingMode,
): number {
  switch (unit.kind) {
    case 'identity':
      return toFormat(BigInt(code), inFormat.frac, outFormat, rounding);
    case 'relu':
      return toFormat(BigInt(Math.max(code, 0)), inFormat.frac, outFormat, rounding);
    case 'leakyRelu': {
      const v =
        code >= 0 ? BigInt(code) << BigInt(unit.slopeFrac) : BigInt(code) * BigInt(unit.slope);
      return toFormat(v, inFormat.frac + unit.slopeFrac, outFormat, rounding);
    }
    case 'tanhViaSigmoid':
      return tanhViaSigmoidCode(unit, code, inFormat, outFormat, rounding);
    case 'sigmoidPlan':
    case 'sigmoidTaylor':
    case 'lut':
      return sigmoidUnitCode(unit, code, inFormat, outFormat, rounding);
    default:
      throw new QuantizationError(
        'unsupported-activation',
        `unknown activation unit kind '${String((unit as { kind?: unknown })?.kind)}'`,
      );
  }
}

/**
 * Checks an activation unit read from data: known kind, integer constants, LUT shape, and the
 * format constraints of its circuit (PLAN needs `inFormat.frac ≥ 0`, tanh needs an output
 * width ≤ 52 and `frac ≥ 0`).
 *
 * @throws {@link QuantizationError} (`unsupported-activation` or `inconsistent-model`).
 */
export function checkActivationUnit(
  unit: ActivationUnit,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  what: string,
): void {
  const kind = (unit as { kind?: unknown })?.kind;
  if (!ACTIVATION_UNIT_KINDS.includes(kind as (typeof ACTIVATION_UNIT_KINDS)[number])) {
    throw new QuantizationError(
      'unsupported-activation',
      `${what}: unknown activation unit '${String(kind)}'; supported: ${ACTIVATION_UNIT_KINDS.join(', ')}`,
    );
  }
  const bad = (msg: string): never => {
    throw new QuantizationError('inconsistent-model', `${what}: ${msg}`);
  };
  if (unit.kind === 'leakyRelu') {
    if (
      !Number.isSafeInteger(unit.slope) ||
      !Number.isInteger(unit.slopeFrac) ||
      unit.slopeFrac < 0
    ) {
      bad('leakyRelu needs an integer slope code and slopeFrac ≥ 0');
    }
  }
  if (unit.kind === 'sigmoidPlan' && inFormat.frac < 0) bad('PLAN needs activationInput.frac ≥ 0');
  if (unit.kind === 'sigmoidTaylor' && (!Number.isInteger(unit.guardBits) || unit.guardBits < 0)) {
    bad('sigmoidTaylor needs integer guardBits ≥ 0');
  }
  if (unit.kind === 'lut') checkLutUnit(unit as LutUnit, outFormat, what);
  if (unit.kind === 'tanhViaSigmoid') {
    const inner = tanhInnerFormats(inFormat, outFormat);
    checkActivationUnit(unit.sigmoid, inner.inFormat, inner.outFormat, `${what}.sigmoid`);
    if (unit.sigmoid.kind === 'lut' && unit.sigmoid.fn !== 'sigmoid')
      bad('inner LUT must be sigmoid');
  }
}
