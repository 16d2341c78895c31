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
