import { createParamStore, initBackend, ShapeError, tf } from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { disposeQuantizerOutput } from './quantizer.js';
import { createResidualQuantizer } from './residual-quantizer.js';
import { maxAbsDiff, normals } from './vq-reference.testutil.js';

const [K, D, N] = [16, 4, 400];

describe('residualQuantizer', () => {
  it('the quantization error decreases with the number of quantizers (k-means init)', async () => {
    await initBackend({ backend: 'wasm' });
    const data = normals(N, D, 1);
    const z = tf.tensor2d(data, [N, D]);
    const errors: number[] = [];
    for (const n of [1, 2, 4]) {
      const store = createParamStore();
      const rvq = createResidualQuantizer(store, 'rvq', {
        numQuantizers: n,
        quantizer: { numCodes: K, dim: D },
        seed: 2,
      });
      rvq.initialize(z, { seed: 3 });
      const out = rvq.quantize(z);
      expect(out.indices.shape).toEqual([N, n]);
      // The output is the sum of the looked-up codes.
      const back = rvq.lookup(out.indices);
      const q = out.quantized.dataSync();
      expect(maxAbsDiff(back.dataSync(), q)).toBeLessThan(1e-5);
      errors.push(data.reduce((s, v, i) => s + (v - q[i]!) ** 2, 0) / data.length);
      back.dispose();
      disposeQuantizerOutput(out);
      store.dispose();
    }
    expect(errors[1]).toBeLessThan(errors[0]! * 0.8);
    expect(errors[2]).toBeLessThan(errors[1]! * 0.8);
    z.dispose();
  });

  it('passes the upstream gradient plus every commitment term to z, equal on cpu and wasm', async () => {
    const grads: Float32Array[] = [];
    for (const backend of ['cpu', 'wasm'] as const) {
      await initBackend({ backend });
      const store = createParamStore();
      const rvq = createResidualQuantizer(store, 'rvq', {
        numQuantizers: 3,
        quantizer: { numCodes: 8, dim: D, beta: 0.5, initRange: 1 },
        seed: 5,
      });
      const z = tf.tensor(normals(12, D, 6), [3, 4, D]);
      const w = tf.tensor(normals(12, D, 7), [3, 4, D]);
      // Without the loss the gradient is exactly the upstream one (straight-through).
      const g0 = tf.grad((x: tf.Tensor) => {
        const out = rvq.quantize(x);
        return tf.sum(tf.mul(w, out.quantized));
      })(z);
      expect(maxAbsDiff(g0.dataSync(), w.dataSync())).toBe(0);
      const g = tf.grad((x: tf.Tensor) => {
        const out = rvq.quantize(x);
        return tf.add(tf.sum(tf.mul(w, out.quantized)), out.loss.total);
      })(z);
      // Commitment terms: Σᵢ β·2(rᵢ − eᵢ)/M with rᵢ − eᵢ = r_{i+1}, the next residual.
      const out = rvq.quantize(z);
      const parts = tf.unstack(out.indices, 2);
      let r = z;
      const expected = Float64Array.from(w.dataSync());
      for (let i = 0; i < 3; i++) {
        const e = store.get(`rvq.q${i}.codebook`);
        const next = tf.sub(r, tf.reshape(tf.gather(e, tf.reshape(parts[i]!, [-1])), [3, 4, D]));
        next.dataSync().forEach((v, j) => {
          expected[j]! += (0.5 * 2 * v) / (12 * D);
        });
        r = next;
      }
      expect(maxAbsDiff(g.dataSync(), expected)).toBeLessThan(1e-6);
      grads.push(g.dataSync() as Float32Array);
      store.dispose();
    }
    expect(maxAbsDiff(grads[0]!, grads[1]!)).toBeLessThan(1e-6);
  });

  it('EMA levels update without leaking tensors; bad index shapes are rejected', async () => {
    await initBackend({ backend: 'wasm' });
    const store = createParamStore();
    const rvq = createResidualQuantizer(store, 'rvq', {
      numQuantizers: 2,
      ema: true,
      quantizer: { numCodes: 8, dim: D, deadCodeThreshold: 0.5 },
      seed: 1,
    });
    const z = tf.tensor(normals(40, D, 2), [40, D]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) {
      const out = rvq.quantize(z);
      // One histogram over both levels: code c of level l at l·8 + c.
      const hist = new Array<number>(16).fill(0);
      out.indices.dataSync().forEach((c, j) => {
        hist[(j % 2) * 8 + c]! += 1;
      });
      expect([...out.counts.dataSync()]).toEqual(hist);
      rvq.update(z, out.indices);
      disposeQuantizerOutput(out);
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(store.names()).toContain('rvq.q1.ema_cluster_size');
    expect(() => rvq.update(z, tf.zeros([40], 'int32'))).toThrow(ShapeError);
    expect(() => rvq.lookup(tf.zeros([40, 3], 'int32'))).toThrow(ShapeError);
    z.dispose();
    store.dispose();
  });
});
