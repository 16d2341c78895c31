import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  InvalidArgumentError,
  initBackend,
  klStandardNormal,
  ShapeError,
  tf,
  toRng,
} from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../model/create-model.js';
import type { Model } from '../model/model.js';
import type { ModelConfig } from '../model/model-config.js';
import { decodeSafetensors } from './decode-safetensors.js';
import { invertNameMap } from './invert-name-map.js';
import { modelToTorchSafetensors } from './model-to-torch-safetensors.js';
import { runPython, torchUnavailable } from './testing/python-torch.js';
import { torchNameMap } from './torch-name-map.js';
import { torchStateDictToRecord } from './torch-state-dict-to-record.js';

const CONFIGS: Record<string, ModelConfig> = {
  'mlp vae': {
    kind: 'vae',
    inputShape: [30],
    latentDim: 4,
    encoder: { type: 'mlp', hidden: [16, 8] },
  },
  'mlp cvae, elu': {
    kind: 'cvae',
    inputShape: [12],
    latentDim: 3,
    numClasses: 4,
    encoder: { type: 'mlp', hidden: [10], activation: 'elu' },
  },
  'conv vae, sub-pixel decoder (3×3, stride 2)': {
    kind: 'vae',
    inputShape: [12, 12, 2],
    latentDim: 4,
    encoder: { type: 'conv', channels: [3, 5], hidden: [8] },
  },
  'conv ae, transposed 3×3 stride 2': {
    kind: 'ae',
    inputShape: [16, 16, 1],
    latentDim: 3,
    encoder: { type: 'conv', channels: [4, 6], upsample: 'transpose', activation: 'softplus' },
    decoder: { type: 'conv', channels: [6, 4], upsample: 'transpose' },
  },
  'conv encoder on an odd map (14 → 7 → 4), MLP decoder, gaussian': {
    kind: 'vae',
    inputShape: [14, 14, 1],
    latentDim: 2,
    likelihood: 'gaussian',
    encoder: { type: 'conv', channels: [2, 3, 2] },
    decoder: { type: 'mlp', hidden: [9], activation: 'sigmoid' },
  },
  'conv cvae, gaussian-learned, 5×5 stride 3': {
    kind: 'cvae',
    inputShape: [9, 9, 1],
    latentDim: 2,
    numClasses: 3,
    likelihood: 'gaussian-learned',
    encoder: { type: 'conv', channels: [4], kernel: 5, stride: 3, activation: 'tanh' },
  },
};

const BATCH = 3;

function seeded(n: number, seed: number): number[] {
  const rng = toRng(seed);
  return Array.from({ length: n }, () => rng.next());
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

describe('modelToTorchSafetensors', () => {
  it.each(Object.entries(CONFIGS))('%s: PyTorch layouts read back bit for bit', (_, config) => {
    const model = createModel(config, { seed: 3 });
    try {
      const bytes = modelToTorchSafetensors(model);
      const { tensors, metadata } = decodeSafetensors(bytes);
      expect(JSON.parse(metadata.config!)).toEqual(model.config);
      expect(metadata.format).toBe('pt');
      // Linear weights are [out, in] in the file.
      const fc = Object.entries(tensors).find(([k]) => k.endsWith('mu.weight'))![1];
      expect(fc.shape).toEqual([
        model.latentDim,
        model.store.variables()['encoder.mu.weight']!.shape[0],
      ]);
      const back = torchStateDictToRecord(bytes);
      const original = model.store.toRecord();
      expect(Object.keys(back.record)).toEqual(Object.keys(original));
      for (const [k, v] of Object.entries(original)) {
        expect(back.record[k]!.shape).toEqual(v.shape);
        expect(back.record[k]!.data).toEqual(v.data);
      }
    } finally {
      model.dispose();
    }
  });

  it('writes other names through an inverted name map', () => {
    const config = CONFIGS['mlp vae']!;
    const model = createModel(config);
    const nameMap = torchNameMap(config, { convention: 'sequential' });
    const bytes = modelToTorchSafetensors(model, { nameMap: invertNameMap(nameMap) });
    expect(Object.keys(decodeSafetensors(bytes).tensors)).toEqual(Object.keys(nameMap));
    const { record } = torchStateDictToRecord(bytes, { nameMap });
    expect(record['decoder.out.weight']!.data).toEqual(
      model.store.toRecord()['decoder.out.weight']!.data,
    );
    model.dispose();
  });

  it('refuses a store that does not match the config, naming the parameter', () => {
    const model = createModel(CONFIGS['mlp vae']!);
    const record = model.store.toRecord();
    const { 'decoder.out.bias': _, ...missing } = record;
    expect(() => modelToTorchSafetensors({ config: model.config, store: missing })).toThrow(
      /has no parameter 'decoder\.out\.bias'/,
    );
    const extra = { ...record, 'decoder.extra.weight': record['decoder.out.bias']! };
    expect(() => modelToTorchSafetensors({ config: model.config, store: extra })).toThrow(
      /does not imply: decoder\.extra\.weight/,
    );
    const other = { ...model.config, latentDim: 5 };
    expect(() => modelToTorchSafetensors({ config: other, store: record })).toThrow(ShapeError);
    expect(() => modelToTorchSafetensors(model, { metadata: { config: 'x' } })).toThrow(
      InvalidArgumentError,
    );
    model.dispose();
  });
});

const noTorch = torchUnavailable();
if (noTorch) console.warn(`skipped: the latentkit_torch round trip needs PyTorch: ${noTorch}`);

describe.skipIf(noTorch !== undefined)(
  'latentkit → safetensors → latentkit_torch (PyTorch)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'latentkit-torch-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it.each(Object.entries(CONFIGS).map(([name, config], i) => [name, config, i] as const))(
      '%s: PyTorch gives latentkit outputs',
      (_, config, i) => {
        const model: Model = createModel(config, { seed: 10 + i });
        try {
          const file = join(dir, `model-${i}.safetensors`);
          writeFileSync(file, modelToTorchSafetensors(model));
          const numClasses = model.config.numClasses;
          const labels =
            numClasses > 0 ? Array.from({ length: BATCH }, (_, b) => b % numClasses) : null;
          const x = seeded(BATCH * model.inputShape.reduce((a, b) => a * b, 1), 100 + i);
          const z = seeded(BATCH * model.latentDim, 200 + i).map((v) => 4 * v - 2);
          const inputs = join(dir, `inputs-${i}.json`);
          writeFileSync(inputs, JSON.stringify({ batch: BATCH, x, z, labels }));
          const torchOut = JSON.parse(runPython(['evaluate_latentkit.py', file, inputs])) as {
            mu: number[];
            logVar: number[] | null;
            decodedAtZ: number[];
            reconAtZ: number[];
            kl: number[] | null;
          };
          const errors = tf.tidy(() => {
            const lab = labels ?? undefined;
            const { mu, logVar } = model.encode(tf.tensor(x, [BATCH, ...model.inputShape]), lab);
            const raw = model.decode(tf.tensor(z, [BATCH, model.latentDim]), lab);
            const diff = (t: tf.Tensor, ref: number[]): number => {
              const a = Array.from(t.dataSync());
              expect(a.length).toBe(ref.length);
              return a.reduce((m, v, j) => Math.max(m, Math.abs(v - ref[j]!)), 0);
            };
            // gaussian-learned: `decode` gives μ only; PyTorch's raw output holds μ then log σ².
            const half = torchOut.decodedAtZ.length === 2 * raw.size;
            const ref = half
              ? firstHalfChannels(torchOut.decodedAtZ, raw.shape)
              : torchOut.decodedAtZ;
            // The losses: −log p(x|z) and the closed-form KL per example, relative to their size.
            const xt = tf.tensor(x, [BATCH, ...model.inputShape]);
            const zt = tf.tensor(z, [BATCH, model.latentDim]);
            const recon = tf.neg(model.logLikelihood(xt, zt, lab));
            const rel = (t: tf.Tensor, r: number[]): number =>
              diff(t, r) / Math.max(1, ...r.map(Math.abs));
            return {
              mu: diff(mu, torchOut.mu),
              logVar: logVar ? diff(logVar, torchOut.logVar!) : 0,
              decoded: diff(raw, ref),
              reconRelative: rel(recon, torchOut.reconAtZ),
              klRelative: logVar
                ? rel(klStandardNormal(mu, logVar, { reduction: 'none' }), torchOut.kl!)
                : 0,
            };
          });
          console.log(`round trip ${_}: max |PyTorch − latentkit| ${JSON.stringify(errors)}`);
          expect(torchOut.logVar === null).toBe(config.kind === 'ae');
          expect(torchOut.kl === null).toBe(config.kind === 'ae');
          for (const e of Object.values(errors)) expect(e).toBeLessThanOrEqual(1e-5);
        } finally {
          model.dispose();
        }
      },
    );
  },
);

/** The first half of the last axis of flat `[batch, …, 2C]` values, as `[batch, …, C]`. */
function firstHalfChannels(values: number[], shape: readonly number[]): number[] {
  const c = shape[shape.length - 1]!;
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 2 * c) out.push(...values.slice(i, i + c));
  return out;
}
