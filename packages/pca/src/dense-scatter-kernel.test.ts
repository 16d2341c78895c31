import { createRng, initBackend } from '@latentkit/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DenseMatrix } from './dense-matrix.js';
import { createScatterWorkers, type NodeScatterWorkers } from './node/create-scatter-workers.js';
import { scatterMatrix } from './scatter-matrix.js';

let workers: NodeScatterWorkers;

beforeAll(async () => {
  await initBackend({ backend: 'wasm' });
  workers = await createScatterWorkers({ threads: 1 });
});

afterAll(async () => {
  await workers.close();
});

/**
 * Dense float32 rows: correlated columns (a shared factor), per-column offsets (column 1: 1e3
 * with spread 1), a constant column (2) and heavy tails (a few entries × 1e3).
 */
function denseData(n: number, d: number, seed: number): DenseMatrix {
  const rng = createRng(seed);
  const loadings = Array.from({ length: d }, () => rng.normal());
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const f = rng.normal();
    for (let j = 0; j < d; j++) {
      let v = (loadings[j] as number) * f + rng.normal() * (1 + j / d) + j / 7;
      if (j === 1) v += 1e3;
      if (rng.next() < 0.001) v *= 1e3;
      if (j === 2) v = 0.3;
      data[i * d + j] = v;
    }
  }
  return { data, rows: n, cols: d };
}

/** Float64 two-pass reference over all columns. */
function reference(m: DenseMatrix): { mean: Float64Array; S: Float64Array } {
  const { data, rows: n, cols: d } = m;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number) / n;
  const S = new Float64Array(d * d);
  const x = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let p = 0; p < d; p++) {
      const xp = x[p] as number;
      for (let q = 0; q <= p; q++) S[p * d + q] = (S[p * d + q] as number) + xp * (x[q] as number);
    }
  }
  return { mean, S };
}

describe("scatterMatrix engine 'dense'", () => {
  // Shapes with tails: d not a multiple of 4 or 8 (odd last chunk, single diagonal tile), row
  // counts not multiples of the 64-row block, and one big enough to be split with a worker.
  const shapes: [number, number][] = [
    [1, 5],
    [67, 3],
    [130, 12],
    [4099, 37],
    [5000, 64],
    [1500, 130],
  ];
  for (const [n, d] of shapes)
    for (const threads of [1, 2])
      it(`matches a float64 reference on ${n} × ${d} (${threads} thread${threads > 1 ? 's' : ''})`, () => {
        const m = denseData(n, d, n + d);
        const ref = reference(m);
        const got = scatterMatrix(m, {
          engine: 'dense',
          ...(threads > 1 ? { workers } : {}),
        });
        if (n === 1) {
          // One row: every column is constant.
          expect(got.active.length).toBe(0);
          return;
        }
        expect(got.engine).toBe('dense');
        // Column 2 is constant; every other column varies.
        const want = Array.from({ length: d }, (_, j) => j).filter((j) => j !== 2);
        expect(Array.from(got.active)).toEqual(want);
        expect(got.mean[2]).toBe(Math.fround(0.3));
        // The means come from float64 sums of the shifted float32 values x − c.
        for (let j = 0; j < d; j++) {
          const spread = Math.sqrt((ref.S[j * d + j] as number) / n);
          expect(Math.abs((got.mean[j] as number) - (ref.mean[j] as number))).toBeLessThan(
            1e-7 * (spread + Math.abs(ref.mean[j] as number)),
          );
        }
        const a = got.active.length;
        let worst = 0;
        for (let p = 0; p < a; p++)
          for (let q = 0; q <= p; q++) {
            const jp = got.active[p] as number;
            const jq = got.active[q] as number;
            const scale = Math.sqrt(
              (ref.S[jp * d + jp] as number) * (ref.S[jq * d + jq] as number),
            );
            const err = Math.abs(
              (got.scatter[p * a + q] as number) - (ref.S[jp * d + jq] as number),
            );
            worst = Math.max(worst, err / scale);
            expect(got.scatter[q * a + p]).toBe(got.scatter[p * a + q]);
          }
        // Float32 products summed over ≤ 64 rows, then float64: ~1e-7 of the diagonal scale.
        expect(worst).toBeLessThan(2e-6);
        expect(worst).toBeGreaterThan(0);
      });

  it("'auto' chooses the dense kernel for dense rows and the sparse one for sparse rows", () => {
    const dense = denseData(2000, 120, 3);
    expect(scatterMatrix(dense).engine).toBe('dense');
    const sparse = { data: dense.data.map((v, i) => (i % 7 === 0 ? v : 0)), rows: 2000, cols: 120 };
    expect(scatterMatrix(sparse).engine).toBe('sparse');
  });

  it('reuses a worker memory without leaking the previous sums', () => {
    const m = denseData(9000, 30, 5);
    const one = scatterMatrix(m, { engine: 'dense' });
    for (let rep = 0; rep < 2; rep++) {
      const two = scatterMatrix(m, { engine: 'dense', workers });
      let worst = 0;
      for (let i = 0; i < one.scatter.length; i++)
        worst = Math.max(worst, Math.abs((two.scatter[i] as number) - (one.scatter[i] as number)));
      expect(worst).toBeLessThan(1e-5 * (one.scatter[0] as number));
    }
  });
});
