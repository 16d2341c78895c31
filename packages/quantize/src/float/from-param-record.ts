import { InvalidArgumentError, ShapeError, type TensorRecord } from '@latentkit/core';
import { checkLayerName } from '../names/layer-name.js';
import type { FloatActivation, FloatLayer, FloatMlp } from './float-mlp.js';
import { validateFloatMlp } from './float-mlp.js';

/** One layer of a {@link ParamRecordSpec}. */
export interface ParamRecordLayerSpec {
  /**
   * Parameter prefix: the record holds `<name>.weight` (`[in, out]`) and `<name>.bias` (`[out]`).
   * Also the layer's name, so it must satisfy the layer-name rule (`checkLayerName`).
   */
  name: string;
  /** The layer's activation. */
  activation: FloatActivation;
  /** Slope of `'leakyRelu'` for x < 0. Default 0.01. */
  negativeSlope?: number;
}

/** Which record entries make which layers, in order. */
export interface ParamRecordSpec {
  /** Layers in order. */
  layers: ParamRecordLayerSpec[];
}

/**
 * Builds a {@link FloatMlp} from a parameter record — what `ParamStore.toRecord()` of
 * `@latentkit/tensor` returns — so trained models plug in without depending on their code.
 * A missing `<name>.bias` means a layer without bias (zeros). Data are copied.
 *
 * @example
 * ```ts
 * import { fromParamRecord } from '@latentkit/quantize';
 *
 * const encoder = fromParamRecord(store.toRecord(), {
 *   layers: [{ name: 'encoder.fc1', activation: 'relu' }, { name: 'encoder.out', activation: 'linear' }],
 * });
 * ```
 * @throws `QuantizationError` (`bad-name`) for a layer name outside the layer-name rule, before
 *   the record is read; {@link InvalidArgumentError} when `record` is not an object, `spec.layers`
 *   is not a non-empty array or `<name>.weight` is missing;
 *   {@link ShapeError} when a weight is not rank 2 or a bias does not match; the errors of
 *   `validateFloatMlp`.
 */
export function fromParamRecord(
  record: Record<string, Pick<TensorRecord, 'shape' | 'data'>>,
  spec: ParamRecordSpec,
): FloatMlp {
  if (record === null || typeof record !== 'object') {
    throw new InvalidArgumentError('record', 'must be an object of { shape, data } by name');
  }
  if (!Array.isArray(spec?.layers) || spec.layers.length === 0) {
    throw new InvalidArgumentError(
      'spec.layers',
      'must be a non-empty array of { name, activation }',
    );
  }
  const layers: FloatLayer[] = spec.layers.map((s, i) => {
    checkLayerName(s?.name, `spec.layers[${i}].name`);
    const w = record[`${s.name}.weight`];
    if (!w) throw new InvalidArgumentError('record', `no entry '${s.name}.weight'`);
    if (!Array.isArray(w.shape) || w.shape.length !== 2) {
      const got = Array.isArray(w.shape) ? `[${w.shape.join(', ')}]` : String(w.shape);
      throw new ShapeError(
        `${s.name}.weight: expected rank 2 [in, out], got ${got}`,
        [null, null],
        Array.isArray(w.shape) ? w.shape : undefined,
      );
    }
    const [inFeatures, outFeatures] = w.shape as [number, number];
    const b = record[`${s.name}.bias`];
    if (b && (b.shape.length !== 1 || b.shape[0] !== outFeatures)) {
      throw new ShapeError(
        `${s.name}.bias: expected [${outFeatures}], got [${b.shape.join(', ')}]`,
        [outFeatures],
        b.shape,
      );
    }
    return {
      name: s.name,
      inFeatures,
      outFeatures,
      weight: Float64Array.from(w.data),
      bias: b ? Float64Array.from(b.data) : new Float64Array(outFeatures),
      activation: s.activation,
      ...(s.negativeSlope !== undefined ? { negativeSlope: s.negativeSlope } : {}),
    };
  });
  const mlp = { layers };
  validateFloatMlp(mlp);
  return mlp;
}
