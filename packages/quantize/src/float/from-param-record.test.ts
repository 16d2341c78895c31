import {
  createParamStore,
  dense,
  InvalidArgumentError,
  initBackend,
  NonFiniteError,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { QuantizationError } from '../errors/quantization-error.js';
import { runFloatVae, validateFloatVae } from './float-vae.js';
import { fromParamRecord } from './from-param-record.js';
import { runFloatMlp } from './run-float-mlp.js';

describe('fromParamRecord / runFloatMlp', () => {
  it('reads a ParamStore record and reproduces the tfjs dense layers', async () => {
    await initBackend({ backend: 'cpu' });
    const store = createParamStore();
    const l1 = dense(store, 'enc.fc1', {
      inFeatures: 3,
      outFeatures: 5,
      activation: 'sigmoid',
      seed: 1,
    });
    const l2 = dense(store, 'enc.out', {
      inFeatures: 5,
      outFeatures: 2,
      activation: 'leakyRelu',
      seed: 2,
    });
    const mlp = fromParamRecord(store.toRecord(), {
      layers: [
        { name: 'enc.fc1', activation: 'sigmoid' },
        { name: 'enc.out', activation: 'leakyRelu' },
      ],
    });
    const x = [0.5, -1, 2, 3, 0, -0.25];
    const want = tf.tidy(() => l2.apply(l1.apply(tf.tensor2d(x, [2, 3]))).dataSync());
    const got = runFloatMlp(mlp, x).output;
    for (let i = 0; i < 4; i++) expect(got[i]).toBeCloseTo(want[i]!, 5);
    store.dispose();
  });

  it('rejects missing entries, bad shapes, NaN and unsupported activations', () => {
    const w = { shape: [2, 2], data: new Float32Array(4) };
    expect(() => fromParamRecord({}, { layers: [{ name: 'a', activation: 'relu' }] })).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      fromParamRecord(
        { 'a.weight': w, 'a.bias': { shape: [3], data: new Float32Array(3) } },
        { layers: [{ name: 'a', activation: 'relu' }] },
      ),
    ).toThrow(ShapeError);
    expect(() =>
      fromParamRecord(
        { 'a.weight': { shape: [4], data: new Float32Array(4) } },
        { layers: [{ name: 'a', activation: 'relu' }] },
      ),
    ).toThrow(ShapeError);
    expect(() =>
      fromParamRecord(
        { 'a.weight': { shape: [1, 1], data: Float32Array.of(Number.NaN) } },
        { layers: [{ name: 'a', activation: 'relu' }] },
      ),
    ).toThrow(NonFiniteError);
    expect(() =>
      fromParamRecord(
        { 'a.weight': w },
        { layers: [{ name: 'a', activation: 'softplus' as 'relu' }] },
      ),
    ).toThrow(QuantizationError);
    const mlp = fromParamRecord(
      { 'a.weight': w },
      { layers: [{ name: 'a', activation: 'linear' }] },
    );
    expect([...mlp.layers[0]!.bias]).toEqual([0, 0]); // no bias entry → zeros
    expect(() => validateFloatVae({ encoder: mlp, decoder: mlp })).toThrow(ShapeError); // 2 → latent 1 ≠ 2
    const enc = fromParamRecord(
      { 'a.weight': { shape: [2, 4], data: new Float32Array(8) } },
      { layers: [{ name: 'a', activation: 'linear' }] },
    );
    expect(runFloatVae({ encoder: enc, decoder: mlp }, [1, 2]).mu).toHaveLength(2);
  });
});
