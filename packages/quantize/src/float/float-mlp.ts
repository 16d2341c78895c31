import { InvalidArgumentError, NonFiniteError, ShapeError } from '@latentkit/core';
import { QuantizationError } from '../errors/quantization-error.js';
import { checkLayerName } from '../names/layer-name.js';

/** Activations a {@link FloatLayer} may use (the subset of latentkit's that hardware gets). */
export type FloatActivation = 'relu' | 'sigmoid' | 'tanh' | 'linear' | 'leakyRelu';

/** Every {@link FloatActivation}. */
export const FLOAT_ACTIVATIONS: readonly FloatActivation[] = [
  'relu',
  'sigmoid',
  'tanh',
  'linear',
  'leakyRelu',
];

/**
 * One dense layer of a float MLP: `y = activation(x · W + b)`.
 *
 * Plain data: this is what `@latentkit/quantize` takes from a trained model (see
 * `fromParamRecord` for building it from a `ParamStore.toRecord()`).
 */
export interface FloatLayer {
  /** Input width. */
  inFeatures: number;
  /** Output width. */
  outFeatures: number;
  /** `[inFeatures, outFeatures]` row-major (latentkit's dense layout; PyTorch's is transposed). */
  weight: Float32Array | Float64Array;
  /** `[outFeatures]`. */
  bias: Float32Array | Float64Array;
  /** Element-wise activation. */
  activation: FloatActivation;
  /** Slope for x < 0 of `'leakyRelu'`. Default 0.01 (latentkit's / PyTorch's default). */
  negativeSlope?: number;
  /**
   * Optional name (e.g. `'encoder.fc1'`), used in messages, reports and generated hardware; it
   * must satisfy the layer-name rule (`checkLayerName`). Default `layer<i>`.
   */
  name?: string;
}

/** A float multilayer perceptron: layers applied in order. */
export interface FloatMlp {
  /** The layers; each layer's `inFeatures` equals the previous one's `outFeatures`. */
  layers: FloatLayer[];
}

/** Display name of layer `i` of an MLP. */
export function layerName(layer: { name?: string }, i: number): string {
  return layer.name ?? `layer${i}`;
}

/**
 * Checks a {@link FloatMlp}: at least one layer, names satisfying the layer-name rule
 * (`checkLayerName`), positive integer sizes, weight and bias lengths, chained widths, finite
 * values, known activations.
 *
 * @throws {@link ShapeError} for wrong lengths or unchained widths; {@link NonFiniteError} for
 *   NaN/Infinity in a weight or bias; {@link QuantizationError} (`unsupported-activation`) for an
 *   activation without a hardware unit, (`bad-name`) for a layer name outside the rule;
 *   {@link InvalidArgumentError} for bad sizes or slopes.
 */
export function validateFloatMlp(mlp: FloatMlp): void {
  if (!mlp || !Array.isArray(mlp.layers) || mlp.layers.length === 0) {
    throw new InvalidArgumentError('mlp', 'needs at least one layer');
  }
  mlp.layers.forEach((l, i) => {
    if (l?.name !== undefined) checkLayerName(l.name, `layers[${i}].name`);
    const name = layerName(l, i);
    for (const key of ['inFeatures', 'outFeatures'] as const) {
      if (!Number.isInteger(l[key]) || l[key] < 1) {
        throw new InvalidArgumentError(`${name}.${key}`, `must be a positive integer`);
      }
    }
    if (!FLOAT_ACTIVATIONS.includes(l.activation)) {
      throw new QuantizationError(
        'unsupported-activation',
        `${name}: activation '${String(l.activation)}' has no hardware unit; supported: ${FLOAT_ACTIVATIONS.join(', ')}`,
      );
    }
    if (l.weight?.length !== l.inFeatures * l.outFeatures) {
      throw new ShapeError(
        `${name}.weight: expected ${l.inFeatures}×${l.outFeatures} values, got ${l.weight?.length}`,
        [l.inFeatures, l.outFeatures],
        [l.weight?.length ?? 0],
      );
    }
    if (l.bias?.length !== l.outFeatures) {
      throw new ShapeError(
        `${name}.bias: expected ${l.outFeatures} values, got ${l.bias?.length}`,
        [l.outFeatures],
        [l.bias?.length ?? 0],
      );
    }
    if (i > 0 && mlp.layers[i - 1]!.outFeatures !== l.inFeatures) {
      throw new ShapeError(
        `${name}: inFeatures ${l.inFeatures} ≠ previous layer's outFeatures ${mlp.layers[i - 1]!.outFeatures}`,
      );
    }
    for (const [what, arr] of [
      ['weight', l.weight],
      ['bias', l.bias],
    ] as const) {
      const bad = arr.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new NonFiniteError(`${name}.${what}`, `index ${bad}`);
    }
    if (l.negativeSlope !== undefined && !Number.isFinite(l.negativeSlope)) {
      throw new InvalidArgumentError(`${name}.negativeSlope`, 'must be finite');
    }
  });
}

/** The float function of an activation (float64), e.g. for reference outputs. */
export function floatActivation(
  name: FloatActivation,
  negativeSlope = 0.01,
): (x: number) => number {
  switch (name) {
    case 'relu':
      return (x) => Math.max(x, 0);
    case 'leakyRelu':
      return (x) => (x > 0 ? x : negativeSlope * x);
    case 'sigmoid':
      return (x) => 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh;
    case 'linear':
      return (x) => x;
    default:
      throw new QuantizationError('unsupported-activation', `unknown activation '${String(name)}'`);
  }
}
