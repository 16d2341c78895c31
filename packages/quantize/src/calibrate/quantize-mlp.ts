import { InvalidArgumentError, NonFiniteError, requireKnownOptions } from '@latentkit/core';
import {
  type ActivationUnitOptions,
  activationUnitFor,
} from '../activations/unit-for-activation.js';
import { type FixedFormat, fixedFormat } from '../fixed/fixed-format.js';
import { formatForMaxAbs } from '../fixed/format-for-range.js';
import { quantizeUnchecked } from '../fixed/quantize.js';
import {
  checkOverflowMode,
  checkRoundingMode,
  type OverflowMode,
  type RoundingMode,
} from '../fixed/rounding.js';
import { type FloatMlp, layerName, validateFloatMlp } from '../float/float-mlp.js';
import { accumulatorFormatFor } from '../golden/accumulator-bound.js';
import {
  QUANTIZED_MLP_FORMAT,
  type QuantizedLayer,
  type QuantizedMlp,
} from '../golden/quantized-mlp.js';
import { validateQuantizedMlp } from '../golden/validate-quantized-mlp.js';
import { activationRanges } from './activation-ranges.js';

/** Formats of one layer set by hand (each replaces the calibrated choice). */
export interface LayerFormatOverrides {
  /** Weight format. */
  weightFormat?: FixedFormat;
  /** Bias format (its frac must not exceed the accumulator's). */
  biasFormat?: FixedFormat;
  /** Accumulator format: must be at least as wide as the proven bound needs (else an error). */
  accumulator?: FixedFormat;
  /** Activation-unit input format. */
  activationInput?: FixedFormat;
  /** Activation-unit output format. */
  activationOutput?: FixedFormat;
  /** Layer output format (= next layer's input). */
  output?: FixedFormat;
}

/** Options of {@link quantizeMlp}. */
export interface QuantizeMlpOptions {
  /** Float inputs `[rows, inFeatures]` row-major used to choose activation formats. Required. */
  calibration: ArrayLike<number>;
  /** Width of inputs, weights, biases and activations (accumulators are sized). Default 16. */
  bits?: number;
  /** Percentile (0, 100] of |activation| used for activation ranges. Default 100 (max). */
  percentile?: number;
  /** Rounding everywhere (weights, requantization, units). Default `'half-even'`. */
  rounding?: RoundingMode;
  /** Overflow of requantization steps. Default `'saturate'`. */
  overflow?: OverflowMode;
  /** Format of the first layer's input; default from the calibration inputs' range. */
  inputFormat?: FixedFormat;
  /** Choice of activation circuits. */
  activations?: ActivationUnitOptions;
  /** Per-layer hand-set formats (index = layer). */
  layers?: (LayerFormatOverrides | undefined)[];
}

/** Sigmoid/tanh inputs beyond ±16 change their output by < 1e−6: cap their input range there. */
const SQUASH_INPUT_CAP = 16;

/**
 * Post-training quantization of a float MLP into a {@link QuantizedMlp}, formats chosen per layer:
 *
 * - **input** (layer 0): `bits` wide, the finest frac holding the calibration inputs' range;
 *   later layers take the previous layer's output format;
 * - **weights**: finest `bits`-wide format holding max |w| (`formatForMaxAbs`), codes rounded with
 *   `rounding` and saturated;
 * - **biases**: the same for max |b|, frac capped at the accumulator's (`input.frac + weight.frac`);
 * - **accumulator**: frac `input.frac + weight.frac`, width from the proven bound over all input
 *   codes and the weight codes actually present (`accumulatorBound`) — never overflows;
 * - **activation input**: `bits` wide for the observed pre-activation range (the `percentile`
 *   of |values| over the calibration set; capped at ±16 for sigmoid/tanh, whose frac is at
 *   least 0 (sigmoid) or 1 (tanh) so that PLAN and `2σ(2x) − 1` apply);
 * - **activation output**: the activation input format for linear/ReLU/leaky ReLU (exact),
 *   `s<bits>.<bits−2>` (range [−2, 2)) for sigmoid and tanh;
 * - **output**: the activation output format for sigmoid/tanh, else `bits` wide for the observed
 *   output range.
 *
 * Any of these can be set by hand with `layers[i]`.
 *
 * @throws {@link InvalidArgumentError} for missing calibration data or bad `bits`;
 *   {@link NonFiniteError} for NaN or ±∞ in the calibration data, naming row and feature;
 *   {@link QuantizationError} for unsupported activations, bad widths, an overflowing
 *   hand-set accumulator or (`bad-name`) a layer name outside the layer-name rule
 *   (`checkLayerName`); the errors of `validateFloatMlp`.
 * @throws {@link UnknownOptionError} for an unknown option key.
 *
 * @example
 * ```ts
 * import { quantizeArray, quantizeMlp, runQuantizedMlp } from '@latentkit/quantize';
 *
 * // mlp: a FloatMlp (e.g. `floatVaeFromModel(...).decoder`); calibration: rows of its input, flat
 * const q = quantizeMlp(mlp, { calibration, bits: 8 }); // per-layer formats from the data ranges
 * const first = q.layers[0]!;
 * const x = quantizeArray(calibration.slice(0, first.inFeatures), first.input); // reals → codes
 * const { output } = runQuantizedMlp(q, x);
 * // output: integer codes in the last layer's `activationOutput` format
 * ```
 */
export function quantizeMlp(mlp: FloatMlp, options: QuantizeMlpOptions): QuantizedMlp {
  requireKnownOptions(
    options,
    [
      'calibration',
      'bits',
      'percentile',
      'rounding',
      'overflow',
      'inputFormat',
      'activations',
      'layers',
    ],
    'quantizeMlp options',
  );
  validateFloatMlp(mlp);
  if (!options?.calibration || options.calibration.length === 0) {
    throw new InvalidArgumentError('calibration', 'calibration inputs are required');
  }
  const inFeatures = mlp.layers[0]?.inFeatures ?? 1;
  for (let i = 0; i < options.calibration.length; i++) {
    const v = options.calibration[i] as number;
    if (!Number.isFinite(v)) {
      throw new NonFiniteError(
        'calibration',
        `value ${v} at index ${i} (row ${Math.floor(i / inFeatures)}, feature ${i % inFeatures})`,
      );
    }
  }
  const bits = options.bits ?? 16;
  if (!Number.isInteger(bits) || bits < 2 || bits > 32) {
    throw new InvalidArgumentError('bits', `must be an integer in [2, 32], got ${bits}`);
  }
  const rounding = options.rounding ?? 'half-even';
  const overflow = options.overflow ?? 'saturate';
  checkRoundingMode(rounding);
  checkOverflowMode(overflow);
  const ranges = activationRanges(mlp, options.calibration, options.percentile ?? 100);
  let input = options.inputFormat ?? formatForMaxAbs(ranges[0]!.input, bits);
  const layers: QuantizedLayer[] = mlp.layers.map((l, k) => {
    const o = options.layers?.[k] ?? {};
    const name = layerName(l, k);
    const maxAbs = (a: ArrayLike<number>) => {
      let m = 0;
      for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
      return m;
    };
    const weightFormat = o.weightFormat ?? formatForMaxAbs(maxAbs(l.weight), bits);
    const accFrac = input.frac + weightFormat.frac;
    const bf = formatForMaxAbs(maxAbs(l.bias), bits);
    const biasFormat = o.biasFormat ?? fixedFormat(bf.width, Math.min(bf.frac, accFrac));
    const weights = Array.from(l.weight, (w) =>
      quantizeUnchecked(w, weightFormat, rounding, 'saturate'),
    );
    const biases = Array.from(l.bias, (b) =>
      quantizeUnchecked(b, biasFormat, rounding, 'saturate'),
    );
    const accumulator =
      o.accumulator ??
      accumulatorFormatFor(
        {
          inFeatures: l.inFeatures,
          outFeatures: l.outFeatures,
          input,
          weightFormat,
          weights,
          biasFormat,
          biases,
        },
        name,
      );
    const squash = l.activation === 'sigmoid' || l.activation === 'tanh';
    const r = ranges[k]!;
    let activationInput =
      o.activationInput ??
      formatForMaxAbs(squash ? Math.min(r.preActivation, SQUASH_INPUT_CAP) : r.preActivation, bits);
    // PLAN needs frac ≥ 0 and tanh's inner sigmoid reads the code with frac − 1.
    const minFrac = l.activation === 'tanh' ? 1 : 0;
    if (squash && !o.activationInput && activationInput.frac < minFrac) {
      activationInput = fixedFormat(bits, minFrac);
    }
    const activationOutput =
      o.activationOutput ?? (squash ? fixedFormat(bits, bits - 2) : activationInput);
    const output = o.output ?? (squash ? activationOutput : formatForMaxAbs(r.output, bits));
    const activation = activationUnitFor(l.activation, activationInput, activationOutput, {
      rounding,
      ...options.activations,
      ...(l.negativeSlope !== undefined ? { negativeSlope: l.negativeSlope } : {}),
    });
    const layer: QuantizedLayer = {
      name,
      inFeatures: l.inFeatures,
      outFeatures: l.outFeatures,
      input,
      weightFormat,
      weights,
      biasFormat,
      biases,
      accumulator,
      activationInput,
      activation,
      floatActivation: l.activation,
      activationOutput,
      output,
      rounding,
      overflow,
    };
    input = output;
    return layer;
  });
  const q: QuantizedMlp = { format: QUANTIZED_MLP_FORMAT, version: 1, layers };
  validateQuantizedMlp(q);
  return q;
}
