import {
  createParamStore,
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDecoder } from './build-decoder.js';
import { buildEncoder } from './build-encoder.js';
import type { ConvSpec } from './network-spec.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('spatial encoder and decoder (VQ-VAE grids)', () => {
  it('the encoder keeps its last feature map; the decoder starts from one', () => {
    const store = createParamStore();
    const spec: ConvSpec = { type: 'conv', channels: [4, 6] };
    const enc = buildEncoder(store.scope('e'), spec, {
      inputShape: [28, 28, 1],
      spatial: true,
      seed: 1,
    });
    expect(enc.outShape).toEqual([7, 7, 6]);
    expect(enc.outFeatures).toBe(294);
    const dec = buildDecoder(
      store.scope('d'),
      { type: 'conv', channels: [6, 4], upsample: 'transpose' },
      { inputShape: [7, 7, 3], outputShape: [28, 28, 1], seed: 1 },
    );
    expect(store.get('d.proj.weight').shape).toEqual([3, 3, 3, 6]);
    tf.tidy(() => {
      const h = enc.apply(tf.zeros([2, 28, 28, 1]));
      expect(h.shape).toEqual([2, 7, 7, 6]);
      expect(dec.apply(tf.zeros([2, 7, 7, 3])).shape).toEqual([2, 28, 28, 1]);
      expect(() => dec.apply(tf.zeros([2, 147]))).toThrow(ShapeError);
    });
    // The flat encoder is unchanged.
    const flat = buildEncoder(store.scope('f'), spec, { inputShape: [28, 28, 1], seed: 1 });
    expect(flat.outShape).toEqual([294]);
    store.dispose();
  });

  it('rejects what a grid cannot have', () => {
    const store = createParamStore();
    const conv: ConvSpec = { type: 'conv', channels: [4] };
    const opts = { inputShape: [8, 8, 1], spatial: true };
    expect(() => buildEncoder(store, { type: 'mlp', hidden: [4] }, { ...opts, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => buildEncoder(store, { ...conv, hidden: [4] }, { ...opts, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    const out = { outputShape: [8, 8, 1] };
    expect(() =>
      buildDecoder(store, conv, { ...out, inputShape: [4, 4, 2], inFeatures: 32, seed: 1 }),
    ).toThrow(/exactly one/);
    expect(() => buildDecoder(store, conv, { ...out, seed: 1 })).toThrow(/exactly one/);
    expect(() => buildDecoder(store, conv, { ...out, inputShape: [3, 3, 2], seed: 1 })).toThrow(
      /not the output's 8×8/,
    );
    expect(() =>
      buildDecoder(store, { type: 'mlp', hidden: [] }, { ...out, inputShape: [4, 4, 2], seed: 1 }),
    ).toThrow(InvalidArgumentError);
    store.dispose();
  });
});
