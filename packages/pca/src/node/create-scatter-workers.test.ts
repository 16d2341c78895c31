import { initBackend } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scatterMatrix } from '../scatter-matrix.js';
import { createScatterWorkers, type NodeScatterWorkers } from './create-scatter-workers.js';

let workers: NodeScatterWorkers;

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  workers = await createScatterWorkers({ threads: 1 });
});

afterAll(async () => {
  await workers.close();
});

function sparseRows(n: number, d: number): Float32Array {
  let s = 11;
  const data = new Float32Array(n * d);
  for (let i = 0; i < data.length; i++) {
    s = (s * 48271) % 2147483647;
    data[i] = s % 5 === 0 ? s / 2147483647 : 0;
  }
  return data;
}

describe('createScatterWorkers', () => {
  it('splitting the rows with a worker thread gives the single-thread sums', () => {
    const m = { data: sparseRows(9000, 30), rows: 9000, cols: 30 };
    const one = scatterMatrix(m, { engine: 'sparse' });
    // Twice: the second run reuses the worker's shared memory (its sums must be cleared).
    for (let rep = 0; rep < 2; rep++) {
      const two = scatterMatrix(m, { engine: 'sparse', workers });
      expect(two.engine).toBe('sparse');
      expect(Array.from(two.active)).toEqual(Array.from(one.active));
      for (let j = 0; j < 30; j++) expect(two.mean[j]).toBeCloseTo(one.mean[j] as number, 12);
      let worst = 0;
      for (let i = 0; i < one.scatter.length; i++)
        worst = Math.max(worst, Math.abs((two.scatter[i] as number) - (one.scatter[i] as number)));
      // Only the float32 partial sums are grouped differently.
      expect(worst).toBeLessThan(1e-5 * (one.scatter[0] as number));
    }
  });
});
