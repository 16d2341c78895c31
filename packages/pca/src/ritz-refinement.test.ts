import { createRng } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { refineOnData } from './ritz-refinement.js';

describe('refineOnData', () => {
  // Rows (±a, 0, 0), (0, ±b, 0), (0, 0, ±c) around a mean of (5, −3, 7): the sample covariance is
  // diagonal with variances 2a²/5, 2b²/5, 2c²/5 (six rows, N − 1 = 5).
  const a = 3;
  const b = 1e-4;
  const c = 2e-6;
  const mean = Float64Array.from([5, -3, 7]);
  const rows = [
    [a, 0, 0],
    [-a, 0, 0],
    [0, b, 0],
    [0, -b, 0],
    [0, 0, c],
    [0, 0, -c],
  ];
  const data = Float64Array.from(rows.flatMap((r) => r.map((v, j) => v + (mean[j] as number))));
  const m = { data, rows: 6, cols: 3 };
  const active = Int32Array.from([0, 1, 2]);

  it('undoes any rotation inside the given directions (where Rayleigh quotients mix)', () => {
    // e2 and e3 rotated by 30°: each vector's own Rayleigh quotient mixes b's and c's variance
    // (0.75·4e-9 + 0.25·1.6e-12); Rayleigh–Ritz on the pair recovers both.
    const co = Math.cos(Math.PI / 6);
    const si = Math.sin(Math.PI / 6);
    const v = Float64Array.from([0, co, si, 0, -si, co]);
    const out = refineOnData(m, mean, active, v, 2);
    const want = [(2 * b * b) / 5, (2 * c * c) / 5];
    expect(Math.abs((out.values[0] as number) / (want[0] as number) - 1)).toBeLessThan(1e-9);
    expect(Math.abs((out.values[1] as number) / (want[1] as number) - 1)).toBeLessThan(1e-6);
    // The rotated rows are ±e2 and ±e3 again.
    expect(Math.abs(out.vectors[1] as number)).toBeCloseTo(1, 9);
    expect(Math.abs(out.vectors[5] as number)).toBeCloseTo(1, 9);
  });

  it('a direction tilted by t towards a large one gains only t² of its variance', () => {
    const t = 1e-7;
    const norm = Math.hypot(t, 1);
    const v = Float64Array.from([t / norm, 1 / norm, 0]);
    const out = refineOnData(m, mean, active, v, 1);
    const extra = (out.values[0] as number) - (2 * b * b) / 5;
    expect(extra).toBeGreaterThan(0);
    expect(extra).toBeLessThan(1.01 * t * t * ((2 * a * a) / 5));
  });

  it('returns exact variances for exact directions, however small', () => {
    const v = Float64Array.from([0, 1, 0, 0, 0, 1]);
    const out = refineOnData(m, mean, active, v, 2);
    // Limited only by the rounding of the stored rows (|x| ≈ 7, so ~1e-15 absolute).
    expect(Math.abs((out.values[0] as number) / ((2 * b * b) / 5) - 1)).toBeLessThan(1e-10);
    expect(Math.abs((out.values[1] as number) / ((2 * c * c) / 5) - 1)).toBeLessThan(1e-8);
  });
});

describe('refineOnData on float32 data (wasm projection kernel)', () => {
  // Shapes with tails: d not a multiple of 4, odd row counts (the kernel pairs rows), t not a
  // multiple of 4 (it takes directions four at a time), a constant (inactive) column 1.
  const shapes: [number, number, number][] = [
    [2, 3, 1],
    [7, 5, 2],
    [300, 13, 5],
    [1025, 130, 9],
  ];
  for (const [n, d, t] of shapes)
    it(`variances match a float64 sum on ${n} × ${d} with ${t} directions`, () => {
      const rng = createRng(n * 31 + d);
      const data = new Float32Array(n * d);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++)
          data[i * d + j] = j === 1 ? 2.5 : rng.normal() * (1 + j) + 10 * j + (i === 0 ? 1e3 : 0);
      const mean = new Float64Array(d);
      for (let i = 0; i < n; i++)
        for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number) / n;
      mean[1] = 2.5;
      const active = Int32Array.from({ length: d - 1 }, (_, p) => (p < 1 ? p : p + 1));
      const a = active.length;
      // Orthonormal directions (Gram–Schmidt on Gaussian vectors).
      const v = new Float64Array(t * a);
      for (let r = 0; r < t; r++) {
        for (let p = 0; p < a; p++) v[r * a + p] = rng.normal();
        for (let q = 0; q < r; q++) {
          let dot = 0;
          for (let p = 0; p < a; p++) dot += (v[r * a + p] as number) * (v[q * a + p] as number);
          for (let p = 0; p < a; p++)
            v[r * a + p] = (v[r * a + p] as number) - dot * (v[q * a + p] as number);
        }
        let norm = 0;
        for (let p = 0; p < a; p++) norm += (v[r * a + p] as number) ** 2;
        for (let p = 0; p < a; p++) v[r * a + p] = (v[r * a + p] as number) / Math.sqrt(norm);
      }
      // Reference: the trace of V·Cov·Vᵀ (= the sum of the Ritz values), summed row by row.
      let trace = 0;
      for (let i = 0; i < n; i++)
        for (let r = 0; r < t; r++) {
          let y = 0;
          for (let p = 0; p < a; p++) {
            const j = active[p] as number;
            y += (v[r * a + p] as number) * ((data[i * d + j] as number) - (mean[j] as number));
          }
          trace += (y * y) / Math.max(1, n - 1);
        }
      const out = refineOnData({ data, rows: n, cols: d }, mean, active, v, t);
      const sum = Array.from(out.values).reduce((x, y) => x + y, 0);
      expect(Math.abs(sum - trace)).toBeLessThan(1e-12 * Math.max(trace, 1e-300) + 1e-300);
      // The same values as the float64 JavaScript path on the same (exactly widened) data.
      const js = refineOnData(
        { data: Float64Array.from(data), rows: n, cols: d },
        mean,
        active,
        v,
        t,
      );
      for (let r = 0; r < t; r++)
        expect(Math.abs((out.values[r] as number) - (js.values[r] as number))).toBeLessThan(
          1e-12 * (js.values[0] as number) + 1e-300,
        );
    });
});
