import {
  InvalidArgumentError,
  initBackend,
  ShapeError,
  tf,
  UnknownOptionError,
} from '@latentkit/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchIterator, indexBatches } from './batch-iterator.js';

beforeAll(async () => {
  await initBackend({ backend: 'cpu' });
});

describe('indexBatches', () => {
  it('covers every row once per epoch, in batches of batchSize with a smaller last one', () => {
    const batches = [...indexBatches(10, { batchSize: 4, seed: 1 })];
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    const seen = batches.flatMap((b) => Array.from(b)).sort((a, b) => a - b);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('drops the short last batch with dropLast', () => {
    const batches = [...indexBatches(10, { batchSize: 4, seed: 1, dropLast: true })];
    expect(batches.map((b) => b.length)).toEqual([4, 4]);
  });

  it('is seeded per epoch and can run in order', () => {
    const order = (epoch: number, seed = 3) =>
      [...indexBatches(20, { batchSize: 20, seed, epoch })][0]!;
    expect(order(0)).toEqual(order(0));
    expect(order(0)).not.toEqual(order(1));
    expect(order(0, 4)).not.toEqual(order(0, 3));
    expect(
      [...indexBatches(3, { batchSize: 2, shuffle: false })].map((b) => Array.from(b)),
    ).toEqual([[0, 1], [2]]);
  });

  it('rejects bad options', () => {
    expect(() => [...indexBatches(5, { batchSize: 0, seed: 1 })]).toThrow(InvalidArgumentError);
    expect(() => [...indexBatches(5, { batchSize: 2 })]).toThrow(/needs a seed/);
    expect(() => [...indexBatches(5, { batchSize: 2, seed: 1, droplast: true } as never)]).toThrow(
      UnknownOptionError,
    );
  });
});

describe('batchIterator', () => {
  it('keeps rows of typed-array sources aligned', () => {
    const x = Float32Array.from({ length: 7 * 3 }, (_, i) => i);
    const y = Uint8Array.from({ length: 7 }, (_, i) => i * 10);
    let total = 0;
    for (const { indices, data } of batchIterator(
      { x: { data: x, rowSize: 3 }, y },
      { batchSize: 3, seed: 9 },
    )) {
      expect(data.x).toBeInstanceOf(Float32Array);
      expect(data.y).toBeInstanceOf(Uint8Array);
      indices.forEach((row, k) => {
        expect(Array.from(data.x.subarray(k * 3, k * 3 + 3))).toEqual([
          row * 3,
          row * 3 + 1,
          row * 3 + 2,
        ]);
        expect(data.y[k]).toBe(row * 10);
      });
      total += indices.length;
    }
    expect(total).toBe(7);
  });

  it('gathers tensor rows along axis 0', () => {
    const t = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const labels = Int32Array.of(0, 1, 2);
    for (const { indices, data } of batchIterator({ t, labels }, { batchSize: 2, seed: 4 })) {
      expect(data.t.shape).toEqual([indices.length, 2]);
      const rows = data.t.arraySync() as number[][];
      indices.forEach((r, k) => {
        expect(rows[k]).toEqual([2 * r + 1, 2 * r + 2]);
      });
      expect(Array.from(data.labels)).toEqual(Array.from(indices));
      data.t.dispose();
    }
    t.dispose();
  });

  it('rejects sources of different lengths or bad shapes', () => {
    expect(() => [
      ...batchIterator({ a: new Uint8Array(3), b: new Uint8Array(4) }, { batchSize: 2, seed: 1 }),
    ]).toThrow(ShapeError);
    expect(() => [
      ...batchIterator({ a: { data: new Uint8Array(7), rowSize: 2 } }, { batchSize: 2, seed: 1 }),
    ]).toThrow(ShapeError);
    expect(() => [...batchIterator({ a: [1, 2] as never }, { batchSize: 2, seed: 1 })]).toThrow(
      InvalidArgumentError,
    );
  });
});
