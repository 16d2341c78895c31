import { InvalidArgumentError, initBackend, UnknownOptionError } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import { mnistVqvaeConfig } from '../model/mnist-vqvae-config.js';
import type { ModelConfig } from '../model/model-config.js';
import { torchLayerPlan } from './torch-layer-plan.js';
import { torchNameMap } from './torch-name-map.js';
import { torchVaeNameMap } from './torch-vae-name-map.js';

const MLP: ModelConfig = {
  kind: 'vae',
  inputShape: [784],
  latentDim: 20,
  encoder: { type: 'mlp', hidden: [400] },
};
const CONV: ModelConfig = {
  kind: 'vae',
  inputShape: [28, 28, 1],
  latentDim: 8,
  encoder: { type: 'conv', channels: [16, 32], hidden: [64] },
};

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('torchLayerPlan', () => {
  it.each([
    ['mlp', MLP],
    ['conv', CONV],
    [
      'conv ae, transposed',
      { ...CONV, kind: 'ae', encoder: { ...CONV.encoder, upsample: 'transpose' } },
    ],
    ['cvae', { ...MLP, kind: 'cvae', numClasses: 10 }],
  ] as [string, ModelConfig][])('%s: names every parameter createModel makes', (_, config) => {
    const model = createModel(config);
    const names = torchLayerPlan(config).flatMap((l) => [`${l.name}.weight`, `${l.name}.bias`]);
    expect(names).toEqual(Object.keys(model.store.variables()));
    model.dispose();
  });

  it('marks the flatten, unflatten and pixel-shuffle layers of a conv model', () => {
    const plan = Object.fromEntries(torchLayerPlan(CONV).map((l) => [l.name, l]));
    expect(plan['encoder.fc1']!.inputFeatureMap).toEqual([7, 7, 32]);
    expect(plan['encoder.mu']!.inputFeatureMap).toBeUndefined();
    expect(plan['decoder.proj']!.outputFeatureMap).toEqual([7, 7, 32]);
    expect(plan['decoder.up1']).toMatchObject({ module: 'conv2d', outputs: 64, pixelShuffle: 2 });
    expect(plan['decoder.out']).toMatchObject({ inputs: 16, outputs: 4, pixelShuffle: 2 });
  });

  it('refuses a VQ-VAE', () => {
    expect(() => torchLayerPlan(mnistVqvaeConfig())).toThrow(/VQ-VAE is not supported/);
  });
});

describe('torchNameMap', () => {
  it("'fc' gives the pytorch/examples names", () => {
    expect(torchNameMap(MLP, { convention: 'fc' })).toEqual(torchVaeNameMap);
    const ae = torchNameMap(
      { ...MLP, kind: 'ae', encoder: { type: 'mlp', hidden: [64, 32] } },
      {
        convention: 'fc',
      },
    );
    expect(Object.keys(ae).filter((k) => k.endsWith('.weight'))).toEqual([
      'fc1.weight',
      'fc2.weight',
      'fc3.weight',
      'fc4.weight',
      'fc5.weight',
      'fc6.weight',
    ]);
    expect(ae['fc3.bias']).toBe('encoder.mu.bias');
    expect(() => torchNameMap(CONV, { convention: 'fc' })).toThrow(InvalidArgumentError);
  });

  it("'sequential' counts activations, Flatten and Unflatten", () => {
    const map = torchNameMap(CONV, { convention: 'sequential' });
    expect(map).toMatchObject({
      'encoder.0.weight': 'encoder.conv1.weight',
      'encoder.2.weight': 'encoder.conv2.weight',
      'encoder.5.weight': 'encoder.fc1.weight',
      'fc_mu.bias': 'encoder.mu.bias',
      'fc_logvar.weight': 'encoder.logVar.weight',
      'decoder.0.weight': 'decoder.fc1.weight',
      'decoder.2.weight': 'decoder.proj.weight',
      'decoder.5.weight': 'decoder.up1.weight',
      'decoder.8.bias': 'decoder.out.bias',
    });
    const mlp = torchNameMap(MLP, { convention: 'sequential', muName: 'mu', encoderName: 'enc' });
    expect(Object.keys(mlp)).toEqual([
      'enc.0.weight',
      'enc.0.bias',
      'mu.weight',
      'mu.bias',
      'fc_logvar.weight',
      'fc_logvar.bias',
      'decoder.0.weight',
      'decoder.0.bias',
      'decoder.2.weight',
      'decoder.2.bias',
    ]);
  });

  it('takes explicit indices and checks them', () => {
    const map = torchNameMap(CONV, { convention: 'sequential', encoderIndices: [1, 4, 7] });
    expect(map['encoder.7.bias']).toBe('encoder.fc1.bias');
    expect(() => torchNameMap(CONV, { convention: 'sequential', encoderIndices: [1, 4] })).toThrow(
      /encoderIndices.*3 distinct/,
    );
    expect(() =>
      torchNameMap(CONV, { convention: 'sequential', decoderIndices: [0, 2, 2, 5] }),
    ).toThrow(InvalidArgumentError);
  });

  it("'latentkit' keeps the names; unknown conventions and options are refused", () => {
    const map = torchNameMap(MLP);
    expect(Object.entries(map).every(([k, v]) => k === v)).toBe(true);
    expect(() => torchNameMap(MLP, { convention: 'keras' as 'fc' })).toThrow(UnknownOptionError);
    expect(() => torchNameMap(MLP, { prefix: 'x' } as object)).toThrow(UnknownOptionError);
  });
});
