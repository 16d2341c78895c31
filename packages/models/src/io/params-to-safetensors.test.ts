import {
  createParamStore,
  InvalidArgumentError,
  initBackend,
  type ParamStore,
  ShapeError,
  tf,
} from '@latentkit/tensor';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeSafetensors } from './decode-safetensors.js';
import { invertNameMap } from './invert-name-map.js';
import { CONFIG_METADATA_KEY } from './model-config-key.js';
import { paramsToSafetensors } from './params-to-safetensors.js';
import { safetensorsToRecord } from './safetensors-to-record.js';
import { readReferenceBytes } from './testing/reference-files.js';
import { torchVaeNameMap, torchVaeTransposed } from './torch-vae-name-map.js';

const stores: ParamStore[] = [];

function makeStore(shapes: Record<string, number[]>, seed: number): ParamStore {
  const store = createParamStore();
  stores.push(store);
  let s = seed;
  for (const [name, shape] of Object.entries(shapes)) {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = Float32Array.from({ length: n }, () => {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      return (s / 2 ** 32 - 0.5) * 10 ** ((s % 7) - 3); // magnitudes 1e-3 … 1e3
    });
    const t = tf.tensor(values, shape);
    store.create(name, t);
    t.dispose();
  }
  return store;
}

const SHAPES = {
  'encoder.fc1.weight': [6, 4],
  'encoder.fc1.bias': [4],
  'encoder.mu.weight': [4, 2],
  'decoder.scale': [],
};

const bits = (a: Float32Array): Uint32Array => new Uint32Array(a.buffer, a.byteOffset, a.length);
/** Whether two float32 arrays hold the same bit patterns (fast for large arrays). */
const sameBits = (a: Float32Array, b: Float32Array): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
});

afterEach(() => {
  for (const s of stores.splice(0)) s.dispose();
});

describe('paramsToSafetensors', () => {
  it('saves every parameter as F32 in creation order, with the config as JSON metadata', () => {
    const store = makeStore(SHAPES, 1);
    const config = { kind: 'vae', latent: 2, widths: [4], beta: 0.5 };
    const bytes = paramsToSafetensors(store, config, { metadata: { note: 'test' } });
    const { tensors, metadata } = decodeSafetensors(bytes);
    expect(Object.keys(tensors)).toEqual(Object.keys(SHAPES));
    expect(metadata.note).toBe('test');
    expect(JSON.parse(metadata[CONFIG_METADATA_KEY]!)).toEqual(config);
    const record = store.toRecord();
    for (const [name, t] of Object.entries(tensors)) {
      expect(t.dtype).toBe('F32');
      expect(t.shape).toEqual(record[name]!.shape);
      expect(bits(t.data as Float32Array)).toEqual(bits(record[name]!.data));
    }
  });

  it('store → file → record → another store is bit-exact; the config comes back parsed', () => {
    const a = makeStore(SHAPES, 2);
    const b = makeStore(SHAPES, 3);
    const config = { latent: 2, activation: 'relu' };
    const loaded = safetensorsToRecord(paramsToSafetensors(a, config), { expectedShapes: b });
    expect(loaded.config).toEqual(config);
    b.loadRecord(loaded.record);
    const [ra, rb] = [a.toRecord(), b.toRecord()];
    for (const name of Object.keys(SHAPES))
      expect(bits(rb[name]!.data)).toEqual(bits(ra[name]!.data));
    // A record works as a source too, and no config means no config entry.
    const again = safetensorsToRecord(paramsToSafetensors(ra));
    expect(again.config).toBeUndefined();
    expect(again.metadata).toEqual({});
    expect(again.record).toEqual(ra);
  });

  it('re-exports the PyTorch reference VAE in torch layout, tensor for tensor', () => {
    const file = readReferenceBytes('torch-vae-mnist.safetensors');
    const { record } = safetensorsToRecord(file, {
      nameMap: torchVaeNameMap,
      transpose: torchVaeTransposed,
    });
    const toTorch = invertNameMap(torchVaeNameMap);
    const exported = paramsToSafetensors(record, undefined, {
      nameMap: toTorch,
      transpose: torchVaeTransposed.map((n) => torchVaeNameMap[n]!),
    });
    const original = decodeSafetensors(file).tensors;
    const mine = decodeSafetensors(exported).tensors;
    expect(Object.keys(mine).sort()).toEqual(Object.keys(original).sort());
    for (const [name, t] of Object.entries(original)) {
      expect(mine[name]!.shape).toEqual(t.shape);
      expect(sameBits(mine[name]!.data as Float32Array, t.data as Float32Array), name).toBe(true);
    }
  });

  it('refuses what it cannot save', () => {
    const store = makeStore(SHAPES, 4);
    expect(() => paramsToSafetensors(store, { n: 1n })).toThrow(/config: is not JSON-serializable/);
    expect(() => paramsToSafetensors(store, () => 1)).toThrow(InvalidArgumentError);
    expect(() => paramsToSafetensors(store, {}, { metadata: { config: 'x' } })).toThrow(/reserved/);
    expect(() =>
      paramsToSafetensors(store, undefined, { transpose: ['encoder.fc1.bias'] }),
    ).toThrow(ShapeError);
    expect(() =>
      paramsToSafetensors(store, undefined, { nameMap: { 'encoder.fc1.bias': 'decoder.scale' } }),
    ).toThrow(/two parameters would be saved as 'decoder.scale'/);
    const ints = { w: { shape: [1], dtype: 'int32', data: new Int32Array(1) } };
    expect(() => paramsToSafetensors(ints as never)).toThrow(/float32/);
    const short = { w: { shape: [3], dtype: 'float32' as const, data: new Float32Array(2) } };
    expect(() => paramsToSafetensors(short)).toThrow(ShapeError);
    expect(() => paramsToSafetensors(store, undefined, { format: 'pt' } as object)).toThrow(
      /format/,
    );
  });
});
