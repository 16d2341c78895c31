import {
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { describe, expect, it } from 'vitest';
import { createFiniteScalarQuantizer } from './finite-scalar-quantizer.js';
import { disposeQuantizerOutput } from './quantizer.js';
import { maxAbsDiff, normals } from './vq-reference.testutil.js';

const LEVELS = [3, 4, 5];
const D = LEVELS.length;

/** Float64 reference of FSQ's bound for dimension i (Mentzer et al. 2023, eq. 1 and code). */
function bound(x: number, l: number): number {
  const half = ((l - 1) * 1.001) / 2;
  const offset = l % 2 === 0 ? 0.5 : 0;
  return Math.tanh(x + Math.atanh(offset / half)) * half - offset;
}

describe.each(['cpu', 'wasm'] as const)('finiteScalarQuantizer on %s', (backend) => {
  it('rounds each dimension to its levels, with the straight-through gradient', async () => {
    await initBackend({ backend });
    const fsq = createFiniteScalarQuantizer({ levels: LEVELS });
    expect(fsq.numCodes).toBe(60);
    const n = 200;
    const zData = normals(n, D, 1, 2);
    const wData = normals(n, D, 2);
    const z = tf.tensor2d(zData, [n, D]);
    const w = tf.tensor2d(wData, [n, D]);
    const out = fsq.quantize(z);
    const q = out.quantized.dataSync();
    const expectedGrad: number[] = [];
    let checked = 0;
    for (let j = 0; j < n * D; j++) {
      const l = LEVELS[j % D]!;
      const width = Math.floor(l / 2);
      const b = bound(zData[j]!, l);
      const allowed = Array.from({ length: l }, (_, v) => (v - width) / width);
      expect(allowed.some((a) => Math.abs(a - q[j]!) < 1e-6)).toBe(true);
      if (Math.abs(Math.abs(b - Math.trunc(b)) - 0.5) > 1e-4) {
        expect(q[j]).toBeCloseTo(Math.round(b) / width, 6);
        checked++;
      }
      const half = ((l - 1) * 1.001) / 2;
      const t = Math.tanh(zData[j]! + Math.atanh((l % 2 === 0 ? 0.5 : 0) / half));
      expectedGrad.push((wData[j]! * (1 - t * t) * half) / width);
    }
    expect(checked).toBeGreaterThan(n * D - 5);
    // The returned indices are those of the returned codes.
    const idx = fsq.codesToIndices(out.quantized);
    expect([...idx.dataSync()]).toEqual([...out.indices.dataSync()]);
    for (const v of [out.loss.codebook, out.loss.commitment, out.loss.total])
      expect(v.dataSync()[0]).toBe(0);
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(w, fsq.quantize(x).quantized)))(z);
    expect(maxAbsDiff(g.dataSync(), expectedGrad)).toBeLessThan(1e-5);
    tf.dispose([z, w, idx, g]);
    disposeQuantizerOutput(out);
  });

  it('its implicit index ↔ code mapping round-trips over the whole grid', async () => {
    await initBackend({ backend });
    const fsq = createFiniteScalarQuantizer({ levels: LEVELS });
    const all = tf.range(0, 60, 1, 'int32');
    const codes = fsq.indicesToCodes(all);
    expect(codes.shape).toEqual([60, D]);
    const back = fsq.codesToIndices(codes);
    expect([...back.dataSync()]).toEqual(Array.from({ length: 60 }, (_, i) => i));
    // Index = Σ digitᵢ·∏ⱼ<ᵢ Lⱼ: index 1 moves dimension 0 one level up from the lowest code.
    const rows = codes.arraySync() as number[][];
    expect(rows[0]).toEqual([-1, -1, -1]);
    expect(rows[1]).toEqual([0, -1, -1]);
    expect(rows[3]).toEqual([-1, -0.5, -1]);
    expect(new Set(rows.map((r) => r.join())).size).toBe(60);
    // Quantizing a code gives back the code.
    const atanhCodes = tf.tidy(() => {
      const c = codes.arraySync() as number[][];
      return tf.tensor2d(
        c.map((r) =>
          r.map((v, i) => {
            const l = LEVELS[i]!;
            const half = ((l - 1) * 1.001) / 2;
            const offset = l % 2 === 0 ? 0.5 : 0;
            return Math.atanh((v * Math.floor(l / 2) + offset) / half) - Math.atanh(offset / half);
          }),
        ),
      );
    });
    const out = fsq.quantize(atanhCodes);
    expect([...out.indices.dataSync()]).toEqual(Array.from({ length: 60 }, (_, i) => i));
    expect(out.perplexity.dataSync()[0]).toBeCloseTo(60, 3);
    expect(out.usage.dataSync()[0]).toBe(1);
    disposeQuantizerOutput(out);
    tf.dispose([all, codes, back, atanhCodes]);
  });

  it('leaks nothing and rejects bad options and shapes', async () => {
    await initBackend({ backend });
    const fsq = createFiniteScalarQuantizer({ levels: LEVELS });
    const z = tf.tensor(normals(24, D, 3), [2, 4, 3, D]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) disposeQuantizerOutput(fsq.quantize(z));
    expect(tf.memory().numTensors).toBe(before);
    expect(() => fsq.quantize(tf.zeros([4, D + 1]))).toThrow(ShapeError);
    expect(() => fsq.indicesToCodes(tf.tensor1d([60], 'int32'))).toThrow(InvalidArgumentError);
    expect(() => createFiniteScalarQuantizer({ levels: [1, 3] })).toThrow(InvalidArgumentError);
    expect(() => createFiniteScalarQuantizer({ levels: [2.5] })).toThrow(InvalidArgumentError);
    expect(() => createFiniteScalarQuantizer({ levels: [] })).toThrow(InvalidArgumentError);
    expect(() => createFiniteScalarQuantizer({ levels: Array(21).fill(2) })).toThrow(
      InvalidArgumentError,
    );
    expect(() => createFiniteScalarQuantizer({ levels: [3], lvls: 1 } as never)).toThrow(
      UnknownOptionError,
    );
    z.dispose();
  });
});
