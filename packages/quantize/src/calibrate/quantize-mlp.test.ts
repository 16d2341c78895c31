import { NonFiniteError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { fixedFormat, formatsEqual } from '../fixed/fixed-format.js';
import type { FloatMlp } from '../float/float-mlp.js';
import { absPercentile, activationRanges } from './activation-ranges.js';
import { quantizeMlp } from './quantize-mlp.js';

const mlp: FloatMlp = {
  layers: [
    {
      name: 'h',
      inFeatures: 2,
      outFeatures: 2,
      activation: 'relu',
      weight: Float64Array.of(1, -2, 0.5, 3),
      bias: Float64Array.of(0.1, -0.2),
    },
    {
      name: 'o',
      inFeatures: 2,
      outFeatures: 1,
      activation: 'sigmoid',
      weight: Float64Array.of(0.25, -0.75),
      bias: Float64Array.of(0),
    },
  ],
};
const calibration = Float64Array.of(1, 1, -1, 2, 0.5, -0.5, 2, 0);

describe('quantizeMlp', () => {
  it('chooses formats from weights, calibration ranges and the accumulator bound', () => {
    const q = quantizeMlp(mlp, { calibration, bits: 8 });
    const [h, o] = q.layers as [(typeof q.layers)[0], (typeof q.layers)[0]];
    expect(h.input).toEqual(fixedFormat(8, 5)); // max |x| = 2 → 2·32 = 64 ≤ 127
    expect(h.weightFormat).toEqual(fixedFormat(8, 5)); // max |w| = 3 → 96 ≤ 127 < 192
    expect(h.weights).toEqual([32, -64, 16, 96]);
    expect(h.accumulator.frac).toBe(10);
    // Bound: max_j Σ|w|·128 + |b|·2^(10 − biasFrac): column 1 → (64 + 96)·128 + 0.2·2^10 ≈ 20685.
    expect(h.accumulator.width).toBe(16);
    expect(o.activation.kind).toBe('lut'); // the default sigmoid for 8 bits
    expect(o.activationOutput).toEqual(fixedFormat(8, 6));
    expect(formatsEqual(o.input, h.output)).toBe(true);
    expect(q.layers.every((l) => l.rounding === 'half-even' && l.overflow === 'saturate')).toBe(
      true,
    );
  });

  it('takes hand-set formats, and refuses an accumulator that could overflow', () => {
    const q = quantizeMlp(mlp, {
      calibration,
      bits: 8,
      layers: [{ weightFormat: fixedFormat(6, 3) }],
      activations: { sigmoid: 'plan' },
    });
    expect(q.layers[0]!.weightFormat).toEqual(fixedFormat(6, 3));
    expect(q.layers[0]!.weights).toEqual([8, -16, 4, 24]);
    expect(q.layers[1]!.activation).toEqual({ kind: 'sigmoidPlan' });
    expect(() =>
      quantizeMlp(mlp, { calibration, bits: 8, layers: [{ accumulator: fixedFormat(12, 10) }] }),
    ).toThrow(QuantizationError);
  });

  it('uses a percentile of |values| for activation ranges', () => {
    expect(absPercentile([1, -5, 2, 3], 100)).toBe(5);
    expect(absPercentile([1, -5, 2, 3], 50)).toBe(2);
    const r = activationRanges(mlp, calibration);
    expect(r[0]!.input).toBe(2);
    expect(() => absPercentile([1], 0)).toThrow(/percentile/);
  });

  it('names NaN or ±∞ in the calibration data by row and feature, not an internal argument', () => {
    const bad = Float64Array.of(1, 1, -1, 2, 0.5, Number.NaN, 2, 0);
    expect(() => quantizeMlp(mlp, { calibration: bad })).toThrow(NonFiniteError);
    expect(() => quantizeMlp(mlp, { calibration: bad })).toThrow(
      'calibration contains NaN or Infinity (value NaN at index 5 (row 2, feature 1))',
    );
    const inf = Float64Array.of(1, Number.NEGATIVE_INFINITY);
    expect(() => quantizeMlp(mlp, { calibration: inf })).toThrow(/value -Infinity at index 1/);
  });
});
