import {
  createParamStore,
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { disposeQuantizerOutput } from './quantizer.js';
import { createVectorQuantizer } from './vector-quantizer.js';
import { bruteNearest, maxAbsDiff, normals, quantizationError } from './vq-reference.testutil.js';

const [K, D] = [11, 4];
const SHAPE = [2, 3, 5, D]; // any [..., D]
const M = 2 * 3 * 5 * D;
const N = M / D;
const BETA = 0.3;

/** Loss, gradients and indices of L = Σ w·quantized + total on a backend. */
async function run(backend: 'cpu' | 'wasm') {
  await initBackend({ backend });
  const store = createParamStore();
  const vq = createVectorQuantizer(store, 'vq', {
    numCodes: K,
    dim: D,
    beta: BETA,
    initRange: 1,
    seed: 7,
  });
  const zData = normals(N, D, 11);
  const wData = normals(N, D, 12);
  const z = tf.variable(tf.tensor(zData, SHAPE));
  const w = tf.tensor(wData, SHAPE);
  const cb = store.get('vq.codebook');
  const before = tf.memory().numTensors;
  let terms: number[] = [];
  let indices: Int32Array = new Int32Array();
  let quantized: Float32Array = new Float32Array();
  let counts: Float32Array = new Float32Array();
  const { value, grads } = tf.variableGrads(() => {
    const out = vq.quantize(z);
    terms = [out.loss.codebook, out.loss.commitment, out.loss.total].map((t) => t.dataSync()[0]!);
    indices = out.indices.dataSync() as Int32Array;
    quantized = out.quantized.dataSync() as Float32Array;
    counts = out.counts.dataSync() as Float32Array;
    expect(out.indices.shape).toEqual(SHAPE.slice(0, -1));
    return tf.add(tf.sum(tf.mul(w, out.quantized)), out.loss.total) as tf.Scalar;
  }, [z, cb]);
  const result = {
    codebook: cb.dataSync().slice(),
    zData,
    wData,
    terms,
    indices,
    quantized,
    counts,
    value: value.dataSync()[0]!,
    gz: grads[z.name]!.dataSync().slice(),
    gc: grads[cb.name]!.dataSync().slice(),
  };
  tf.dispose([value, ...Object.values(grads)]);
  expect(tf.memory().numTensors).toBe(before);
  tf.dispose([z, w]);
  store.dispose();
  return result;
}

describe('vectorQuantizer', () => {
  it('losses, assignment and straight-through gradients match a float64 reference on cpu and wasm', async () => {
    const cpu = await run('cpu');
    const wasm = await run('wasm');
    for (const r of [cpu, wasm]) {
      const { index } = bruteNearest(r.zData, r.codebook, D);
      expect([...r.indices]).toEqual(index);
      let sq = 0;
      const gz = new Float64Array(M);
      const gc = new Float64Array(K * D);
      index.forEach((k, n) => {
        for (let t = 0; t < D; t++) {
          const diff = r.zData[n * D + t]! - r.codebook[k * D + t]!;
          sq += diff * diff;
          gz[n * D + t] = r.wData[n * D + t]! + (BETA * 2 * diff) / M; // upstream + commitment
          gc[k * D + t]! -= (2 * diff) / M; // codebook term only
          expect(r.quantized[n * D + t]).toBeCloseTo(r.codebook[k * D + t]!, 5);
        }
      });
      expect(r.terms[0]).toBeCloseTo(sq / M, 6);
      expect(r.terms[1]).toBeCloseTo((BETA * sq) / M, 6);
      expect(r.terms[2]).toBeCloseTo(((1 + BETA) * sq) / M, 6);
      // The batch histogram, counted by hand from the brute-force assignment.
      const hist = new Array<number>(K).fill(0);
      for (const k of index) hist[k]! += 1;
      expect([...r.counts]).toEqual(hist);
      expect(maxAbsDiff(r.gz, gz)).toBeLessThan(1e-6);
      expect(maxAbsDiff(r.gc, gc)).toBeLessThan(1e-6);
    }
    expect(maxAbsDiff(wasm.gz, cpu.gz)).toBeLessThan(1e-6);
    expect(maxAbsDiff(wasm.gc, cpu.gc)).toBeLessThan(1e-6);
    expect(Math.abs(wasm.value - cpu.value)).toBeLessThan(1e-4);
  });

  it('k-means initialization lowers the quantization error against uniform on clustered data', async () => {
    await initBackend({ backend: 'wasm' });
    const k = 8;
    const centres = normals(k, D, 21, 4);
    const noise = normals(400, D, 22, 0.2);
    const data = noise.map((v, i) => v + centres[(Math.floor(i / D) % k) * D + (i % D)]!);
    const store = createParamStore();
    const vq = createVectorQuantizer(store, 'vq', { numCodes: k, dim: D, initRange: 1, seed: 3 });
    const z = tf.tensor2d(data, [400, D]);
    const uniformError = quantizationError(data, store.get('vq.codebook').dataSync(), D);
    vq.initialize(z, { seed: 5 });
    const kmeansError = quantizationError(data, store.get('vq.codebook').dataSync(), D);
    expect(kmeansError).toBeLessThan(uniformError / 10);
    z.dispose();
    store.dispose();
  });

  it('leaks no tensors over many calls and looks codes up', async () => {
    await initBackend({ backend: 'wasm' });
    const store = createParamStore();
    const vq = createVectorQuantizer(store, 'vq', { numCodes: K, dim: D, seed: 1 });
    const z = tf.tensor(normals(N, D, 2), SHAPE);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) {
      const out = vq.quantize(z);
      const back = vq.lookup(out.indices);
      expect(maxAbsDiff(back.dataSync(), out.quantized.dataSync())).toBeLessThan(1e-6);
      vq.update(z, out.indices);
      back.dispose();
      disposeQuantizerOutput(out);
    }
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
    store.dispose();
  });

  it('throws typed errors for bad shapes and options', async () => {
    await initBackend({ backend: 'cpu' });
    const store = createParamStore();
    const vq = createVectorQuantizer(store, 'vq', { numCodes: K, dim: D, seed: 1 });
    expect(() => vq.quantize(tf.zeros([3, D + 1]))).toThrow(ShapeError);
    expect(() => vq.quantize(tf.zeros([3, D], 'int32'))).toThrow(InvalidArgumentError);
    expect(() => vq.lookup(tf.tensor1d([0, K], 'int32'))).toThrow(InvalidArgumentError);
    expect(() => vq.update(tf.zeros([3, D]), tf.zeros([4], 'int32'))).toThrow(ShapeError);
    expect(() => vq.initialize(tf.zeros([K - 1, D]))).toThrow(InvalidArgumentError);
    const opts = { numCodes: 4, dim: 2 };
    expect(() => createVectorQuantizer(store, 'a', { ...opts, numCodes: 0, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createVectorQuantizer(store, 'b', { ...opts, beta: -1, seed: 1 })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createVectorQuantizer(store, 'c', { ...opts, bta: 1, seed: 1 } as never)).toThrow(
      UnknownOptionError,
    );
    store.dispose();
  });
});
