import { createRng, InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { decodeSafetensors } from '../../io/decode-safetensors.js';
import { encodeSafetensors } from '../../io/encode-safetensors.js';
import { SafetensorsError } from '../../io/safetensors-error.js';
import { safetensorsToRecord } from '../../io/safetensors-to-record.js';
import { resolveModelConfig } from '../../model/model-config.js';
import type { TrainCheckpoint } from '../../training/train-checkpoint.js';
import { decodeTrainCheckpoint, encodeTrainCheckpoint } from './train-checkpoint-codec.js';

const rec = (shape: number[], values: number[]) => ({
  shape,
  dtype: 'float32' as const,
  data: Float32Array.from(values),
});

function sampleState(): TrainCheckpoint {
  const modelConfig = resolveModelConfig({
    kind: 'vae',
    inputShape: [4],
    latentDim: 2,
    encoder: { type: 'mlp', hidden: [3] },
  });
  return {
    format: 'latentkit.train-checkpoint',
    version: 1,
    modelConfig,
    seed: 4_000_000_000,
    batchSize: 64,
    data: {
      rows: 300,
      rowSize: 4,
      dtype: 'float32',
      labels: false,
      sampleHash: '0123456789abcdef',
    },
    epoch: 1,
    batch: 3,
    step: 8,
    totals: { count: 192, loss: 0.1 + 0.2, recon: 1 / 3, kl: 1e-300 },
    params: {
      'encoder.fc1.weight': rec([4, 3], [1, -0, 2.5, 1e-40, 3, 4, 5, 6, 7, 8, 9, 10]),
      'encoder.fc1.bias': rec([3], [0.1, 0.2, 0.3]),
      scalar: rec([], [42]),
    },
    optimizer: {
      kind: 'adam',
      learningRate: 0.001,
      params: {
        'encoder.fc1.weight': {
          step: 8,
          slots: {
            m: rec([4, 3], new Array(12).fill(0.5)),
            v: rec([4, 3], new Array(12).fill(1e-8)),
          },
        },
        scalar: { step: 2, slots: { m: rec([], [1]), v: rec([], [2]) } },
      },
    },
  };
}

describe('encodeTrainCheckpoint / decodeTrainCheckpoint', () => {
  it('round-trips a VQ-VAE epoch total (quantizer sums and code histogram) and validates it', () => {
    const state = sampleState();
    state.totals.vq = {
      codebook: 0.1 + 0.2,
      commitment: 1 / 3,
      perplexity: 123.456,
      usage: 191.5,
      restarted: 7,
      counts: [0, 5, 1e6, 3],
    };
    const bytes = encodeTrainCheckpoint(state);
    expect(decodeTrainCheckpoint(bytes)).toEqual(state);
    const bad = sampleState();
    bad.totals.vq = { ...state.totals.vq, counts: [1, Number.NaN] };
    expect(() => encodeTrainCheckpoint(bad)).toThrow(InvalidArgumentError);
    // A histogram edited in the file is caught (validation or checksum).
    const { tensors, metadata } = decodeSafetensors(bytes);
    const edited = metadata.checkpoint!.replace('"counts":[0,5,1000000,3]', '"counts":"x"');
    expect(edited).not.toBe(metadata.checkpoint);
    expect(() =>
      decodeTrainCheckpoint(encodeSafetensors(tensors, { ...metadata, checkpoint: edited })),
    ).toThrow(/totals.vq.counts/);
  });

  it('round-trips every number exactly (float32 bits, −0, subnormals, doubles in JSON)', () => {
    const state = sampleState();
    const back = decodeTrainCheckpoint(encodeTrainCheckpoint(state));
    expect(back).toEqual(state);
    expect(Object.is(back.params['encoder.fc1.weight']!.data[1], -0)).toBe(true);
    expect(back.totals.loss).toBe(0.1 + 0.2);
    expect(back.totals.kl).toBe(1e-300);
  });

  it('is also a weights file: parameters under their own names, config in __metadata__', () => {
    const state = sampleState();
    const bytes = encodeTrainCheckpoint(state);
    const shapes = Object.fromEntries(Object.entries(state.params).map(([k, r]) => [k, r.shape]));
    const loaded = safetensorsToRecord(bytes, { expectedShapes: shapes, strict: false });
    expect(loaded.record).toEqual(state.params);
    expect(loaded.config).toEqual(state.modelConfig);
    expect(Object.keys(decodeSafetensors(bytes).tensors)).toContain(
      'optimizer/m/encoder.fc1.weight',
    );
  });

  it('refuses files that are not intact checkpoints with a SafetensorsError naming the problem', () => {
    const state = sampleState();
    const good = decodeSafetensors(encodeTrainCheckpoint(state));
    const meta = good.metadata;
    const stored = JSON.parse(meta.checkpoint!);
    const variant = (tensors: typeof good.tensors, metadata: Record<string, string>) => () =>
      decodeTrainCheckpoint(encodeSafetensors(tensors, metadata));
    const withState = (patch: object) => ({
      ...meta,
      checkpoint: JSON.stringify({ ...stored, ...patch }),
    });
    const { scalar: _omit, ...missing } = good.tensors;
    const cases: [() => unknown, RegExp][] = [
      [variant(good.tensors, { ...meta, format: 'pt' }), /format is "pt"/],
      [variant(good.tensors, { ...meta, checkpoint: '{"version":1,' }), /not valid JSON/],
      [variant(good.tensors, { format: meta.format! }), /checkpoint is missing/],
      [variant(good.tensors, withState({ version: 2 })), /version/],
      [variant(good.tensors, withState({ step: -1 })), /step must be an integer/],
      [variant(good.tensors, withState({ seed: 2 ** 32 })), /seed/],
      [
        variant(good.tensors, withState({ totals: { ...stored.totals, loss: 'x' } })),
        /totals.loss/,
      ],
      [
        variant(good.tensors, withState({ optimizer: { ...stored.optimizer, kind: 'rmsprop' } })),
        /optimizer must be/,
      ],
      [variant(good.tensors, withState({ params: ['scalar', 'scalar'] })), /distinct strings/],
      [variant(good.tensors, withState({ crc32: 'zz' })), /crc32 is malformed/],
      [variant(good.tensors, withState({ data: { ...stored.data, rows: 0 } })), /data must be/],
      [
        variant(good.tensors, withState({ data: { ...stored.data, sampleHash: 'abc' } })),
        /sampleHash: 16 hex digits/,
      ],
      // A changed fingerprint with the old checksum: caught by the CRC.
      [variant(good.tensors, withState({ data: { ...stored.data, rows: 8 } })), /CRC-32 mismatch/],
      [variant(good.tensors, withState({ crc32: '00000000' })), /CRC-32 mismatch/],
      [variant(missing, meta), /'scalar': training checkpoint: tensor is missing/],
      [
        variant({ ...good.tensors, extra: good.tensors.scalar! }, meta),
        /unexpected tensors: extra/,
      ],
      [
        variant(
          { ...good.tensors, scalar: { dtype: 'F64', shape: [], data: Float64Array.of(42) } },
          meta,
        ),
        /dtype is F64/,
      ],
      [
        variant(
          {
            ...good.tensors,
            'optimizer/m/scalar': { dtype: 'F32', shape: [1], data: Float32Array.of(1) },
          },
          meta,
        ),
        /shape \[1\] differs/,
      ],
      [variant(good.tensors, { ...meta, config: '{"kind":"gan"}' }), /model config is invalid/],
      [() => decodeTrainCheckpoint(new Uint8Array(3)), /safetensors/],
    ];
    for (const [run, message] of cases) {
      expect(run).toThrow(SafetensorsError);
      expect(run).toThrow(message);
    }
  });

  it('fuzz: 3000 mutated files give a SafetensorsError or the original checkpoint, nothing else', () => {
    const state = sampleState();
    const bytes = encodeTrainCheckpoint(state);
    const rng = createRng(2024);
    const headerEnd = 8 + Number(new DataView(bytes.buffer).getBigUint64(0, true));
    let refused = 0;
    let unchanged = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const m = bytes.slice();
      let input: Uint8Array = m;
      const kind = trial % 4;
      if (kind === 0)
        input = m.subarray(0, rng.int(m.length)); // truncation
      else {
        // 1–3 random byte changes: anywhere, or inside the JSON header (half the time).
        const flips = 1 + rng.int(3);
        for (let f = 0; f < flips; f++) {
          const at = kind === 1 ? rng.int(m.length) : 8 + rng.int(headerEnd - 8);
          m[at] = kind === 3 ? m[at]! ^ (1 << rng.int(8)) : rng.int(256);
        }
      }
      try {
        const out = decodeTrainCheckpoint(input);
        expect(out).toEqual(state); // only harmless edits (e.g. header padding) may pass
        unchanged++;
      } catch (error) {
        if (!(error instanceof SafetensorsError)) throw error;
        refused++;
      }
    }
    expect(refused + unchanged).toBe(3000);
    expect(refused).toBeGreaterThan(2500);
  });

  it('refuses checkpoint or config metadata nested deeper than 32 levels, before parsing it', () => {
    const { tensors, metadata } = decodeSafetensors(encodeTrainCheckpoint(sampleState()));
    const deep = `${'{"a":'.repeat(1e5)}0${'}'.repeat(1e5)}`;
    for (const key of ['checkpoint', 'config']) {
      const bytes = encodeSafetensors(tensors, { ...metadata, [key]: deep });
      expect(() => decodeTrainCheckpoint(bytes)).toThrow(SafetensorsError);
      expect(() => decodeTrainCheckpoint(bytes)).toThrow(
        new RegExp(`__metadata__.${key} nests deeper than 32 levels`),
      );
    }
  });

  it('refuses states it cannot write', () => {
    const state = sampleState();
    expect(() => encodeTrainCheckpoint({ ...state, version: 2 } as never)).toThrow(
      InvalidArgumentError,
    );
    expect(() =>
      encodeTrainCheckpoint({ ...state, totals: { ...state.totals, loss: Number.NaN } }),
    ).toThrow(/totals.loss/);
    const f64 = { ...state, params: { w: { shape: [1], dtype: 'float32', data: [1] } } } as never;
    expect(() => encodeTrainCheckpoint(f64)).toThrow(/float32 TensorRecord/);
    const clash = {
      ...state,
      params: { ...state.params, 'optimizer/m/scalar': rec([], [0]) },
    };
    expect(() => encodeTrainCheckpoint(clash)).toThrow(/used twice/);
  });
});
