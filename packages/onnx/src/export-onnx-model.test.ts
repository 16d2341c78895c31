import { readFileSync } from 'node:fs';
import { InvalidArgumentError, UnknownOptionError } from '@latentkit/core';
import { createModel, type Model, type ModelConfig } from '@latentkit/models';
import { initBackend, tf } from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOnnxModel } from './decode-onnx-model.js';
import { exportOnnxModel } from './export-onnx-model.js';
import { importOnnxModel } from './import-onnx-model.js';
import { OnnxExportError } from './onnx-export-error.js';
import { EXPORT_CASES } from './testing/export-cases.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

const MLP_VAE: ModelConfig = {
  kind: 'vae',
  inputShape: [6],
  latentDim: 2,
  encoder: { type: 'mlp', hidden: [5] },
};

function withModel<T>(config: ModelConfig, use: (model: Model) => T): T {
  const model = createModel(config, { seed: 3 });
  try {
    return use(model);
  } finally {
    model.dispose();
  }
}

function exportError(fn: () => unknown): OnnxExportError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(OnnxExportError);
    return error as OnnxExportError;
  }
  throw new Error('expected an OnnxExportError');
}

describe('exportOnnxModel: the files', () => {
  it('writes opset 17 / IR 8 (or 13 / 7), producer latentkit and its version, raw float32 LE', () => {
    withModel(MLP_VAE, (model) => {
      const { version } = JSON.parse(
        readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
      ) as { version: string };
      for (const [opset, ir] of [
        [17, 8],
        [13, 7],
      ] as const) {
        const files = exportOnnxModel(model, { opset });
        for (const bytes of [files.encoder, files.decoder]) {
          const m = decodeOnnxModel(bytes, 1e9, {}) as ReturnType<typeof decodeOnnxModel> & {
            irVersion: unknown;
            producerName: string;
            producerVersion: string;
          };
          expect(Number(m.irVersion)).toBe(ir);
          expect(m.opsetImport?.map((o) => [o.domain, Number(o.version)])).toEqual([['', opset]]);
          expect(m.producerName).toBe('latentkit');
          expect(m.producerVersion).toBe(version);
          for (const t of m.graph!.initializer!) {
            expect(t.floatData ?? []).toEqual([]);
            expect(t.rawData!.length).toBeGreaterThan(0);
          }
        }
        const enc = decodeOnnxModel(files.encoder, 1e9, {});
        const w = enc.graph!.initializer!.find((t) => t.name === 'encoder.fc1.weight')!;
        const raw = w.rawData!;
        const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
        const stored = model.store.get('encoder.fc1.weight').dataSync();
        expect(w.dims!.map(Number)).toEqual([6, 5]);
        for (let i = 0; i < stored.length; i++)
          expect(view.getFloat32(i * 4, true)).toBe(stored[i]);
        expect(enc.graph!.input!.map((v) => v.name)).toEqual(['x']);
        expect(enc.graph!.output!.map((v) => v.name)).toEqual(['mu', 'logvar']);
        const dims = enc.graph!.input![0]!.type!.tensorType!.shape!.dim!;
        expect(dims[0]!.dimParam).toBe('N');
        expect(Number(dims[1]!.dimValue)).toBe(6);
      }
    });
  });

  it('is deterministic: the same model gives the same bytes', () => {
    withModel(MLP_VAE, (model) => {
      const a = exportOnnxModel(model);
      const b = exportOnnxModel(model);
      expect(Buffer.from(a.encoder).equals(Buffer.from(b.encoder))).toBe(true);
      expect(Buffer.from(a.decoder).equals(Buffer.from(b.decoder))).toBe(true);
    });
  });
});

describe('exportOnnxModel → importOnnxModel round trip', () => {
  // The importer reads MLP VAEs, AEs and CVAEs and conv VAEs/AEs that upsample with transposed
  // convolutions, with ReLU / LeakyReLU / Tanh / Sigmoid and a Bernoulli or fixed-σ Gaussian
  // decoder: those cases must come back bit for bit.
  const importable = (c: ModelConfig) =>
    (c.encoder.type === 'mlp' ||
      (c.kind !== 'cvae' && c.decoder?.type === 'conv' && c.decoder.upsample === 'transpose')) &&
    c.likelihood !== 'gaussian-learned' &&
    [c.encoder, c.decoder].every((s) => !['elu', 'softplus'].includes(s?.activation ?? 'relu'));
  const roundTrip = EXPORT_CASES.filter((c) => importable(c.config));

  it('covers at least the MNIST VAE, the autoencoder and the Iris VAE', () => {
    expect(roundTrip.length).toBeGreaterThanOrEqual(3);
  });

  it.each(roundTrip)('$name: same config and parameters', ({ config }) => {
    withModel(config, (model) => {
      const before = tf.memory().numTensors;
      const imported = importOnnxModel(exportOnnxModel(model));
      const again = createModel(imported.config);
      try {
        for (const key of ['kind', 'inputShape', 'latentDim', 'encoder', 'decoder', 'likelihood']) {
          expect(again.config[key as 'kind'], key).toEqual(model.config[key as 'kind']);
        }
        const original = model.store.toRecord();
        expect(Object.keys(imported.record).sort()).toEqual(Object.keys(original).sort());
        for (const [name, t] of Object.entries(original)) {
          expect(imported.record[name]!.shape, name).toEqual(t.shape);
          expect(Array.from(imported.record[name]!.data), name).toEqual(Array.from(t.data));
        }
      } finally {
        again.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});

describe('exportOnnxModel: what it refuses', () => {
  it('throws OnnxExportError naming a VQ-VAE as unsupported', () => {
    const config: ModelConfig = {
      kind: 'vqvae',
      inputShape: [6],
      latentDim: 2,
      encoder: { type: 'mlp', hidden: [4] },
      quantizer: { type: 'vq', numCodes: 4 },
    };
    withModel(config, (model) => {
      const error = exportError(() => exportOnnxModel(model));
      expect(error.problem).toBe('unsupported-kind');
      expect(error.feature).toBe("kind 'vqvae'");
      expect(error.code).toBe('ONNX_EXPORT');
      expect(error.message).toMatch(/'vae', 'ae', 'cvae'/);
    });
  });

  it('throws OnnxExportError for an unknown activation, network type or likelihood', () => {
    withModel(MLP_VAE, (model) => {
      const cases: [Partial<Model['config']>, string, string][] = [
        [
          { encoder: { type: 'mlp', hidden: [5], activation: 'swish' as 'relu' } },
          'unsupported-activation',
          "encoder activation 'swish'",
        ],
        [
          { decoder: { type: 'rnn' as 'mlp', hidden: [5], activation: 'relu' } },
          'unsupported-network',
          "decoder type 'rnn'",
        ],
        [{ likelihood: 'poisson' as 'gaussian' }, 'unsupported-likelihood', "likelihood 'poisson'"],
      ];
      for (const [change, problem, feature] of cases) {
        const fake = { config: { ...model.config, ...change }, store: model.store };
        const error = exportError(() => exportOnnxModel(fake));
        expect(error.problem).toBe(problem);
        expect(error.feature).toBe(feature);
      }
    });
  });

  it('throws OnnxExportError missing-parameter for a store that does not match the config', () => {
    withModel(MLP_VAE, (model) => {
      const wider = { ...model.config, encoder: { ...model.config.encoder, hidden: [7] } };
      const error = exportError(() => exportOnnxModel({ config: wider, store: model.store }));
      expect(error.problem).toBe('missing-parameter');
      expect(error.feature).toBe('encoder.fc1.weight');
      expect(error.message).toMatch(/\[6, 5\].*\[6, 7\]/);
    });
  });

  it('checks its options', () => {
    withModel(MLP_VAE, (model) => {
      expect(() => exportOnnxModel(model, { opsets: 17 } as never)).toThrow(UnknownOptionError);
      expect(() => exportOnnxModel(model, { opsets: 17 } as never)).toThrow(
        /"opsets".*"decoderOutput", "opset"/,
      );
      expect(() => exportOnnxModel(model, { opset: 11 as 13 })).toThrow(InvalidArgumentError);
      expect(() => exportOnnxModel(model, { decoderOutput: 'probs' as 'mean' })).toThrow(
        InvalidArgumentError,
      );
      expect(() => exportOnnxModel(null as never)).toThrow(InvalidArgumentError);
    });
    withModel({ ...MLP_VAE, likelihood: 'gaussian' }, (model) => {
      expect(() => exportOnnxModel(model, { decoderOutput: 'logits' })).toThrow(/Bernoulli/);
    });
  });
});
