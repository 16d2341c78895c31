import type { QuantizedLayer } from '@latentkit/quantize';
import { describe, expect, it } from 'vitest';
import { layerRoms } from './layer-roms.js';

const layer = {
  inFeatures: 2,
  outFeatures: 3,
  // w[i][j] = 10·i + j
  weights: [0, 1, 2, 10, 11, 12],
  biases: [100, 101, 102],
} as unknown as QuantizedLayer;

describe('layerRoms', () => {
  it('puts neuron g·lanes + p into lane p at addresses g·in + i, zero-padding the last group', () => {
    const r = layerRoms(layer, 2);
    expect(r.groups).toBe(2);
    expect(r.weights[0]).toEqual([0, 10, 2, 12]);
    expect(r.weights[1]).toEqual([1, 11, 0, 0]);
    expect(r.biases).toEqual([
      [100, 102],
      [101, 0],
    ]);
  });

  it('one lane holds the transposed matrix', () => {
    const r = layerRoms(layer, 1);
    expect(r.weights[0]).toEqual([0, 10, 1, 11, 2, 12]);
  });
});
