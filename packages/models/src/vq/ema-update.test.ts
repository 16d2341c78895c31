import { InvalidArgumentError } from '@latentkit/core';
import { describe, expect, it } from 'vitest';
import { emaUpdate } from './ema-update.js';

const base = { numCodes: 3, dim: 2, decay: 0.5, epsilon: 0.1, threshold: 0, resetSize: 1, seed: 1 };

describe('emaUpdate', () => {
  it('equals the update worked by hand on a tiny example (counts, sums, Laplace smoothing)', () => {
    const state = {
      clusterSize: Float32Array.from([1, 1, 1]),
      embedSum: Float32Array.from([0, 0, 1, 1, 2, 2]),
    };
    // Rows (1, 0) and (3, 2) go to code 0, row (5, 5) to code 2, none to code 1.
    const z = [1, 0, 3, 2, 5, 5];
    const { state: next, restarted } = emaUpdate(state, z, [0, 0, 2], base);
    // N = 0.5·1 + 0.5·(2, 0, 1) = (1.5, 0.5, 1); Σ N = 3.
    expect([...next.clusterSize]).toEqual([1.5, 0.5, 1]);
    // m₀ = 0.5·(0, 0) + 0.5·(4, 2) = (2, 1); m₁ = 0.5·(1, 1); m₂ = 0.5·(2, 2) + 0.5·(5, 5).
    expect([...next.embedSum]).toEqual([2, 1, 0.5, 0.5, 3.5, 3.5]);
    // Ñ = (N + 0.1) / (3 + 0.3) · 3.
    const smooth = [1.5, 0.5, 1].map((n) => ((n + 0.1) / 3.3) * 3);
    const want = [2, 1, 0.5, 0.5, 3.5, 3.5].map((m, i) => Math.fround(m / smooth[i >> 1]!));
    expect([...next.codebook]).toEqual(want);
    expect(restarted).toEqual([]);
    // The input state is not modified.
    expect([...state.clusterSize]).toEqual([1, 1, 1]);
  });

  it('restarts codes below the threshold on distinct batch rows, seeded', () => {
    const state = { clusterSize: new Float32Array(4).fill(1), embedSum: new Float32Array(8) };
    const z = [10, 11, 20, 21, 30, 31, 40, 41, 50, 51];
    const settings = { ...base, numCodes: 4, threshold: 0.8, resetSize: 2 };
    // Codes 1 and 3 get no rows: N = 0.5 < 0.8; codes 0 and 2 get 2 and 3 rows.
    const a = emaUpdate(state, z, [0, 2, 0, 2, 2], settings);
    expect(a.restarted).toEqual([1, 3]);
    const rows = [0, 1, 2, 3, 4].map((i) => `${z[2 * i]},${z[2 * i + 1]}`);
    const used = a.restarted.map(
      (c) => `${a.state.codebook[2 * c]},${a.state.codebook[2 * c + 1]}`,
    );
    for (const r of used) expect(rows).toContain(r);
    expect(new Set(used).size).toBe(2);
    for (const c of a.restarted) {
      expect(a.state.clusterSize[c]).toBe(2);
      expect(a.state.embedSum[2 * c]).toBe(2 * a.state.codebook[2 * c]!);
    }
    // Same seed, same restarts; live codes untouched by the restart.
    const b = emaUpdate(state, z, [0, 2, 0, 2, 2], settings);
    expect([...b.state.codebook]).toEqual([...a.state.codebook]);
    expect(a.state.clusterSize[0]).toBeCloseTo(1.5, 6);
  });

  it('draws nothing when no code is dead, and rejects indices outside [0, K)', () => {
    const state = { clusterSize: new Float32Array(3).fill(1), embedSum: new Float32Array(6) };
    const settings = { ...base, threshold: 0.1 };
    const a = emaUpdate(state, [1, 2, 3, 4], [0, 1], { ...settings, seed: 1 });
    const b = emaUpdate(state, [1, 2, 3, 4], [0, 1], { ...settings, seed: 2 });
    expect([...a.state.codebook]).toEqual([...b.state.codebook]);
    expect(() => emaUpdate(state, [1, 2], [3], base)).toThrow(InvalidArgumentError);
    expect(() => emaUpdate(state, [1, 2], [-1], base)).toThrow(InvalidArgumentError);
  });
});
