import { InvalidArgumentError, initBackend, UnknownOptionError } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from './create-model.js';
import { mnistVqvaeConfig } from './mnist-vqvae-config.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('mnistVqvaeConfig', () => {
  it('builds the Keras example VQ-VAE: 28×28 → a 7×7 grid of 16-wide codes, K = 128', () => {
    const model = createModel(mnistVqvaeConfig({ outputStd: 0.25 }), { seed: 1 });
    expect(model.config.kind).toBe('vqvae');
    expect(model.config.outputStd).toBe(0.25);
    expect(model.config.latentDim).toBe(16);
    const quantizer = model.config.quantizer;
    expect(quantizer).toMatchObject({
      type: 'ema',
      numCodes: 128,
      decay: 0.9,
      deadCodeThreshold: 2,
    });
    const record = model.store.toRecord();
    const codebooks = Object.keys(record).filter((name) => name.endsWith('.codebook'));
    expect(codebooks.map((name) => record[name]?.shape)).toEqual([[128, 16]]);
    model.dispose();
  });

  it('takes another quantizer, and refuses unknown options and a bad σ', () => {
    const config = mnistVqvaeConfig({ quantizer: { type: 'vq', numCodes: 32 } });
    expect(config.quantizer).toEqual({ type: 'vq', numCodes: 32 });
    expect(config.outputStd).toBe(1);
    expect(() => mnistVqvaeConfig({ outputstd: 0.2 } as never)).toThrow(UnknownOptionError);
    expect(() => mnistVqvaeConfig({ outputStd: 0 })).toThrow(InvalidArgumentError);
  });
});
