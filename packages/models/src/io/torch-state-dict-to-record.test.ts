import { initBackend, ShapeError, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import type { ModelConfig } from '../model/model-config.js';
import { encodeSafetensors } from './encode-safetensors.js';
import { readReferenceBytes, readReferenceJson } from './testing/reference-files.js';
import { type TorchNameMapOptions, torchNameMap } from './torch-name-map.js';
import { torchStateDictToRecord } from './torch-state-dict-to-record.js';

// Plain PyTorch 1.13 models (nn.Sequential indices, pytorch/examples `fc` names, ZeroPad2d +
// Conv2d + PixelShuffle, ConvTranspose2d; see tools/python/make_torch_layout_fixtures.py and
// test/fixtures/README.md), loaded through the name maps and layout conversions, must give
// PyTorch's outputs on its fixed inputs.

interface Case {
  name: string;
  file: string;
  config: ModelConfig;
  nameMapOptions: TorchNameMapOptions;
  x: number[];
  labels: number[] | null;
  z: number[];
  mu: number[];
  logVar: number[] | null;
  decodedAtMu: number[];
  decodedAtZ: number[];
}

const reference = readReferenceJson<{ batch: number; cases: Case[] }>('torch-layouts.json');
const TOLERANCE = 1e-5;

function maxAbs(actual: tf.Tensor, expected: number[]): number {
  const a = actual.dataSync();
  expect(a.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - expected[i]!));
  return worst;
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('PyTorch state dicts through torchNameMap + torchStateDictToRecord', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s reproduces PyTorch', (_, c) => {
    const model = createModel(c.config, { seed: 1 });
    try {
      const { record, metadata } = torchStateDictToRecord(readReferenceBytes(c.file), {
        config: c.config,
        nameMap: torchNameMap(c.config, c.nameMapOptions),
      });
      expect(metadata.format).toBe('pt');
      model.store.loadRecord(record);
      const batch = reference.batch;
      const labels = c.labels ?? undefined;
      const errors = tf.tidy(() => {
        const x = tf.tensor(c.x, [batch, ...model.inputShape]);
        const z = tf.tensor(c.z, [batch, model.latentDim]);
        const { mu, logVar } = model.encode(x, labels);
        return {
          mu: maxAbs(mu, c.mu),
          logVar: logVar && c.logVar ? maxAbs(logVar, c.logVar) : 0,
          decodedAtMu: maxAbs(model.decode(mu, labels), c.decodedAtMu),
          decodedAtZ: maxAbs(model.decode(z, labels), c.decodedAtZ),
        };
      });
      console.log(`${c.name}: max |latentkit − PyTorch| ${JSON.stringify(errors)}`);
      expect(c.logVar === null).toBe(c.config.kind === 'ae');
      for (const e of Object.values(errors)) expect(e).toBeLessThanOrEqual(TOLERANCE);
    } finally {
      model.dispose();
    }
  });

  it('names the tensor whose shape is wrong, and missing and extra tensors', () => {
    const c = reference.cases.find((k) => k.name === 'sequential-mlp-cvae')!;
    const nameMap = torchNameMap(c.config, c.nameMapOptions);
    const f32 = (n: number): Float32Array => new Float32Array(n);
    const good = {
      'encoder.0.weight': { dtype: 'F32' as const, shape: [16, 33], data: f32(528) },
      'encoder.0.bias': { dtype: 'F32' as const, shape: [16], data: f32(16) },
    };
    // [33, 16] is latentkit's layout, not PyTorch's [out, in].
    const wrong = encodeSafetensors({
      ...good,
      'encoder.0.weight': { dtype: 'F32', shape: [33, 16], data: f32(528) },
    });
    expect(() => torchStateDictToRecord(wrong, { config: c.config, nameMap })).toThrow(ShapeError);
    expect(() => torchStateDictToRecord(wrong, { config: c.config, nameMap })).toThrow(
      /encoder\.0\.weight \(latentkit encoder\.fc1\.weight\).*\[33, 16\].*\[16, 33\]/,
    );
    const partial = encodeSafetensors({
      ...good,
      stray: { dtype: 'F32', shape: [1], data: f32(1) },
    });
    expect(() => torchStateDictToRecord(partial, { config: c.config, nameMap })).toThrow(
      /'stray' has no nameMap entry.*missing from the file: encoder\.mu\.weight \(as 'fc_mu\.weight'\)/,
    );
    const loose = torchStateDictToRecord(partial, { config: c.config, nameMap, strict: false });
    expect(Object.keys(loose.record)).toEqual(['encoder.fc1.weight', 'encoder.fc1.bias']);
    expect(() => torchStateDictToRecord(encodeSafetensors(good))).toThrow(/config.*is required/);
  });
});
