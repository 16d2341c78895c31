import { requireKnownOptions, UnknownOptionError } from '@latentkit/core';
import { QuantizationError } from '../errors/quantization-error.js';
import type { FixedFormat } from '../fixed/fixed-format.js';
import { quantize } from '../fixed/quantize.js';
import type { RoundingMode } from '../fixed/rounding.js';
import type { FloatActivation } from '../float/float-mlp.js';
import type { ActivationUnit } from './activation-unit.js';
import { defaultSigmoid, type SigmoidBudget } from './default-sigmoid.js';
import { buildLutUnit } from './lut-unit.js';
import { DEFAULT_TAYLOR_GUARD_BITS } from './sigmoid-taylor.js';
import type { SigmoidUnit } from './sigmoid-unit.js';
import { tanhInnerFormats } from './tanh-via-sigmoid.js';

/** Which sigmoid circuit to use. `'auto'` = {@link defaultSigmoid} under the budget. */
export type SigmoidChoice = 'auto' | 'plan' | 'taylor' | 'lut' | 'lutInterpolated';

/** Every {@link SigmoidChoice}. */
export const SIGMOID_CHOICES: readonly SigmoidChoice[] = [
  'auto',
  'plan',
  'taylor',
  'lut',
  'lutInterpolated',
];

/** Options of {@link activationUnitFor}. */
export interface ActivationUnitOptions {
  /** Sigmoid (and tanh's inner sigmoid) circuit. Default `'auto'`. */
  sigmoid?: SigmoidChoice;
  /** Budget of `'auto'`. */
  budget?: SigmoidBudget;
  /** Address bits of `'lut'` / `'lutInterpolated'`. Default 8. */
  lutAddressBits?: number;
  /** Fraction bits of the leaky-ReLU slope code. Default 16. */
  leakySlopeFrac?: number;
  /** Rounding used when measuring candidates for `'auto'`. Default `'half-even'`. */
  rounding?: RoundingMode;
}

function sigmoidUnit(
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  options: ActivationUnitOptions,
): SigmoidUnit {
  const choice = options.sigmoid ?? 'auto';
  const addressBits = options.lutAddressBits ?? 8;
  switch (choice) {
    case 'auto':
      return defaultSigmoid(inFormat, outFormat, options.budget, options.rounding).unit;
    case 'plan':
      return { kind: 'sigmoidPlan' };
    case 'taylor':
      return { kind: 'sigmoidTaylor', guardBits: DEFAULT_TAYLOR_GUARD_BITS };
    case 'lut':
    case 'lutInterpolated':
      return buildLutUnit('sigmoid', inFormat, outFormat, {
        addressBits,
        interpolate: choice === 'lutInterpolated',
      });
    default:
      throw new UnknownOptionError('sigmoid', choice, SIGMOID_CHOICES);
  }
}

/**
 * The integer unit implementing a float activation between two formats: `linear` → identity,
 * `relu` → relu, `leakyRelu` → a slope code `round(negativeSlope · 2^leakySlopeFrac)`,
 * `sigmoid` → per `options.sigmoid`, `tanh` → `2σ(2x) − 1` around that sigmoid.
 *
 * @throws {@link QuantizationError} (`unsupported-activation`) for anything else;
 *   {@link UnknownOptionError} for an unknown sigmoid choice.
 * @throws {@link UnknownOptionError} for an unknown option key.
 */
export function activationUnitFor(
  activation: FloatActivation,
  inFormat: FixedFormat,
  outFormat: FixedFormat,
  options: ActivationUnitOptions & { negativeSlope?: number } = {},
): ActivationUnit {
  requireKnownOptions(
    options,
    ['sigmoid', 'budget', 'lutAddressBits', 'leakySlopeFrac', 'rounding', 'negativeSlope'],
    'activationUnitFor options',
  );
  switch (activation) {
    case 'linear':
      return { kind: 'identity' };
    case 'relu':
      return { kind: 'relu' };
    case 'leakyRelu': {
      const slopeFrac = options.leakySlopeFrac ?? 16;
      const slope = quantize(options.negativeSlope ?? 0.01, {
        width: 53,
        frac: slopeFrac,
        signed: true,
      });
      return { kind: 'leakyRelu', slope, slopeFrac };
    }
    case 'sigmoid':
      return sigmoidUnit(inFormat, outFormat, options);
    case 'tanh': {
      const inner = tanhInnerFormats(inFormat, outFormat);
      return {
        kind: 'tanhViaSigmoid',
        sigmoid: sigmoidUnit(inner.inFormat, inner.outFormat, options),
      };
    }
    default:
      throw new QuantizationError(
        'unsupported-activation',
        `activation '${String(activation)}' has no integer unit`,
      );
  }
}
